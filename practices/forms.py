from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import choice_groups, error_summary
from practices.enums import SupportDirection
from practices.models import Practice, PracticeCall
from practices.services import check_call
from reference.enums import Region, SupportKind
from reference.models import Country

DATE = {"type": "date"}


class PracticeForm(forms.ModelForm):
    regions = forms.MultipleChoiceField(
        label=_("Whole regions"), choices=Region.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    seeks = forms.MultipleChoiceField(
        label=_("What the practice seeks"),
        choices=SupportKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    offers = forms.MultipleChoiceField(
        label=_("What the practice offers"),
        choices=SupportKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Practice
        fields = [
            "title",
            "summary",
            "description",
            "partners",
            "countries",
            "regions",
            "objectives",
            "principles",
            "start_date",
            "end_date",
            "completion",
            "results",
            "innovative",
            "replicable",
            "lessons",
            "link",
            "attachment",
            "contact_name",
            "contact_email",
            "call",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 8}),
            "partners": forms.Textarea(attrs={"rows": 3}),
            "results": forms.Textarea(attrs={"rows": 5}),
            "innovative": forms.Textarea(attrs={"rows": 4}),
            "replicable": forms.Textarea(attrs={"rows": 4}),
            "lessons": forms.Textarea(attrs={"rows": 4}),
            "countries": forms.CheckboxSelectMultiple,
            "objectives": forms.CheckboxSelectMultiple,
            "principles": forms.CheckboxSelectMultiple,
            "completion": forms.RadioSelect,
            "start_date": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
            "attachment": forms.ClearableFileInput(attrs={"accept": ".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp"}),
        }
        error_messages = {
            "title": {"required": _("Give the practice a title.")},
            "summary": {"required": _("Summarise the practice in a few sentences.")},
            "description": {"required": _("Describe the practice: what was done, by whom, for whom.")},
            "objectives": {"required": _("Choose at least one GCM objective.")},
            "start_date": {
                "required": _("Give the date the practice started, for example 2020-03-01."),
                "invalid": _("Give the start date as a date, for example 2020-03-01."),
            },
            "end_date": {"invalid": _("Give the end date as a date, for example 2023-12-31.")},
            "completion": {"required": _("Say whether the practice is fully or mostly completed.")},
            "results": {"required": _("Give the results and the evidence of them.")},
            "innovative": {"required": _("Say what makes the practice innovative.")},
            "replicable": {"required": _("Say what makes the practice replicable elsewhere.")},
            "contact_name": {"required": _("Give a contact person.")},
            "contact_email": {
                "required": _("Give the contact's e-mail address."),
                "invalid": _("Give the contact e-mail as an address, for example name@example.org."),
            },
            "link": {"invalid": _("Give the link as a full address, for example https://example.org/report.")},
        }

    def __init__(self, *args, submitter=None, **kwargs):
        super().__init__(*args, **kwargs)
        countries = self.fields["countries"]
        countries.queryset = Country.objects.order_by("name")
        countries.to_field_name = "iso3"
        countries.help_text = ""
        # Every call validates, so that one that closed meanwhile is refused in words
        # (check_call), not as "not one of the choices"; only the open ones are offered.
        call = self.fields["call"]
        call.queryset = PracticeCall.objects.all()
        call.help_text = _("Optional: an open call for practices this practice answers.")
        offered = PracticeCall.objects.open_on(timezone.localdate())
        if self.instance.call_id:
            offered = offered | PracticeCall.objects.filter(pk=self.instance.call_id)
        call.widget.choices = [("", _("No call"))] + [
            (c.pk, _("%(title)s (until %(deadline)s)") % {"title": c.title, "deadline": c.deadline.isoformat()})
            for c in offered.order_by("deadline", "pk")
        ]
        if self.instance.pk:
            self.initial["seeks"] = [s.kind for s in self.instance.support.all() if s.direction == SupportDirection.SEEK]
            self.initial["offers"] = [s.kind for s in self.instance.support.all() if s.direction == SupportDirection.OFFER]
        elif submitter is not None and submitter.member_state is not None and submitter.organization is not None:
            # A person may be both an organisation's focal point and a State's: they say for whom.
            self.fields["as_state"] = forms.TypedChoiceField(
                label=_("Implemented by"),
                choices=[("1", submitter.member_state.name), ("", submitter.organization.name)],
                coerce=bool,
                empty_value=False,
                initial="1",
                widget=forms.RadioSelect,
                required=False,
            )
            self.order_fields(["as_state"])

    def country_groups(self):
        return choice_groups(self["countries"], lambda country: country.region, dict(Region.choices))

    def summary_entries(self):
        return error_summary(self)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        if not (cleaned.get("regions") or cleaned.get("countries")):
            self.add_error("countries", _("Say where the practice was implemented: choose countries or whole regions."))
        if "call" in self.changed_data:
            try:
                check_call(cleaned.get("call"))
            except ValidationError as exc:
                self.add_error(None, exc)
        return cleaned
