"""Domain rules of the reviews app. Views, admin actions and the demo all go through these
functions; every state change is logged and mailed in its transaction, and what the public sees
invalidates the page cache after the commit."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import cache_versions
from core.audit import log_activity
from core.transitions import check, transition
from reviews import mail, permissions
from reviews.enums import SubmissionState
from reviews.models import ConsultationInput, NationalStatement, VoluntaryReview, VoluntaryReviewDocument

CANNOT_GO = {
    VoluntaryReview: gettext_lazy("A voluntary review cannot go from “%(old)s” to “%(new)s”."),
    NationalStatement: gettext_lazy("A national statement cannot go from “%(old)s” to “%(new)s”."),
    ConsultationInput: gettext_lazy("An input cannot go from “%(old)s” to “%(new)s”."),
}
ACTION = {
    VoluntaryReview: "voluntary_review",
    NationalStatement: "national_statement",
    ConsultationInput: "consultation_input",
}


def _invalidate_pages():
    cache_versions.bump_after_commit(cache_versions.REVIEWS)


# --- Saving ----------------------------------------------------------------------------------


def _save(obj, *, by, save_related=None):
    """Create or edit a submission, logged; only while its owner may still change it."""
    created = obj.pk is None
    if not created and by is not None and not permissions.can_edit(by, obj):
        raise PermissionDenied(_("This can no longer be changed: it is with the secretariat or published."))
    with transaction.atomic():
        obj.updated_at = timezone.now()
        if created:
            obj.created_by = by
        obj.save()
        if save_related is not None:
            save_related(obj)
        action = ACTION[type(obj)]
        if created:
            log_activity(obj, f"{action}.created", actor=by, new_state=obj.state)
        else:
            log_activity(obj, f"{action}.edited", actor=by)
    return obj


def save_voluntary_review(review, documents=None, *, by):
    """Save a review and its documents ({language: uploaded file}; one file per language, a new
    one replacing the one before)."""
    if review.pk is None and by is not None and not (
        permissions.is_state_focal_point_for(by, review.member_state_id) or permissions.can_review(by)
    ):
        raise PermissionDenied(_("Only the focal points of this Member State, or the secretariat, can do this."))

    def save_documents(saved):
        for language, upload in (documents or {}).items():
            if upload:
                VoluntaryReviewDocument.objects.update_or_create(
                    review=saved, language=language, defaults={"file": upload, "uploaded_at": timezone.now()}
                )

    return _save(review, by=by, save_related=save_documents)


def save_national_statement(statement, *, by):
    statement.take_from_programme()
    if statement.pk is None and by is not None and not (
        permissions.is_state_focal_point_for(by, statement.member_state_id) or permissions.can_review(by)
    ):
        raise PermissionDenied(_("Only the focal points of this Member State, or the secretariat, can do this."))
    return _save(statement, by=by)


def save_input(consultation_input, *, by):
    consultation = consultation_input.consultation
    if consultation_input.pk is None and by is not None and not permissions.can_review(by):
        organization = permissions.input_organization(by, consultation)
        if organization is None or organization.pk != consultation_input.organization_id:
            raise PermissionDenied(
                _("Only focal points of organisations accredited to this forum can give input.")
            )
    check_deadline(consultation)
    return _save(consultation_input, by=by)


def record_national_consultation(consultation, *, by):
    """A State's focal point records a consultation its State held (its review may cite it)."""
    if by is not None and not (
        permissions.is_state_focal_point_for(by, consultation.member_state_id) or permissions.can_review(by)
    ):
        raise PermissionDenied(_("Only the focal points of this Member State, or the secretariat, can do this."))
    with transaction.atomic():
        consultation.opened_by = by
        consultation.save()
        log_activity(consultation, "consultation.recorded", actor=by)
    _invalidate_pages()
    return consultation


def check_deadline(consultation, today=None):
    if not consultation.is_open(today):
        raise ValidationError(
            _("This consultation closed on %(date)s (New York time); input is no longer taken.")
            % {"date": date_format(consultation.deadline, "DATE_FORMAT")}
        )


# --- State changes ---------------------------------------------------------------------------


def _completeness_errors(obj):
    if isinstance(obj, VoluntaryReview):
        if not obj.documents.exists():
            return [_("Upload the review in at least one language before submitting it.")]
    elif isinstance(obj, NationalStatement):
        if not (obj.text.strip() or obj.pdf):
            return [_("Give the text of the statement or its PDF before submitting it.")]
    return []


def _set_state(obj, new_state, *, by, reason):
    model = type(obj)
    old_state, new_state = check(SubmissionState, obj.state, new_state, message=CANNOT_GO[model])
    reason = (reason or "").strip()
    # by=None is the system itself (the demo, a management command); people are checked.
    if by is not None and not permissions.can_change_state(by, obj, new_state):
        if new_state in SubmissionState.owner_states():
            raise PermissionDenied(_("Only the submitter or the secretariat can do this."))
        raise PermissionDenied(_("Only the secretariat can do this."))
    if new_state in SubmissionState.needs_reason() and not reason:
        raise ValidationError(_("Give the submitter a reason for “%(new)s”.") % {"new": new_state.label})
    if new_state == SubmissionState.SUBMITTED:
        errors = _completeness_errors(obj)
        if errors:
            raise ValidationError(errors)
        if isinstance(obj, ConsultationInput):
            check_deadline(obj.consultation)
    now = timezone.now()
    changes = {"updated_at": now}
    if new_state in SubmissionState.needs_reason():
        changes["review_note"] = reason
    if new_state == SubmissionState.SUBMITTED:
        changes["submitted_at"] = now
    if new_state == SubmissionState.PUBLISHED:
        changes["published_at"] = obj.published_at or now
    with transaction.atomic():
        entry = transition(
            obj,
            new_state,
            states=SubmissionState,
            message=CANNOT_GO[model],
            action=f"{ACTION[model]}.state",
            by=by,
            note=reason,
            changes=changes,
        )
        mail.state_changed(obj, entry)
        if SubmissionState.PUBLISHED in (old_state, new_state):
            _invalidate_pages()
    return obj


def set_voluntary_review_state(review, new_state, *, by, reason=""):
    """The one way a voluntary review changes state."""
    return _set_state(review, new_state, by=by, reason=reason)


def set_national_statement_state(statement, new_state, *, by, reason=""):
    """The one way a national statement changes state."""
    return _set_state(statement, new_state, by=by, reason=reason)


def set_input_state(consultation_input, new_state, *, by, reason=""):
    """The one way an input to a consultation changes state."""
    return _set_state(consultation_input, new_state, by=by, reason=reason)


def set_state(obj, new_state, *, by, reason=""):
    """The transition function of the object's model (for views that handle all three)."""
    return {
        VoluntaryReview: set_voluntary_review_state,
        NationalStatement: set_national_statement_state,
        ConsultationInput: set_input_state,
    }[type(obj)](obj, new_state, by=by, reason=reason)
