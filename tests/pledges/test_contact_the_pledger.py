"""Contact the pledger: a member of an accredited organisation (or a State's focal point) writes
to the focal points of a published pledge that seeks partners, through the portal; the mail goes
to each focal point on its own, nobody's address shown to the other side unless the sender agrees;
limited per writer and per pledger; logged."""

import pytest

from core.audit import history
from core.models import OutboxMessage
from pledges.models import PledgeMessage
from tests.core.factories import SecretariatUserFactory
from tests.pledges.factories import published
from tests.stakeholders.factories import (
    focal_point_of,
    listed_organization,
    member_of,
    state_focal_point,
)

pytestmark = pytest.mark.django_db
BODY = "We run legal aid clinics in Nairobi and would like to join your pledge as a partner."


@pytest.fixture
def pledge():
    pledger = listed_organization(name="Pledging Network")
    focal_point_of(pledger, email="fp1@pledger.example")
    focal_point_of(pledger, email="fp2@pledger.example")
    member_of(pledger, email="plain-member@pledger.example")
    return published(organization=pledger, support={"seeks": ["funding"]}, contact_email="contact@pledger.example")


def url(pledge):
    return f"/pledges/{pledge.reference}/contact/"


def writer(email="writer@other.example", organization="Writing Alliance", **kwargs):
    return member_of(listed_organization(name=organization), email=email, **kwargs)


def test_anonymous_is_asked_to_sign_in(client, pledge):
    response = client.get(url(pledge))
    assert (response.status_code, response["Location"].startswith("/accounts/login/")) == (302, True)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("member of an accredited organisation", 200),
        ("focal point of a Member State", 200),
        ("member of an organisation never accredited", 403),
        ("the pledger's own member", 403),
        ("the pledger's own focal point", 403),
        ("secretariat", 403),
    ],
)
def test_who_may_write(client, pledge, who, status):
    user = {
        "member of an accredited organisation": lambda: writer(),
        "focal point of a Member State": lambda: state_focal_point("MEX"),
        "member of an organisation never accredited": lambda: member_of(listed_organization(state="submitted")),
        "the pledger's own member": lambda: member_of(pledge.organization),
        "the pledger's own focal point": lambda: focal_point_of(pledge.organization),
        "secretariat": SecretariatUserFactory,
    }[who]()
    client.force_login(user)
    assert client.get(url(pledge)).status_code == status
    assert client.post(url(pledge), {"body": BODY}).status_code == (302 if status == 200 else 403)
    assert PledgeMessage.objects.count() == (1 if status == 200 else 0)


def test_a_pledge_that_seeks_nothing_takes_no_message(client):
    quiet = published(organization=listed_organization())
    client.force_login(writer())
    assert client.get(url(quiet)).status_code == 403
    assert client.get(f"/pledges/{quiet.reference}/").content.decode().count("/contact/") == 0


def test_the_mail_goes_to_each_focal_point_and_hides_the_addresses(client, pledge):
    sender = writer(first_name="Amina", last_name="Odhiambo")
    client.force_login(sender)
    page = client.get(url(pledge)).content.decode()
    assert [address in page for address in ("fp1@pledger.example", "fp2@pledger.example")] == [False, False]
    response = client.post(url(pledge), {"body": BODY})
    assert response["Location"] == f"/pledges/{pledge.reference}/"
    mails = list(OutboxMessage.objects.order_by("recipient"))
    # The focal points only: not the plain member, nor the contact address the pledge gives.
    assert [m.recipient for m in mails] == ["fp1@pledger.example", "fp2@pledger.example"]
    for mail in mails:
        assert (BODY in mail.body, "Amina Odhiambo" in mail.body, "Writing Alliance" in mail.body) == (True, True, True)
        assert ("writer@other.example" in mail.body, "fp1" in mail.body, "fp2" in mail.body) == (False, False, False)
    # What the sender sees afterwards names the pledger, never its addresses.
    after = client.get(response["Location"]).content.decode()
    assert ("fp1@pledger.example" in after, "fp2@pledger.example" in after) == (False, False)
    entry = [e for e in history(pledge) if e.action == "pledge.message_sent"]
    assert [(e.actor, e.note) for e in entry] == [(sender, "to 2 focal point(s); address not shared")]


def test_the_sender_may_share_their_address(client, pledge):
    client.force_login(writer())
    client.post(url(pledge), {"body": BODY, "share_address": "on"})
    bodies = list(OutboxMessage.objects.values_list("body", flat=True))
    assert ["writer@other.example" in body for body in bodies] == [True, True]
    assert PledgeMessage.objects.get().share_address is True


def test_errors_keep_what_was_typed(client, pledge):
    client.force_login(writer())
    response = client.post(url(pledge), {"body": "Too short", "share_address": "on"})
    html = response.content.decode()
    assert (response.status_code, "Too short</textarea>" in html, 'checked' in html) == (200, True, True)
    assert "Write at least 20 characters; this message has 9." in html
    assert OutboxMessage.objects.count() == 0


def test_rate_limited_per_writer_and_per_pledger(client, pledge, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "pledger_message": {"user": 2, "organization": 3}}
    sender = writer()
    client.force_login(sender)
    for _ in range(2):
        assert client.post(url(pledge), {"body": BODY}).status_code == 302
    refused = client.post(url(pledge), {"body": BODY})
    html = refused.content.decode()
    assert (refused.status_code, BODY in html) == (200, True)
    assert "You have written 2 messages to pledgers in the last day" in html
    # Another writer may still write, until the pledger has had its share.
    client.force_login(state_focal_point("MEX"))
    assert client.post(url(pledge), {"body": BODY}).status_code == 302
    client.force_login(writer(email="third@other.example", organization="Third Alliance"))
    refused = client.post(url(pledge), {"body": BODY})
    assert "Pledging Network has received 3 messages about its pledges in the last day" in refused.content.decode()
    assert PledgeMessage.objects.count() == 3
    assert OutboxMessage.objects.count() == 6
