"""Who may open each signed-in page, each private download and each admin page: anonymous, a
focal point of the organisation the records belong to, a focal point of another organisation (who
guesses the ids), and the secretariat. Every route under /my/ (or /pledges/my/, /practices/my/) must be in the
matrix: a new view without its row fails here."""

import pytest
from django.contrib import admin
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from core import roles
from side_events.enums import SideEventState
from stakeholders.enums import AccreditationState
from stakeholders.models import Invitation, JoinRequest, Membership, SpeakingRequest
from tests.coalitions.factories import convene
from tests.core.factories import SecretariatUserFactory
from tests.declarations.factories import DeclarationVersionFactory, KeyMessageFactory, published_message
from tests.forums.factories import ForumFactory, SessionFactory
from tests.pledges.factories import PledgeFactory, published
from tests.practices.factories import PracticeFactory
from tests.reviews.factories import ConsultationFactory, ConsultationInputFactory, VoluntaryReviewFactory
from tests.side_events.factories import SideEventCoOrganizerFactory, SideEventFactory, SideEventSpeakerFactory
from tests.stakeholders.factories import (
    AccreditationFactory,
    DelegateFactory,
    NominationFactory,
    OrganizationFactory,
    focal_point_of,
    member_of,
    open_forum,
    state_focal_point,
    verified_user,
)

pytestmark = pytest.mark.django_db
VISITORS = ("anonymous", "ours", "other", "secretariat")
# Member State focal points: of the State the records belong to (Mexico), and of another State.
STATE_VISITORS = ("state_ours", "state_other")
LOGIN = "/accounts/login/"
DASHBOARD = "/my/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    forum = open_forum()
    forum.side_event_call_deadline = forum.accreditation_deadline
    forum.save()
    ours, theirs = OrganizationFactory(name="Our Organisation"), OrganizationFactory(name="Their Organisation")
    accreditation = AccreditationFactory(organization=ours, forum=forum, state=AccreditationState.APPROVED)
    AccreditationFactory(organization=theirs, forum=forum, state=AccreditationState.APPROVED)
    hearing = SessionFactory(
        forum=forum,
        kind="hearing",
        starts_at=forum.local_datetime(forum.hearing_date, 10),
        ends_at=forum.local_datetime(forum.hearing_date, 12),
    )
    users = {
        "ours": focal_point_of(ours),
        "other": focal_point_of(theirs),
        "secretariat": SecretariatUserFactory(),
        "state_ours": state_focal_point("MEX"),
        "state_other": state_focal_point("PHL"),
    }
    consultation = ConsultationFactory(forum=forum, deadline=forum.accreditation_deadline)
    plain_member = member_of(ours)
    pledge = PledgeFactory(organization=ours, forum=forum)
    pledge.attachment.save("report.pdf", ContentFile(PDF))
    practice = PracticeFactory(organization=ours)
    practice.attachment.save("evaluation.pdf", ContentFile(PDF))
    side_event = SideEventFactory(forum=forum, organization=ours, state=SideEventState.DRAFT)
    SideEventSpeakerFactory(side_event=side_event)
    # Their side event names us as co-organiser: ours to answer, not theirs.
    co_organizer = SideEventCoOrganizerFactory(
        side_event=SideEventFactory(forum=forum, organization=theirs), organization=ours, state="invited"
    )
    version = DeclarationVersionFactory(forum=forum)
    return {
        "users": users,
        "year": forum.year,
        "declaration_version": version,
        "key_message": KeyMessageFactory(version=version, organization=ours),
        "published_message": published_message(version=version, organization=ours),
        "pledge": pledge,
        "practice": practice,
        "partner": pledge.partners.create(organization=theirs),
        "side_event": side_event,
        "co_organizer": co_organizer,
        "membership": Membership.objects.get(user=plain_member),
        "join_request": JoinRequest.objects.create(organization=ours, user=verified_user()),
        "invitation": Invitation.objects.create(organization=ours, email="new@example.org"),
        "delegate": DelegateFactory(accreditation=accreditation, grounds_pass=True),
        "accreditation": accreditation,
        "speaking_request": SpeakingRequest.objects.create(
            accreditation=accreditation, session=hearing, topic="t", speaker_name="s", speaker_profile="p"
        ),
        "nomination": NominationFactory(accreditation=accreditation),
        "voluntary_review": VoluntaryReviewFactory(forum=forum),
        "consultation": consultation,
        "consultation_input": ConsultationInputFactory(
            consultation=consultation, organization=ours, attachment=ContentFile(PDF, name="input.pdf")
        ),
        # Ours, published, seeking funding: its matches are public; writing to it is for others.
        "seeking": published(organization=ours, forum=forum, support={"seeks": ["funding"]}),
    }


