from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from core.languages import in_language


def portal(request):
    return {"site_name": _("IMRF Stakeholder Portal"), "site_url": settings.SITE_URL}


def languages(request):
    """This page in every language (for hreflang and the language links), and which part of the
    site it belongs to (for the main navigation's aria-current)."""
    path = request.get_full_path()
    alternates = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        name = info["name_local"]
        alternates.append(
            {"code": code, "name": name[:1].upper() + name[1:], "bidi": info["bidi"], "url": in_language(path, code)}
        )
    match = getattr(request, "resolver_match", None)
    return {
        "alternates": alternates,
        "default_url": in_language(path, settings.LANGUAGE_CODE),
        "section": f"{match.namespace}:{match.url_name}" if match else "",
        "section_app": match.namespace if match else "",
    }
