import redis
from django.conf import settings
from django.db import connection
from django.http import (
    Http404,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    JsonResponse,
)
from django.templatetags.static import static
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core import ratelimit
from core.accounts import remember_for_account
from core.languages import in_language, remember


def _database_status():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any failure means "down"; the class name says which
        return False, f"down: {exc.__class__.__name__}"
    return True, "ok"


def _broker_status():
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return True, "eager: tasks run in the web process, no broker configured"
    try:
        client = redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_connect_timeout=1, socket_timeout=1)
        client.ping()
    except redis.RedisError as exc:
        return False, f"down: {exc.__class__.__name__}"
    return True, "ok"


def _cache_status():
    location = settings.CACHES["default"].get("LOCATION", "")
    if not str(location).startswith(("redis://", "rediss://")):
        return True, "in memory: each process has its own (embedded mode)"
    try:
        client = redis.Redis.from_url(location, socket_connect_timeout=1, socket_timeout=1)
        client.ping()
    except redis.RedisError as exc:
        return False, f"down: {exc.__class__.__name__}"
    return True, "ok"


@never_cache
@require_safe
def healthz(request):
    """503 when the database or the broker is down (the portal cannot do its work); 200 but
    "degraded" when only the cache is: pages render without it, and rate limits count in the
    database meanwhile (core.ratelimit), which "rate_limits" says."""
    database_ok, database = _database_status()
    broker_ok, broker = _broker_status()
    cache_ok, cache = _cache_status()
    rate_limits = ratelimit.state()
    if not (database_ok and broker_ok):
        status = "unavailable"
    else:
        status = "ok" if cache_ok else "degraded"
    return JsonResponse(
        {"status": status, "database": database, "broker": broker, "cache": cache, "rate_limits": rate_limits},
        status=503 if status == "unavailable" else 200,
    )


@require_safe
def robots_txt(request):
    """Crawlers may read everything public; the signed-in area and the admin are not for them.
    Also the lightest page of the stack, which the load benchmark uses as its ceiling."""
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /my/", "Disallow: /accounts/", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request):
    """Browsers and crawlers ask for /favicon.ico whatever a page's <link rel="icon"> says."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


@require_safe
def switch_language(request, code):
    """Remember the visitor's language in a cookie and go to the same page in that language. A
    link rather than Django's POST form, so that public pages carry no CSRF token and can be
    cached whole; the worst a forged link can do is change someone's language."""
    if code not in dict(settings.LANGUAGES):
        raise Http404
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    if request.user.is_authenticated:
        remember_for_account(request.user, code)
    return remember(HttpResponseRedirect(in_language(target, code)), code)
