"""The header, the footer and the language alternates of every page, made once and reused.

Rendered by the template engine on every request, the header and footer took a third of a simple
page's time: thirty URL reversals, the six languages' links twice over, each page's address
translated into six languages. Yet they depend on little: the language, whether the visitor is
signed in, which part of the site the page is in, and, for the language links alone, the page's
address. So the markup is rendered once per language and part of the site (a few hundred
variants) and kept in each process, and the links that carry the address are joined in with
plain string formatting; the address's alternates are translated once per address.
"""

from functools import cached_property, lru_cache
from urllib.parse import quote

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from core.languages import in_language

SITE_NAME = _("IMRF Stakeholder Portal")
# Where the links that depend on the page's address go in the cached markup.
LANGUAGE_LINKS = "\x00language-links\x00"
ACCOUNT_PAGES = ("portal:dashboard", "account_login", "account_signup")
# The main navigation's entries, by the apps (namespaces) and pages (namespace:name) they cover.
NAVIGATION = {
    "forums": ("forums", "side_events", "summaries", "portal:programme", "portal:session", "portal:forum"),
    "objectives": ("portal:objectives", "portal:objective"),
    "organizations": ("stakeholders:directory", "portal:organization"),
    "pledges": ("pledges",),
    "practices": ("practices", "portal:practice"),
    "member_states": ("portal:member_states", "portal:member_state"),
}


def alternates(full_path):
    """This page in each language, query string kept: ((code, path), ...). The path is translated
    once (translate_url keeps the query string as it is): a search or filter nobody asked for
    before costs no URL resolution."""
    path, mark, query = full_path.partition("?")
    return tuple((code, f"{translated}{mark}{query}" if query else translated) for code, translated in _alternates(path))


@lru_cache(maxsize=8192)
def _alternates(path):
    return tuple((code, in_language(path, code)) for code, _name in settings.LANGUAGES)


@lru_cache(maxsize=1)
def languages():
    """(code, name in itself, bidi, the address that switches to it) for the six languages."""
    found = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        name = info["name_local"]
        found.append((code, name[:1].upper() + name[1:], info["bidi"], reverse("switch_language", args=[code])))
    return tuple(found)


def language_links(full_path, current):
    """The list of links to this page in another language (through the switch, which keeps the
    choice), as the header and the footer show it."""
    back = quote(full_path, safe="/")
    current_mark = ' aria-current="true"'
    items = "".join(
        f'<li><a href="{switch}?next={back}" lang="{code}" hreflang="{code}" dir="{"rtl" if bidi else "ltr"}"'
        f'{current_mark if code == current else ""}>{escape(name)}</a></li>'
        for code, name, bidi, switch in languages()
    )
    return f"<ul>{items}</ul>"


def current_entry(namespace, url_name):
    """The main navigation's entry this page belongs to ("" for none)."""
    for entry, places in NAVIGATION.items():
        if namespace in places or f"{namespace}:{url_name}" in places:
            return entry
    return ""


@lru_cache(maxsize=512)
def _header(language, authenticated, current, account_page):
    with translation.override(language):
        return render_to_string(
            "_site_header.html",
            {
                "authenticated": authenticated,
                "current": current,
                "account_page": account_page,
                "language_links": LANGUAGE_LINKS,
                "site_name": SITE_NAME,
            },
        ).strip().split(LANGUAGE_LINKS)


@lru_cache(maxsize=8)
def _footer(language):
    with translation.override(language):
        return render_to_string("_site_footer.html", {"language_links": LANGUAGE_LINKS}).strip().split(LANGUAGE_LINKS)


@lru_cache(maxsize=64)
def _account_urls(language):
    with translation.override(language):
        return {reverse(name): name for name in ACCOUNT_PAGES}


class Chrome:
    """What base.html prints around a page; each part made when the template asks for it."""

    def __init__(self, request):
        self.request = request
        self.language = translation.get_language()
        match = getattr(request, "resolver_match", None)
        self.current = current_entry(match.namespace, match.url_name) if match else ""

    @cached_property
    def full_path(self):
        return self.request.get_full_path()

    @cached_property
    def _links(self):
        return language_links(self.full_path, self.language)

    @cached_property
    def header(self):
        user = getattr(self.request, "user", None)
        account_page = _account_urls(self.language).get(self.request.path, "")
        before, after = _header(self.language, bool(user and user.is_authenticated), self.current, account_page)
        return mark_safe(before + self._links + after)  # noqa: S308 - our template's output and escaped names

    @cached_property
    def footer(self):
        before, after = _footer(self.language)
        return mark_safe(before + self._links + after)  # noqa: S308

    @cached_property
    def alternate_links(self):
        """<link rel="alternate" hreflang> for each language and x-default (English)."""
        site = settings.SITE_URL
        links = [
            f'<link rel="alternate" hreflang="{code}" href="{escape(site + path)}">'
            for code, path in alternates(self.full_path)
        ]
        english = dict(alternates(self.full_path))[settings.LANGUAGE_CODE]
        links.append(f'<link rel="alternate" hreflang="x-default" href="{escape(site + english)}">')
        return mark_safe("\n  ".join(links))  # noqa: S308
