"""Domain rules of the forum programme. Admin forms, views and commands all call these."""

from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core import cache_versions
from core.transitions import transition
from forums import bookings
from forums.enums import ForumStatus, SessionKind, StatementRole
from forums.models import Forum, Room, RoundTable, Session, Statement, Topic
from reference.models import Objective

# Public content by nature, edited by staff in the admin.
PROGRAMME_MODELS = (Forum, Session, RoundTable, Statement, Topic, Room)
PROGRAMME_RELATIONS = (RoundTable.objectives.through, RoundTable.co_chairs.through)


def programme_changed(**kwargs):
    """The programme is public: the pages showing it, and the labels of the forums, are stale."""
    cache_versions.bump_after_commit(cache_versions.PROGRAMME, cache_versions.REFERENCE)


def set_forum_status(forum, new_status, *, by=None):
    """The one way a forum's status changes."""
    if ForumStatus(new_status) == forum.status:
        return forum
    transition(
        forum,
        new_status,
        states=ForumStatus,
        message=_("A forum cannot go from “%(old)s” to “%(new)s”."),
        action="forum.status",
        by=by,
        field="status",
    )
    return forum


def _local(forum, moment):
    return moment.astimezone(forum.tz)


def validate_session_schedule(session):
    """Dates inside the forum, a sensible time span, and a free room.

    Raises ValidationError keyed by field so that the admin shows each message by its field.
    """
    errors = {}
    if not (session.forum_id and session.starts_at and session.ends_at):
        return
    forum = session.forum
    start, end = _local(forum, session.starts_at), _local(forum, session.ends_at)
    if end <= start:
        errors["ends_at"] = _("The session must end after it starts.")
    elif start.date() != end.date():
        errors["ends_at"] = _("A session starts and ends on the same day (venue time).")
    if session.kind == SessionKind.HEARING:
        if start.date() != forum.hearing_date:
            errors["starts_at"] = _(
                "The multi-stakeholder hearing takes place on %(day)s (venue time); this session starts on %(start)s."
            ) % {"day": forum.hearing_date.isoformat(), "start": start.date().isoformat()}
    elif session.kind and not (forum.start_date <= start.date() <= forum.end_date):
        errors["starts_at"] = _(
            "The forum runs from %(first)s to %(last)s (venue time); this session starts on %(start)s."
        ) % {
            "first": forum.start_date.isoformat(),
            "last": forum.end_date.isoformat(),
            "start": start.date().isoformat(),
        }
    if "ends_at" not in errors:
        found = bookings.clashes(
            forum.pk, session.starts_at, session.ends_at, kind=bookings.SESSION, room_id=session.room_id, pk=session.pk
        )
        same_room = next((b for b in found if b.official), None)
        other = next((b for b in found if not b.official), None)
        if same_room is not None:
            errors["room"] = _("%(room)s is already taken by “%(other)s” from %(start)s to %(end)s.") % {
                "room": session.room.name,
                "other": same_room.title,
                "start": _local(forum, same_room.starts_at).strftime("%Y-%m-%d %H:%M"),
                "end": _local(forum, same_room.ends_at).strftime("%H:%M"),
            }
        if other is not None:
            errors["starts_at"] = _(
                "This time overlaps the accepted side event “%(other)s” (%(start)s to %(end)s): side events "
                "run outside the official meeting hours. Move the session, or the side event first."
            ) % {
                "other": other.title,
                "start": _local(forum, other.starts_at).strftime("%Y-%m-%d %H:%M"),
                "end": _local(forum, other.ends_at).strftime("%H:%M"),
            }
    if errors:
        raise ValidationError(errors)


def validate_co_chairs(co_chairs, *, starts_at, ends_at, round_table_pk=None):
    """Exactly two co-chairs, none of them chairing an overlapping round table.

    Takes the times and co-chairs as submitted, since a form checks them before saving.
    """
    co_chairs = list(co_chairs)
    if len(co_chairs) != 2:
        raise ValidationError(
            {
                "co_chairs": _("A round table is co-chaired by exactly two Member States; %(count)s chosen.")
                % {"count": len(co_chairs)}
            }
        )
    if not (starts_at and ends_at):
        return
    overlapping = (
        RoundTable.objects.filter(co_chairs__in=co_chairs, starts_at__lt=ends_at, ends_at__gt=starts_at)
        .exclude(pk=round_table_pk)
        .prefetch_related("co_chairs")
        .distinct()
    )
    messages = []
    for other in overlapping:
        for state in other.co_chairs.all():
            if state in co_chairs:
                messages.append(
                    _("%(state)s already co-chairs “%(other)s”, which overlaps this round table.")
                    % {"state": state.name, "other": other.title}
                )
    if messages:
        raise ValidationError({"co_chairs": messages})


def missing_opening_statements(session):
    """The statements of the opening segment that the modalities prescribe but nobody gives yet."""
    if session.kind != SessionKind.PLENARY_OPENING:
        return []
    given = set(session.statements.values_list("role", flat=True))
    return [role for role in StatementRole.opening_segment() if role not in given]


@dataclass(frozen=True)
class ObjectiveCoverage:
    missing: list
    duplicated: list

    @property
    def complete(self):
        return not self.missing and not self.duplicated


def objective_coverage(forum):
    """Which objectives the forum's round tables leave out, and which they cover twice."""
    counts = Counter(
        RoundTable.objectives.through.objects.filter(roundtable__forum=forum).values_list(
            "objective_id", flat=True
        )
    )
    objectives = list(Objective.objects.all())
    return ObjectiveCoverage(
        missing=[o for o in objectives if counts[o.pk] == 0],
        duplicated=[o for o in objectives if counts[o.pk] > 1],
    )


def coverage_warnings(forum):
    coverage = objective_coverage(forum)
    warnings = []
    if coverage.missing:
        warnings.append(
            _("The round tables of %(forum)s leave out objectives %(numbers)s.")
            % {"forum": forum, "numbers": ", ".join(str(o.number) for o in coverage.missing)}
        )
    if coverage.duplicated:
        warnings.append(
            _("The round tables of %(forum)s cover objectives %(numbers)s more than once.")
            % {"forum": forum, "numbers": ", ".join(str(o.number) for o in coverage.duplicated)}
        )
    return warnings
