"""The pledger's pages: the pledge flow step by step (each step saves the draft, the review
submits), invite, confirm, report; errors in plain words, linked to their fields, keep what was typed."""

import re

import pytest
from django.utils import timezone

from forums.enums import ForumStatus
from forums.models import Forum
from pledges.enums import PledgeState
from pledges.models import Pledge
from reference.models import MemberState
from tests.forums.factories import ForumFactory
from tests.pledges.factories import TEXT, PledgeFactory, published
from tests.stakeholders.factories import (
    OrganizationFactory,
    focal_point_of,
    listed_organization,
    state_focal_point,
)

pytestmark = pytest.mark.django_db


def what_data(forum, **overrides):
    data = {
        "forum": forum.pk,
        "title": "Regular pathways for care workers",
        "text": TEXT,
        "kind_policy": "on",
        "objectives": ["5", "6"],
        "principles": ["a"],
    }
    data.update(overrides)
    return data


def where_data(**overrides):
    data = {"regions": ["Asia"], "countries": [], "start_date": "2026-06-01", "end_date": "2030-06-01"}
    data.update(overrides)
    return data


def indicator_data(**overrides):
    data = {
        "indicators-TOTAL_FORMS": "1",
        "indicators-INITIAL_FORMS": "0",
        "indicators-MIN_NUM_FORMS": "1",
        "indicators-MAX_NUM_FORMS": "20",
        "indicators-0-description": "Visas issued to care workers",
        "indicators-0-unit": "visas",
        "indicators-0-baseline": "0",
        "indicators-0-target": "5000",
        "indicators-0-target_date": "2030-06-01",
    }
    data.update(overrides)
    return data


def step_url(pledge, step):
    return f"/pledges/my/{pledge.reference}/edit/{step}/"


@pytest.fixture
def owner(client):
    organization = OrganizationFactory(name="Care Workers United")
    user = focal_point_of(organization)
    client.force_login(user)
    return user


def test_the_flow_from_a_new_draft_to_submission(client, owner):
    forum = ForumFactory()
    response = client.post("/pledges/my/new/", what_data(forum))
    pledge = Pledge.objects.get()
    assert (response.status_code, response["Location"]) == (302, step_url(pledge, "where"))
    # Step 1 made the draft: it has its reference and is saved.
    assert (pledge.reference, pledge.state, pledge.objective_codes, pledge.title) == (
        "IMRF2026-0001",
        "draft",
        "|5|6|",
        "Regular pathways for care workers",
    )
    assert pledge.organization.name == "Care Workers United"

    response = client.post(step_url(pledge, "where"), where_data(countries=["MEX", "GTM"]))
    assert response["Location"] == step_url(pledge, "indicators")
    pledge.refresh_from_db()
    assert (pledge.country_codes, pledge.region_codes) == ("|GTM|MEX|", "|Americas|Asia|")

    response = client.post(step_url(pledge, "indicators"), indicator_data())
    assert response["Location"] == step_url(pledge, "partners")
    assert pledge.indicators.get().target == 5000

    response = client.post(
        step_url(pledge, "partners"),
        {"seeks": ["funding", "data"], "offers": ["policy_support"], "contact_email": "a@example.org"},
    )
    assert response["Location"] == step_url(pledge, "review")
    pledge.refresh_from_db()
    assert (pledge.seeking_partners, pledge.offering_support, pledge.contact_email, pledge.state) == (
        True,
        True,
        "a@example.org",
        "draft",
    )
    assert (pledge.seek_codes, pledge.offer_codes) == ("|data|funding|", "|policy_support|")
    assert sorted(pledge.support.values_list("direction", "kind")) == [
        ("offer", "policy_support"),
        ("seek", "data"),
        ("seek", "funding"),
    ]

    review = client.get(step_url(pledge, "review"))
    html = review.content.decode()
    assert review.context["problems"] == []
    assert TEXT in html and "Visas issued to care workers" in html and "Guatemala, Mexico" in html

    response = client.post(step_url(pledge, "review"))
    assert response["Location"] == f"/pledges/my/{pledge.reference}/"
    pledge.refresh_from_db()
    assert pledge.state == "submitted"
    assert client.get(f"/pledges/my/{pledge.reference}/edit/").status_code == 403
    assert client.get(step_url(pledge, "review")).status_code == 403