def to(location):
    return (302, location)


SIGN_IN = to(LOGIN)
HOME = to(DASHBOARD)
# url name: (method, kwargs from the world, {visitor: status or (302, where to)})
MATRIX = {
    "portal:dashboard": ("get", {}, {"ours": 200, "other": 200, "secretariat": 200}),
    # Each account's own topics: anyone signed in, only their own (tests/follow).
    "follow:mine": ("get", {}, {"ours": 200, "other": 200, "secretariat": 200}),
    "stakeholders:organization_edit": ("get", {}, {"ours": 200, "other": 200, "secretariat": HOME}),
    "stakeholders:organization_create": ("get", {}, {"ours": HOME, "other": HOME, "secretariat": 200}),
    "stakeholders:members": ("get", {}, {"ours": 200, "other": 200, "secretariat": HOME}),
    "stakeholders:member_change": (
        "post",
        {"pk": "membership"},
        {"ours": to("/my/organization/members/"), "other": 404, "secretariat": HOME},
    ),
    "stakeholders:invite": (
        "post",
        {},
        {"ours": to("/my/organization/members/"), "other": to("/my/organization/members/"), "secretariat": HOME},
    ),
    "stakeholders:join_request_decide": (
        "post",
        {"pk": "join_request"},
        {"ours": to("/my/organization/members/"), "other": 404, "secretariat": HOME},
    ),
    "stakeholders:join_search": ("get", {}, {"ours": 200, "other": 200, "secretariat": 200}),
    "stakeholders:join_request": ("get", {"slug": "organization_slug"}, {"ours": 200, "other": 200, "secretariat": 200}),
    "stakeholders:accept_invitation": ("get", {"token": "token"}, {"ours": 200, "other": 200, "secretariat": 200}),
    "stakeholders:accreditation": ("get", {"year": "year"}, {"ours": 200, "other": 200, "secretariat": HOME}),
    "stakeholders:accreditation_withdraw": (
        "post",
        {"year": "year"},
        {"ours": to("/my/accreditation/"), "other": to("/my/accreditation/"), "secretariat": HOME},
    ),
    "stakeholders:delegates": ("get", {"year": "year"}, {"ours": 200, "other": 200, "secretariat": HOME}),
    # GET is the confirmation page; the POST that withdraws is tested in
    # tests/stakeholders/test_delegate_withdrawal.py for the same visitors.
    "stakeholders:delegate_withdraw": (
        "get",
        {"year": "year", "pk": "delegate"},
        {"ours": 200, "other": 404, "secretariat": HOME},
    ),
    "stakeholders:speaking_requests": ("get", {"year": "year"}, {"ours": 200, "other": 200, "secretariat": HOME}),
    "stakeholders:speaking_request_withdraw": (
        "post",
        {"year": "year", "pk": "speaking_request"},
        {"ours": to("/my/speaking-requests/"), "other": 404, "secretariat": HOME},
    ),
    # Without an answer the request is refused (400); confirming and declining are tested in
    # tests/stakeholders/test_speaker_selection.py for the same visitors.
    "stakeholders:speaking_request_answer": (
        "post",
        {"year": "year", "pk": "speaking_request"},
        {"ours": 400, "other": 404, "secretariat": HOME},
    ),
    "stakeholders:nominations": ("get", {"year": "year"}, {"ours": 200, "other": 200, "secretariat": HOME}),
    "stakeholders:nomination_withdraw": (
        "post",
        {"year": "year", "pk": "nomination"},
        {"ours": to("/my/nominations/"), "other": 404, "secretariat": HOME},
    ),
    # Only a Member State's focal point: its own visitors are in tests/stakeholders/test_objections.py.
    "stakeholders:non_objection_list": ("get", {"year": "year"}, {"ours": 403, "other": 403, "secretariat": 403}),
    "stakeholders:objection": (
        "get",
        {"year": "year", "pk": "accreditation"},
        {"ours": 403, "other": 403, "secretariat": 403},
    ),
    "stakeholders:objection_withdraw": (
        "post",
        {"year": "year", "pk": "accreditation"},
        {"ours": 403, "other": 403, "secretariat": 403},
    ),
    "stakeholders:account_delete": ("get", {}, {"ours": 200, "other": 200, "secretariat": 200}),
    "portal:personal_data": ("get", {}, {"ours": 200, "other": 200, "secretariat": 200}),
    "portal:account_language": ("get", {}, {"ours": 200, "other": 200, "secretariat": 200}),
    "side_events:mine": ("get", {}, {"ours": 200, "other": 200, "secretariat": HOME}),
    "side_events:new": ("get", {"year": "year"}, {"ours": 200, "other": 200, "secretariat": HOME}),
    # Only a Member State's focal point: its own visitors are in tests/side_events/test_member_states_apply.py.
    "side_events:new_for_state": ("get", {"year": "year"}, {"ours": 403, "other": 403, "secretariat": 403}),
    "side_events:application": ("get", {"pk": "side_event"}, {"ours": 200, "other": 404, "secretariat": HOME}),
    "side_events:edit": ("get", {"pk": "side_event"}, {"ours": 200, "other": 404, "secretariat": HOME}),
    "side_events:submit": (
        "post",
        {"pk": "side_event"},
        {"ours": to("/my/side-events/"), "other": 404, "secretariat": HOME},
    ),
    "side_events:withdraw": (
        "post",
        {"pk": "side_event"},
        {"ours": to("/my/side-events/"), "other": 404, "secretariat": HOME},
    ),
    "side_events:co_organizer": (
        "get",
        {"pk": "co_organizer"},
        {"ours": 200, "other": 404, "secretariat": HOME},
    ),
    "pledges:mine": ("get", {}, {"ours": 200, "other": 200, "secretariat": HOME}),
    "pledges:create": ("get", {}, {"ours": 200, "other": 200, "secretariat": HOME}),
    "pledges:manage": ("get", {"reference": "reference"}, {"ours": 200, "other": 403, "secretariat": HOME}),
    "pledges:edit": ("get", {"reference": "reference"}, {"ours": 200, "other": 403, "secretariat": HOME}),
    "pledges:step": (
        "get",
        {"reference": "reference", "step": "review"},
        {"ours": 200, "other": 403, "secretariat": HOME},
    ),
    "pledges:change_state": (
        "post",
        {"reference": "reference", "state": "submitted"},
        {"ours": to("/pledges/my/"), "other": 403, "secretariat": HOME},
    ),
    "pledges:invite": (
        "post",
        {"reference": "reference"},
        {"ours": to("/pledges/my/"), "other": 403, "secretariat": HOME},
    ),
    "pledges:report": ("get", {"reference": "reference"}, {"ours": 403, "other": 403, "secretariat": HOME}),
    "pledges:partnership": ("get", {"pk": "partner"}, {"ours": 404, "other": 200, "secretariat": HOME}),
    # The list of participants: everyone may open it (what each sees: tests/stakeholders/test_participants_list.py).
    "stakeholders:participants": (
        "get",
        {"year": "year"},
        {"anonymous": 200, "ours": 200, "other": 200, "secretariat": 200},
    ),
    # A delegate's grounds-pass documents: the secretariat's only, through the admin; not even
    # the organisation that uploaded them.
    "admin:stakeholders_delegate_nomination_letter": (
        "get",
        {"pk": "delegate"},
        {"anonymous": to("/admin/login/"), "ours": to("/admin/login/"), "other": to("/admin/login/"), "secretariat": 200},
    ),
    "admin:stakeholders_delegate_photo": (
        "get",
        {"pk": "delegate"},
        {"anonymous": to("/admin/login/"), "ours": to("/admin/login/"), "other": to("/admin/login/"), "secretariat": 200},
    ),
    "practices:mine": ("get", {}, {"ours": 200, "other": 200, "secretariat": HOME}),
    "practices:new": ("get", {}, {"ours": 200, "other": 200, "secretariat": HOME}),
    "practices:edit": ("get", {"pk": "practice"}, {"ours": 200, "other": 403, "secretariat": HOME}),
    "practices:submit": (
        "post",
        {"pk": "practice"},
        {"ours": to("/practices/my/"), "other": 403, "secretariat": HOME},
    ),
    "practices:withdraw": (
        "post",
        {"pk": "practice"},
        {"ours": to("/practices/my/"), "other": 403, "secretariat": HOME},
    ),
    # A draft practice's page and attachment: its implementing entity's and the secretariat's only.
    "portal:practice": ("get", {"pk": "practice"}, {"anonymous": 404, "ours": 200, "other": 404, "secretariat": 200}),
    "practices:attachment": (
        "get",
        {"pk": "practice"},
        {"anonymous": 404, "ours": 200, "other": 404, "secretariat": 200},
    ),
    # Reviews and consultations (reviews/): the State's own focal points, the organisation's for an input.
    "reviews:mine": (
        "get",
        {},
        {"ours": 200, "other": 200, "secretariat": HOME, "state_ours": 200, "state_other": 200},
    ),
    "reviews:review_edit": (
        "get",
        {"year": "year"},
        {"ours": 403, "other": 403, "secretariat": 403, "state_ours": 200, "state_other": 200},
    ),
    "reviews:statement_edit": (
        "get",
        {"year": "year"},
        {"ours": 403, "other": 403, "secretariat": 403, "state_ours": 200, "state_other": 200},
    ),
    "reviews:national_consultation_new": (
        "get",
        {},
        {"ours": 403, "other": 403, "secretariat": 403, "state_ours": 200, "state_other": 200},
    ),
    "reviews:input_edit": (
        "get",
        {"pk": "consultation"},
        {"ours": 200, "other": 200, "secretariat": 403, "state_ours": 403, "state_other": 403},
    ),
    # Mexico's draft review: its focal points and the secretariat submit it; nobody else sees it.
    "reviews:change_state": (
        "post",
        {"kind": "review", "pk": "voluntary_review", "state": "submitted"},
        {
            "ours": 404,
            "other": 404,
            "secretariat": to("/my/reviews/"),
            "state_ours": to("/my/reviews/"),
            "state_other": 404,
        },
    ),
    "reviews:review_document": (
        "get",
        {"pk": "voluntary_review", "language": "en"},
        {"anonymous": 404, "ours": 404, "other": 404, "secretariat": 200, "state_ours": 200, "state_other": 404},
    ),
    "reviews:input_attachment": (
        "get",
        {"pk": "consultation_input"},
        {"anonymous": 404, "ours": 200, "other": 404, "secretariat": 200, "state_ours": 404, "state_other": 404},
    ),
    # Suggested matches: public, like the pledges they list (tests/pledges/test_suggested_matches.py).
    "pledges:matches": (
        "get",
        {"reference": "seeking"},
        {"anonymous": 200, "ours": 200, "other": 200, "secretariat": 200},
    ),
    # Contact the pledger: members of accredited organisations and State focal points, not the
    # pledger's own people nor the secretariat as such (tests/pledges/test_contact_the_pledger.py).
    "pledges:contact": ("get", {"reference": "seeking"}, {"ours": 403, "other": 200, "secretariat": 403}),
    # Key messages: focal points of accredited organisations, for their own organisation only; a
    # message of another is not found; endorsing is for another organisation than the proposer.
    "declarations:mine": ("get", {"year": "year"}, {"ours": 200, "other": 200, "secretariat": 200}),
    "declarations:new": ("get", {"year": "year"}, {"ours": 200, "other": 200, "secretariat": to("/my/declaration/")}),
    "declarations:edit": (
        "get",
        {"year": "year", "pk": "key_message"},
        {"ours": 200, "other": 404, "secretariat": 404},
    ),
    "declarations:submit": (
        "post",
        {"year": "year", "pk": "key_message"},
        {"ours": to("/my/declaration/"), "other": 404, "secretariat": 404},
    ),
    "declarations:withdraw": (
        "post",
        {"year": "year", "pk": "key_message"},
        {"ours": to("/my/declaration/"), "other": 404, "secretariat": 404},
    ),
    "declarations:endorse": (
        "post",
        {"year": "year", "pk": "published_message"},
        {"ours": 403, "other": to("/my/declaration/"), "secretariat": 403},
    ),
    # The secretariat's import and marking pages of a version.
    "admin:declarations_declarationversion_import": (
        "get",
        {"pk": "declaration_version"},
        {"anonymous": to("/admin/login/"), "ours": to("/admin/login/"), "other": to("/admin/login/"), "secretariat": 200},
    ),
    "admin:declarations_declarationversion_mark": (
        "get",
        {"pk": "declaration_version"},
        {"anonymous": to("/admin/login/"), "ours": to("/admin/login/"), "other": to("/admin/login/"), "secretariat": 200},
    ),
    # Private downloads: the draft's attachment is its owners' and the secretariat's only.
    "pledges:attachment": (
        "get",
        {"reference": "reference"},
        {"anonymous": 404, "ours": 200, "other": 404, "secretariat": 200},
    ),
}


