"""Content that staff write is given per language; where a language has none, the page shows the
English and says so (lang="en") for screen readers and translation tools."""

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import format_html, linebreaks
from django.utils.safestring import mark_safe
from modeltranslation.utils import build_localized_fieldname

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
def rich_text(obj, field):
    """Rich text staff wrote (already sanitised when saved), marked lang="en" when it falls back."""
    value = mark_safe(getattr(obj, field) or "")  # noqa: S308 - sanitised with nh3 when saved
    return format_html('<div lang="en">{}</div>', value) if falls_back(obj, field) else value
