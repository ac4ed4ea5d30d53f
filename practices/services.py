"""Domain rules of good practices. Views, admin actions and the demo all go through these
functions; every state change is logged and mailed in its transaction."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import cache_versions
from core.audit import log_activity
from core.codes import codes
from core.transitions import check, transition
from practices import mail, permissions, search
from practices.enums import MEMBER_STATE, PracticeState, SupportDirection
from practices.models import PracticeSupport

CANNOT_GO = gettext_lazy("A practice cannot go from “%(old)s” to “%(new)s”.")


def invalidate_public_pages():
    """What the public sees changed: cached pages (the registry, objective pages) are stale."""
    cache_versions.bump_after_commit(cache_versions.PRACTICES)


def refresh_denormalised(practice):
    """Copy into the practice row what the registry filters, counts and shows."""
    lead = practice.member_state if practice.member_state_id else practice.organization
    practice.implementer_type = MEMBER_STATE if practice.member_state_id else practice.organization.category
    acronym = getattr(lead, "acronym", "")
    practice.implementer_name = f"{lead.name} ({acronym})" if acronym else lead.name
    practice.objective_codes = codes(sorted(practice.objectives.values_list("number", flat=True)))
    practice.principle_codes = codes(sorted(practice.principles.values_list("letter", flat=True)))
    countries = list(practice.countries.order_by("iso3").values_list("iso3", "region"))
    practice.country_codes = codes(iso3 for iso3, _region in countries)
    practice.region_codes = codes(sorted(set(practice.regions or []) | {region for _iso3, region in countries}))
    practice.updated_at = timezone.now()
    practice.save(
        update_fields=[
            "implementer_type",
            "implementer_name",
            "objective_codes",
            "principle_codes",
            "country_codes",
            "region_codes",
            "updated_at",
        ]
    )
    search.update_vectors(practice.pk)


def check_call(call, *, today=None):
    """A practice answers a call only while it is open."""
    if call is None:
        return
    today = today or timezone.localdate()
    if today > call.deadline:
        raise ValidationError(
            {
                "call": _(
                    "The call “%(call)s” closed on %(deadline)s; a practice can no longer answer it. "
                    "Choose an open call, or none."
                )
                % {"call": call.title, "deadline": call.deadline.isoformat()}
            }
        )
    if today < call.opens:
        raise ValidationError(
            {
                "call": _("The call “%(call)s” opens on %(opens)s.")
                % {"call": call.title, "opens": call.opens.isoformat()}
            }
        )


def save_support(practice, *, seeks, offers):
    practice.support.all().delete()
    PracticeSupport.objects.bulk_create(
        [PracticeSupport(practice=practice, direction=SupportDirection.SEEK, kind=kind) for kind in seeks]
        + [PracticeSupport(practice=practice, direction=SupportDirection.OFFER, kind=kind) for kind in offers]
    )


def save_practice(form, *, by, submitter=None):
    """Save a practice from its form. A new one gets its implementing entity: the user's
    Member State when they are its focal point and chose it, else their organisation."""
    with transaction.atomic():
        practice = form.save(commit=False)
        created = practice.pk is None
        if created:
            if not submitter:
                raise PermissionDenied(_("Only a focal point of an organisation or of a Member State can submit a practice."))
            if submitter.member_state is not None and (form.cleaned_data.get("as_state") or submitter.organization is None):
                practice.member_state = submitter.member_state
            else:
                practice.organization = submitter.organization
            practice.created_by = by
        elif "call" in form.changed_data:
            check_call(practice.call)
        if created:
            check_call(practice.call)
        practice.save()
        form.save_m2m()
        save_support(practice, seeks=form.cleaned_data.get("seeks", []), offers=form.cleaned_data.get("offers", []))
        refresh_denormalised(practice)
        if created:
            log_activity(practice, "practice.created", actor=by, new_state=practice.state)
        else:
            log_activity(practice, "practice.edited", actor=by)
        if practice.state == PracticeState.PUBLISHED:
            invalidate_public_pages()
    return practice


def completeness_errors(practice):
    """What a practice needs before review, each as one sentence."""
    errors = []
    if not practice.objective_codes:
        errors.append(_("Choose at least one GCM objective."))
    if not practice.region_codes:
        errors.append(_("Say where the practice was implemented: countries or regions."))
    return errors


def check_practice_transition(practice, new_state, *, reason=""):
    new_state = PracticeState(new_state)
    if new_state in PracticeState.needs_reason() and not reason:
        raise ValidationError(_("Tell the submitter what information is missing."))
    if new_state == PracticeState.SUBMITTED:
        errors = completeness_errors(practice)
        if errors:
            raise ValidationError(errors)


def set_practice_state(practice, new_state, *, by, reason=""):
    """The one way a practice changes state."""
    old_state, new_state = check(PracticeState, practice.state, new_state, message=CANNOT_GO)
    reason = (reason or "").strip()
    # by=None is the system itself (the demo, a management command); people are checked.
    if by is not None and not permissions.can_change_practice_state(by, practice, new_state):
        if new_state in PracticeState.owner_states():
            raise PermissionDenied(_("Only the implementing entity can do this."))
        raise PermissionDenied(_("Only the secretariat can do this."))
    check_practice_transition(practice, new_state, reason=reason)
    now = timezone.now()
    changes = {"updated_at": now}
    if new_state in PracticeState.needs_reason():
        changes["review_note"] = reason
    if new_state == PracticeState.PUBLISHED:
        changes["published_at"] = practice.published_at or now
    with transaction.atomic():
        entry = transition(
            practice,
            new_state,
            states=PracticeState,
            message=CANNOT_GO,
            action="practice.state",
            by=by,
            note=reason,
            changes=changes,
        )
        mail.state_changed(practice, entry)
        if PracticeState.PUBLISHED in (old_state, new_state):
            invalidate_public_pages()
    return practice
