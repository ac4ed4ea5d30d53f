"""The six languages in the URL (/fr/pledges/; English without a prefix), the visitor's
preference kept in a cookie, and a first visit sent to the language its browser asks for.

Pages in English keep their old, unprefixed URLs; the other languages are prefixed. Data that
calendars, feed readers and scripts subscribe to (.ics, .csv, .json, .pdf, feeds) is served at
every URL as it is, never redirected."""


from django.conf import settings
from django.db.models import F, TextField, Value
from django.db.models.functions import Coalesce, NullIf
from django.http import HttpResponseRedirect
from django.urls import translate_url
from django.utils import dateformat, translation
from django.utils.timezone import template_localtime
from django.utils.translation import get_language_from_path
from modeltranslation.utils import build_localized_fieldname

# Paths that are data or machinery, never redirected to a language.
NOT_PAGES = ("/admin/", "/static/", "/media/", "/language/", "/i18n/", "/healthz", "/robots.txt", "/api/")
DATA_SUFFIXES = (".ics", ".csv", ".json", ".pdf", ".xml", ".txt", "/feed/", "/logo/", "/attachment/")


def path_language(path):
    """The language a path is in: its prefix, or English."""
    return get_language_from_path(path) or settings.LANGUAGE_CODE


def is_page(request):
    path = request.path_info
    return (
        request.method in ("GET", "HEAD")
        and not path.startswith(NOT_PAGES)
        and not path.endswith(DATA_SUFFIXES)
        and "text/html" in request.headers.get("Accept", "")
    )


def in_language(path, code):
    """The same page in another language (its path with the query string kept)."""
    return translate_url(path, code)


def chosen_language(request):
    """The language the visitor chose (the cookie), else the one its browser prefers."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen in dict(settings.LANGUAGES):
        return chosen
    return translation.get_language_from_request(request, check_path=False)


class PreferredLanguageMiddleware:
    """An English (unprefixed) page asked for by a visitor whose language is another goes to that
    language's URL. Before the page cache: the cache keys a page by its path, which holds the
    language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_page(request) and get_language_from_path(request.path_info) is None:
            wanted = chosen_language(request)
            if wanted != settings.LANGUAGE_CODE:
                target = in_language(request.path_info, wanted)
                if target != request.path_info:
                    query = request.GET.urlencode()
                    response = HttpResponseRedirect(f"{target}?{query}" if query else target)
                    response["Vary"] = "Accept-Language, Cookie"
                    return response
        return self.get_response(request)


def remember(response, code):
    """Keep the visitor's choice of language in its cookie."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response




def translated(field):
    """A query expression for a translated field (django-modeltranslation's columns) in the active
    language, English where that language has none: for querysets that read values, not models."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    english = F(build_localized_fieldname(field, settings.LANGUAGE_CODE))
    if language == settings.LANGUAGE_CODE:
        return english
    # As text: modeltranslation's column types count as mixed to Django, which then cannot select it.
    return Coalesce(
        NullIf(F(build_localized_fieldname(field, language)), Value(""), output_field=TextField()),
        english,
        output_field=TextField(),
    )


# A day with its weekday, as each language writes it ("Monday 6 May 2030", "2030年5月6日星期一").
LONG_DATE = {
    "en": "l j F Y",
    "fr": "l j F Y",
    "es": r"l j \d\e F \d\e Y",
    "ru": "l, j E Y",
    "ar": "l j F Y",
    "zh-hans": "Y年n月j日l",
}


def long_date(value):
    """The day with its weekday in the page's language."""
    if not value:
        return ""
    return dateformat.format(value, LONG_DATE.get(translation.get_language(), LONG_DATE["en"]))


def long_datetime(value):
    """The day with its weekday and the time, in the page's language (in the current time zone)."""
    if not value:
        return ""
    value = template_localtime(value)
    return f"{long_date(value)}, {dateformat.format(value, 'H:i')}"
