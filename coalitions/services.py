"""Coalitions: creating one, its members' requests, invitations and answers, the workspace.
Views, the admin, the demo and the joint pledge (pledges.services) all go through these
functions; every change of state goes through set_coalition_state or set_member_state, is logged
and mailed after the commit."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coalitions import mail, permissions
from coalitions.enums import CoalitionState, JoinedBy, MembershipState
from coalitions.models import Coalition, CoalitionMember, WorkspaceNote
from core import cache_versions
from core.audit import log_activity
from core.models import ActivityLog
from core.ratelimit import check_recent, limit_of
from core.transitions import transition

CANNOT_GO = gettext_lazy("A coalition cannot go from “%(old)s” to “%(new)s”.")
MEMBER_CANNOT_GO = gettext_lazy("A membership cannot go from “%(old)s” to “%(new)s”.")


class StaleDraft(ValidationError):
    """The shared draft changed since the editor read it: their text is not saved."""


def _entity_fields(entity):
    organization_id, member_state_id = permissions.entity_ids(entity)
    return {"organization_id": organization_id, "member_state_id": member_state_id}


def _public_change(coalition):
    if coalition.is_public:
        cache_versions.bump_after_commit(cache_versions.COALITIONS)


# --- A coalition ------------------------------------------------------------------------------


def create_coalition(form, *, by, convenor, invite=()):
    """Save a new draft from its form, convened by `convenor` (an organisation or a Member State
    `by` speaks for), the convenor its first confirmed member; invite `invite` at once."""
    # by=None is the system itself (the demo, a command); people are checked.
    if by is not None and not permissions.speaks_for(by, *permissions.entity_ids(convenor)):
        raise PermissionDenied(_("Only focal points convene a coalition for their organisation or State."))
    with transaction.atomic():
        coalition = form.save(commit=False)
        coalition.organization_id = _entity_fields(convenor)["organization_id"]
        coalition.member_state_id = _entity_fields(convenor)["member_state_id"]
        coalition.created_by = by
        coalition.state = CoalitionState.DRAFT
        coalition.save()
        form.save_m2m()
        log_activity(coalition, "coalition.state", actor=by, new_state=CoalitionState.DRAFT)
        member = CoalitionMember.objects.create(
            coalition=coalition,
            state=MembershipState.CONFIRMED,
            joined_by=JoinedBy.CONVENOR,
            asked_by=by,
            answered_by=by,
            answered_at=timezone.now(),
            **_entity_fields(convenor),
        )
        log_activity(member, "coalition.member", actor=by, new_state=MembershipState.CONFIRMED)
        for entity in invite:
            invite_member(coalition, entity, by=by)
    return coalition


def update_coalition(form, *, by):
    coalition = form.instance
    permissions.require(
        permissions.can_edit_coalition(by, coalition),
        _("Only the convenor's focal points change the coalition."),
    )
    with transaction.atomic():
        coalition = form.save()
        log_activity(coalition, "coalition.edited", actor=by)
        _public_change(coalition)
    return coalition


def set_coalition_state(coalition, new_state, *, by, reason=""):
    """The one way a coalition changes state: the convenor publishes it or closes it (the
    secretariat may close it too). by=None is the system (the demo, a command)."""
    new_state = CoalitionState(new_state)
    if by is not None and not permissions.can_change_coalition_state(by, coalition, new_state):
        raise PermissionDenied(_("Only the convenor's focal points can do this."))
    changes = {}
    if new_state == CoalitionState.PUBLISHED and coalition.published_at is None:
        changes["published_at"] = timezone.now()
    was_public = coalition.is_public
    with transaction.atomic():
        entry = transition(
            coalition,
            new_state,
            states=CoalitionState,
            message=CANNOT_GO,
            action="coalition.state",
            by=by,
            note=(reason or "").strip(),
            changes=changes,
        )
        mail.coalition_changed(coalition, entry)
        if was_public or coalition.is_public:
            cache_versions.bump_after_commit(cache_versions.COALITIONS)
    return coalition


# --- Members ----------------------------------------------------------------------------------


def set_member_state(member, new_state, *, by, note="", changes=None):
    """The one way a membership changes state: answered by the other side (never by anyone for
    an entity they do not speak for), left by the member, asked or invited again. Logged with
    who, when, from and to; the side that waits is mailed."""
    new_state = MembershipState(new_state)
    if by is not None and not permissions.can_change_member_state(by, member, new_state):
        if new_state in MembershipState.answers() and member.state == MembershipState.INVITED:
            raise PermissionDenied(
                _("Only the invited organisation's or State's focal points answer this invitation.")
            )
        if new_state in MembershipState.answers():
            raise PermissionDenied(_("Only the convenor's focal points answer a request to join."))
        raise PermissionDenied(_("You cannot do this for this member."))
    changes = dict(changes or {})
    if new_state in MembershipState.answers():
        changes.update({"answered_by": by, "answered_at": timezone.now()})
    coalition = member.coalition
    was_listed = member.is_confirmed
    with transaction.atomic():
        entry = transition(
            member,
            new_state,
            states=MembershipState,
            message=MEMBER_CANNOT_GO,
            action="coalition.member",
            by=by,
            note=(note or "").strip(),
            changes=changes,
        )
        mail.member_changed(member, entry)
        if was_listed or member.is_confirmed:
            _public_change(coalition)
    return member


def _existing(coalition, entity):
    return CoalitionMember.objects.filter(coalition=coalition, **_entity_fields(entity)).first()


def _check_rate(action, by, entity):
    """Each request mails the convenor and each invitation the invited entity: limited per person
    (counted in the audit log, which a declined row does not empty) and per entity that asks or is
    invited (counted on the rows, whatever their answer since)."""
    organization_id, member_state_id = permissions.entity_ids(entity)
    state, joined_by = _RATED[action]
    by_person, by_entity = _RATE_MESSAGES[action]
    check_recent(
        ActivityLog.objects.filter(action="coalition.member", new_state=state, actor=by)
        if by is not None
        else ActivityLog.objects.none(),
        limit=limit_of(f"coalition_{action}", "user"),
        field="timestamp",
        message=str(by_person),
    )
    check_recent(
        CoalitionMember.objects.filter(
            organization_id=organization_id, member_state_id=member_state_id, joined_by=joined_by
        ),
        limit=limit_of(f"coalition_{action}", "organization"),
        field="asked_at",
        message=str(by_entity),
        params={"entity": entity.name},
    )


_RATED = {
    "request": (MembershipState.REQUESTED, JoinedBy.REQUEST),
    "invitation": (MembershipState.INVITED, JoinedBy.INVITATION),
}
_RATE_MESSAGES = {
    "request": (
        gettext_lazy(
            "You have asked to join %(count)s coalitions in the last day, the most the portal allows, because "
            "each request is e-mailed to the convenor. Please try again in %(hours)s hour(s)."
        ),
        gettext_lazy(
            "%(entity)s has asked to join %(count)s coalitions in the last day, the most the portal allows. "
            "Please try again in %(hours)s hour(s)."
        ),
    ),
    "invitation": (
        gettext_lazy(
            "You have sent %(count)s invitations to coalitions in the last day, the most the portal allows, "
            "because each invitation is e-mailed. Please try again in %(hours)s hour(s)."
        ),
        gettext_lazy(
            "%(entity)s has received %(count)s invitations to coalitions in the last day, the most the portal "
            "allows. Please try again in %(hours)s hour(s)."
        ),
    ),
}


def _ask(coalition, entity, *, by, state, joined_by, message=""):
    _check_rate("request" if state == MembershipState.REQUESTED else "invitation", by, entity)
    asked = {"joined_by": joined_by, "asked_by": by, "asked_at": timezone.now(), "message": message.strip()}
    existing = _existing(coalition, entity)
    if existing is not None:
        if state not in MembershipState.valid_next_states()[MembershipState(existing.state)]:
            raise ValidationError(
                _("%(entity)s is already in this coalition or waiting for an answer.")
                % {"entity": entity.name}
            )
        return set_member_state(
            existing, state, by=by, changes={**asked, "answered_by": None, "answered_at": None}
        )
    try:
        with transaction.atomic():
            member = CoalitionMember.objects.create(
                coalition=coalition, state=state, **asked, **_entity_fields(entity)
            )
            entry = log_activity(member, "coalition.member", actor=by, new_state=state)
            mail.member_changed(member, entry)
    except IntegrityError:
        raise ValidationError(
            _("%(entity)s is already in this coalition or waiting for an answer.") % {"entity": entity.name}
        ) from None
    return member


def ask_to_join(coalition, entity, *, by, message=""):
    """A focal point asks for its organisation or State; the convenor's focal points answer."""
    if coalition.state != CoalitionState.PUBLISHED:
        raise ValidationError(_("This coalition does not take members now."))
    if by is not None and not permissions.speaks_for(by, *permissions.entity_ids(entity)):
        raise PermissionDenied(_("Only focal points ask to join for their organisation or State."))
    return _ask(
        coalition, entity, by=by, state=MembershipState.REQUESTED, joined_by=JoinedBy.REQUEST, message=message
    )


