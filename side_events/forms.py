"""Forms for side events: the organisers' application with its speakers, and the secretariat's
decision and scheduling form in the admin."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import choice_groups, counted, kept_forms
from core.languages import long_date
from core.transitions import InvalidTransition
from reference.enums import Region
from side_events.enums import CoOrganizerState, SideEventState
from side_events.models import SideEvent, SideEventSpeaker
from side_events.services import check_transition, co_organizer_choices, validate_side_event_slot
from stakeholders.models import Organization

APPLICATION_FIELDS = [
    "title",
    "description",
    "format",
    "preferred_day",
    "preferred_time",
    "expected_audience",
    "co_organizing_states",
    "objectives",
    "guiding_principles",
    "outcomes",
    "set_up",
]


class SideEventForm(forms.ModelForm):
    # Not a model field: each organisation named becomes an invitation its focal points answer
    # (services.set_co_organizers), and only those accredited to the forum and listed in the
    # public directory are offered, so that the form reveals no organisation that chose not to be.
    co_organizers = forms.ModelMultipleChoiceField(
        label=_("Co-organizing organizations"),
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Other organisations accredited to the forum and listed in the public directory. Each is "
            "asked to confirm and is shown as co-organiser only once it has."
        ),
    )

    class Meta:
        model = SideEvent
        fields = APPLICATION_FIELDS
        widgets = {
            "description": counted(forms.Textarea(attrs={"rows": 6}), 3000),
            "outcomes": counted(forms.Textarea(attrs={"rows": 4}), 2000),
            "set_up": counted(forms.Textarea(attrs={"rows": 3}), 2000),
            "co_organizing_states": forms.CheckboxSelectMultiple,
            "objectives": forms.CheckboxSelectMultiple,
            "guiding_principles": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "title": _("As it should appear in the programme."),
            "description": _("What the event is about and why it matters for the Global Compact."),
            "co_organizing_states": _("Member States that co-organise the event."),
            "outcomes": _("What the event will produce: a statement, a pledge, a network, a report…"),
        }
        error_messages = {
            "title": {"required": _("Give the event a title.")},
            "description": {"required": _("Say what the event is about.")},
            "format": {"required": _("Choose the format of the event.")},
            "preferred_time": {"required": _("Choose the time of day you prefer.")},
            "objectives": {"required": _("Choose at least one objective of the Global Compact.")},
            "outcomes": {"required": _("Say what the event will produce.")},
        }

    def __init__(self, *args, forum, organization=None, member_state=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.forum = forum
        days = forum.programme_days
        self.fields["preferred_day"].widget = forms.Select(
            choices=[("", "---------")]
            + [
                (
                    day.isoformat(),
                    _("%(day)s (multi-stakeholder hearing)") % {"day": long_date(day)}
                    if day == forum.hearing_date
                    else long_date(day),
                )
                for day in days
            ]
        )
        self.fields["co_organizers"].queryset = co_organizer_choices(forum, organization, self.instance)
        if member_state is not None:
            # The applying State leads; it does not co-organise its own event.
            states = self.fields["co_organizing_states"]
            states.queryset = states.queryset.exclude(pk=member_state.pk)
        if self.instance.pk:
            self.fields["co_organizers"].initial = [
                row.organization_id
                for row in self.instance.co_organizers.filter(state__in=CoOrganizerState.standing())
            ]
        self.fields["objectives"].help_text = _("The GCM objectives the event addresses; at least one.")

    def state_groups(self):
        """The Member States' checkboxes by region: five short lists instead of one of 193 rows."""
        return choice_groups(self["co_organizing_states"], lambda state: state.region, dict(Region.choices))

    def clean_co_organizers(self):
        chosen = self.cleaned_data["co_organizers"]
        if self.instance.pk:
            declined = self.instance.co_organizers.filter(
                state=CoOrganizerState.DECLINED, organization__in=chosen
            ).select_related("organization")
            if declined:
                raise ValidationError(
                    _("%(names)s declined to co-organise this event.")
                    % {"names": "; ".join(row.organization.name for row in declined)}
                )
        return chosen

    def clean_preferred_day(self):
        day = self.cleaned_data["preferred_day"]
        if day not in self.forum.programme_days:
            raise ValidationError(_("Choose a day of the forum or of its hearing."))
        return day


class SpeakerForm(forms.ModelForm):
    class Meta:
        model = SideEventSpeaker
        fields = ["name", "function", "gender", "category", "region"]
        error_messages = {
            "name": {"required": _("Give the speaker's name.")},
            "function": {"required": _("Give the speaker's function: title and institution.")},
            "gender": {"required": _("Choose the speaker's gender.")},
            "category": {"required": _("Choose whom the speaker speaks for.")},
            "region": {"required": _("Choose the speaker's region.")},
        }


class BaseSpeakerFormSet(forms.BaseInlineFormSet):
    default_error_messages = {"too_many_forms": _("A side event has at most 12 speakers.")}

    def add_fields(self, form, index):
        super().add_fields(form, index)
        # Removing is a button ("Remove this speaker"), not a box to tick; the button (or the
        # script) posts DELETE, so the field stays, unseen.
        form.fields["DELETE"].widget = forms.HiddenInput()

    def kept(self):
        return kept_forms(self)

    def removed(self):
        return [form for form in self.forms if form not in self.kept()]

    def can_add(self):
        return len(self.kept()) < self.max_num


def speaker_formset(data=None, *, instance):
    """The planned speakers: one empty row to start with, more on "Add another speaker"."""
    formset = forms.inlineformset_factory(
        SideEvent,
        SideEventSpeaker,
        form=SpeakerForm,
        formset=BaseSpeakerFormSet,
        extra=0 if instance.pk and instance.speakers.exists() else 1,
        max_num=12,
        validate_max=True,
        can_delete=True,
    )
    return formset(data, instance=instance, prefix="speakers")


class SideEventAdminForm(forms.ModelForm):
    """The secretariat's decision (held until decisions are sent) and, for accepted events, the slot."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        required=False,
        choices=[("", _("No change"))] + [(s.value, s.label) for s in SideEventState.decisions()],
        help_text=_("Recorded now; the organisers learn of it when you send the decisions."),
    )
    reason = forms.CharField(
        label=_("Reason to send with this decision"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent to the organisers; required for a waitlisting or a rejection."),
    )

    class Meta:
        model = SideEvent
        fields = ["room", "starts_at", "ends_at"]

    def clean(self):
        cleaned = super().clean()
        side_event = self.instance
        decision = cleaned.get("decision")
        decided = SideEventState(side_event.decided_state)
        new_state = SideEventState(decision) if decision else decided
        if decision and decision != decided:
            try:
                check_transition(side_event, decision, reason=cleaned.get("reason", ""))
            except InvalidTransition as exc:
                self.add_error("decision", exc)
                return cleaned
            except ValidationError as exc:
                self.add_error("reason", exc)
                return cleaned
        elif decision == decided:
            cleaned["decision"] = ""
        leaving_accepted = decided == SideEventState.ACCEPTED and new_state != SideEventState.ACCEPTED
        if not leaving_accepted and not self.errors:
            side_event.room = cleaned.get("room")
            side_event.starts_at = cleaned.get("starts_at")
            side_event.ends_at = cleaned.get("ends_at")
            try:
                validate_side_event_slot(side_event, state=new_state)
            except ValidationError as exc:
                for field, messages in exc.message_dict.items():
                    for message in messages:
                        self.add_error(field if field in self.fields else None, message)
        return cleaned
