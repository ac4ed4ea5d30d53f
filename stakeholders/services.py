"""Domain rules for organisations, accreditation and participation. Views, admin actions and
tasks all go through these functions; each state change is logged and notified after commit."""

import datetime
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core import cache_versions
from core.audit import history, log_activity
from core.dates import new_york_today
from core.ratelimit import check_recent, limit_of
from core.transitions import check, transition
from forums.enums import SessionKind, StatementRole
from forums.models import Forum, Session, Statement
from stakeholders import mail
from stakeholders.enums import (
    AccreditationKind,
    AccreditationState,
    DelegateState,
    EcosocStatus,
    JoinRequestState,
    ListingConsent,
    MembershipRole,
    NominationRole,
    NominationState,
    ObjectionState,
    SpeakingRequestState,
)
from stakeholders.models import (
    Accreditation,
    Delegate,
    Invitation,
    JoinRequest,
    Membership,
    Nomination,
    Objection,
    Organization,
    SpeakingRequest,
)
from stakeholders.permissions import (
    can_act_after_deadline,
    can_object_for,
    can_record_objection_on_behalf,
    is_member_of,
)

MAX_FOCAL_POINTS = 2
ACCREDITATION_CANNOT_GO = gettext_lazy("An accreditation cannot go from “%(old)s” to “%(new)s”.")


# --- Organisations and membership --------------------------------------------------------------


def find_duplicate(name, country, *, exclude_pk=None):
    """An organisation of the same name (any case) in the same country, if there is one."""
    if not name or country is None:
        return None
    return (
        Organization.objects.annotate(lower_name=Lower("name"))
        .filter(lower_name=name.strip().lower(), country=country)
        .exclude(pk=exclude_pk)
        .first()
    )


def create_organization(user, form):
    """Save a new organisation from its form and make its creator the focal point."""
    if Membership.objects.filter(user=user).exists():
        raise ValidationError(_("You already belong to an organisation."))
    with transaction.atomic():
        organization = form.save()
        Membership.objects.create(organization=organization, user=user, role=MembershipRole.FOCAL_POINT)
        log_activity(organization, "organization.created", actor=user, new_state="created")
    return organization


# The fields that decide how an organisation takes part: each change is logged with from and to.
STATUS_FIELDS = ("category", "claimed_ecosoc_status", "ecosoc_profile_number", "claims_previous_accreditation")
VERIFIED_FIELDS = ("verified_ecosoc_status", "verified_previous_accreditation", "verified_nhri")


def _logged_value(value):
    return str(value)


def update_organization(form, *, by):
    """Save the profile from its form; an organisation the public can see shows the change at once.
    A changed claim is logged field by field; it never changes the verified status."""
    before = Organization.objects.filter(pk=form.instance.pk).values(*STATUS_FIELDS).first() or {}
    with transaction.atomic():
        organization = form.save()
        log_activity(organization, "organization.changed", actor=by, note=", ".join(sorted(form.changed_data)))
        for field in STATUS_FIELDS:
            old, new = before.get(field), getattr(organization, field)
            if old != new:
                log_activity(
                    organization,
                    f"organization.{field}",
                    actor=by,
                    old_state=_logged_value(old),
                    new_state=_logged_value(new),
                )
        if organization.accreditations.approved().exists():
            cache_versions.bump_after_commit(cache_versions.ORGANIZATIONS)
    return organization


def set_verified_status(organization, *, by, reason, **values):
    """The one way an organisation's verified status changes: a match against one of the
    secretariat's lists, or a staff decision, always with a reason. Registrations that waited for
    the status are approved once it is verified. Returns the names of the fields changed."""
    unknown = set(values) - set(VERIFIED_FIELDS)
    if unknown:
        raise TypeError(f"not verified-status fields: {sorted(unknown)}")
    if "verified_ecosoc_status" in values:
        values["verified_ecosoc_status"] = EcosocStatus(values["verified_ecosoc_status"])
    if not reason or not str(reason).strip():
        raise ValidationError(_("Give the reason for this decision on the organisation's status."))
    with transaction.atomic():
        organization = Organization.objects.select_for_update().get(pk=organization.pk)
        changed = [field for field, value in values.items() if getattr(organization, field) != value]
        if not changed:
            return organization, []
        for field in changed:
            old = getattr(organization, field)
            setattr(organization, field, values[field])
            log_activity(
                organization,
                f"organization.{field}",
                actor=by,
                old_state=_logged_value(old),
                new_state=_logged_value(values[field]),
                note=reason,
            )
        organization.save(update_fields=changed)
        if organization.registers_directly:
            waiting = Accreditation.objects.select_related("forum", "organization").filter(
                organization=organization,
                state=AccreditationState.STATUS_VERIFICATION,
                kind=organization.direct_registration_kind,
            )
            for accreditation in waiting:
                set_accreditation_state(
                    accreditation,
                    AccreditationState.APPROVED,
                    by=by,
                    reason=_("Status verified by the secretariat: %(reason)s") % {"reason": reason},
                )
        if organization.accreditations.approved().exists():
            cache_versions.bump_after_commit(cache_versions.ORGANIZATIONS)
    return organization, changed