def test_the_review_lists_what_is_missing_with_a_link_to_its_step(client, owner):
    pledge = PledgeFactory(organization=owner.membership.organization, indicators=False, regions=[])
    response = client.get(step_url(pledge, "review"))
    assert response.context["problems"] == [
        {
            "message": "Add at least one SMART indicator with a baseline, a target and a target date.",
            "url": step_url(pledge, "indicators"),
        },
        {
            "message": "Say where the pledge is carried out: countries, regions, or global.",
            "url": step_url(pledge, "where"),
        },
    ]
    assert "Submit for review" not in response.content.decode()
    # Posting anyway: the transition function refuses, the page says why.
    response = client.post(step_url(pledge, "review"))
    assert response.status_code == 200
    assert [e["message"] for e in response.context["errors"]] == [
        p["message"] for p in response.context["problems"]
    ]
    pledge.refresh_from_db()
    assert pledge.state == "draft"


@pytest.mark.parametrize(
    ("overrides", "anchor", "message"),
    [
        (
            {"text": "x" * 299},
            "id_text",
            "The text of a pledge has at least 300 characters; this one has 299.",
        ),
        (
            {"text": "x" * 3001},
            "id_text",
            "The text of a pledge has at most 3000 characters; this one has 3001.",
        ),
        ({"kind_policy": ""}, "id_kind_financial", "Choose at least one kind of pledge."),
        ({"kind_financial": "on"}, "id_amount", "A financial pledge states the amount committed."),
        ({"currency": "dollars"}, "id_currency", "Ensure this value has at most 3 characters (it has 7)."),
        (
            {"currency": "U$D"},
            "id_currency",
            "Give the currency as a three-letter ISO 4217 code, for example USD.",
        ),
        ({"objectives": []}, "id_objectives_0", "Choose at least one GCM objective."),
        ({"title": ""}, "id_title", "Give the pledge a title."),
    ],
)
def test_step_one_errors_link_to_their_field_and_keep_what_was_typed(
    client, owner, overrides, anchor, message
):
    response = client.post("/pledges/my/new/", what_data(ForumFactory(), **overrides))
    assert response.status_code == 200
    errors = response.context["errors"]
    assert [e for e in errors if e["message"] == message] == [{"anchor": anchor, "message": message}]
    html = response.content.decode()
    # Each link of the summary points at an element of the page; focus starts on the summary.
    for error in errors:
        assert f'id="{error["anchor"]}"' in html
    assert re.search(
        r'<div class="form-summary" role="alert" tabindex="-1" id="error-summary" autofocus', html
    )
    assert 'href="#"' not in html
    if "title" not in overrides:
        assert response.context["form"]["title"].value() == "Regular pathways for care workers"
    assert Pledge.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "anchor", "message"),
    [
        ({"end_date": "2025-01-01"}, "id_end_date", "The end date comes after the start date."),
        (
            {"regions": []},
            "id_countries_0",
            "Say where the pledge is carried out: choose countries, whole regions, or worldwide.",
        ),
        ({"start_date": "1 June"}, "id_start_date", "Give the start date as a date, for example 2026-06-01."),
    ],
)
def test_where_and_when_errors(client, owner, overrides, anchor, message):
    pledge = PledgeFactory(organization=owner.membership.organization)
    response = client.post(step_url(pledge, "where"), where_data(**overrides))
    assert response.status_code == 200
    assert response.context["errors"] == [{"anchor": anchor, "message": message}]
    assert f'id="{anchor}"' in response.content.decode()
    pledge.refresh_from_db()
    assert pledge.regions == ["Africa"]