def invite_member(coalition, entity, *, by, message=""):
    """The convenor invites an organisation or a State; the invited entity's focal points answer."""
    if by is not None:
        permissions.require(
            permissions.can_invite(by, coalition), _("Only the convenor's focal points invite members.")
        )
    elif coalition.state == CoalitionState.CLOSED:
        raise ValidationError(_("This coalition is closed."))
    if permissions.entity_ids(entity) == (coalition.organization_id, coalition.member_state_id):
        raise ValidationError(_("The convenor is a member already."))
    return _ask(
        coalition,
        entity,
        by=by,
        state=MembershipState.INVITED,
        joined_by=JoinedBy.INVITATION,
        message=message,
    )


def record_joint_pledge(coalition, *, reference, by):
    """On the coalition's trail: a joint pledge was made from it (pledges.services makes it)."""
    log_activity(coalition, "coalition.joint_pledge", actor=by, note=reference)
    _public_change(coalition)


# --- The workspace ----------------------------------------------------------------------------


def post_note(coalition, *, by, text, member=None):
    """A note by `by` for the member entity they belong to (`member`: the system posting for one)."""
    members = list(coalition.members.all())
    if by is not None:
        permissions.require(
            permissions.can_use_workspace(by, members), _("Only the coalition's members use its workspace.")
        )
        member = permissions.member_row(by, members)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the note before posting it.")})
    with transaction.atomic():
        note = WorkspaceNote.objects.create(coalition=coalition, author=by, member=member, text=text)
        log_activity(coalition, "coalition.note_posted", actor=by)
    return note


