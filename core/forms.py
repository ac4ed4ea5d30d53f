"""Forms for a person's account that every app shares: the language their e-mails are written in."""

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from core.accounts import language_of, remember_for_account


def language_choices():
    names = [(code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES]
    return [(code, name[:1].upper() + name[1:]) for code, name in names]


class LanguageField(forms.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            label=_("Language of your e-mails"),
            choices=language_choices,
            help_text=_("The portal writes to you in this language."),
            **kwargs,
        )


class SignupForm(forms.Form):
    """allauth's sign-up form, with the language the person reads (the page's, unless they choose)."""

    language = LanguageField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = translation.get_language()

    def signup(self, request, user):
        remember_for_account(user, self.cleaned_data.get("language") or translation.get_language())


class AccountLanguageForm(forms.Form):
    language = LanguageField()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["language"].initial = language_of(user)

    def save(self):
        remember_for_account(self.user, self.cleaned_data["language"])
