"""Mail is written in each recipient's language: the one on their account (chosen at sign-up,
changeable), whatever language the person who caused it uses; an address without an account gets
the language of the change."""

import pytest
from django.core import mail

from core.accounts import remember_for_account
from stakeholders.enums import AccreditationState
from stakeholders.services import set_accreditation_state
from tests.core.factories import SecretariatUserFactory
from tests.stakeholders.factories import AccreditationFactory, focal_point_of

pytestmark = pytest.mark.django_db


def test_a_french_focal_point_is_told_of_an_accreditation_update_in_french(django_capture_on_commit_callbacks):
    accreditation = AccreditationFactory(contact_email="office@example.org")
    french = focal_point_of(accreditation.organization, email="marie@example.org")
    remember_for_account(french, "fr")
    with django_capture_on_commit_callbacks(execute=True):
        set_accreditation_state(
            accreditation, AccreditationState.INFORMATION_REQUESTED, by=SecretariatUserFactory(), reason="Statuts ?"
        )
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_recipient) == ["marie@example.org", "office@example.org"]
    # The forum's title is the secretariat's, in English until they give it in French.
    assert by_recipient["marie@example.org"].subject == (
        "[Portail du FEMI] International Migration Review Forum 2030\u00a0: votre accréditation est "
        "désormais à l'état «\u00a0Informations demandées\u00a0»"
    )
    assert by_recipient["office@example.org"].subject == (
        "[IMRF Portal] International Migration Review Forum 2030: your accreditation is now “Information requested”"
    )