def invite(organization, email, *, by):
    email = email.strip().lower()
    if Membership.objects.filter(organization=organization, user__email__iexact=email).exists():
        raise ValidationError(
            _("%(email)s is already a member of %(organization)s.")
            % {"email": email, "organization": organization.name}
        )
    # Each invitation mails the address it names (by=None: the system, not limited per person).
    check_recent(
        Invitation.objects.filter(invited_by=by) if by is not None else Invitation.objects.none(),
        limit=limit_of("membership_invitation", "user"),
        message=_(
            "You have sent %(count)s invitations in the last day, the most the portal allows. "
            "Please try again in %(hours)s hour(s)."
        ),
    )
    check_recent(
        Invitation.objects.filter(organization=organization),
        limit=limit_of("membership_invitation", "organization"),
        message=_(
            "%(organization)s has sent %(count)s invitations in the last day, the most the portal allows. "
            "Please try again in %(hours)s hour(s)."
        ),
        params={"organization": organization.name},
    )
    with transaction.atomic():
        invitation = Invitation.objects.create(organization=organization, email=email, invited_by=by)
        log_activity(organization, "organization.invitation", actor=by, note=email)
        mail.invitation(invitation)
    return invitation


def verified_emails(user):
    return {
        e.lower()
        for e in EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    }


def accept_invitation(invitation, user):
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been used."))
    if invitation.is_expired:
        raise ValidationError(invitation_expired_message(invitation))
    if invitation.email.lower() not in verified_emails(user):
        raise ValidationError(
            _("This invitation was sent to %(email)s. Sign in with that verified address to accept it.")
            % {"email": invitation.email}
        )
    if Membership.objects.filter(user=user).exists():
        raise ValidationError(_("You already belong to an organisation."))
    with transaction.atomic():
        membership = Membership.objects.create(organization=invitation.organization, user=user)
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
        log_activity(invitation.organization, "organization.member_joined", actor=user, new_state="member")
    return membership


def invitation_expired_message(invitation):
    return _(
        "This invitation expired on %(date)s: invitations are valid for %(days)s days. Ask a focal point "
        "of %(organization)s to invite you again, or ask to join the organisation from your dashboard."
    ) % {
        "date": formats.date_format(timezone.localdate(invitation.expires_at), "DATE_FORMAT"),
        "days": settings.INVITATION_VALID_DAYS,
        "organization": invitation.organization.name,
    }


def request_to_join(organization, user, message=""):
    if Membership.objects.filter(user=user).exists():
        raise ValidationError(_("You already belong to an organisation."))
    # Each request mails the organisation's focal points: limited per person and per organisation.
    check_recent(
        JoinRequest.objects.filter(user=user),
        limit=limit_of("join_request", "user"),
        message=_(
            "You have asked to join organisations %(count)s times in the last day, the most the portal "
            "allows, because each request e-mails an organisation's focal points. Please try again in "
            "%(hours)s hour(s)."
        ),
    )
    check_recent(
        JoinRequest.objects.filter(organization=organization),
        limit=limit_of("join_request", "organization"),
        message=_(
            "%(organization)s has received %(count)s requests to join in the last day, the most the portal "
            "allows. Please try again in %(hours)s hour(s), or ask one of its focal points to invite you."
        ),
        params={"organization": organization.name},
    )
    try:
        with transaction.atomic():
            join_request = JoinRequest.objects.create(organization=organization, user=user, message=message)
            mail.join_request(join_request)
    except IntegrityError:
        raise ValidationError(
            _("You have already asked to join %(organization)s.") % {"organization": organization.name}
        ) from None
    return join_request


def decide_join_request(join_request, *, accept, by):
    if join_request.state != JoinRequestState.PENDING:
        raise ValidationError(_("This request has already been decided."))
    with transaction.atomic():
        if accept:
            if Membership.objects.filter(user=join_request.user).exists():
                raise ValidationError(_("This person has joined another organisation meanwhile."))
            Membership.objects.create(organization=join_request.organization, user=join_request.user)
        old = join_request.state
        join_request.state = JoinRequestState.ACCEPTED if accept else JoinRequestState.DECLINED
        join_request.decided_by = by
        join_request.save(update_fields=["state", "decided_by"])
        log_activity(
            join_request, "join_request.state", actor=by, old_state=old, new_state=join_request.state
        )
    return join_request


def set_member_role(membership, role, *, by):
    role = MembershipRole(role)
    if membership.role == role:
        return membership
    focal_points = Membership.objects.filter(
        organization=membership.organization, role=MembershipRole.FOCAL_POINT
    )
    if role == MembershipRole.FOCAL_POINT and focal_points.count() >= MAX_FOCAL_POINTS:
        raise ValidationError(_("An organisation has at most two focal points."))
    if role == MembershipRole.MEMBER and focal_points.count() == 1:
        raise ValidationError(_("Name another focal point first: an organisation always has one."))
    with transaction.atomic():
        old = membership.role
        membership.role = role
        membership.save(update_fields=["role"])
        log_activity(membership, "membership.role", actor=by, old_state=old, new_state=role)
    return membership


