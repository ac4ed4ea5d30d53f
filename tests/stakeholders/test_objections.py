"""Member States object to organisations on the non-objection list themselves, through their
focal points, during the non-objection period; the secretariat can still record a note verbale on
a State's behalf in the admin. Every change is logged; the accreditation changes state only through
set_accreditation_state."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import formats

from core.dates import days_until, new_york_today
from core.models import ActivityLog
from reference.models import MemberState
from stakeholders import services
from stakeholders.enums import AccreditationState as S
from stakeholders.enums import ObjectionState
from stakeholders.models import Objection
from tests.core.factories import SecretariatUserFactory
from tests.stakeholders.factories import (
    AccreditationFactory,
    OrganizationFactory,
    focal_point_of,
    member_of,
    open_forum,
    state_focal_point,
)

pytestmark = pytest.mark.django_db


def in_period(days_left=10, **kwargs):
    return open_forum(non_objection_deadline=new_york_today() + datetime.timedelta(days=days_left), **kwargs)


def listed(forum, name="Corridor Rights Watch", state=S.NON_OBJECTION_LIST):
    return AccreditationFactory(forum=forum, state=state, organization=OrganizationFactory(name=name))


def mexico():
    return MemberState.objects.get(iso3="MEX")


def trail(obj):
    return list(
        ActivityLog.objects.for_object(obj).order_by("pk").values_list("action", "actor", "old_state", "new_state", "note")
    )


# --- The service ------------------------------------------------------------------------------


def test_a_state_focal_point_objects_with_a_reason_and_the_accreditation_is_objected():
    accreditation = listed(in_period())
    focal_point = state_focal_point("MEX")
    objection = services.record_objection(accreditation, mexico(), by=focal_point, note="  Not a civil-society body. ")
    accreditation.refresh_from_db()
    assert accreditation.state == S.OBJECTED
    assert (objection.state, objection.note, objection.recorded_by, objection.recorded_by_secretariat) == (
        ObjectionState.STANDING,
        "Not a civil-society body.",
        focal_point,
        False,
    )
    assert trail(objection) == [("objection.state", focal_point.pk, "", "standing", "")]
    # The organisation reads that a Member State objected, not which one or why.
    assert trail(accreditation) == [
        (
            "accreditation.state",
            focal_point.pk,
            "non_objection_list",
            "objected",
            "A Member State objected to the accreditation.",
        )
    ]


def test_a_reason_is_required():
    accreditation = listed(in_period())
    with pytest.raises(ValidationError) as caught:
        services.record_objection(accreditation, mexico(), by=state_focal_point("MEX"), note="   ")
    assert caught.value.messages == ["Give the reason for the objection."]
    assert not Objection.objects.exists()


def test_a_second_state_objects_to_an_organisation_already_objected_to():
    accreditation = listed(in_period())
    services.record_objection(accreditation, mexico(), by=state_focal_point("MEX"), note="First.")
    second = services.record_objection(
        accreditation, MemberState.objects.get(iso3="FRA"), by=state_focal_point("FRA"), note="Second."
    )
    accreditation.refresh_from_db()
    assert accreditation.state == S.OBJECTED
    assert second.is_standing
    assert len(trail(accreditation)) == 1


def test_a_state_objects_once():
    accreditation = listed(in_period())
    focal_point = state_focal_point("MEX")
    services.record_objection(accreditation, mexico(), by=focal_point, note="First.")
    with pytest.raises(ValidationError) as caught:
        services.record_objection(accreditation, mexico(), by=focal_point, note="Again.")
    assert caught.value.messages == ["Mexico has already objected to Corridor Rights Watch."]
    assert Objection.objects.count() == 1


@pytest.mark.parametrize("state", [S.SUBMITTED, S.RECOMMENDED, S.APPROVED, S.REJECTED])
def test_only_organisations_on_the_list_are_objected_to(state):
    accreditation = listed(in_period(), state=state)
    with pytest.raises(ValidationError) as caught:
        services.record_objection(accreditation, mexico(), by=state_focal_point("MEX"), note="No.")
    assert caught.value.messages == ["Only an organisation on the non-objection list can be objected to."]
    assert not Objection.objects.exists()


def test_withdrawing_the_only_objection_puts_the_organisation_back_on_the_list():
    accreditation = listed(in_period())
    focal_point = state_focal_point("MEX")
    objection = services.record_objection(accreditation, mexico(), by=focal_point, note="Doubts.")
    services.withdraw_objection(objection, by=focal_point)
    accreditation.refresh_from_db()
    objection.refresh_from_db()
    assert (accreditation.state, objection.state) == (S.NON_OBJECTION_LIST, ObjectionState.WITHDRAWN)
    assert trail(objection) == [
        ("objection.state", focal_point.pk, "", "standing", ""),
        ("objection.state", focal_point.pk, "standing", "withdrawn", ""),
    ]
    assert trail(accreditation)[-1] == (
        "accreditation.state",
        focal_point.pk,
        "objected",
        "non_objection_list",
        "The objection was withdrawn: the organisation is on the non-objection list again.",
    )
    # Withdrawn, the State may object again while the period lasts.
    services.record_objection(accreditation, mexico(), by=focal_point, note="Doubts confirmed.")
    accreditation.refresh_from_db()
    assert accreditation.state == S.OBJECTED


def test_another_state_s_objection_keeps_the_organisation_objected_to():
    accreditation = listed(in_period())
    ours = services.record_objection(accreditation, mexico(), by=(us := state_focal_point("MEX")), note="a")
    services.record_objection(accreditation, MemberState.objects.get(iso3="FRA"), by=state_focal_point("FRA"), note="b")
    services.withdraw_objection(ours, by=us)
    accreditation.refresh_from_db()
    assert accreditation.state == S.OBJECTED


def test_the_secretariat_cannot_lift_a_standing_objection_through_the_state_change():
    accreditation = listed(in_period())
    services.record_objection(accreditation, mexico(), by=state_focal_point("MEX"), note="a")
    with pytest.raises(ValidationError) as caught:
        services.set_accreditation_state(accreditation, S.NON_OBJECTION_LIST, by=SecretariatUserFactory())
    assert caught.value.messages == [
        "A Member State's objection stands: the organisation goes back on the list only when it is withdrawn."
    ]
    accreditation.refresh_from_db()
    assert accreditation.state == S.OBJECTED


def test_a_focal_point_acts_only_for_its_own_state():
    accreditation = listed(in_period())
    with pytest.raises(PermissionDenied):
        services.record_objection(accreditation, mexico(), by=state_focal_point("FRA"), note="x")
    objection = services.record_objection(accreditation, mexico(), by=state_focal_point("MEX"), note="x")
    for someone in (state_focal_point("FRA"), focal_point_of(accreditation.organization), SecretariatUserFactory()):
        with pytest.raises(PermissionDenied):
            services.withdraw_objection(objection, by=someone)
    objection.refresh_from_db()
    assert objection.is_standing


def test_only_the_secretariat_records_on_a_state_s_behalf():
    accreditation = listed(in_period())
    for someone in (state_focal_point("MEX"), member_of(OrganizationFactory())):
        with pytest.raises(PermissionDenied) as caught:
            services.record_objection(accreditation, mexico(), by=someone, note="x", on_behalf=True)
        assert caught.value.args == ("Only the secretariat records an objection on behalf of a Member State.",)
    staff = SecretariatUserFactory()
    objection = services.record_objection(accreditation, mexico(), by=staff, note="Note verbale 12/2030", on_behalf=True)
    assert objection.recorded_by_secretariat is True
    assert trail(objection) == [
        ("objection.state", staff.pk, "", "standing", "Recorded by the secretariat on behalf of Mexico.")
    ]


@pytest.mark.parametrize(
    ("deadline", "message"),
    [
        (
            -1,
            "The non-objection period of International Migration Review Forum 2030 ended on {date} (New York "
            "time): objections can no longer be made or withdrawn.",
        ),
        (
            None,
            "The non-objection period of International Migration Review Forum 2030 has not opened: the "
            "secretariat has not set its deadline yet.",
        ),
    ],
)
@pytest.mark.parametrize("on_behalf", [False, True])
def test_outside_the_period_the_service_refuses(deadline, message, on_behalf):
    day = None if deadline is None else new_york_today() + datetime.timedelta(days=deadline)
    accreditation = listed(open_forum(non_objection_deadline=day))
    by = SecretariatUserFactory() if on_behalf else state_focal_point("MEX")
    with pytest.raises(ValidationError) as caught:
        services.record_objection(accreditation, mexico(), by=by, note="Late.", on_behalf=on_behalf)
    assert caught.value.messages == [message.format(date=formats.date_format(day, "DATE_FORMAT") if day else "")]
    assert not Objection.objects.exists()


def test_a_withdrawal_after_the_period_is_refused():
    accreditation = listed(in_period())
    focal_point = state_focal_point("MEX")
    objection = services.record_objection(accreditation, mexico(), by=focal_point, note="a")
    accreditation.forum.non_objection_deadline = new_york_today() - datetime.timedelta(days=1)
    accreditation.forum.save()
    objection = Objection.objects.select_related("accreditation__forum").get(pk=objection.pk)
    with pytest.raises(ValidationError):
        services.withdraw_objection(objection, by=focal_point)
    objection.refresh_from_db()
    assert objection.is_standing


# --- Days left, counted on the New York calendar --------------------------------------------------


def test_days_left_are_calendar_days_in_new_york():
    forum = open_forum(non_objection_deadline=datetime.date(2030, 3, 2))
    # 03:30 UTC on 1 March is still 28 February in New York (22:30): two days after today.
    late_evening = datetime.datetime(2030, 3, 1, 3, 30, tzinfo=datetime.UTC)
    assert services.non_objection_period(forum, now=late_evening).days_left == 2
    assert days_until(datetime.date(2030, 3, 2), now=late_evening) == 2
    # An hour and a half later it is 1 March in New York too: the same count all that day.
    for hour in (5, 12, 23):
        now = datetime.datetime(2030, 3, 1, hour, 0, tzinfo=datetime.UTC)
        assert services.non_objection_period(forum, now=now).days_left == 1
    last_day = datetime.datetime(2030, 3, 3, 4, 59, tzinfo=datetime.UTC)  # 23:59 on 2 March in New York
    assert services.non_objection_period(forum, now=last_day).is_open
    assert services.non_objection_period(forum, now=last_day).days_left == 0
    after = datetime.datetime(2030, 3, 3, 5, 0, tzinfo=datetime.UTC)  # midnight in New York
    assert not services.non_objection_period(forum, now=after).is_open


# --- The pages ----------------------------------------------------------------------------------


@pytest.fixture
def world():
    forum = in_period(days_left=3)
    ours = listed(forum, "Alpha Collective")
    theirs = listed(forum, "Beta Network")
    listed(forum, "Gamma Pending", state=S.SUBMITTED)
    users = {
        "mexico": state_focal_point("MEX"),
        "france": state_focal_point("FRA"),
        "member": member_of(ours.organization),
        "secretariat": SecretariatUserFactory(),
    }
    objection = services.record_objection(theirs, mexico(), by=users["mexico"], note="Mexico's reason.")
    return {"forum": forum, "ours": ours, "theirs": theirs, "users": users, "objection": objection}


def as_(client, world, who):
    if who != "anonymous":
        client.force_login(world["users"][who])
    return client


WHO = ["anonymous", "member", "secretariat", "france", "mexico"]
EXPECTED = {"anonymous": 302, "member": 403, "secretariat": 403, "france": 200, "mexico": 200}


@pytest.mark.parametrize("who", WHO)
def test_who_opens_the_list(client, world, who):
    response = as_(client, world, who).get(reverse("stakeholders:non_objection_list", kwargs={"year": 2030}))
    assert response.status_code == EXPECTED[who]
    if who == "anonymous":
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("who", WHO)
def test_who_opens_an_entry(client, world, who):
    url = reverse("stakeholders:objection", kwargs={"year": 2030, "pk": world["theirs"].pk})
    assert as_(client, world, who).get(url).status_code == EXPECTED[who]


@pytest.mark.parametrize("who", WHO)
def test_who_objects(client, world, who):
    url = reverse("stakeholders:objection", kwargs={"year": 2030, "pk": world["ours"].pk})
    response = as_(client, world, who).post(url, {"reason": "Our reason."})
    assert response.status_code == {**EXPECTED, "france": 302, "mexico": 302}[who]
    objecting = list(Objection.objects.filter(accreditation=world["ours"]).values_list("member_state__iso3", flat=True))
    assert objecting == {"france": ["FRA"], "mexico": ["MEX"]}.get(who, [])


@pytest.mark.parametrize("who", WHO)
def test_who_withdraws_mexico_s_objection(client, world, who):
    url = reverse("stakeholders:objection_withdraw", kwargs={"year": 2030, "pk": world["objection"].pk})
    response = as_(client, world, who).post(url)
    assert response.status_code == {**EXPECTED, "france": 404, "mexico": 302}[who]
    world["objection"].refresh_from_db()
    assert world["objection"].is_standing is (who != "mexico")


def test_a_state_sees_only_its_own_objections(client, world):
    france = as_(client, world, "france").get(reverse("stakeholders:non_objection_list", kwargs={"year": 2030}))
    rows = [(a.organization.name, a.standing_objection) for a in france.context["entries"]]
    # France sees Beta Network as it sees Alpha: Mexico's objection is not France's business.
    assert rows == [("Alpha Collective", None), ("Beta Network", None)]
    page = france.content.decode()
    assert "Object to Beta Network" in page and "Mexico" not in page
    entry = client.get(reverse("stakeholders:objection", kwargs={"year": 2030, "pk": world["theirs"].pk}))
    assert "Mexico&#x27;s reason." not in entry.content.decode()
    assert entry.context["standing"] is None

    client.force_login(world["users"]["mexico"])
    mexico_page = client.get(reverse("stakeholders:non_objection_list", kwargs={"year": 2030}))
    assert [(a.organization.name, a.standing_objection) for a in mexico_page.context["entries"]] == [
        ("Alpha Collective", None),
        ("Beta Network", world["objection"]),
    ]
    assert "Withdraw the objection to Beta Network" in mexico_page.content.decode()


def test_the_list_counts_the_days_left(client, world):
    response = as_(client, world, "mexico").get(reverse("stakeholders:non_objection_list", kwargs={"year": 2030}))
    deadline = formats.date_format(world["forum"].non_objection_deadline, "DATE_FORMAT")
    assert (
        f"3 days left after today: objections may be made or withdrawn until {deadline}, end of the day, "
        "New York time." in response.content.decode()
    )


def test_outside_the_period_the_page_says_so_and_offers_no_form(client, world):
    forum = world["forum"]
    forum.non_objection_deadline = new_york_today() - datetime.timedelta(days=1)
    forum.save()
    client.force_login(world["users"]["mexico"])
    response = client.get(reverse("stakeholders:non_objection_list", kwargs={"year": 2030}))
    page = response.content.decode()
    assert "ended on" in page and "objections can no longer be made or withdrawn" in page
    assert response.context["entries"] == []
    entry = client.get(reverse("stakeholders:objection", kwargs={"year": 2030, "pk": world["ours"].pk}))
    assert entry.context["form"] is not None and "<textarea" not in entry.content.decode()
    refused = client.post(
        reverse("stakeholders:objection", kwargs={"year": 2030, "pk": world["ours"].pk}), {"reason": "Late."}
    )
    assert refused.status_code == 200
    assert not Objection.objects.filter(accreditation=world["ours"]).exists()


def test_an_empty_or_long_reason_is_explained_and_the_text_kept(client, world):
    client.force_login(world["users"]["mexico"])
    url = reverse("stakeholders:objection", kwargs={"year": 2030, "pk": world["ours"].pk})
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200
    assert response.context["form"].errors == {"reason": ["This field is required."]}
    assert 'aria-describedby="id_reason_helptext id_reason_error"' in response.content.decode()
    long = "x" * 2001
    response = client.post(url, {"reason": long})
    assert response.context["form"].errors == {
        "reason": ["Ensure this value has at most 2000 characters (it has 2001)."]
    }
    assert long in response.content.decode()
    assert not Objection.objects.filter(accreditation=world["ours"]).exists()


def test_an_entry_not_on_the_list_is_not_found(client, world):
    client.force_login(world["users"]["mexico"])
    pending = world["forum"].accreditations.get(organization__name="Gamma Pending")
    assert client.get(reverse("stakeholders:objection", kwargs={"year": 2030, "pk": pending.pk})).status_code == 404


def test_the_dashboard_of_a_state_focal_point_links_the_open_list(client, world):
    client.force_login(world["users"]["mexico"])
    page = client.get(reverse("portal:dashboard")).content.decode()
    assert "You act for Mexico" in page
    assert reverse("stakeholders:non_objection_list", kwargs={"year": 2030}) in page


@pytest.mark.parametrize("count", [1, 6])
def test_the_list_queries_do_not_grow_with_the_organisations(client, django_assert_num_queries, count):
    forum = in_period()
    focal_point = state_focal_point("MEX")
    for n in range(count):
        accreditation = listed(forum, f"Organisation {n}")
        if n % 2:
            services.record_objection(accreditation, mexico(), by=focal_point, note="x")
    client.force_login(focal_point)
    client.get(reverse("portal:dashboard"))  # the session is warm
    # session, user, focal point, forum, accreditations, this State's objections
    with django_assert_num_queries(6):
        response = client.get(reverse("stakeholders:non_objection_list", kwargs={"year": 2030}))
    assert len(response.context["entries"]) == count


# --- The admin: a note verbale recorded on the State's behalf ---------------------------------------


def test_staff_record_a_note_verbale_in_the_admin(secretariat_client, secretariat_user):
    accreditation = listed(in_period())
    response = secretariat_client.post(
        reverse("admin:stakeholders_accreditation_change", args=[accreditation.pk]),
        {
            "mission": accreditation.mission,
            "migration_work": accreditation.migration_work,
            "contact_email": "",
            "transition": "",
            "reason": "",
            "objections-TOTAL_FORMS": "1",
            "objections-INITIAL_FORMS": "0",
            "objections-0-member_state": mexico().pk,
            "objections-0-note": "Note verbale 2030/17 of the Permanent Mission.",
        },
    )
    assert response.status_code == 302
    objection = Objection.objects.get()
    assert (objection.member_state, objection.recorded_by, objection.recorded_by_secretariat) == (
        mexico(),
        secretariat_user,
        True,
    )
    assert trail(objection) == [
        ("objection.state", secretariat_user.pk, "", "standing", "Recorded by the secretariat on behalf of Mexico.")
    ]
    accreditation.refresh_from_db()
    assert accreditation.state == S.OBJECTED


def test_the_admin_offers_no_way_to_lift_an_objection(secretariat_client):
    accreditation = listed(in_period())
    services.record_objection(accreditation, mexico(), by=state_focal_point("MEX"), note="a")
    response = secretariat_client.get(reverse("admin:stakeholders_accreditation_change", args=[accreditation.pk]))
    assert response.context["adminform"].form.fields["transition"].choices == [("", "— keep the current state —")]
    assert "Mexico" in response.content.decode()
