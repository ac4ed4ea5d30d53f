from django import template

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