def remove_member(membership, *, by):
    if (
        membership.is_focal_point
        and not Membership.objects.filter(
            organization=membership.organization, role=MembershipRole.FOCAL_POINT
        )
        .exclude(pk=membership.pk)
        .exists()
    ):
        raise ValidationError(_("Name another focal point first: an organisation always has one."))
    with transaction.atomic():
        log_activity(
            membership.organization, "organization.member_removed", actor=by, note=str(membership.user)
        )
        membership.delete()


# --- Accreditation ----------------------------------------------------------------------------


def accreditation_open(forum, today=None):
    today = today or timezone.localdate()
    return forum.is_public and today <= forum.accreditation_closes


def delegate_registration_open(forum, today=None):
    return (today or timezone.localdate()) <= forum.delegate_registration_closes


def speaking_requests_open(forum, today=None):
    return (today or timezone.localdate()) <= forum.speaking_requests_close


def _check_window(is_open, user, permission, message, closed_on):
    """'' when the window is open; the note logged when the secretariat acts after it closed;
    a ValidationError for anybody else."""
    if is_open:
        return ""
    if can_act_after_deadline(user, permission):
        return _("Done by the secretariat after the deadline (%(date)s).") % {"date": closed_on.isoformat()}
    raise ValidationError(message % {"date": closed_on.isoformat()})


def _check_can_request(organization, forum):
    if organization.is_intergovernmental:
        raise ValidationError(
            _("Bodies of the UN system and other intergovernmental organisations take part without accreditation.")
        )
    if not accreditation_open(forum):
        raise ValidationError(_("Requests for accreditation to %(forum)s are closed.") % {"forum": forum})
    if Accreditation.objects.filter(organization=organization, forum=forum).exists():
        raise ValidationError(
            _("%(organization)s has already asked to take part in %(forum)s.")
            % {"organization": organization.name, "forum": forum}
        )


def register_for_forum(organization, forum, *, by, contact_email=""):
    """Registration instead of special accreditation. Approved at once only on a status the
    secretariat verified; on a status the organisation merely claims (or as an NHRI not yet
    confirmed against the GANHRI list) it waits for the secretariat's verification."""
    if organization.registers_directly:
        kind, state = organization.direct_registration_kind, AccreditationState.APPROVED
        reason = _("Registered directly on the basis of a status the secretariat verified.")
    elif organization.claims_status:
        kind, state = organization.claimed_registration_kind, AccreditationState.STATUS_VERIFICATION
        reason = _("The secretariat verifies the status your organisation stated before approving the registration.")
    else:
        raise ValidationError(
            _("Without ECOSOC status or an earlier accreditation, apply for special accreditation.")
        )
    _check_can_request(organization, forum)
    with transaction.atomic():
        accreditation = Accreditation.objects.create(
            organization=organization,
            forum=forum,
            kind=kind,
            state=state,
            contact_email=contact_email,
            submitted_by=by,
        )
        _log_and_notify(accreditation, "", state, by=by, reason=reason)
    return accreditation


def apply_for_special_accreditation(organization, forum, *, by, mission, migration_work, contact_email=""):
    _check_can_request(organization, forum)
    with transaction.atomic():
        accreditation = Accreditation.objects.create(
            organization=organization,
            forum=forum,
            kind=AccreditationKind.SPECIAL,
            state=AccreditationState.SUBMITTED,
            mission=mission,
            migration_work=migration_work,
            contact_email=contact_email,
            submitted_by=by,
        )
        _log_and_notify(accreditation, "", AccreditationState.SUBMITTED, by=by)
    return accreditation


def check_accreditation_state(accreditation, new_state, *, reason=""):
    """Raise ValidationError unless `accreditation` may go to `new_state` now (with `reason`);
    forms call it to refuse before saving anything."""
    old_state, new_state = check(AccreditationState, accreditation.state, new_state, message=ACCREDITATION_CANNOT_GO)
    if new_state in AccreditationState.needs_reason() and not reason.strip():
        raise ValidationError(_("Give the organisation a reason for “%(new)s”.") % {"new": new_state.label})
    if new_state == AccreditationState.APPROVED:
        _check_approval(accreditation, old_state)
    if old_state == AccreditationState.OBJECTED and accreditation.objections.standing().exists():
        raise ValidationError(
            _("A Member State's objection stands: the organisation goes back on the list only when it is withdrawn.")
        )
    return old_state, new_state


def set_accreditation_state(accreditation, new_state, *, by=None, reason=""):
    """The one way an accreditation changes state."""
    old_state, new_state = check_accreditation_state(accreditation, new_state, reason=reason)
    with transaction.atomic():
        entry = transition(
            accreditation,
            new_state,
            states=AccreditationState,
            message=ACCREDITATION_CANNOT_GO,
            action="accreditation.state",
            by=by,
            note=reason,
            changes={"state_changed_at": timezone.now()},
        )
        mail.accreditation_update(accreditation, entry)
        if AccreditationState.APPROVED in (old_state, new_state):
            # The public directory lists the approved.
            cache_versions.bump_after_commit(cache_versions.ORGANIZATIONS)
    return accreditation


