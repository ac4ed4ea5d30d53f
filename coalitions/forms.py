from django import forms
from django.utils.translation import gettext_lazy as _

from coalitions.models import Coalition
from core.forms import choice_groups, counted
from reference.enums import Region
from reference.models import Country


class CoalitionForm(forms.ModelForm):
    class Meta:
        model = Coalition
        fields = ["title", "description", "objectives", "countries"]
        widgets = {
            "description": counted(forms.Textarea(attrs={"rows": 6}), 3000),
            "objectives": forms.CheckboxSelectMultiple,
            "countries": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "title": _("The topic the coalition works on, as others will find it."),
            "description": _("What the coalition wants to achieve together, and whom it looks for."),
            "objectives": _("The objectives of the Global Compact the coalition works on."),
            "countries": _("Where the coalition works, if it is not global."),
        }
        error_messages = {
            "title": {"required": _("Name the coalition's topic.")},
            "description": {"required": _("Say what the coalition wants to achieve.")},
            "objectives": {"required": _("Choose at least one objective of the Global Compact.")},
        }

    def __init__(self, *args, convenors=(), invitable=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["countries"].queryset = Country.objects.order_by("name")
        # One entity the user speaks for: it convenes; two (an organisation's and a State's focal
        # point): the user chooses.
        self.convenors = {key: entity for key, entity in convenors}
        if len(self.convenors) > 1:
            self.fields["convenor"] = forms.ChoiceField(
                label=_("Convened by"),
                choices=[(key, entity.name) for key, entity in convenors],
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose who convenes the coalition.")},
            )
        self.invitable = {key: entity for key, entity in invitable}
        if invitable:
            self.fields["invite"] = forms.MultipleChoiceField(
                label=_("Invite"),
                choices=[(key, entity.name) for key, entity in invitable],
                required=False,
                widget=forms.CheckboxSelectMultiple,
                initial=[key for key, _entity in invitable],
                help_text=_("The pledgers of the matching pledges. Each is asked to confirm."),
            )

    def country_groups(self):
        return choice_groups(self["countries"], lambda country: country.region, dict(Region.choices))

    @property
    def convening_entity(self):
        if len(self.convenors) == 1:
            return next(iter(self.convenors.values()))
        return self.convenors.get(self.cleaned_data.get("convenor"))

    @property
    def invited_entities(self):
        return [self.invitable[key] for key in self.cleaned_data.get("invite", []) if key in self.invitable]


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Note"),
        max_length=5000,
        widget=counted(forms.Textarea(attrs={"rows": 4}), 5000),
        error_messages={"required": _("Write the note before posting it.")},
    )


class DraftForm(forms.Form):
    text = forms.CharField(
        label=_("Shared draft"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_(
            "Every member edits the same text. If someone saves while you edit, you are told and keep your text."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class MessageForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the convenor (optional)"),
        max_length=1000,
        required=False,
        widget=counted(forms.Textarea(attrs={"rows": 3}), 1000),
    )
