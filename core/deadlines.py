"""A deadline as the portal shows it: a labelled date and the calendar days left in New York."""

from dataclasses import dataclass

from django.utils import timezone


def days_left(deadline, today=None):
    """Calendar days from today to the deadline as the calendar in New York counts them (the
    portal's TIME_ZONE): the last day is 0 all day long, whatever the hour; negative once past."""
    return (deadline - (today or timezone.localdate())).days


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