def _check_approval(accreditation, old_state):
    """An approval rests on a status the secretariat verified (registration) or on the whole
    non-objection procedure (special accreditation); nothing else approves."""
    organization = Organization.objects.get(pk=accreditation.organization_id)
    if accreditation.kind in AccreditationKind.direct():
        if organization.direct_registration_kind != accreditation.kind:
            raise ValidationError(
                _("%(organization)s's status is not verified: verify it before approving the registration.")
                % {"organization": organization.name}
            )
        return
    if old_state != AccreditationState.NON_OBJECTION_LIST:
        raise ValidationError(_("A special accreditation is approved only after the non-objection list."))
    deadline = accreditation.forum.non_objection_deadline
    if deadline is None:
        raise ValidationError(
            _("Set the forum's non-objection deadline first: Member States must have a period to object.")
        )
    if new_york_today() <= deadline:
        raise ValidationError(
            _("Member States may object until %(deadline)s; approve after that day.")
            % {"deadline": deadline.isoformat()}
        )


def _log_and_notify(accreditation, old_state, new_state, *, by, reason=""):
    """The trace and the mail of an accreditation as it is created."""
    entry = log_activity(
        accreditation, "accreditation.state", actor=by, old_state=old_state, new_state=new_state, note=reason
    )
    mail.accreditation_update(accreditation, entry)
    if new_state == AccreditationState.APPROVED:
        cache_versions.bump_after_commit(cache_versions.ORGANIZATIONS)
    return entry


# --- Member States' objections ---------------------------------------------------------------


@dataclass(frozen=True)
class NonObjectionPeriod:
    """The days a forum's Member States may object, until the deadline (a New York date) inclusive."""

    forum: object
    today: datetime.date

    @property
    def deadline(self):
        return self.forum.non_objection_deadline if self.forum.is_public else None

    @property
    def is_open(self):
        return self.deadline is not None and self.today <= self.deadline

    @property
    def has_ended(self):
        return self.deadline is not None and self.today > self.deadline

    @property
    def days_left(self):
        """Calendar days in New York after today until the deadline: 0 on the last day."""
        return (self.deadline - self.today).days if self.is_open else 0

    @property
    def closed_message(self):
        if self.has_ended:
            return _(
                "The non-objection period of %(forum)s ended on %(date)s (New York time): objections can "
                "no longer be made or withdrawn."
            ) % {"forum": self.forum, "date": formats.date_format(self.deadline, "DATE_FORMAT")}
        return _(
            "The non-objection period of %(forum)s has not opened: the secretariat has not set its deadline yet."
        ) % {"forum": self.forum}


def non_objection_period(forum, now=None):
    return NonObjectionPeriod(forum=forum, today=new_york_today(now))


LISTED_STATES = (AccreditationState.NON_OBJECTION_LIST, AccreditationState.OBJECTED)


def _check_objection(accreditation, member_state, *, by, on_behalf):
    """Who may act for the State, and when; returns the note the trail keeps."""
    if on_behalf:
        if not can_record_objection_on_behalf(by):
            raise PermissionDenied(_("Only the secretariat records an objection on behalf of a Member State."))
        note = _("Recorded by the secretariat on behalf of %(state)s.") % {"state": member_state.name}
    else:
        if not can_object_for(by, member_state):
            raise PermissionDenied(
                _("Only a focal point of %(state)s acts in its name.") % {"state": member_state.name}
            )
        note = ""
    period = non_objection_period(accreditation.forum)
    if not period.is_open:
        raise ValidationError(period.closed_message)
    return note


def _lock_listed(accreditation):
    """Lock the accreditation (two States objecting at once make one transition) and bring the
    caller's instance up to date."""
    locked = Accreditation.objects.select_for_update().get(pk=accreditation.pk)
    accreditation.state, accreditation.state_changed_at = locked.state, locked.state_changed_at
    if accreditation.state not in LISTED_STATES:
        raise ValidationError(_("Only an organisation on the non-objection list can be objected to."))


def record_objection(accreditation, member_state, *, by, note="", on_behalf=False):
    """A Member State objects: its focal point on the portal, or the secretariat from its note
    verbale (on_behalf, said so in the trail). The first standing objection moves the
    accreditation to "objected"; the State's reason is for the secretariat, not the organisation."""
    note = (note or "").strip()
    trail = _check_objection(accreditation, member_state, by=by, on_behalf=on_behalf)
    if not note:
        raise ValidationError(_("Give the reason for the objection."))
    with transaction.atomic():
        _lock_listed(accreditation)
        if accreditation.objections.standing().filter(member_state=member_state).exists():
            raise ValidationError(
                _("%(state)s has already objected to %(organization)s.")
                % {"state": member_state.name, "organization": accreditation.organization.name}
            )
        objection = Objection.objects.create(
            accreditation=accreditation,
            member_state=member_state,
            recorded_by=by,
            note=note,
            recorded_by_secretariat=on_behalf,
        )
        log_activity(objection, "objection.state", actor=by, new_state=ObjectionState.STANDING, note=trail)
        if accreditation.state == AccreditationState.NON_OBJECTION_LIST:
            set_accreditation_state(
                accreditation,
                AccreditationState.OBJECTED,
                by=by,
                reason=_("A Member State objected to the accreditation."),
            )
    return objection


