"""The audit trail: one row per change, written in the transaction of the change."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

from core.models import ActivityLog


def log_activity(obj, action, *, actor=None, old_state="", new_state="", note=""):
    return ActivityLog.objects.create(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=obj.pk,
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        old_state=old_state,
        new_state=new_state,
        note=note,
    )


def history(obj):
    """Every entry about `obj`, oldest first, with who made it."""
    return ActivityLog.objects.for_object(obj).select_related("actor")


def logged(obj, action):
    return ActivityLog.objects.for_object(obj).filter(action=action).exists()


# Every action the trail records, as staff read it. A new action gets its label here.
ACTIONS = {
    "subscription.followed": _("topic followed"),
    "subscription.unfollowed": _("topic no longer followed"),
    "subscription.stopped": _("digest stopped from its link"),
    "forum.status": _("forum status changed"),
    "organization.created": _("organisation created"),
    "organization.changed": _("organisation profile changed"),
    "organization.invitation": _("member invited"),
    "organization.member_joined": _("member joined"),
    "organization.member_removed": _("member removed"),
    "organization.member_deleted_account": _("member deleted their account"),
    "membership.role": _("member's role changed"),
    "join_request.state": _("request to join answered"),
    "accreditation.state": _("accreditation state changed"),
    "delegate.state": _("delegate state changed"),
    "speaking_request.state": _("speaking request state changed"),
    "pledge.created": _("pledge created"),
    "pledge.edited": _("pledge edited"),
    "pledge.state": _("pledge state changed"),
    "pledge.partner_invited": _("partner invited"),
    "pledge.partner_confirmed": _("partner confirmed"),
    "pledge.partner_declined": _("partner declined"),
    "pledge.progress_report": _("progress reported"),
    "pledge.reporting_reminder": _("reminded to report progress"),
    "practice.created": _("good practice created"),
    "practice.edited": _("good practice edited"),
    "practice.state": _("good practice state changed"),
    "pledge.message_sent": _("message sent to the pledger"),
    "side_event.state": _("side event state changed"),
    "side_event.edited": _("side event edited"),
    "side_event.decision": _("decision recorded (not yet sent)"),
    "side_event.notified": _("decision sent to the organisers"),
    "side_event.scheduled": _("room and slot set"),
    "side_event.co_organizer_invited": _("co-organiser invited"),
    "side_event.co_organizer_answered": _("co-organiser answered"),
    "side_event.co_organizer_removed": _("co-organiser removed"),
    "coalition.state": _("coalition state changed"),
    "coalition.edited": _("coalition edited"),
    "coalition.member": _("coalition membership changed"),
    "coalition.note_posted": _("workspace note posted"),
    "coalition.draft_edited": _("shared draft edited"),
    "coalition.joint_pledge": _("joint pledge made from the coalition"),
    "summary.state": _("summary state changed"),
    "summaries.reminder": _("secretariat reminded of the summaries' deadline"),
    "summaries.late": _("summaries late"),
    "status_list.imported": _("status list imported"),
    "status_list.match": _("list entry matched or unmatched"),
    "voluntary_review.created": _("voluntary review created"),
    "voluntary_review.edited": _("voluntary review edited"),
    "voluntary_review.state": _("voluntary review state changed"),
    "national_statement.created": _("national statement created"),
    "national_statement.edited": _("national statement edited"),
    "national_statement.state": _("national statement state changed"),
    "consultation.recorded": _("national consultation recorded"),
    "consultation_input.created": _("consultation input created"),
    "consultation_input.edited": _("consultation input edited"),
    "consultation_input.state": _("consultation input state changed"),
    "declaration_version.imported": _("paragraphs imported"),
    "key_message.created": _("key message created"),
    "key_message.edited": _("key message edited"),
    "key_message.endorsed": _("key message endorsed"),
    "key_message.endorsement_withdrawn": _("endorsement withdrawn"),
    "message_outcome.fate": _("fate of the key message marked"),
}


def _field(model, name):
    try:
        return model._meta.get_field(name)
    except (FieldDoesNotExist, AttributeError):
        return None


def action_label(action, model=None):
    """The action as staff read it: "partner invited", not pledge.partner_invited. A change of one
    field (organization.verified_nhri) is named after the field."""
    if action in ACTIONS:
        return ACTIONS[action]
    field = _field(model, action.rsplit(".", 1)[-1]) if model is not None else None
    if field is not None:
        return _("%(field)s changed") % {"field": field.verbose_name}
    return action


def value_label(model, action, value):
    """A state logged as its code ("submitted"), read as its label ("Submitted") in the model's
    choices: those of the field the action names, else of its state, status or stage."""
    if not value or model is None:
        return value or "—"
    for name in (action.rsplit(".", 1)[-1], "state", "status", "stage"):
        field = _field(model, name)
        if field is not None and field.get_internal_type() == "BooleanField" and value in ("True", "False"):
            return _("yes") if value == "True" else _("no")
        if field is not None and field.choices:
            labels = {str(key): label for key, label in field.flatchoices}
            if value in labels:
                return labels[value]
    return value
