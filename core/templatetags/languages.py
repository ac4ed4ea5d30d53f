"""Content that staff write is given per language; where a language has none, the page shows the
English and says so (lang="en") for screen readers and translation tools."""

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import format_html, linebreaks
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from modeltranslation.utils import build_localized_fieldname

from core.headings import relevel
from core.languages import long_date, long_datetime
from core.rich_text import render as render_rich_text

register = template.Library()


def falls_back(obj, field):
    language = translation.get_language() or settings.LANGUAGE_CODE
    if language == settings.LANGUAGE_CODE:
        return False
    own = getattr(obj, build_localized_fieldname(field, language), None)
    return not own and bool(getattr(obj, build_localized_fieldname(field, settings.LANGUAGE_CODE), None))


@register.simple_tag
def text(obj, field, paragraphs=False):
    """The field in the page's language, else in English inside an element marked lang="en".
    `paragraphs`: plain text with its line breaks as paragraphs."""
    value = getattr(obj, field) or ""
    if paragraphs:
        html = linebreaks(value, autoescape=True)
        return format_html('<div lang="en">{}</div>', html) if falls_back(obj, field) else mark_safe(html)  # noqa: S308 - escaped by linebreaks
    return format_html('<span lang="en">{}</span>', value) if falls_back(obj, field) else value


@register.simple_tag
def rich_text(obj, field, under=None):
    """Rich text staff wrote (Markdown, or HTML before it), rendered and sanitised, marked lang="en"
    when it falls back; `under`: the level of the page's heading it sits under, so its headings
    never skip one."""
    value = render_rich_text(getattr(obj, field) or "")
    if under is not None:
        value = relevel(value, under)
    value = mark_safe(value)  # noqa: S308 - sanitised with nh3 just above, renumbered only
    return format_html('<div lang="en">{}</div>', value) if falls_back(obj, field) else value


@register.filter(name="long_date")
def long_date_filter(value):
    """The day with its weekday in the page's language."""
    return long_date(value)


@register.filter(name="long_datetime")
def long_datetime_filter(value):
    """The day with its weekday and the time, in the page's language and the current time zone."""
    return long_datetime(value)


@register.simple_tag
def time_range(start, end, machine=True):
    """"10:00–13:00" in the current time zone, read left to right in every language (an Arabic
    page would otherwise show it as 13:00–10:00). `machine`: with <time> elements."""
    start, end = template_localtime(start), template_localtime(end)
    if not machine:
        return format_html("\u2066{}–{}\u2069", start.strftime("%H:%M"), end.strftime("%H:%M"))
    return format_html(
        '<bdi dir="ltr"><time datetime="{}">{}</time>–<time datetime="{}">{}</time></bdi>',
        start.isoformat(),
        start.strftime("%H:%M"),
        end.isoformat(),
        end.strftime("%H:%M"),
    )
