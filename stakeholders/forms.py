from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import choice_groups, counted, error_summary
from forums.enums import SessionKind
from forums.models import Session
from reference.enums import UN_SYSTEM, Region
from reference.models import Country
from stakeholders.enums import NominationRole
from stakeholders.models import Accreditation, Delegate, Nomination, Organization, SpeakingRequest
from stakeholders.services import check_delegate_age, find_duplicate


class OrganizationForm(forms.ModelForm):
    work_regions = forms.MultipleChoiceField(
        label=_("Regions of work"),
        choices=Region.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Organization
        fields = [
            "name",
            "acronym",
            "category",
            "country",
            "work_regions",
            "work_countries",
            "website",
            "description",
            "logo",
            "claimed_ecosoc_status",
            "ecosoc_profile_number",
            "claims_previous_accreditation",
            "listed_in_directory",
            "publish_description",
            "publish_website",
            "publish_logo",
        ]
        widgets = {
            "description": counted(forms.Textarea(attrs={"rows": 6}), 3000),
            "work_countries": forms.CheckboxSelectMultiple,
            "logo": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"}),
        }
        error_messages = {
            "name": {"required": _("Give the organisation's full name.")},
            "category": {"required": _("Choose the kind of organisation.")},
            "country": {"required": _("Choose the country where the organisation is based.")},
            "logo": {
                "invalid_image": _(
                    "This file is not an image we can read. Upload a PNG, JPEG, WebP or GIF logo."
                )
            }
        }
        help_texts = {
            "name": _("The full name, as registered."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.duplicate = None
        self.fields["country"].queryset = Country.objects.all()
        self.fields["work_countries"].queryset = Country.objects.all()
        category = self.fields["category"]
        if self.instance.pk and self.instance.is_intergovernmental:
            category.disabled = True
        else:
            # Being part of the UN system lets an organisation act without accreditation: the
            # secretariat records it, nobody declares it.
            category.choices = [c for c in category.choices if c[0] != UN_SYSTEM]
        category.help_text = _(
            "A body of the UN system or another intergovernmental organisation? Write to the secretariat, which records it."
        )

    def country_groups(self):
        """The countries of work by region: five short lists instead of one of 240 rows."""
        return choice_groups(self["work_countries"], lambda country: country.region, dict(Region.choices))

    def summary(self):
        return error_summary(self)

    def clean(self):
        cleaned = super().clean()
        duplicate = find_duplicate(cleaned.get("name"), cleaned.get("country"), exclude_pk=self.instance.pk)
        if duplicate is not None:
            self.duplicate = duplicate
            self.add_error(
                "name",
                _(
                    "%(name)s in %(country)s is already on the portal. Ask to join it instead of creating it again."
                )
                % {"name": duplicate.name, "country": duplicate.country.name},
            )
        return cleaned


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of your colleague"))


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the focal points"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Say who you are, so that they recognise you."),
    )


class RegistrationForm(forms.ModelForm):
    class Meta:
        model = Accreditation
        fields = ["contact_email"]


class SpecialAccreditationForm(forms.ModelForm):
    class Meta:
        model = Accreditation
        fields = ["mission", "migration_work", "contact_email"]
        widgets = {
            "mission": forms.Textarea(attrs={"rows": 6}),
            "migration_work": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mission"].required = True
        self.fields["migration_work"].required = True


class DelegateForm(forms.ModelForm):
    """What the organisation types about a delegate, including what the UN grounds pass needs
    (required here; the model allows blanks for delegates registered before, and for after the
    erasure). `forum` decides the age check."""

    GROUNDS_PASS_FIELDS = ("passport_name", "nationality", "date_of_birth", "nomination_letter", "photo")

    class Meta:
        model = Delegate
        fields = [
            "name",
            "function",
            "email",
            "attends",
            "passport_name",
            "nationality",
            "date_of_birth",
            "nomination_letter",
            "photo",
            "listing_consent",
        ]
        widgets = {
            "date_of_birth": forms.DateInput(
                attrs={"type": "date", "autocomplete": "off"}, format="%Y-%m-%d"
            ),
            "nomination_letter": forms.FileInput(attrs={"accept": "application/pdf"}),
            "photo": forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        }
        labels = {"name": _("Name")}
        help_texts = {
            "name": _("As the delegate wants it shown, for example on the list of participants."),
            "passport_name": _("Exactly as printed in the passport or national identity document."),
            "date_of_birth": _("As in the passport. Delegates must be 18 or over."),
        }

    def __init__(self, *args, forum, **kwargs):
        super().__init__(*args, **kwargs)
        self.forum = forum
        for name in self.GROUNDS_PASS_FIELDS:
            self.fields[name].required = True
        self.fields["nationality"].queryset = Country.objects.all()

    def clean_date_of_birth(self):
        date_of_birth = self.cleaned_data["date_of_birth"]
        check_delegate_age(date_of_birth, self.forum)
        return date_of_birth


def session_label(session):
    """The kind, then the title: "Round table: Round table 2" reads as well as a panel's title."""
    if session.kind == SessionKind.HEARING:
        return session.title
    return f"{session.get_kind_display()}: {session.title}"


class SpeakingRequestForm(forms.ModelForm):
    class Meta:
        model = SpeakingRequest
        fields = ["session", "topic", "speaker_name", "speaker_profile"]
        widgets = {"speaker_profile": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "speaker_profile": _("Background, expertise and lived experience of migration, if any.")
        }

    def __init__(self, *args, forum, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = (
            Session.objects.filter(forum=forum).open_to_speaking_requests().order_by("starts_at", "title")
        )
        self.fields["session"].label_from_instance = session_label


class NominationForm(forms.ModelForm):
    class Meta:
        model = Nomination
        fields = ["role", "nominee_name", "nominee_profile"]
        widgets = {"role": forms.RadioSelect, "nominee_profile": forms.Textarea(attrs={"rows": 5})}
        labels = {"role": _("Nominate for")}
        help_texts = {
            "nominee_name": _("The person's full name, as it should appear in the programme."),
            "nominee_profile": _(
                "Background, expertise and lived experience of migration, if any; for the rapporteur, "
                "experience of summarising a debate."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A radio button per call, none of them a blank "---------".
        self.fields["role"].choices = NominationRole.choices


class ObjectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the objection"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("For the secretariat; the organisation is told that a Member State objected, not which one or why."),
    )
