"""A person's language, kept on their account: the one their e-mails are written in."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models.functions import Lower

from core.models import Profile


def language_of(user):
    profile = Profile.objects.filter(user=user).only("language").first()
    return profile.language if profile else settings.LANGUAGE_CODE


def remember_for_account(user, code):
    if code in dict(settings.LANGUAGES):
        Profile.objects.update_or_create(user=user, defaults={"language": code})


def languages_of(addresses, default):
    """{address (lower case): language} for the accounts with these addresses; `default` for the
    others (an address without an account, such as a pledge's contact)."""
    addresses = {address.lower() for address in addresses}
    found = dict(
        get_user_model()
        .objects.annotate(address=Lower("email"))
        .filter(address__in=addresses, profile__isnull=False)
        .values_list("address", "profile__language")
    )
    return {address: found.get(address, default) for address in addresses}