def test_an_indicator_is_required_in_plain_words(client, owner):
    pledge = PledgeFactory(organization=owner.membership.organization)
    indicator = pledge.indicators.get()
    empty = {
        "indicators-0-description": "",
        "indicators-0-baseline": "",
        "indicators-0-target": "",
        "indicators-0-target_date": "",
    }
    response = client.post(step_url(pledge, "indicators"), indicator_data(**empty))
    assert [e["message"] for e in response.context["errors"]] == [
        "Indicator 1: Say what this indicator measures, for example: nurses recruited without fees.",
        "Indicator 1: Give the baseline: the value today, as a number (0 if nothing yet).",
        "Indicator 1: Give the target: the value to reach, as a number.",
        "Indicator 1: Give the date by which the target is reached.",
    ]
    # Removing the only indicator: the formset's own message, in plain words.
    response = client.post(
        step_url(pledge, "indicators"),
        indicator_data(
            **{
                "indicators-INITIAL_FORMS": "1",
                "indicators-0-id": str(indicator.pk),
                "indicators-0-DELETE": "on",
            }
        ),
    )
    assert response.status_code == 200
    assert response.context["errors"] == [
        {
            "anchor": "indicators",
            "message": "Add at least one indicator, with a baseline, a target and a target date.",
        },
    ]
    assert "Please submit" not in response.content.decode()
    assert 'id="indicators"' in response.content.decode()
    assert pledge.indicators.count() == 1


def test_an_incomplete_indicator_says_what_is_missing(client, owner):
    pledge = PledgeFactory(organization=owner.membership.organization, indicators=False)
    response = client.post(
        step_url(pledge, "indicators"),
        indicator_data(**{"indicators-0-baseline": "", "indicators-0-target_date": ""}),
    )
    assert response.context["errors"] == [
        {
            "anchor": "id_indicators-0-baseline",
            "message": "Indicator 1: Give the baseline: the value today, as a number (0 if nothing yet).",
        },
        {
            "anchor": "id_indicators-0-target_date",
            "message": "Indicator 1: Give the date by which the target is reached.",
        },
    ]


def test_indicators_added_and_removed_without_a_script(client, owner):
    pledge = PledgeFactory(organization=owner.membership.organization, indicators=False)
    # "Add another indicator" saves what is there and comes back with one more empty form.
    response = client.post(step_url(pledge, "indicators"), {**indicator_data(), "add": "1"})
    assert response["Location"] == step_url(pledge, "indicators") + "?add=1#indicators-new"
    assert pledge.indicators.count() == 1
    response = client.get(response["Location"])
    assert len(response.context["formset"].forms) == 2
    first = pledge.indicators.get()
    data = indicator_data(
        **{
            "indicators-TOTAL_FORMS": "2",
            "indicators-INITIAL_FORMS": "1",
            "indicators-0-id": str(first.pk),
            "indicators-0-DELETE": "on",
            "indicators-1-description": "Employers certified",
            "indicators-1-baseline": "2",
            "indicators-1-target": "40",
            "indicators-1-target_date": "2029-01-01",
        }
    )
    response = client.post(step_url(pledge, "indicators"), data)
    assert response.status_code == 302
    assert list(pledge.indicators.values_list("description", flat=True)) == ["Employers certified"]


def test_only_open_forums_are_offered(client, owner):
    ForumFactory(year=2022, status=ForumStatus.CONCLUDED)
    ForumFactory(year=2030, status=ForumStatus.PLANNING)
    only = ForumFactory(year=2026)
    response = client.get("/pledges/my/new/")
    form = response.context["form"]
    assert form.only_forum == only
    html = response.content.decode()
    assert f'<input type="hidden" name="forum" value="{only.pk}"' in html
    assert "International Migration Review Forum 2022" not in html
    ForumFactory(year=2034)
    form = client.get("/pledges/my/new/").context["form"]
    assert [label for _value, label in form.fields["forum"].choices] == [
        "Choose a forum",
        "International Migration Review Forum 2034",
        "International Migration Review Forum 2026",
    ]
    response = client.post("/pledges/my/new/", what_data(Forum.objects.get(year=2022)))
    assert response.context["errors"][0]["anchor"] == "id_forum"


def test_line_breaks_count_as_one_character(client, owner):
    text = ("word " * 59 + "\r\n") * 1  # 295 characters plus a line break
    response = client.post("/pledges/my/new/", what_data(ForumFactory(), text=text + "abcd"))
    assert response.status_code == 302  # 300 characters once "\r\n" is one


