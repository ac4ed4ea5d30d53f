import re

from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from core.codes import split_codes
from core.forms import choice_groups, counted, error_summary
from forums.models import Forum
from pledges.enums import Stage
from pledges.models import TEXT_MAX, TEXT_MIN, Indicator, Pledge
from pledges.queries import pledge_forums
from practices.models import Practice
from reference.enums import Region, SupportKind
from reference.models import Country, GuidingPrinciple, MemberState, Objective
from stakeholders.models import Organization

CURRENCY = re.compile(r"^[A-Z]{3}$")


KIND_FIELDS = ("kind_financial", "kind_technical", "kind_process", "kind_policy")

# The flow's steps, in order: (slug, label). Each step saves the draft; the last one submits.
STEPS = (
    ("what", _("What")),
    ("where", _("Where and when")),
    ("indicators", _("Indicators")),
    ("partners", _("Partners")),
    ("review", _("Review and submit")),
)
STEP_NAMES = [name for name, _label in STEPS]


class StepForm(forms.ModelForm):
    """One step of the pledge flow: a part of the pledge's fields, saved on its own."""

    #: Non-field errors by code, and the field their link in the error summary points at.
    error_anchors = {}

    def summary(self):
        """The error summary's entries (core.forms.error_summary): the flow's messages say which
        field they are about in their own words, so without the field's label."""
        return error_summary(self, labelled=False, anchors=self.error_anchors)


