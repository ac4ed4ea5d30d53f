"""How far off a deadline is, worded the same everywhere: "N days left", "last day", "closed"."""

from django import template

from core.deadlines import days_left as calendar_days_left
from core.deadlines import days_left_html

register = template.Library()


@register.simple_tag
def days_left(date, past_label=""):
    """Calendar days in New York from today to `date` (the last day included)."""
    return days_left_html(calendar_days_left(date), past_label)
