from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def health(pledge):
    return pledge.reporting_health()


@register.filter
def first_line(value):
    return (value or "").split("\n", 1)[0]


@register.filter
def other_lines(value):
    return [line for line in (value or "").split("\n")[1:] if line]


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key)


@register.simple_tag
def filter_field(field):
    """A registry filter as the portal's field template would render it (label tied to the
    control, help text linked by aria-describedby, errors shown), in Python: twelve fields
    through the template engine cost more than the registry's whole database work."""
    classes = "field"
    if field.errors:
        classes += " field-invalid"
    if field.widget_type == "checkbox":
        classes += " field-checkbox"
    label = format_html(
        '<label for="{}">{}{}</label>', field.id_for_label, field.label, field.form.label_suffix or ""
    )
    help_text = (
        format_html('<div class="helptext" id="{}_helptext">{}</div>', field.auto_id, field.help_text)
        if field.help_text
        else ""
    )
    errors = str(field.errors) if field.errors else ""
    if field.widget_type == "fastcheckboxes":
        # A group of checkboxes is named by a legend, each box by its own label.
        return format_html(
            '<fieldset class="{} field-choices"><legend>{}</legend>{}{}{}</fieldset>',
            classes,
            field.label,
            help_text,
            mark_safe(errors),
            field,
        )
    return format_html('<div class="{}">{}{}{}{}</div>', classes, label, help_text, mark_safe(errors), field)


@register.simple_tag
def facet_links(group):
    """One facet's values with their counts, as links that select or clear each."""
    remove = format_html('<span class="visually-hidden">{} </span>', _("Remove this filter:"))
    items = [
        format_html(
            '<li><a href="?{}"{}>{}{}</a> <span class="count">({})</span></li>',
            value["query"],
            mark_safe(' aria-current="true" class="selected"') if value["selected"] else "",
            remove if value["selected"] else "",
            value["label"],
            value["count"],
        )
        for value in group["values"]
        if value["count"] or value["selected"]
    ]
    return mark_safe("".join(items))  # noqa: S308 - every item built by format_html