def withdraw_objection(objection, *, by):
    """The State takes its objection back during the period; once no objection stands, the
    organisation is on the non-objection list again."""
    accreditation = objection.accreditation
    _check_objection(accreditation, objection.member_state, by=by, on_behalf=False)
    with transaction.atomic():
        _lock_listed(accreditation)
        transition(
            objection,
            ObjectionState.WITHDRAWN,
            states=ObjectionState,
            message=gettext_lazy("An objection cannot go from “%(old)s” to “%(new)s”."),
            action="objection.state",
            by=by,
        )
        if (
            accreditation.state == AccreditationState.OBJECTED
            and not accreditation.objections.standing().exists()
        ):
            set_accreditation_state(
                accreditation,
                AccreditationState.NON_OBJECTION_LIST,
                by=by,
                reason=_("The objection was withdrawn: the organisation is on the non-objection list again."),
            )
    return objection


def accreditation_history(accreditation):
    return history(accreditation)


def next_step(accreditation):
    """What the organisation should do now, in one sentence."""
    state = accreditation.state
    steps = {
        AccreditationState.STATUS_VERIFICATION: _(
            "Nothing for now: the secretariat is verifying your organisation's status; your registration is approved once it is verified."
        ),
        AccreditationState.SUBMITTED: _("Nothing for now: the secretariat is reviewing your application."),
        AccreditationState.INFORMATION_REQUESTED: _(
            "Answer the secretariat's question below and submit your application again."
        ),
        AccreditationState.RECOMMENDED: _(
            "Nothing for now: the secretariat recommends you; you will be put on the non-objection list."
        ),
        AccreditationState.NON_OBJECTION_LIST: _(
            "Wait for the non-objection deadline; Member States may object until then."
        ),
        AccreditationState.APPROVED: _(
            "Register your delegates, ask to speak and nominate the hearing's rapporteur or a representative."
        ),
        AccreditationState.OBJECTED: _(
            "A Member State objected; your organisation cannot be accredited to this forum."
        ),
        AccreditationState.REJECTED: _("Your application was not accepted; see the reason below."),
        AccreditationState.WITHDRAWN: _("You withdrew this request."),
    }
    return steps[AccreditationState(state)]


# --- Delegates and speaking requests ---------------------------------------------------------


def _require_approved(accreditation):
    if not accreditation.is_approved:
        raise PermissionDenied(_("Only accredited organisations register delegates and speakers."))


DELEGATE_MIN_AGE = 18
OLDEST_PLAUSIBLE_AGE = 120


def age_on(date_of_birth, day):
    """Full years on `day` (someone born on 29 February turns a year older on 1 March)."""
    return day.year - date_of_birth.year - ((day.month, day.day) < (date_of_birth.month, date_of_birth.day))


def check_delegate_age(date_of_birth, forum):
    """Delegates are 18 or over on the first day they attend: the day of the hearing."""
    if date_of_birth > timezone.localdate():
        raise ValidationError(_("A date of birth cannot be in the future."), code="date_of_birth_future")
    age = age_on(date_of_birth, forum.hearing_date)
    if age > OLDEST_PLAUSIBLE_AGE:
        raise ValidationError(
            _("Check the year: this date of birth is more than %(years)s years ago.")
            % {"years": OLDEST_PLAUSIBLE_AGE},
            code="date_of_birth_implausible",
        )
    if age < DELEGATE_MIN_AGE:
        raise ValidationError(
            _(
                "Delegates must be %(min_age)s or over on %(date)s, the day of the hearing; with this "
                "date of birth the delegate would be %(age)s."
            )
            % {
                "min_age": DELEGATE_MIN_AGE,
                "date": formats.date_format(forum.hearing_date, "DATE_FORMAT"),
                "age": age,
            },
            code="delegate_under_age",
        )


def register_delegate(accreditation, form, *, by):
    _require_approved(accreditation)
    forum = accreditation.forum
    late = _check_window(
        delegate_registration_open(forum),
        by,
        "stakeholders.change_delegate",
        gettext_lazy("The registration of delegates closed on %(date)s."),
        forum.delegate_registration_closes,
    )
    with transaction.atomic():
        # Lock the accreditation so that two registrations at once cannot both take the last place.
        Accreditation.objects.select_for_update().get(pk=accreditation.pk)
        taken = accreditation.delegates.filter(state__in=DelegateState.counted()).count()
        cap = accreditation.forum.delegate_cap
        if taken >= cap:
            raise ValidationError(
                _(
                    "Your organisation has registered %(taken)s of its %(cap)s delegates; withdraw one to add another."
                )
                % {"taken": taken, "cap": cap}
            )
        delegate = form.save(commit=False)
        delegate.accreditation = accreditation
        delegate.registered_by = by
        try:
            with transaction.atomic():
                delegate.save()
        except IntegrityError:
            raise ValidationError(
                _("%(email)s is already registered as a delegate.") % {"email": delegate.email}
            ) from None
        log_activity(delegate, "delegate.state", actor=by, new_state=DelegateState.PENDING, note=late)
    return delegate


