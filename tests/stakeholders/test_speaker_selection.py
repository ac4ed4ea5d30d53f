"""Speaking requests for the hearing's panels, the round tables and the policy debate: the form
offers only the sessions open to stakeholder speakers; the secretariat's decisions stay unseen
until it closes a session's selection; then the selected are told and confirm or decline, and the
others are told where the session says so (by default not for the hearing, yes elsewhere)."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core.models import ActivityLog, OutboxMessage
from forums.enums import SessionKind
from stakeholders import services
from stakeholders.enums import AccreditationState, SpeakingRequestState
from stakeholders.forms import SpeakingRequestForm
from stakeholders.models import SpeakingRequest
from stakeholders.privacy import personal_data
from tests.core.factories import SecretariatUserFactory
from tests.forums.factories import RoundTableFactory, SessionFactory, venue_time
from tests.stakeholders.factories import (
    AccreditationFactory,
    OrganizationFactory,
    SpeakingRequestFactory,
    focal_point_of,
    member_of,
    open_forum,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum():
    return open_forum()


def hearing(forum, title, hour, **kwargs):
    return SessionFactory(
        forum=forum,
        kind=SessionKind.HEARING,
        title=title,
        starts_at=forum.local_datetime(forum.hearing_date, hour),
        ends_at=forum.local_datetime(forum.hearing_date, hour + 1),
        **kwargs,
    )


@pytest.fixture
def programme(forum):
    return {
        "opening": hearing(forum, "Opening of the hearing", 9, takes_speaking_requests=False),
        "panel": hearing(forum, "Hearing panel 1", 10),
        "round_table": RoundTableFactory(forum=forum, number=1, title="Round table 1"),
        "debate": SessionFactory(
            forum=forum,
            kind=SessionKind.POLICY_DEBATE,
            title="Policy debate",
            starts_at=venue_time(forum, 1, 15),
            ends_at=venue_time(forum, 1, 18),
        ),
        "plenary": SessionFactory(forum=forum, kind=SessionKind.GENERAL_DEBATE, title="General debate"),
    }


def accredited(forum, name, email):
    organization = OrganizationFactory(name=name)
    accreditation = AccreditationFactory(
        organization=organization, forum=forum, state=AccreditationState.APPROVED
    )
    focal_point_of(organization, email=email)
    return accreditation


def test_the_form_offers_the_panels_round_tables_and_policy_debate_only(forum, programme):
    other_forum = open_forum(year=2034, hearing_date=datetime.date(2034, 5, 8), start_date=datetime.date(2034, 5, 9),
                             end_date=datetime.date(2034, 5, 12))  # fmt: skip
    hearing(other_forum, "Another forum's panel", 10)
    closed = hearing(forum, "Hearing panel 2", 14)
    services.close_speaker_selection(closed, by=None)
    form = SpeakingRequestForm(forum=forum)
    assert [label for _value, label in form.fields["session"].choices] == [
        "---------",
        "Hearing panel 1",
        "Round table: Round table 1",
        "Policy debate: Policy debate",
    ]


@pytest.mark.parametrize("name", ["round_table", "debate"])
def test_an_organisation_asks_to_speak_in_a_round_table_or_the_policy_debate(client, forum, programme, name):
    accreditation = accredited(forum, "Voices of Migrants", "focal@example.org")
    client.force_login(accreditation.organization.memberships.get().user)
    data = {
        "session": programme[name].pk,
        "topic": "Decent work",
        "speaker_name": "Ana",
        "speaker_profile": "Organiser",
    }
    assert (
        client.post(reverse("stakeholders:speaking_requests", kwargs={"year": 2030}), data).status_code == 302
    )
    assert SpeakingRequest.objects.get().session.pk == programme[name].pk


@pytest.mark.parametrize("name", ["opening", "plenary"])
def test_the_hearing_opening_and_the_plenary_are_refused_with_the_input_kept(client, forum, programme, name):
    accreditation = accredited(forum, "Voices of Migrants", "focal@example.org")
    client.force_login(accreditation.organization.memberships.get().user)
    data = {
        "session": programme[name].pk,
        "topic": "Decent work",
        "speaker_name": "Ana",
        "speaker_profile": "Organiser",
    }
    response = client.post(reverse("stakeholders:speaking_requests", kwargs={"year": 2030}), data)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["session"]
    assert response.context["form"]["topic"].value() == "Decent work"
    assert SpeakingRequest.objects.count() == 0


def test_the_service_refuses_a_session_whose_selection_is_closed(forum, programme):
    accreditation = accredited(forum, "Voices of Migrants", "focal@example.org")
    form = SpeakingRequestForm(
        {"session": programme["panel"].pk, "topic": "T", "speaker_name": "Ana", "speaker_profile": "p"},
        forum=forum,
    )
    assert form.is_valid()
    services.close_speaker_selection(programme["panel"], by=None)
    with pytest.raises(ValidationError) as caught:
        services.submit_speaking_request(accreditation, form, by=None)
    assert caught.value.messages == ["Choose a session of this forum that is open to stakeholder speakers."]


def test_who_is_told_by_default_depends_on_the_kind(programme):
    assert {
        name: session.notifies_not_selected for name, session in programme.items() if name != "plenary"
    } == {
        "opening": False,
        "panel": False,
        "round_table": True,
        "debate": True,
    }
    programme["panel"].tells_not_selected = True
    programme["round_table"].tells_not_selected = False
    assert (programme["panel"].notifies_not_selected, programme["round_table"].notifies_not_selected) == (
        True,
        False,
    )


def three_requests(forum, session):
    return [
        SpeakingRequestFactory(
            accreditation=accredited(forum, f"Organisation {n}", f"focal{n}@example.org"),
            session=session,
            speaker_name=f"Speaker {n}",
            topic=f"Topic {n}",
        )
        for n in range(3)
    ]


def test_closing_a_round_table_tells_the_selected_and_the_others(
    forum, programme, django_capture_on_commit_callbacks
):
    staff = SecretariatUserFactory()
    selected, not_selected, undecided = three_requests(forum, programme["round_table"])
    services.set_speaking_request_state(selected, SpeakingRequestState.SELECTED, by=staff)
    services.set_speaking_request_state(not_selected, SpeakingRequestState.NOT_SELECTED, by=staff)
    assert OutboxMessage.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert services.close_speaker_selection(programme["round_table"], by=staff) == 3
    assert [r.state for r in SpeakingRequest.objects.order_by("pk")] == [
        "selected",
        "not_selected",
        "not_selected",
    ]
    assert sorted((m.to, m.subject) for m in mail.outbox) == [
        (
            ["focal0@example.org"],
            "[IMRF Portal] International Migration Review Forum 2030: your speaker was selected for “Round table 1”",
        ),
        (
            ["focal1@example.org"],
            "[IMRF Portal] International Migration Review Forum 2030: the speakers for “Round table 1” are selected",
        ),
        (
            ["focal2@example.org"],
            "[IMRF Portal] International Migration Review Forum 2030: the speakers for “Round table 1” are selected",
        ),
    ]
    entry = ActivityLog.objects.filter(action="speaking_request.state", object_id=str(undecided.pk)).latest(
        "pk"
    )
    assert (entry.actor, entry.old_state, entry.new_state, entry.note) == (
        staff,
        "submitted",
        "not_selected",
        "Not selected when the selection closed.",
    )
    closing = ActivityLog.objects.get(action="session.speaker_selection")
    assert (closing.actor, closing.old_state, closing.new_state) == (staff, "open", "closed")


def test_closing_the_hearing_tells_only_the_selected_by_default(
    forum, programme, django_capture_on_commit_callbacks
):
    selected, not_selected, _undecided = three_requests(forum, programme["panel"])
    services.set_speaking_request_state(selected, SpeakingRequestState.SELECTED)
    services.set_speaking_request_state(not_selected, SpeakingRequestState.NOT_SELECTED)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.close_speaker_selection(programme["panel"], by=None) == 1
    assert [m.to for m in mail.outbox] == [["focal0@example.org"]]
    assert [r.shown_state for r in SpeakingRequest.objects.order_by("pk")] == [
        "selected",
        "submitted",
        "submitted",
    ]


def test_a_hearing_panel_may_choose_to_tell_everybody(forum, programme, django_capture_on_commit_callbacks):
    programme["panel"].tells_not_selected = True
    programme["panel"].save()
    three_requests(forum, programme["panel"])
    with django_capture_on_commit_callbacks(execute=True):
        assert services.close_speaker_selection(programme["panel"], by=None) == 3
    assert len(mail.outbox) == 3


def test_a_selection_is_closed_once(forum, programme):
    services.close_speaker_selection(programme["debate"], by=None)
    with pytest.raises(ValidationError) as caught:
        services.close_speaker_selection(programme["debate"], by=None)
    assert caught.value.messages == ["The selection for “Policy debate” is already closed."]


def test_a_speaker_selected_after_the_selection_closed_is_told_at_once(
    forum, programme, django_capture_on_commit_callbacks
):
    first, second, _third = three_requests(forum, programme["round_table"])
    services.set_speaking_request_state(first, SpeakingRequestState.SELECTED)
    services.close_speaker_selection(programme["round_table"], by=None)
    mail.outbox.clear()
    OutboxMessage.objects.all().delete()
    first.refresh_from_db()
    services.set_speaking_request_state(
        first, SpeakingRequestState.DECLINED, by=first.accreditation.organization.memberships.get().user
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.set_speaking_request_state(
            SpeakingRequest.objects.get(pk=second.pk), SpeakingRequestState.SELECTED
        )
    assert [
        (m.to, m.subject.endswith("your speaker was selected for “Round table 1”")) for m in mail.outbox
    ] == [(["focal1@example.org"], True)]
    assert SpeakingRequest.objects.get(pk=second.pk).can_answer is True


def test_the_selected_answer_only_once_the_selection_is_released(forum, programme):
    speaking = SpeakingRequestFactory(
        accreditation=accredited(forum, "Ours", "ours@example.org"), session=programme["debate"]
    )
    user = speaking.accreditation.organization.memberships.get().user
    services.set_speaking_request_state(speaking, SpeakingRequestState.SELECTED)
    with pytest.raises(ValidationError) as caught:
        services.set_speaking_request_state(speaking, SpeakingRequestState.CONFIRMED, by=user)
    assert caught.value.messages == ["The selection for this session has not been announced yet."]
    services.close_speaker_selection(programme["debate"], by=None)
    speaking.refresh_from_db()
    services.set_speaking_request_state(speaking, SpeakingRequestState.CONFIRMED, by=user)
    entry = ActivityLog.objects.filter(action="speaking_request.state").latest("pk")
    assert (entry.actor, entry.old_state, entry.new_state) == (user, "selected", "confirmed")


def test_another_organisation_cannot_answer_for_a_speaker(forum, programme):
    speaking = SpeakingRequestFactory(
        accreditation=accredited(forum, "Ours", "ours@example.org"), session=programme["debate"]
    )
    services.set_speaking_request_state(speaking, SpeakingRequestState.SELECTED)
    services.close_speaker_selection(programme["debate"], by=None)
    speaking.refresh_from_db()
    stranger = member_of(OrganizationFactory(name="Theirs"))
    with pytest.raises(PermissionDenied):
        services.set_speaking_request_state(speaking, SpeakingRequestState.DECLINED, by=stranger)
    assert SpeakingRequest.objects.get(pk=speaking.pk).state == "selected"


@pytest.fixture
def released(forum, programme):
    speaking = SpeakingRequestFactory(
        accreditation=accredited(forum, "Ours", "ours@example.org"), session=programme["round_table"]
    )
    services.set_speaking_request_state(speaking, SpeakingRequestState.SELECTED)
    services.close_speaker_selection(programme["round_table"], by=None)
    return SpeakingRequest.objects.get(pk=speaking.pk)


def answer_url(speaking):
    return reverse("stakeholders:speaking_request_answer", kwargs={"year": 2030, "pk": speaking.pk})


def test_answering_anonymously_asks_to_sign_in(client, released):
    response = client.post(answer_url(released), {"answer": "confirm"})
    assert (response.status_code, response["Location"].startswith("/accounts/login/")) == (302, True)
    assert SpeakingRequest.objects.get(pk=released.pk).state == "selected"


@pytest.mark.parametrize(("answer", "state"), [("confirm", "confirmed"), ("decline", "declined")])
def test_a_member_of_the_organisation_confirms_or_declines(client, released, answer, state):
    client.force_login(member_of(released.accreditation.organization))
    response = client.post(answer_url(released), {"answer": answer})
    assert (response.status_code, response["Location"]) == (302, "/my/speaking-requests/2030/")
    assert SpeakingRequest.objects.get(pk=released.pk).state == state


def test_a_member_of_another_organisation_finds_nothing(client, forum, released):
    client.force_login(member_of(accredited(forum, "Theirs", "theirs@example.org").organization))
    assert client.post(answer_url(released), {"answer": "decline"}).status_code == 404
    assert SpeakingRequest.objects.get(pk=released.pk).state == "selected"


def test_the_secretariat_has_no_organisation_page_to_answer_from(client, released):
    client.force_login(SecretariatUserFactory())
    response = client.post(answer_url(released), {"answer": "decline"})
    assert (response.status_code, response["Location"]) == (302, "/my/")
    assert SpeakingRequest.objects.get(pk=released.pk).state == "selected"


def test_an_unknown_answer_is_a_bad_request(client, released):
    client.force_login(member_of(released.accreditation.organization))
    response = client.post(answer_url(released), {"answer": "maybe"})
    assert (response.status_code, response.content.decode()) == (400, "Answer “confirm” or “decline”.")


def test_the_page_shows_the_buttons_once_released(client, released):
    client.force_login(member_of(released.accreditation.organization))
    page = client.get(reverse("stakeholders:speaking_requests", kwargs={"year": 2030})).content.decode()
    assert 'name="answer" value="confirm"' in page
    assert 'name="answer" value="decline"' in page


@pytest.mark.parametrize("count", [1, 25])
def test_the_requests_page_queries_are_constant(client, forum, programme, django_assert_num_queries, count):
    accreditation = accredited(forum, "Ours", "ours@example.org")
    for _n in range(count):
        SpeakingRequestFactory(accreditation=accreditation, session=programme["round_table"])
    client.force_login(accreditation.organization.memberships.get().user)
    url = reverse("stakeholders:speaking_requests", kwargs={"year": 2030})
    # The sessions are read twice: whether any is open, then the choices of the form.
    with django_assert_num_queries(7):
        response = client.get(url)
    assert len(response.context["requests"]) == count


def test_the_secretariat_closes_a_selection_in_the_admin(
    client, forum, programme, django_capture_on_commit_callbacks
):
    selected, _other, _third = three_requests(forum, programme["round_table"])
    services.set_speaking_request_state(selected, SpeakingRequestState.SELECTED)
    client.force_login(SecretariatUserFactory())
    url = reverse("admin:stakeholders_speakerselection_changelist")
    page = client.get(url)
    assert page.status_code == 200
    assert [s.title for s in page.context["cl"].result_list] == [
        "Hearing panel 1",
        "Round table 1",
        "Policy debate",
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"action": "close_selection", "_selected_action": [programme["round_table"].pk]}, follow=True
        )
    assert [str(m) for m in response.context["messages"]] == [
        "The selection for “Round table 1” is closed; 3 organisation(s) told."
    ]
    assert len(mail.outbox) == 3


def test_the_personal_data_download_keeps_an_unreleased_decision_unseen(forum, programme):
    accreditation = accredited(forum, "Ours", "ours@example.org")
    user = accreditation.organization.memberships.get().user
    speaking = SpeakingRequestFactory(
        accreditation=accreditation, session=programme["panel"], submitted_by=user
    )
    services.set_speaking_request_state(speaking, SpeakingRequestState.SELECTED)
    states = lambda: [r["state"] for r in personal_data(user)["speaking_requests_submitted"]]  # noqa: E731
    assert states() == ["submitted"]
    services.close_speaker_selection(programme["panel"], by=None)
    assert states() == ["selected"]


@pytest.mark.parametrize("count", [1, 4])
def test_the_admin_lists_of_selections_and_requests_have_constant_queries(
    client, forum, django_assert_num_queries, count
):
    for n in range(count):
        session = hearing(forum, f"Hearing panel {n}", 9 + n)
        SpeakingRequestFactory(
            accreditation=accredited(forum, f"Organisation {n}", f"o{n}@example.org"), session=session
        )
    client.force_login(SecretariatUserFactory())
    client.get(reverse("admin:stakeholders_speakerselection_changelist"))  # the session's first queries
    with django_assert_num_queries(8):
        response = client.get(reverse("admin:stakeholders_speakerselection_changelist"))
    assert len(response.context["cl"].result_list) == count
    with django_assert_num_queries(9):
        response = client.get(reverse("admin:stakeholders_speakingrequest_changelist"))
    assert len(response.context["cl"].result_list) == count


def test_without_an_open_session_the_page_says_so_instead_of_an_empty_form(client, forum):
    accreditation = accredited(forum, "Ours", "ours@example.org")
    client.force_login(accreditation.organization.memberships.get().user)
    page = client.get(reverse("stakeholders:speaking_requests", kwargs={"year": 2030})).content.decode()
    assert "No session takes speaking requests at the moment" in page
    assert 'name="speaker_name"' not in page