def test_countries_are_grouped_by_region_without_a_script(client, owner):
    pledge = PledgeFactory(organization=owner.membership.organization, countries=["MEX"])
    response = client.get(step_url(pledge, "where"))
    groups = response.context["form"].country_groups()
    assert [g["label"] for g in groups] == ["Africa", "Americas", "Asia", "Europe", "Oceania"]
    assert [g["chosen"] for g in groups] == [0, 1, 0, 0, 0]
    assert "<details open><summary>Americas" in response.content.decode()


def test_others_cannot_manage_or_edit(client):
    pledge = PledgeFactory()
    client.force_login(focal_point_of(OrganizationFactory()))
    assert client.get(f"/pledges/my/{pledge.reference}/").status_code == 403
    assert client.post(f"/pledges/my/{pledge.reference}/state/submitted/").status_code == 403
    assert client.get(f"/pledges/my/{pledge.reference}/edit/").status_code == 403
    for step in ("what", "where", "indicators", "partners", "review"):
        assert client.get(step_url(pledge, step)).status_code == 403
        assert client.post(step_url(pledge, step), {}).status_code == 403
    pledge.refresh_from_db()
    assert pledge.state == "draft"


def test_an_unknown_step_is_not_found(client, owner):
    pledge = PledgeFactory(organization=owner.membership.organization)
    assert client.get(step_url(pledge, "elsewhere")).status_code == 404


def test_a_user_without_organisation_is_sent_to_create_one(client):
    from tests.core.factories import UserFactory

    client.force_login(UserFactory())
    response = client.get("/pledges/my/new/")
    assert response.status_code == 302


def test_invite_confirm_and_report(client, owner):
    pledge = published(organization=owner.membership.organization)
    partner_org = listed_organization(name="Partner Org")
    response = client.post(f"/pledges/my/{pledge.reference}/partners/", {"organization": partner_org.slug})
    assert response["Location"] == f"/pledges/my/{pledge.reference}/"
    partner = pledge.partners.get()
    assert partner.confirmed_at is None
    client.force_login(focal_point_of(partner_org))
    assert client.get(f"/pledges/my/{pledge.reference}/").status_code == 403
    assert client.post(f"/pledges/partnerships/{partner.pk}/", {"decision": "confirm"}).status_code == 302
    indicator = pledge.indicators.get()
    response = client.post(
        f"/pledges/my/{pledge.reference}/report/",
        {
            "reported_on": timezone.localdate().isoformat(),
            "stage": "in_progress",
            "narrative": "Training began.",
            f"indicator_{indicator.pk}": "40",
        },
    )
    assert response.status_code == 302
    page = client.get(f"/pledges/{pledge.reference}/")
    html = page.content.decode()
    assert "Training began." in html
    assert page.context["progress"][0]["current"] == 40
    assert page.context["progress"][0]["percent"] == 20


def test_a_state_focal_point_pledges_for_the_state(client):
    user = state_focal_point("MEX")
    client.force_login(user)
    response = client.post("/pledges/my/new/", what_data(ForumFactory()))
    assert response.status_code == 302
    pledge = Pledge.objects.get()
    assert (pledge.member_state, pledge.organization, pledge.pledger_type) == (
        MemberState.objects.get(iso3="MEX"),
        None,
        "member_state",
    )


def test_changes_requested_note_is_shown_to_the_pledger(client, owner, secretariat_user):
    from pledges import services

    pledge = PledgeFactory(organization=owner.membership.organization, state=PledgeState.SUBMITTED)
    services.set_pledge_state(
        pledge, PledgeState.CHANGES_REQUESTED, by=secretariat_user, reason="Add a baseline."
    )
    assert "Add a baseline." in client.get(f"/pledges/my/{pledge.reference}/").content.decode()
    assert "Add a baseline." in client.get(f"/pledges/my/{pledge.reference}/edit/").content.decode()
    # Asked for changes, the pledger submits again from the review step.
    response = client.post(step_url(pledge, "review"))
    pledge.refresh_from_db()
    assert (response.status_code, pledge.state) == (302, "submitted")
