"""The admin speaks to staff in words, not codes: pledger types, regions, the trail's actions and
states, in every language; the pledge review page shows all a reviewer checks."""

import pytest
from django.utils import translation

from core.admin import history_html
from core.audit import action_label, value_label
from pledges.enums import PledgeState
from pledges.models import Pledge
from pledges.services import set_pledge_state
from tests.pledges.factories import PledgeFactory

pytestmark = pytest.mark.django_db


def test_the_trail_reads_in_words():
    assert str(action_label("pledge.partner_invited")) == "partner invited"
    assert str(value_label(Pledge, "pledge.state", "changes_requested")) == "Changes requested"
    assert value_label(Pledge, "pledge.state", "") == "—"
    with translation.override("fr"):
        assert str(action_label("pledge.partner_invited")) == "partenaire invité"
        assert str(value_label(Pledge, "pledge.state", "submitted")) == "Soumis(e)"


def test_a_pledge_s_history_names_actions_and_states():
    pledge = PledgeFactory(state=PledgeState.DRAFT)
    set_pledge_state(pledge, PledgeState.SUBMITTED, by=None)
    html = str(history_html(pledge))
    assert "pledge state changed · Draft → Submitted" in html
    assert "pledge.state" not in html


def test_the_pledge_list_shows_pledger_types_in_words(secretariat_client):
    PledgeFactory(state=PledgeState.SUBMITTED)
    page = secretariat_client.get("/admin/pledges/pledge/").content.decode()
    assert "Non-governmental organization" in page
    assert ">ngo<" not in page
    filtered = secretariat_client.get("/admin/pledges/pledge/?pledger_type=ngo")
    assert filtered.context["cl"].result_count == 1
    assert secretariat_client.get("/admin/pledges/pledge/?pledger_type=academia").context["cl"].result_count == 0


def test_the_review_page_shows_countries_principles_contact_and_flags(secretariat_client):
    pledge = PledgeFactory(
        state=PledgeState.SUBMITTED,
        regions=["Americas", "Africa"],
        countries=["KEN", "MEX"],
        principles=["a", "c"],
        contact_email="pledges@example.org",
        seeking_partners=True,
    )
    page = secretariat_client.get(f"/admin/pledges/pledge/{pledge.pk}/change/").content.decode()
    assert "<div>regions: Americas, Africa</div>" in page
    assert '["Americas"' not in page
    assert "<div>countries: Kenya, Mexico</div>" in page
    for principle in pledge.principles.all():
        assert str(principle) in page
    assert "pledges@example.org" in page
    assert "<div>seeking partners</div>" in page
    assert "Non-governmental organization" in page
    assert str(pledge.organization) in page