class WhatForm(StepForm):
    error_anchors = {"kinds": "kind_financial"}

    class Meta:
        model = Pledge
        fields = [
            "forum",
            "title",
            "text",
            *KIND_FIELDS,
            "objectives",
            "principles",
            "resources",
            "amount",
            "currency",
        ]
        widgets = {
            "text": counted(forms.Textarea(attrs={"rows": 10}), TEXT_MAX, min_length=TEXT_MIN),
            "objectives": forms.CheckboxSelectMultiple,
            "principles": forms.CheckboxSelectMultiple,
            "resources": forms.Textarea(attrs={"rows": 3}),
            "amount": forms.NumberInput(attrs={"inputmode": "decimal", "step": "any"}),
            "currency": forms.TextInput(attrs={"size": 4, "autocomplete": "off"}),
        }
        error_messages = {
            "forum": {"required": _("Choose the forum the pledge is made for.")},
            "title": {"required": _("Give the pledge a title.")},
            "text": {"required": _("Write the text of the pledge: what you commit to do, for whom, by when.")},
            "objectives": {"required": _("Choose at least one GCM objective.")},
            "amount": {"invalid": _("Give the amount as a number, for example 250000.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        forum = self.fields["forum"]
        if self.instance.pk:
            # Its reference is numbered in its forum: the forum stays.
            forum.queryset = Forum.objects.filter(pk=self.instance.forum_id)
            forum.disabled = True
        else:
            forum.queryset = pledge_forums()
            forum.empty_label = _("Choose a forum")
        choices = list(forum.queryset)
        self.only_forum = choices[0] if len(choices) == 1 else None
        if self.only_forum is not None:
            # One forum to choose from: say which, instead of a menu of one.
            forum.widget = forms.HiddenInput()
            forum.initial = self.only_forum.pk
        self.fields["objectives"].queryset = Objective.objects.all()
        self.fields["objectives"].to_field_name = "number"
        self.fields["principles"].queryset = GuidingPrinciple.objects.all()
        self.fields["principles"].to_field_name = "letter"
        self.fields["text"].help_text = _("Between 300 and 3,000 characters: what you commit to do, for whom, by when.")

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

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(f) for f in KIND_FIELDS):
            self.add_error(None, forms.ValidationError(_("Choose at least one kind of pledge."), code="kinds"))
        if cleaned.get("kind_financial"):
            if not cleaned.get("amount"):
                self.add_error("amount", _("A financial pledge states the amount committed."))
            if not cleaned.get("currency"):
                self.add_error("currency", _("A financial pledge states the currency of the amount."))
        if cleaned.get("amount") is not None and cleaned["amount"] <= 0:
            self.add_error("amount", _("The amount is more than zero."))
        return cleaned


class WhereForm(StepForm):
    regions = forms.MultipleChoiceField(
        label=_("Whole regions"),
        choices=Region.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Pledge
        fields = ["countries", "regions", "global_scope", "start_date", "end_date"]
        widgets = {
            "countries": forms.CheckboxSelectMultiple,
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        labels = {"global_scope": _("Worldwide")}
        help_texts = {"global_scope": _("Tick if the pledge is carried out worldwide.")}
        error_messages = {
            "start_date": {"invalid": _("Give the start date as a date, for example 2026-06-01.")},
            "end_date": {"invalid": _("Give the end date as a date, for example 2030-06-01.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        countries = self.fields["countries"]
        countries.queryset = Country.objects.order_by("name")
        countries.to_field_name = "iso3"
        countries.help_text = ""

    def country_groups(self):
        return choice_groups(self["countries"], lambda country: country.region, dict(Region.choices))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date comes after the start date."))
        if not (cleaned.get("global_scope") or cleaned.get("regions") or cleaned.get("countries")):
            self.add_error(
                "countries", _("Say where the pledge is carried out: choose countries, whole regions, or worldwide.")
            )
        return cleaned


class CooperationForm(StepForm):
    seeks = forms.MultipleChoiceField(
        label=_("What the pledge seeks"),
        choices=SupportKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Optional. Pledges that offer it will be suggested to you as matches."),
    )
    offers = forms.MultipleChoiceField(
        label=_("What the pledge offers to others"),
        choices=SupportKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Optional. Pledges that seek it will find yours among their matches."),
    )

    class Meta:
        model = Pledge
        fields = ["contact_email", "attachment", "practices"]
        widgets = {
            "practices": forms.CheckboxSelectMultiple,
            "attachment": forms.ClearableFileInput(
                attrs={"accept": ".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp"}
            ),
        }
        error_messages = {
            "contact_email": {"invalid": _("Give the contact e-mail as an address, for example name@example.org.")}
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A pledge cites the published good practices it builds on (each lists it on its page).
        self.fields["practices"].queryset = Practice.objects.published().order_by("title", "pk")
        self.fields["practices"].help_text = _("Optional: published good practices this pledge builds on.")
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
            self.fields["seeks"].initial = split_codes(self.instance.seek_codes)
            self.fields["offers"].initial = split_codes(self.instance.offer_codes)

    def support_kinds(self):
        """(seeks, offers) as chosen: services.save_pledge records them (services.set_support)."""
        return self.cleaned_data.get("seeks", []), self.cleaned_data.get("offers", [])

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
        return cleaned


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["description", "unit", "baseline", "target", "target_date"]
        widgets = {
            "target_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "baseline": forms.NumberInput(attrs={"inputmode": "decimal", "step": "any"}),
            "target": forms.NumberInput(attrs={"inputmode": "decimal", "step": "any"}),
        }
        labels = {"description": _("What you measure")}
        error_messages = {
            "description": {"required": _("Say what this indicator measures, for example: nurses recruited without fees.")},
            "baseline": {
                "required": _("Give the baseline: the value today, as a number (0 if nothing yet)."),
                "invalid": _("Give the baseline as a number, for example 0."),
            },
            "target": {
                "required": _("Give the target: the value to reach, as a number."),
                "invalid": _("Give the target as a number, for example 800."),
            },
            "target_date": {
                "required": _("Give the date by which the target is reached."),
                "invalid": _("Give the target date as a date, for example 2029-12-31."),
            },
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("baseline") is not None and cleaned.get("baseline") == cleaned.get("target"):
            self.add_error("target", _("The target differs from the baseline: it says what changes."))
        return cleaned


class BaseIndicatorFormSet(BaseInlineFormSet):
    default_error_messages = {
        "too_few_forms": _("Add at least one indicator, with a baseline, a target and a target date."),
        "too_many_forms": _("A pledge has at most 20 indicators."),
    }

    def summary(self):
        return error_summary(
            formset=self, item_label=_("Indicator %(number)s: %(message)s"), formset_anchor="indicators"
        )


def indicator_formset(*args, extra=0, **kwargs):
    formset = inlineformset_factory(
        Pledge,
        Indicator,
        form=IndicatorForm,
        formset=BaseIndicatorFormSet,
        extra=extra,
        min_num=1,
        validate_min=True,
        max_num=20,
        validate_max=True,
        can_delete=True,
    )
    return formset(*args, prefix="indicators", **kwargs)


class PartnerForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organization.objects.none(),
        required=False,
        to_field_name="slug",
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("Choose the organisation among those the search found.")},
    )
    member_state = forms.ModelChoiceField(
        label=_("or Member State"),
        queryset=MemberState.objects.all(),
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("Choose the Member State among those the search found.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(
            pk__in=Organization.objects.with_public_page().values("pk")
        )

    def clean(self):
        cleaned = super().clean()
        if self.has_error("organization") or self.has_error("member_state"):
            return cleaned
        if bool(cleaned.get("organization")) == bool(cleaned.get("member_state")):
            raise forms.ValidationError(_("Invite one organisation or one Member State."))
        return cleaned


class PartnerSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name, acronym or country of the partner"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


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


class PledgerMessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        min_length=20,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("20 to 3,000 characters: who you are, what you offer or propose, and how to reach you."),
        error_messages={
            "required": _("Write your message to the pledger."),
            "min_length": _("Write at least %(limit_value)d characters; this message has %(show_value)d."),
            "max_length": _("Write at most %(limit_value)d characters; this message has %(show_value)d."),
        },
    )
    share_address = forms.BooleanField(
        label=_("Share my e-mail address with the pledger so that they can answer me directly"),
        required=False,
        help_text=_(
            "Unticked, the pledger's focal points read your name, your organisation and your message, "
            "not your address; you never see theirs."
        ),
    )
