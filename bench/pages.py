"""Where a page's server time goes (not a test): every public page and the signed-in ones, with
production settings and the page cache off, in-process through Django's test client.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/imrf_load REDIS_URL=redis://127.0.0.1:6379/9 \
        .venv/bin/python bench/pages.py [--requests 200] [--only pledge] [--profile pledge]

Uses the database `bench/load.sh` seeds (100,000 pledges). For each page: the median and p95 of
this process's CPU time per request (what a busy machine does not inflate), the trivial view's
CPU over it (an estimate of bench/load.sh's ratio), its wall time, the queries, and cProfile's
self time grouped by where it is spent: template rendering, the ORM
turning rows into objects, the database driver, the middleware, translation, the URL resolver
and everything else (views, services, the portal's own markup). `--profile NAME` prints
pyinstrument's tree of one page instead. `--fresh` measures the pledge page as a crawler meets
it: every request another published pledge (a random sample, another one each run), so that its
body is made afresh each time (the reference tables warm, as in a running worker);
`--profile fresh` profiles the same.
"""

import argparse
import cProfile
import os
import pstats
import random
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "imrf_portal.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-0123")
os.environ.setdefault("PAGE_CACHE_SECONDS", "0")
# bench/load.sh collects the static files there (production serves them by their hashed names).
os.environ.setdefault("STATIC_ROOT", "/tmp/imrf-load-static")

import django

django.setup()

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from forums.enums import ForumStatus, SessionKind
from forums.models import Session
from pledges.models import Pledge
from pledges.registry import index
from stakeholders.enums import MembershipRole
from stakeholders.models import Membership, Organization

# Where self time is spent, by the file it is spent in (first match wins).
PLACES = (
    ("templates", ("django/template/", "django/templatetags/", "django/forms/renderers", "django/forms/boundfield")),
    ("ORM objects", ("django/db/models/",)),
    ("database", ("psycopg", "django/db/backends/", "django/db/utils")),
    ("translation", ("django/utils/translation/", "gettext.py")),
    ("URLs", ("django/urls/",)),
    ("middleware", ("django/middleware/", "django/contrib/sessions/", "django/contrib/auth/", "django/contrib/messages/", "csp/", "whitenoise/", "allauth/", "core/page_cache", "core/proxies", "core/control_characters", "core/languages")),
    ("cache", ("django/core/cache/", "redis/", "imrf_portal/cache")),
    ("test client", ("django/test/", "django/core/handlers/", "django/http/")),
)


def place_of(filename):
    for place, parts in PLACES:
        if any(part in filename for part in parts):
            return place
    return "Python (views, portal)"


def pages():
    # The latest public forum's first round table: its page lists the pledges and practices on
    # its objectives.
    session = (
        Session.objects.filter(forum__status__in=ForumStatus.public_states(), kind=SessionKind.ROUND_TABLE)
        .select_related("forum")
        .order_by("-forum__year", "slug")
        .first()
    )
    forum = session.forum
    reference = Pledge.objects.published().order_by("reference").values_list("reference", flat=True)[500]
    return {
        "home": "/",
        "forum": f"/forums/{forum.year}/",
        "objective": "/objectives/5/",
        "session": f"/forums/{forum.year}/sessions/{session.slug}/",
        "programme": f"/forums/{forum.year}/programme/",
        "registry": "/pledges/",
        "registry, filtered": "/pledges/?objective=5&region=Africa&q=migrant+workers",
        "pledge": f"/pledges/{reference}/",
        "dashboard": "/my/",
        "my pledges": "/pledges/my/",
    }


SIGNED_IN = {"dashboard", "my pledges"}


def bench_focal_point():
    """A focal point of a seeded organisation with its share of the pledges (about 23)."""
    user, made = get_user_model().objects.get_or_create(
        username="bench-focal-point", defaults={"email": "bench-focal-point@example.org"}
    )
    if made:
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        organization = Organization.objects.filter(slug="bench-org-1").get()
        Membership.objects.create(user=user, organization=organization, role=MembershipRole.FOCAL_POINT)
    return user


def signed_in_client():
    client = Client()
    client.force_login(bench_focal_point())
    return client


def measure(client, urls):
    cpu, wall, queries = [], [], set()
    for url in urls:
        with CaptureQueriesContext(connection) as captured:
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url, secure=True)
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries.add(len(captured))
    return cpu, wall, queries


