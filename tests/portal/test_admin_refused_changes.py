"""A change the rules refuse in the admin shows the refusal alone: never next to Django's
"changed successfully", nothing of it saved, and (when the form can tell) what was typed kept."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from pledges.enums import PledgeState
from pledges.models import Pledge
from reference.models import MemberState
from stakeholders.enums import AccreditationState
from stakeholders.models import Accreditation, Objection
from tests.pledges.factories import PledgeFactory
from tests.stakeholders.factories import AccreditationFactory, OrganizationFactory, open_forum
from tests.verification.factories import imported
from verification.models import StatusListEntry
from verification.services import match

pytestmark = pytest.mark.django_db

SUCCESS = "was changed successfully"


def pledge_form(**data):
    form = {
        "transition": "",
        "reason": "",
        "partners-TOTAL_FORMS": "0",
        "partners-INITIAL_FORMS": "0",
        "indicators-TOTAL_FORMS": "0",
        "indicators-INITIAL_FORMS": "0",
    }
    return {**form, **data}


def accreditation_form(accreditation, **data):
    form = {
        "mission": accreditation.mission,
        "migration_work": accreditation.migration_work,
        "contact_email": "",
        "transition": "",
        "reason": "",
        "objections-TOTAL_FORMS": "0",
        "objections-INITIAL_FORMS": "0",
    }
    return {**form, **data}


def texts(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_publishing_a_pledge_without_its_checks_shows_only_the_refusal(secretariat_client):
    pledge = PledgeFactory(state=PledgeState.SUBMITTED)
    response = secretariat_client.post(
        f"/admin/pledges/pledge/{pledge.pk}/change/",
        pledge_form(check_in_scope="on", transition="published", reason="Well measured."),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Tick the three review checks before publishing" in page
    assert SUCCESS not in page
    assert texts(response) == []
    # What was typed is kept; nothing was saved.
    assert response.context["adminform"].form["check_in_scope"].value() is True
    assert response.context["adminform"].form["reason"].value() == "Well measured."
    pledge = Pledge.objects.get(pk=pledge.pk)
    assert (pledge.state, pledge.check_in_scope) == (PledgeState.SUBMITTED, False)


def test_approving_before_the_non_objection_deadline_shows_only_the_refusal(secretariat_client):
    forum = open_forum(non_objection_deadline=timezone.localdate() + datetime.timedelta(days=3))
    accreditation = AccreditationFactory(forum=forum, state=AccreditationState.NON_OBJECTION_LIST)
    response = secretariat_client.post(
        f"/admin/stakeholders/accreditation/{accreditation.pk}/change/",
        accreditation_form(accreditation, mission="A new mission text.", transition="approved"),
    )
    page = response.content.decode()
    assert response.status_code == 200
    deadline = forum.non_objection_deadline.isoformat()
    assert f"Member States may object until {deadline}; approve after that day." in page
    assert SUCCESS not in page
    assert texts(response) == []
    accreditation = Accreditation.objects.get(pk=accreditation.pk)
    assert (accreditation.state, accreditation.mission) == (
        AccreditationState.NON_OBJECTION_LIST,
        "We defend the rights of migrant workers along the East African corridor.",
    )


def test_a_change_refused_only_at_saving_is_rolled_back_and_reported_alone(secretariat_client):
    # An objection, in the non-objection period, to an accreditation that is not on the list: the
    # inline's row is valid, the service refuses when saving.
    forum = open_forum(non_objection_deadline=timezone.localdate() + datetime.timedelta(days=3))
    accreditation = AccreditationFactory(forum=forum, state=AccreditationState.SUBMITTED)
    mexico = MemberState.objects.get(iso3="MEX")
    response = secretariat_client.post(
        f"/admin/stakeholders/accreditation/{accreditation.pk}/change/",
        accreditation_form(
            accreditation,
            mission="A new mission text.",
            **{
                "objections-TOTAL_FORMS": "1",
                "objections-0-member_state": str(mexico.pk),
                "objections-0-note": "Objection by note verbale.",
            },
        ),
        follow=True,
    )
    assert response.redirect_chain == [(f"/admin/stakeholders/accreditation/{accreditation.pk}/change/", 302)]
    assert texts(response) == [
        "Only an organisation on the non-objection list can be objected to."
    ]
    assert SUCCESS not in response.content.decode()
    assert Objection.objects.count() == 0
    assert Accreditation.objects.get(pk=accreditation.pk).mission == (
        "We defend the rights of migrant workers along the East African corridor."
    )


def test_matching_an_organisation_matched_to_another_entry_shows_only_the_refusal(secretariat_client):
    organization = OrganizationFactory(name="Alpha")
    imported("Alpha,KEN,,Special,1", "Alpha Network,KEN,,Roster,2")
    first, second = StatusListEntry.objects.order_by("profile_number")
    match(first, organization, by=None)
    response = secretariat_client.post(
        f"/admin/verification/statuslistentry/{second.pk}/change/", {"organization": organization.pk}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Alpha is already matched to “Alpha” on this list." in page
    assert SUCCESS not in page
    assert StatusListEntry.objects.get(pk=second.pk).organization is None