def kwargs_for(world, spec):
    values = {
        "membership": world["membership"].pk,
        "join_request": world["join_request"].pk,
        "organization_slug": world["membership"].organization.slug,
        "token": world["invitation"].token,
        "year": world["year"],
        "delegate": world["delegate"].pk,
        "accreditation": world["accreditation"].pk,
        "speaking_request": world["speaking_request"].pk,
        "nomination": world["nomination"].pk,
        "side_event": world["side_event"].pk,
        "co_organizer": world["co_organizer"].pk,
        "reference": world["pledge"].reference,
        "practice": world["practice"].pk,
        "seeking": world["seeking"].reference,
        "partner": world["partner"].pk,
        "declaration_version": world["declaration_version"].pk,
        "key_message": world["key_message"].pk,
        "published_message": world["published_message"].pk,
        "submitted": "submitted",
        "voluntary_review": world["voluntary_review"].pk,
        "consultation": world["consultation"].pk,
        "consultation_input": world["consultation_input"].pk,
    }
    return {name: values.get(value, value) for name, value in spec.items()}


def signed_in_routes():
    """The names of every route of the signed-in area."""
    names = []

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and route.startswith(("my/", "pledges/my/", "practices/my/")):
                names.append(f"{namespace}:{pattern.name}")

    walk(get_resolver().url_patterns, "", None)
    return sorted(set(names))


