"""Withdrawing a delegate asks for confirmation on a page of its own (no JavaScript needed), and
the same person can be registered again afterwards (issue 14: one click, then "already
registered" for ever)."""

import pytest

from stakeholders.enums import DelegateState
from stakeholders.models import Delegate
from tests.core.factories import SecretariatUserFactory
from tests.stakeholders.factories import DelegateFactory, OrganizationFactory, delegate_data, focal_point_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def delegate():
    return DelegateFactory(name="Amina Diallo", email="amina@example.org")


def url(delegate):
    return f"/my/delegates/{delegate.accreditation.forum.year}/{delegate.pk}/withdraw/"


def test_the_button_leads_to_a_confirmation_page_that_changes_nothing(client, delegate):
    client.force_login(focal_point_of(delegate.accreditation.organization))
    listing = client.get(f"/my/delegates/{delegate.accreditation.forum.year}/").content.decode()
    assert f'href="{url(delegate)}"' in listing
    response = client.get(url(delegate))
    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Withdraw Amina Diallo?</h1>" in page
    assert '<button type="submit">Withdraw the delegate</button>' in page
    assert Delegate.objects.get(pk=delegate.pk).state == DelegateState.PENDING


def test_confirming_withdraws_and_the_person_can_be_registered_again(client, delegate):
    year = delegate.accreditation.forum.year
    client.force_login(focal_point_of(delegate.accreditation.organization))
    response = client.post(url(delegate), follow=True)
    assert Delegate.objects.get(pk=delegate.pk).state == DelegateState.WITHDRAWN
    assert "Amina Diallo is withdrawn; the place is free and the same person may be registered again." in (
        response.content.decode()
    )
    response = client.post(
        f"/my/delegates/{year}/",
        delegate_data(name="Amina Diallo", function="Director", email="AMINA@example.org"),
    )
    assert response.status_code == 302
    assert sorted(
        Delegate.objects.filter(accreditation=delegate.accreditation).values_list("email", "state")
    ) == [("AMINA@example.org", DelegateState.PENDING), ("amina@example.org", DelegateState.WITHDRAWN)]


def test_a_registered_person_is_still_refused_twice(client, delegate):
    client.force_login(focal_point_of(delegate.accreditation.organization))
    response = client.post(
        f"/my/delegates/{delegate.accreditation.forum.year}/",
        delegate_data(name="Amina Diallo", function="Director", email="Amina@example.org"),
    )
    assert response.status_code == 200
    assert "Amina@example.org is already registered as a delegate." in response.content.decode()
    assert Delegate.objects.filter(accreditation=delegate.accreditation).count() == 1


@pytest.mark.parametrize("who", ["anonymous", "other", "secretariat"])
def test_nobody_else_withdraws_a_delegate(client, delegate, who):
    if who == "other":
        client.force_login(focal_point_of(OrganizationFactory()))
    elif who == "secretariat":
        client.force_login(SecretariatUserFactory())
    response = client.post(url(delegate))
    assert response.status_code in {"anonymous": (302,), "other": (404,), "secretariat": (302,)}[who]
    assert Delegate.objects.get(pk=delegate.pk).state == DelegateState.PENDING