def save_draft(coalition, *, by, text, version):
    """Save the shared draft over the version the editor read. If another member saved since,
    nothing is written and StaleDraft says who and when: the editor keeps their text to compare."""
    if by is not None:
        permissions.require(
            permissions.can_use_workspace(by, list(coalition.members.all())),
            _("Only the coalition's members use its workspace."),
        )
    now = timezone.now()
    with transaction.atomic():
        saved = Coalition.objects.filter(pk=coalition.pk, draft_version=version).update(
            draft_text=text, draft_version=version + 1, draft_edited_by=by, draft_edited_at=now
        )
        if not saved:
            current = Coalition.objects.select_related("draft_edited_by").get(pk=coalition.pk)
            editor = current.draft_edited_by
            # A name, never an address: members do not learn each other's e-mail addresses.
            who = (editor.get_full_name() if editor is not None else "") or _("Another member")
            raise StaleDraft(
                _(
                    "%(who)s saved the draft at %(when)s (New York time), after you opened it: your text is not saved. It is "
                    "kept below; compare it with the current draft, then save again."
                )
                % {
                    "who": who,
                    "when": timezone.localtime(current.draft_edited_at).strftime("%Y-%m-%d %H:%M"),
                },
                code="stale",
            )
        log_activity(coalition, "coalition.draft_edited", actor=by, note=f"v{version + 1}")
    coalition.refresh_from_db(fields=["draft_text", "draft_version", "draft_edited_by", "draft_edited_at"])
    return coalition