def test_every_signed_in_route_is_in_the_matrix():
    # Outside /my/, also in the matrix.
    private = {
        "pledges:partnership",
        "pledges:attachment",
        "portal:practice",
        "practices:attachment",
        "pledges:matches",
        "pledges:contact",
        "stakeholders:participants",
        "admin:stakeholders_delegate_nomination_letter",
        "admin:stakeholders_delegate_photo",
        "reviews:review_document",
        "reviews:input_attachment",
        "admin:declarations_declarationversion_import",
        "admin:declarations_declarationversion_mark",
    }
    assert signed_in_routes() == sorted(set(MATRIX) - private)


@pytest.mark.parametrize("who", VISITORS)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_who_may_open_what(client, world, who, name):
    method, spec, expected = MATRIX[name]
    expected = expected.get(who, SIGN_IN)
    if who != "anonymous":
        client.force_login(world["users"][who])
    response = getattr(client, method)(reverse(name, kwargs=kwargs_for(world, spec)))
    if isinstance(expected, tuple):
        assert (response.status_code, response["Location"].startswith(expected[1])) == (302, True), response[
            "Location"
        ]
    else:
        assert response.status_code == expected


@pytest.mark.parametrize("who", STATE_VISITORS)
@pytest.mark.parametrize("name", sorted(name for name, row in MATRIX.items() if "state_ours" in row[2]))
def test_what_member_state_focal_points_may_open(client, world, who, name):
    test_who_may_open_what(client, world, who, name)


