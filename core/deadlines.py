"""A deadline as the portal shows it: a labelled date and the calendar days left in New York."""

from dataclasses import dataclass
from functools import cached_property

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext


def days_left(deadline, today=None):
    """Calendar days from today to the deadline as the calendar in New York counts them (the
    portal's TIME_ZONE): the last day is 0 all day long, whatever the hour; negative once past."""
    return (deadline - (today or timezone.localdate())).days


def days_left_html(days, past_label=""):
    """How far off it is, as every page words it: "N days left", "last day", or (past) "closed" or
    `past_label`. Built in Python, not by a template: the dashboard prints dozens of them. The
    translations are printed as a template's translate tags print them (not escaped), and a line
    ends each as it ended the template this replaces (text around it reads "left Speaking", not
    "leftSpeaking")."""
    if days < 0:
        return format_html("<strong>{}</strong>\n", past_label or mark_safe(gettext("closed")))  # noqa: S308
    if days == 0:
        return format_html("<strong>{}</strong>\n", mark_safe(gettext("last day")))  # noqa: S308
    return mark_safe(ngettext("%(n)s day left", "%(n)s days left", days) % {"n": days} + "\n")  # noqa: S308


@dataclass(frozen=True)
class Deadline:
    label: str
    date: object
    days_left: int
    url: str = ""
    action: str = ""
    # What a passed deadline reads as: a window is "closed", a report "overdue".
    past_label: str = ""

    @classmethod
    def on(cls, label, date, *, today=None, url="", action="", past_label=""):
        return cls(
            label=label, date=date, days_left=days_left(date, today), url=url, action=action, past_label=past_label
        )

    @property
    def closed(self):
        return self.days_left < 0

    @cached_property
    def markup(self):
        """The labelled date and the days left, as a page prints a deadline. Made once per
        deadline: the dashboard prints most of its deadlines twice (in "what is due" and in their
        block), and a deadline does not change (frozen; a cached_property writes the instance's
        __dict__, not through the frozen __setattr__)."""
        return format_html(
            '<span class="deadline{}">{}: <time datetime="{}">{}</time> · {}</span>\n',
            " deadline-past" if self.closed else "",
            self.label,
            self.date.isoformat(),
            date_format(self.date, "DATE_FORMAT"),
            days_left_html(self.days_left, self.past_label),
        )