def set_delegate_state(delegate, new_state, *, by=None):
    old_state = delegate.state
    with transaction.atomic():
        transition(
            delegate,
            new_state,
            states=DelegateState,
            message=gettext_lazy("A delegate cannot go from “%(old)s” to “%(new)s”."),
            action="delegate.state",
            by=by,
        )
        if delegate.state in (DelegateState.CONFIRMED, DelegateState.DECLINED):
            mail.delegate_update(delegate)
        if delegate.listing_consent in ListingConsent.listed() and DelegateState.CONFIRMED in (
            old_state,
            delegate.state,
        ):
            # Organisation pages and the forum's list of participants show the confirmed
            # delegates who agreed to be listed.
            cache_versions.bump_after_commit(cache_versions.ORGANIZATIONS)
    return delegate


# --- Erasing the grounds-pass data after the forum ---------------------------------------------


def grounds_pass_kept_until(forum):
    """The last day a forum's grounds-pass data is kept; it is erased the day after."""
    return forum.end_date + datetime.timedelta(days=settings.DELEGATE_PERSONAL_DATA_RETENTION_DAYS)


def grounds_pass_data_due(today=None):
    """Delegates still holding grounds-pass data of a forum whose retention has run out. Days
    are calendar days in New York (timezone.localdate())."""
    today = today or timezone.localdate()
    last_forum_day = today - datetime.timedelta(days=settings.DELEGATE_PERSONAL_DATA_RETENTION_DAYS + 1)
    holds_data = (
        ~Q(passport_name="")
        | Q(nationality__isnull=False)
        | Q(date_of_birth__isnull=False)
        | ~Q(nomination_letter="")
        | ~Q(photo="")
    )
    return Delegate.objects.filter(holds_data, accreditation__forum__end_date__lte=last_forum_day).select_related(
        "accreditation__forum"
    )


def erase_grounds_pass_data(delegate, *, by=None):
    """Blank the delegate's grounds-pass fields and delete its files from storage, logged. The
    files go first: should the save fail, the row still says there is something to erase and
    the next run erases it (deleting a file that is gone already does nothing)."""
    for field_file in (delegate.nomination_letter, delegate.photo):
        if field_file:
            field_file.storage.delete(field_file.name)
    with transaction.atomic():
        delegate.passport_name = ""
        delegate.nationality = None
        delegate.date_of_birth = None
        delegate.nomination_letter = ""
        delegate.photo = ""
        delegate.personal_data_erased_at = timezone.now()
        delegate.save(
            update_fields=[
                "passport_name",
                "nationality",
                "date_of_birth",
                "nomination_letter",
                "photo",
                "personal_data_erased_at",
            ]
        )
        log_activity(
            delegate,
            "delegate.personal_data_erased",
            actor=by,
            note=ngettext(
                "Grounds-pass data erased: %(days)s day after the last forum day (%(date)s) has passed.",
                "Grounds-pass data erased: %(days)s days after the last forum day (%(date)s) have passed.",
                settings.DELEGATE_PERSONAL_DATA_RETENTION_DAYS,
            )
            % {
                "days": settings.DELEGATE_PERSONAL_DATA_RETENTION_DAYS,
                "date": delegate.accreditation.forum.end_date.isoformat(),
            },
        )
    return delegate


def delete_grounds_pass_files(sender, instance, **kwargs):
    """post_delete of a Delegate: its files leave storage once the deletion is committed (a
    rolled-back deletion keeps them)."""
    for field_file in (instance.nomination_letter, instance.photo):
        if field_file:
            storage, name = field_file.storage, field_file.name
            transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))


def erase_expired_grounds_pass_data(today=None):
    """Daily (Celery beat, or `manage.py erase_grounds_pass_data`): erase what is due; the
    number of delegates erased."""
    erased = 0
    for delegate in grounds_pass_data_due(today).iterator():
        erase_grounds_pass_data(delegate)
        erased += 1
    return erased


SPEAKING_REQUEST_CANNOT_GO = gettext_lazy("A speaking request cannot go from “%(old)s” to “%(new)s”.")


def submit_speaking_request(accreditation, form, *, by):
    _require_approved(accreditation)
    speaking_request = form.save(commit=False)
    if not (
        Session.objects.open_to_speaking_requests()
        .filter(pk=speaking_request.session_id, forum_id=accreditation.forum_id)
        .exists()
    ):
        raise ValidationError(_("Choose a session of this forum that is open to stakeholder speakers."))
    forum = accreditation.forum
    late = _check_window(
        speaking_requests_open(forum),
        by,
        "stakeholders.change_speakingrequest",
        gettext_lazy("Speaking requests closed on %(date)s."),
        forum.speaking_requests_close,
    )
    with transaction.atomic():
        speaking_request.accreditation = accreditation
        speaking_request.submitted_by = by
        speaking_request.save()
        log_activity(
            speaking_request, "speaking_request.state", actor=by, new_state=SpeakingRequestState.SUBMITTED, note=late
        )
    return speaking_request


