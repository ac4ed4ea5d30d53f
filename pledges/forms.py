import re

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from forums.models import Forum
from pledges.enums import Stage
from pledges.models import TEXT_MAX, TEXT_MIN, Indicator, Pledge
from reference.enums import Region
from reference.models import Country, GuidingPrinciple, MemberState, Objective
from stakeholders.models import Organization

CURRENCY = re.compile(r"^[A-Z]{3}$")


class PledgeForm(forms.ModelForm):
    regions = forms.MultipleChoiceField(
        label=_("Regions where it is carried out"),
        choices=Region.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Pledge
        fields = [
            "forum",
            "title",
            "text",
            "kind_financial",
            "kind_technical",
            "kind_process",
            "kind_policy",
            "objectives",
            "principles",
            "global_scope",
            "regions",
            "countries",
            "start_date",
            "end_date",
            "resources",
            "amount",
            "currency",
            "seeking_partners",
            "offering_support",
            "contact_email",
            "attachment",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 12, "minlength": TEXT_MIN, "maxlength": TEXT_MAX}),
            "objectives": forms.CheckboxSelectMultiple,
            "principles": forms.CheckboxSelectMultiple,
            "countries": forms.SelectMultiple(attrs={"size": 8}),
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "resources": forms.Textarea(attrs={"rows": 3}),
            "attachment": forms.ClearableFileInput(
                attrs={"accept": ".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp"}
            ),
        }
        help_texts = {
            "countries": _("Hold Ctrl (or ⌘ on a Mac) to choose several."),
            "global_scope": _("Tick if the pledge is carried out worldwide."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forum"].queryset = Forum.objects.public()
        self.fields["objectives"].queryset = Objective.objects.all()
        self.fields["objectives"].to_field_name = "number"
        self.fields["principles"].queryset = GuidingPrinciple.objects.all()
        self.fields["principles"].to_field_name = "letter"
        self.fields["countries"].queryset = Country.objects.all()
        # Not named "matches": an input of that name would hide the form element's matches() method
        # from scripts (assistive technology and axe-core call it).
        self.fields["matched_pledge"] = forms.CharField(
            label=_("Matches the pledge"),
            required=False,
            max_length=20,
            help_text=_("The reference of the pledge this one matches, for example IMRF2022-0042."),
            initial=self.instance.matches.reference if self.instance.matches_id else "",
        )
        if self.instance.pk:
            self.fields["forum"].disabled = True

    def clean_text(self):
        # Browsers count a line break as one character; normalise before counting.
        text = self.cleaned_data.get("text", "").replace("\r\n", "\n").strip()
        length = len(text)
        if length < TEXT_MIN:
            raise forms.ValidationError(
                _("The text of a pledge has at least %(min)d characters; this one has %(count)d."),
                code="min_length",
                params={"min": TEXT_MIN, "count": length},
            )
        if length > TEXT_MAX:
            raise forms.ValidationError(
                _("The text of a pledge has at most %(max)d characters; this one has %(count)d."),
                code="max_length",
                params={"max": TEXT_MAX, "count": length},
            )
        return text

    def clean_currency(self):
        currency = self.cleaned_data.get("currency", "").strip().upper()
        if currency and not CURRENCY.match(currency):
            raise forms.ValidationError(
                _("Give the currency as a three-letter ISO 4217 code, for example USD.")
            )
        return currency

    def clean_matched_pledge(self):
        reference = self.cleaned_data.get("matched_pledge", "").strip().upper()
        if not reference:
            return None
        match = Pledge.objects.published().filter(reference=reference).first()
        if match is None:
            raise forms.ValidationError(
                _("No published pledge has the reference %(reference)s."), params={"reference": reference}
            )
        if match.pk == self.instance.pk:
            raise forms.ValidationError(_("A pledge cannot match itself."))
        return match

    def clean(self):
        cleaned = super().clean()
        if "matched_pledge" in cleaned:
            self.instance.matches = cleaned["matched_pledge"]
        if not any(
            cleaned.get(f) for f in ("kind_financial", "kind_technical", "kind_process", "kind_policy")
        ):
            self.add_error(None, _("Choose at least one kind of pledge."))
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date comes after the start date."))
        if cleaned.get("kind_financial"):
            if not cleaned.get("amount"):
                self.add_error("amount", _("A financial pledge states the amount committed."))
            if not cleaned.get("currency"):
                self.add_error("currency", _("A financial pledge states the currency of the amount."))
        if cleaned.get("amount") is not None and cleaned["amount"] <= 0:
            self.add_error("amount", _("The amount is more than zero."))
        if not (cleaned.get("global_scope") or cleaned.get("regions") or cleaned.get("countries")):
            self.add_error(
                "countries", _("Say where the pledge is carried out: countries, regions, or global.")
            )
        return cleaned


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["description", "unit", "baseline", "target", "target_date"]
        widgets = {"target_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("baseline") is not None and cleaned.get("baseline") == cleaned.get("target"):
            self.add_error("target", _("The target differs from the baseline: it says what changes."))
        return cleaned


IndicatorFormSet = inlineformset_factory(
    Pledge, Indicator, form=IndicatorForm, extra=2, min_num=1, validate_min=True, max_num=20, can_delete=True
)


class PartnerForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organization.objects.all(),
        required=False,
        to_field_name="slug",
        widget=forms.TextInput,
        help_text=_("The organisation's portal address name, for example iom-ngo."),
    )
    member_state = forms.ModelChoiceField(
        label=_("or Member State"),
        queryset=MemberState.objects.all(),
        required=False,
        empty_label=_("— none —"),
    )

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("organization")) == bool(cleaned.get("member_state")):
            raise forms.ValidationError(_("Invite one organisation or one Member State."))
        return cleaned


class ProgressReportForm(forms.Form):
    reported_on = forms.DateField(
        label=_("Date of the report"), widget=forms.DateInput(attrs={"type": "date"})
    )
    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices)
    narrative = forms.CharField(
        label=_("What was done"), max_length=5000, widget=forms.Textarea(attrs={"rows": 8})
    )

    def __init__(self, *args, indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = list(indicators)
        for indicator in self.indicators:
            self.fields[f"indicator_{indicator.pk}"] = forms.DecimalField(
                label=indicator.description,
                max_digits=15,
                decimal_places=2,
                help_text=_("Baseline %(baseline)s, target %(target)s %(unit)s by %(date)s.")
                % {
                    "baseline": indicator.baseline,
                    "target": indicator.target,
                    "unit": indicator.unit,
                    "date": indicator.target_date.isoformat(),
                },
            )

    def values(self):
        return {i.pk: self.cleaned_data.get(f"indicator_{i.pk}") for i in self.indicators}

    def indicator_fields(self):
        return [self[f"indicator_{i.pk}"] for i in self.indicators]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
