"""The calls for the hearing's civil-society rapporteur and the opening segment's representatives
of the migrant community and of civil society: accredited organisations nominate, the
secretariat selects one per call, and the selected nominee's name and organisation make the
programme's statement instead of being typed by staff."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from core.models import ActivityLog, OutboxMessage
from forums.enums import SessionKind, StatementRole
from forums.models import Forum, Statement
from stakeholders import services
from stakeholders.enums import AccreditationState, NominationRole, NominationState
from stakeholders.forms import NominationForm
from stakeholders.models import Nomination
from stakeholders.privacy import personal_data
from tests.core.factories import SecretariatUserFactory
from tests.forums.factories import SessionFactory, venue_time
from tests.stakeholders.factories import (
    AccreditationFactory,
    NominationFactory,
    OrganizationFactory,
    focal_point_of,
    member_of,
    open_forum,
)

pytestmark = pytest.mark.django_db
YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)


@pytest.fixture
def forum():
    return open_forum()


@pytest.fixture
def opening(forum):
    session = SessionFactory(
        forum=forum,
        kind=SessionKind.PLENARY_OPENING,
        title="Plenary: opening segment",
        starts_at=venue_time(forum, 2, 10),
        ends_at=venue_time(forum, 2, 11),
    )
    for order, role in enumerate(StatementRole.opening_segment(), start=1):
        Statement.objects.create(session=session, order=order, role=role)
    return session


def accredited(forum, name, email=None):
    organization = OrganizationFactory(name=name)
    accreditation = AccreditationFactory(
        organization=organization, forum=forum, state=AccreditationState.APPROVED
    )
    focal_point_of(organization, email=email)
    return accreditation


def data(**kwargs):
    return {"role": "rapporteur", "nominee_name": "Amina Yusuf", "nominee_profile": "Advocate", **kwargs}


def nominate(accreditation, **kwargs):
    form = NominationForm(data(**kwargs))
    assert form.is_valid(), form.errors
    return services.nominate(accreditation, form, by=None)


def test_an_organisation_nominates_once_per_call(forum):
    accreditation = accredited(forum, "Voices of Migrants")
    nominate(accreditation)
    nominate(accreditation, role="migrant", nominee_name="Ravi Kumar")
    with pytest.raises(ValidationError) as caught:
        nominate(accreditation, nominee_name="Someone Else")
    assert caught.value.messages == [
        "Your organisation has already nominated someone as “Civil-society rapporteur of the hearing”; "
        "withdraw that nomination to nominate another person."
    ]
    assert sorted(Nomination.objects.values_list("role", "nominee_name")) == [
        ("migrant", "Ravi Kumar"),
        ("rapporteur", "Amina Yusuf"),
    ]


def test_a_withdrawn_nomination_frees_the_call(forum):
    accreditation = accredited(forum, "Voices of Migrants")
    services.set_nomination_state(nominate(accreditation), NominationState.WITHDRAWN)
    assert nominate(accreditation, nominee_name="Someone Else").state == "submitted"


def test_nominations_close_with_the_speaking_requests(forum):
    forum.speaking_request_deadline = YESTERDAY
    forum.save()
    with pytest.raises(ValidationError) as caught:
        nominate(accredited(forum, "Voices of Migrants"))
    assert caught.value.messages == [f"Nominations closed on {YESTERDAY.isoformat()}."]


def test_only_accredited_organisations_nominate(forum):
    accreditation = AccreditationFactory(forum=forum, state=AccreditationState.SUBMITTED)
    with pytest.raises(PermissionDenied) as caught:
        nominate(accreditation)
    assert caught.value.args[0] == "Only accredited organisations register delegates and speakers."


def test_selecting_puts_the_nominee_in_the_opening_segment(
    forum, opening, django_capture_on_commit_callbacks
):
    accreditation = accredited(forum, "Voices of Migrants", email="focal@example.org")
    nomination = nominate(accreditation, role="migrant")
    staff = SecretariatUserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        nomination = services.set_nomination_state(nomination, NominationState.SELECTED, by=staff)
    statement = opening.statements.get(role=StatementRole.MIGRANT_REPRESENTATIVE)
    assert (statement.speaker, statement.affiliation, nomination.statement) == (
        "Amina Yusuf",
        "Voices of Migrants",
        statement,
    )
    assert opening.statements.count() == 5
    entry = ActivityLog.objects.filter(action="nomination.state").latest("pk")
    assert (entry.actor, entry.old_state, entry.new_state) == (staff, "submitted", "selected")
    assert OutboxMessage.objects.get().template == "stakeholders/email/nominee_selected"
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (
            ["focal@example.org"],
            "[IMRF Portal] International Migration Review Forum 2030: your nominee was selected as "
            "“Representative of the migrant community (opening segment)”",
        )
    ]


def test_the_selected_rapporteur_gets_a_statement_and_shows_on_the_forum(forum, opening):
    nomination = nominate(accredited(forum, "Voices of Migrants"))
    services.set_nomination_state(nomination, NominationState.SELECTED)
    statement = opening.statements.get(role=StatementRole.HEARING_RAPPORTEUR)
    assert (statement.order, statement.speaker, statement.affiliation) == (
        6,
        "Amina Yusuf",
        "Voices of Migrants",
    )
    assert Forum.objects.get(pk=forum.pk).hearing_rapporteur == "Amina Yusuf (Voices of Migrants)"


def test_one_nominee_is_selected_per_call(forum, opening):
    first = nominate(accredited(forum, "Voices of Migrants"))
    second = nominate(accredited(forum, "Diaspora Link"), nominee_name="Li Wei")
    services.set_nomination_state(first, NominationState.SELECTED)
    with pytest.raises(ValidationError) as caught:
        services.set_nomination_state(second, NominationState.SELECTED)
    assert caught.value.messages == [
        "Amina Yusuf is already selected as “Civil-society rapporteur of the hearing”; "
        "mark that nomination not selected first."
    ]
    services.set_nomination_state(Nomination.objects.get(pk=first.pk), NominationState.NOT_SELECTED)
    services.set_nomination_state(second, NominationState.SELECTED)
    statement = opening.statements.get(role=StatementRole.HEARING_RAPPORTEUR)
    assert (statement.speaker, statement.affiliation) == ("Li Wei", "Diaspora Link")
    assert list(Nomination.objects.order_by("pk").values_list("state", "statement")) == [
        ("not_selected", None),
        ("selected", statement.pk),
    ]


def test_a_selected_nominee_who_withdraws_leaves_the_slot_empty(forum, opening):
    nomination = services.set_nomination_state(
        nominate(accredited(forum, "Voices of Migrants"), role="civil_society"), NominationState.SELECTED
    )
    services.set_nomination_state(nomination, NominationState.WITHDRAWN)
    statement = opening.statements.get(role=StatementRole.CIVIL_SOCIETY_REPRESENTATIVE)
    assert (statement.speaker, statement.affiliation) == ("", "")


def test_without_an_opening_segment_the_selection_is_refused(forum):
    nomination = nominate(accredited(forum, "Voices of Migrants"))
    with pytest.raises(ValidationError) as caught:
        services.set_nomination_state(nomination, NominationState.SELECTED)
    assert caught.value.messages == [
        "Add the plenary's opening segment to the programme first: the selected nominee speaks there."
    ]
    assert Nomination.objects.get().state == "submitted"


def test_the_secretariat_selects_in_the_admin(client, forum, opening):
    nomination = nominate(accredited(forum, "Voices of Migrants"))
    client.force_login(SecretariatUserFactory())
    url = reverse("admin:stakeholders_nomination_changelist")
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"action": "nomination_to_selected", "_selected_action": [nomination.pk]}, follow=True
    )
    assert [str(m) for m in response.context["messages"]] == ["1 now “Selected”."]
    assert opening.statements.get(role=StatementRole.HEARING_RAPPORTEUR).speaker == "Amina Yusuf"


# --- The page under /my/ -------------------------------------------------------------------------

URL = "/my/nominations/2030/"


def test_a_member_nominates_on_the_page(client, forum):
    accreditation = accredited(forum, "Voices of Migrants")
    client.force_login(member_of(accreditation.organization))
    response = client.post(URL, data())
    assert (response.status_code, response["Location"]) == (302, URL)
    assert Nomination.objects.get().accreditation == accreditation


def test_bad_input_is_explained_and_kept(client, forum):
    accreditation = accredited(forum, "Voices of Migrants")
    client.force_login(member_of(accreditation.organization))
    response = client.post(URL, data(role="keynote"))
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "role": ["Select a valid choice. keynote is not one of the available choices."]
    }
    assert response.context["form"]["nominee_name"].value() == "Amina Yusuf"


def test_anonymous_visitors_are_asked_to_sign_in(client, forum):
    response = client.get(URL)
    assert (response.status_code, response["Location"].startswith("/accounts/login/")) == (302, True)


def test_the_secretariat_has_no_organisation_page(client, forum):
    client.force_login(SecretariatUserFactory())
    response = client.get(URL)
    assert (response.status_code, response["Location"]) == (302, "/my/")


def test_another_organisation_cannot_withdraw_our_nomination(client, forum):
    ours = NominationFactory(accreditation=accredited(forum, "Voices of Migrants"))
    client.force_login(member_of(accredited(forum, "Diaspora Link").organization))
    assert client.post(f"{URL}{ours.pk}/withdraw/").status_code == 404
    assert Nomination.objects.get().state == "submitted"
    assert [n.nominee_name for n in client.get(URL).context["nominations"]] == []


def test_a_member_withdraws_a_nomination(client, forum):
    nomination = NominationFactory(accreditation=accredited(forum, "Voices of Migrants"))
    client.force_login(member_of(nomination.accreditation.organization))
    assert client.post(f"{URL}{nomination.pk}/withdraw/")["Location"] == URL
    assert Nomination.objects.get().state == "withdrawn"


@pytest.mark.parametrize("count", [1, 3])
def test_the_page_queries_are_constant(client, forum, django_assert_num_queries, count):
    accreditation = accredited(forum, "Voices of Migrants")
    for role in list(NominationRole)[:count]:
        NominationFactory(accreditation=accreditation, role=role)
    for _n in range(count):
        NominationFactory(accreditation=accreditation, state=NominationState.WITHDRAWN)
    client.force_login(member_of(accreditation.organization))
    with django_assert_num_queries(5):
        response = client.get(URL)
    assert len(response.context["nominations"]) == 2 * count


def test_the_public_programme_shows_the_selected_nominee(client, forum, opening):
    nomination = nominate(accredited(forum, "Voices of Migrants"), role="civil_society")
    services.set_nomination_state(nomination, NominationState.SELECTED)
    page = client.get(opening.get_absolute_url()).content.decode()
    assert "Representative of civil society</strong>: Amina Yusuf (Voices of Migrants)" in page


def test_the_personal_data_download_lists_the_nominations_a_user_made(forum):
    accreditation = accredited(forum, "Voices of Migrants")
    user = accreditation.organization.memberships.get().user
    NominationFactory(accreditation=accreditation, nominee_name="Amina Yusuf", submitted_by=user)
    assert [(n["call"], n["nominee_name"], n["state"]) for n in personal_data(user)["nominations_submitted"]] == [
        ("rapporteur", "Amina Yusuf", "submitted")
    ]


@pytest.mark.parametrize("count", [1, 4])
def test_the_admin_list_of_nominations_has_constant_queries(client, forum, opening, django_assert_num_queries, count):
    for n in range(count):
        nomination = NominationFactory(accreditation=accredited(forum, f"Organisation {n}"))
        if n == 0:
            services.set_nomination_state(nomination, NominationState.SELECTED)
    client.force_login(SecretariatUserFactory())
    client.get(reverse("admin:stakeholders_nomination_changelist"))
    with django_assert_num_queries(8):
        response = client.get(reverse("admin:stakeholders_nomination_changelist"))
    assert len(response.context["cl"].result_list) == count