def set_speaking_request_state(speaking_request, new_state, *, by=None, note=""):
    """The one way a speaking request changes state. The secretariat selects or not; its decision
    stays with the secretariat until the session's selection closes (then it is released at
    once). Only a released selection can be confirmed or declined, by the organisation itself."""
    old_state, new_state = check(
        SpeakingRequestState, speaking_request.state, new_state, message=SPEAKING_REQUEST_CANNOT_GO
    )
    if new_state in SpeakingRequestState.answers():
        if not speaking_request.is_released:
            raise ValidationError(_("The selection for this session has not been announced yet."))
        organization = speaking_request.accreditation.organization
        if not (is_member_of(by, organization) or can_act_after_deadline(by, "stakeholders.change_speakingrequest")):
            raise PermissionDenied(_("Only the speaker's organisation answers for its speaker."))
    with transaction.atomic():
        transition(
            speaking_request,
            new_state,
            states=SpeakingRequestState,
            message=SPEAKING_REQUEST_CANNOT_GO,
            action="speaking_request.state",
            by=by,
            note=note,
        )
        closed = Session.objects.filter(
            pk=speaking_request.session_id, speaker_selection_closed_at__isnull=False
        ).exists()
        if new_state in SpeakingRequestState.decisions() and closed:
            # A change after the selection closed (a declined speaker replaced) is told at once;
            # a selection already announced and then revoked is always explained.
            was_told = speaking_request.is_released
            speaking_request.notified_at = None
            _release(speaking_request, always=was_told)
    return speaking_request


def _release(speaking_request, *, always=False):
    """Show the organisation the secretariat's decision and mail it; those not selected are told
    only where the session says so (else the request stays "submitted" to them)."""
    if speaking_request.state == SpeakingRequestState.SELECTED:
        mail.speaker_selected(speaking_request)
    elif speaking_request.state == SpeakingRequestState.NOT_SELECTED and (
        always or speaking_request.session.notifies_not_selected
    ):
        mail.speaker_not_selected(speaking_request)
    else:
        return False
    speaking_request.notified_at = timezone.now()
    speaking_request.save(update_fields=["notified_at"])
    return True


def notify_selected_speakers(speaking_requests):
    """Tell the selected, once each (closing a session's selection does it for that session)."""
    count = 0
    with transaction.atomic():
        for speaking_request in speaking_requests.select_for_update().filter(
            state=SpeakingRequestState.SELECTED, notified_at__isnull=True
        ):
            count += _release(speaking_request)
    return count


def close_speaker_selection(session, *, by):
    """End a session's selection: requests still undecided are not selected, and every decision
    is released: the selected are told (and asked to confirm), the others if the session says so.
    Returns the number of organisations' requests told."""
    with transaction.atomic():
        session = Session.objects.select_for_update().select_related("forum").get(pk=session.pk)
        if session.speaker_selection_closed_at is not None:
            raise ValidationError(
                _("The selection for “%(session)s” is already closed.") % {"session": session.title}
            )
        requests = list(
            SpeakingRequest.objects.select_for_update(of=("self",))
            .select_related("accreditation__organization", "accreditation__forum", "session")
            .filter(session=session, state__in=[SpeakingRequestState.SUBMITTED, *SpeakingRequestState.decisions()])
            .order_by("pk")
        )
        for speaking_request in requests:
            if speaking_request.state == SpeakingRequestState.SUBMITTED:
                transition(
                    speaking_request,
                    SpeakingRequestState.NOT_SELECTED,
                    states=SpeakingRequestState,
                    message=SPEAKING_REQUEST_CANNOT_GO,
                    action="speaking_request.state",
                    by=by,
                    note=_("Not selected when the selection closed."),
                )
        session.speaker_selection_closed_at = timezone.now()
        session.save(update_fields=["speaker_selection_closed_at"])
        log_activity(session, "session.speaker_selection", actor=by, old_state="open", new_state="closed")
        told = sum(_release(r) for r in requests if r.notified_at is None)
    return told


# --- Calls for the rapporteur and the opening segment's representatives -------------------------

NOMINATION_CANNOT_GO = gettext_lazy("A nomination cannot go from “%(old)s” to “%(new)s”.")


def nominations_open(forum, today=None):
    """The calls close with the speaking requests: both choose who speaks for stakeholders."""
    return speaking_requests_open(forum, today)


def nominate(accreditation, form, *, by):
    _require_approved(accreditation)
    forum = accreditation.forum
    late = _check_window(
        nominations_open(forum),
        by,
        "stakeholders.change_nomination",
        gettext_lazy("Nominations closed on %(date)s."),
        forum.speaking_requests_close,
    )
    nomination = form.save(commit=False)
    nomination.accreditation = accreditation
    nomination.submitted_by = by
    try:
        with transaction.atomic():
            nomination.save()
            log_activity(nomination, "nomination.state", actor=by, new_state=NominationState.SUBMITTED, note=late)
    except IntegrityError:
        raise ValidationError(
            _(
                "Your organisation has already nominated someone as “%(call)s”; withdraw that nomination "
                "to nominate another person."
            )
            % {"call": nomination.get_role_display()}
        ) from None
    return nomination