def fresh_urls(requests):
    """`requests` distinct published pledges' addresses, another sample each run (the bodies of
    the pledges an earlier run asked for are in the cache)."""
    references = list(Pledge.objects.published().values_list("reference", flat=True))
    return [f"/pledges/{reference}/" for reference in random.SystemRandom().sample(references, requests + 1)]


def measure_fresh(client, requests):
    urls = fresh_urls(requests)
    client.get(urls[0], secure=True)  # warm the templates and the reference tables
    return measure(client, urls[1:])


def places(client, url, requests):
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(requests):
        client.get(url, secure=True)
    profile.disable()
    spent = defaultdict(float)
    for (filename, _line, _name), (_calls, _primitive, own, _cumulative, _callers) in pstats.Stats(profile).stats.items():
        spent[place_of(filename)] += own
    total = sum(spent.values())
    return {place: seconds / total for place, seconds in spent.items()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--only", action="append", help="measure only these pages")
    parser.add_argument("--profile", help="print pyinstrument's tree of this page")
    parser.add_argument("--fresh", action="store_true", help="the pledge page, another pledge on every request")
    parser.add_argument("--print-urls", action="store_true", help="print name|path|signed-in of each page (bench/load.sh)")
    parser.add_argument("--print-cookie", action="store_true", help="print the bench focal point's session cookie")
    options = parser.parse_args()
    if options.print_urls:
        for name, url in pages().items():
            print(f"{name}|{url}|{'signed-in' if name in SIGNED_IN else ''}")
        return
    if options.print_cookie:
        client = signed_in_client()
        print(f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}")
        return
    index.refresh()  # as each gunicorn worker does at start
    anonymous, member = Client(), signed_in_client()
    urls = pages()
    if options.profile == "fresh":
        from pyinstrument import Profiler

        urls = fresh_urls(options.requests)
        anonymous.get(urls[0], secure=True)
        profiler = Profiler(interval=0.0002)
        with profiler:
            for url in urls[1:]:
                anonymous.get(url, secure=True)
        print(profiler.output_text(unicode=True, color=False, show_all=False))
        return
    if options.profile:
        from pyinstrument import Profiler

        client = member if options.profile in SIGNED_IN else anonymous
        url = urls[options.profile]
        client.get(url, secure=True)
        profiler = Profiler(interval=0.0002)
        with profiler:
            for _ in range(options.requests):
                client.get(url, secure=True)
        print(profiler.output_text(unicode=True, color=False, show_all=False))
        return
    print(f"{Pledge.objects.published().count()} published pledges, {connection.vendor}; load average {os.getloadavg()[0]:.1f}")
    names = [place for place, _parts in PLACES] + ["Python (views, portal)"]
    # bench/load.sh's ceiling, in-process: the ratio of its CPU to a page's estimates the page's
    # ratio under load (wrk and gunicorn's own costs narrow the real one a little).
    anonymous.get("/robots.txt", secure=True)
    trivial = statistics.median(measure(anonymous, ["/robots.txt"] * options.requests)[0])
    print(f"trivial view (/robots.txt) CPU p50 {trivial:.2f} ms")
    if options.fresh:
        cpu, wall, queries = measure_fresh(anonymous, options.requests)
        print(
            f"pledge, fresh body: {options.requests} distinct pledges, CPU p50 {statistics.median(cpu):.1f} ms, "
            f"p95 {statistics.quantiles(cpu, n=20)[-1]:.1f} ms, wall p95 {statistics.quantiles(wall, n=20)[-1]:.1f} ms, "
            f"queries {'/'.join(map(str, sorted(queries)))}, ratio~ {trivial / statistics.median(cpu):.3f}"
        )
        return
    print(f"{'page':20} {'cpu p50':>8} {'cpu p95':>8} {'wall p95':>8} {'queries':>8} {'ratio~':>7}  " + "  ".join(f"{n[:11]:>11}" for n in names))
    for name, url in urls.items():
        if options.only and name not in options.only:
            continue
        client = member if name in SIGNED_IN else anonymous
        client.get(url, secure=True)  # warm this page's templates and caches
        cpu, wall, queries = measure(client, [url] * options.requests)
        share = places(client, url, max(20, options.requests // 4))
        print(
            f"{name:20} {statistics.median(cpu):8.1f} {statistics.quantiles(cpu, n=20)[-1]:8.1f} "
            f"{statistics.quantiles(wall, n=20)[-1]:8.1f} {'/'.join(map(str, sorted(queries))):>8} "
            f"{trivial / statistics.median(cpu):7.3f}  "
            + "  ".join(f"{share.get(n, 0):11.0%}" for n in names)
        )


if __name__ == "__main__":
    main()