def admin_pages():
    for model in admin.site._registry:
        meta = model._meta
        yield f"{meta.app_label}.{meta.model_name}", reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")


@pytest.mark.parametrize(("label", "url"), sorted(admin_pages()))
def test_the_admin_is_for_the_secretariat_and_only_what_it_may_see(client, world, label, url):
    assert client.get(url)["Location"].startswith("/admin/login/")
    for who in ("ours", "other"):
        client.force_login(world["users"][who])
        assert client.get(url)["Location"].startswith("/admin/login/")
    client.force_login(world["users"]["secretariat"])
    app_label, model_name = label.split(".")
    may_view = (app_label, f"view_{model_name}") in set(roles.declared())
    assert client.get(url).status_code == (200 if may_view else 403)


@pytest.mark.parametrize(
    "url",
    [
        "admin:verification_statuslistimport_add",
        "admin:verification_statuslistentry_changelist",
        "admin:stakeholders_organization_changelist",
    ],
)
def test_importing_and_matching_the_status_lists_is_for_the_secretariat(client, world, url):
    assert client.get(reverse(url))["Location"].startswith("/admin/login/")
    for who in ("ours", "other"):
        client.force_login(world["users"][who])
        assert client.get(reverse(url))["Location"].startswith("/admin/login/")
    client.force_login(world["users"]["secretariat"])
    assert client.get(reverse(url)).status_code == 200


# --- Coalitions (issue 18) ------------------------------------------------------------------
# Who may open each coalition page: anonymous; a focal point of the convening organisation and a
# plain member of it; a focal point of another organisation; a focal point of a Member State not
# in the coalition; the secretariat. Every route of the `coalitions` namespace is here.
COALITION_VISITORS = ("anonymous", "convenor", "member", "other", "state", "secretariat")