def _opening_segment(forum):
    opening = (
        Session.objects.select_for_update()
        .filter(forum=forum, kind=SessionKind.PLENARY_OPENING)
        .order_by("starts_at", "pk")
        .first()
    )
    if opening is None:
        raise ValidationError(
            _("Add the plenary's opening segment to the programme first: the selected nominee speaks there.")
        )
    return opening


def _put_in_programme(nomination):
    """The statement the modalities give this call, in the opening segment, now made by the
    nominee: name and organisation from the record. The rapporteur also shows on the forum."""
    forum = nomination.accreditation.forum
    organization = nomination.accreditation.organization
    opening = _opening_segment(forum)
    role = StatementRole(nomination.role)
    statement = opening.statements.filter(role=role).order_by("order", "pk").first()
    if statement is None:
        last = opening.statements.order_by("-order").values_list("order", flat=True).first() or 0
        statement = Statement(session=opening, role=role, order=last + 1)
    statement.speaker = nomination.nominee_name
    statement.affiliation = organization.name
    statement.save()
    if role == StatementRole.HEARING_RAPPORTEUR:
        forum.hearing_rapporteur = f"{nomination.nominee_name} ({organization.name})"
        forum.save(update_fields=["hearing_rapporteur"])
    return statement


def _take_out_of_programme(nomination):
    """The slot stays in the programme, without a speaker, until another nominee is selected."""
    statement = nomination.statement
    if statement is not None:
        statement.speaker = ""
        statement.affiliation = ""
        statement.save(update_fields=["speaker", "affiliation"])
    if nomination.role == NominationRole.RAPPORTEUR:
        forum = nomination.accreditation.forum
        forum.hearing_rapporteur = ""
        forum.save(update_fields=["hearing_rapporteur"])


def set_nomination_state(nomination, new_state, *, by=None, note=""):
    """The one way a nomination changes state. Selecting puts the nominee in the programme (one
    selected per call and forum); leaving "selected" takes them out again."""
    old_state, new_state = check(NominationState, nomination.state, new_state, message=NOMINATION_CANNOT_GO)
    with transaction.atomic():
        nomination = (
            Nomination.objects.select_for_update(of=("self",))
            .select_related("accreditation__forum", "accreditation__organization", "statement")
            .get(pk=nomination.pk)
        )
        changes = {}
        if new_state == NominationState.SELECTED:
            # Lock the forum: two selections for the same call at once cannot both pass.
            Forum.objects.select_for_update().get(pk=nomination.accreditation.forum_id)
            selected = (
                Nomination.objects.filter(
                    accreditation__forum_id=nomination.accreditation.forum_id,
                    role=nomination.role,
                    state=NominationState.SELECTED,
                )
                .exclude(pk=nomination.pk)
                .first()
            )
            if selected is not None:
                raise ValidationError(
                    _("%(name)s is already selected as “%(call)s”; mark that nomination not selected first.")
                    % {"name": selected.nominee_name, "call": selected.get_role_display()}
                )
            changes["statement"] = _put_in_programme(nomination)
        elif old_state == NominationState.SELECTED:
            _take_out_of_programme(nomination)
            changes["statement"] = None
        transition(
            nomination,
            new_state,
            states=NominationState,
            message=NOMINATION_CANNOT_GO,
            action="nomination.state",
            by=by,
            note=note,
            changes=changes,
        )
        if new_state == NominationState.SELECTED:
            mail.nominee_selected(nomination)
    return nomination


# --- What an organisation's own pages show ------------------------------------------------------

# The rows the dashboard shows of an organisation: a saved or deleted one, whoever wrote it (a
# service, the admin, a cascade), bumps the organisation's own version after the commit, which
# keeps its cached parts (portal.queries, pledges' "my pledges") fresh.
OWN_PAGE_MODELS = (Organization, Membership, JoinRequest, Accreditation, Delegate, SpeakingRequest)


def own_pages_changed(sender, instance, **kwargs):
    if isinstance(instance, (Delegate, SpeakingRequest)):
        accreditation = instance.accreditation_id
        # Its organisation is read after the commit: the writer's own queries stay as they were.
        cache_versions.bump_own_after_commit(
            lambda: organization_versions(
                Accreditation.objects.filter(pk=accreditation).values_list("organization_id", flat=True)
            )
        )
    else:
        pk = instance.pk if isinstance(instance, Organization) else instance.organization_id
        cache_versions.bump_own_after_commit(organization_versions([pk]))


def renamed(update_fields):
    """Whether an organisation's save may have changed its name (what other organisations' pages
    show of it): not when only other fields were saved (a verified status, a logo)."""
    return update_fields is None or "name" in update_fields


def organization_versions(pks):
    return [cache_versions.of(cache_versions.ORGANIZATION, pk) for pk in set(pks) if pk is not None]