@pytest.fixture
def coalition_world():
    ForumFactory(year=2031)
    ours, fellow, invited = OrganizationFactory(), OrganizationFactory(), OrganizationFactory()
    coalition = convene(ours, members=[fellow], invited=[invited])
    return {
        "users": {
            "convenor": focal_point_of(ours),
            "member": member_of(ours),
            "other": focal_point_of(OrganizationFactory()),
            "state": state_focal_point("MEX"),
            "secretariat": SecretariatUserFactory(),
        },
        "slug": coalition.slug,
        "invitation": coalition.members.get(organization=invited).pk,
        "fellow": coalition.members.get(organization=fellow).pk,
    }


def _coalition_kwargs(world, spec):
    return {name: world.get(value, value) for name, value in spec.items()}


DETAIL = "/coalitions/"
COALITION_MATRIX = {
    "coalitions:list": ("get", {}, {"anonymous": 200, "convenor": 200, "member": 200, "other": 200, "state": 200, "secretariat": 200}),
    "coalitions:detail": ("get", {"slug": "slug"}, {"anonymous": 200, "convenor": 200, "member": 200, "other": 200, "state": 200, "secretariat": 200}),
    "coalitions:create": ("get", {}, {"convenor": 200, "member": 403, "other": 200, "state": 200, "secretariat": 403}),
    "coalitions:mine": ("get", {}, {"convenor": 200, "member": 200, "other": 200, "state": 200, "secretariat": 200}),
    "coalitions:edit": ("get", {"slug": "slug"}, {"convenor": 200, "member": 403, "other": 403, "state": 403, "secretariat": 403}),
    "coalitions:change_state": (
        "post",
        {"slug": "slug", "state": "closed"},
        {"convenor": to(DETAIL), "member": 403, "other": 403, "state": 403, "secretariat": to(DETAIL)},
    ),
    "coalitions:join": ("get", {"slug": "slug"}, {"convenor": 403, "member": 403, "other": 200, "state": 200, "secretariat": 403}),
    "coalitions:invite": ("get", {"slug": "slug"}, {"convenor": 200, "member": 403, "other": 403, "state": 403, "secretariat": 403}),
    # The invited organisation's row: the convenor's side sees it, nobody else learns it exists.
    "coalitions:member": ("get", {"pk": "invitation"}, {"convenor": 200, "member": 200, "other": 404, "state": 404, "secretariat": 404}),
    "coalitions:leave": ("post", {"pk": "fellow"}, {"convenor": 403, "member": 403, "other": 404, "state": 404, "secretariat": 404}),
    "coalitions:joint_pledge": (
        "post",
        {"slug": "slug"},
        {"convenor": to("/pledges/my/"), "member": 403, "other": 403, "state": 403, "secretariat": 403},
    ),
    "coalitions:workspace": ("get", {"slug": "slug"}, {"convenor": 200, "member": 200, "other": 403, "state": 403, "secretariat": 403}),
    "coalitions:draft": ("get", {"slug": "slug"}, {"convenor": 200, "member": 200, "other": 403, "state": 403, "secretariat": 403}),
}


def test_every_coalition_route_is_in_the_matrix():
    names = set()

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif namespace == "coalitions":
                names.add(f"coalitions:{pattern.name}")

    walk(get_resolver().url_patterns, None)
    assert sorted(names) == sorted(COALITION_MATRIX)


@pytest.mark.parametrize("name", sorted(COALITION_MATRIX))
def test_who_may_open_which_coalition_page(client, coalition_world, name):
    # One world per page, every visitor in turn, each request rolled back: what one visitor's
    # POST changes (closing, a joint pledge) is not what the next one finds.
    method, spec, expected_by = COALITION_MATRIX[name]
    found, expected = {}, {}
    for who in COALITION_VISITORS:
        with transaction.atomic():
            client.logout()
            if who != "anonymous":
                client.force_login(coalition_world["users"][who])
            response = getattr(client, method)(reverse(name, kwargs=_coalition_kwargs(coalition_world, spec)))
            transaction.set_rollback(True)
        want = expected_by.get(who, SIGN_IN)
        if isinstance(want, tuple):
            found[who] = (response.status_code, response.get("Location", "").startswith(want[1]))
            expected[who] = (302, True)
        else:
            found[who], expected[who] = response.status_code, want
    assert found == expected
