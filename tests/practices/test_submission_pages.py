"""A focal point of an organisation or of a Member State submits a practice from /practices/my/:
bad input gives a clear message tied to its field, and the form keeps what was typed."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core.models import ActivityLog
from practices.enums import PracticeState
from practices.models import Practice
from practices.services import set_practice_state
from tests.practices.factories import PDF, PracticeCallFactory, PracticeFactory, form_data
from tests.stakeholders.factories import OrganizationFactory, focal_point_of, member_of, state_focal_point

pytestmark = pytest.mark.django_db


@pytest.fixture
def organization():
    return OrganizationFactory(name="Our Organisation")


@pytest.fixture
def focal_client(client, organization):
    client.force_login(focal_point_of(organization))
    return client


def error_of(html, field):
    """The error list of a field, and whether the field points at it with aria-describedby."""
    errors = re.search(rf'<ul class="errorlist" id="id_{field}_error">(.*?)</ul>', html, re.S)
    described = re.search(rf'id="id_{field}"[^>]*aria-describedby="[^"]*id_{field}_error', html) or re.search(
        rf'aria-describedby="[^"]*id_{field}_error[^"]*"[^>]*id="id_{field}"', html
    )
    return (re.sub(r"<[^>]+>", "", errors.group(1)).strip() if errors else None, described is not None)


def test_a_focal_point_submits_a_practice(focal_client, organization):
    response = focal_client.post("/practices/my/new/", form_data())
    assert (response.status_code, response["Location"]) == (302, "/practices/my/")
    practice = Practice.objects.get()
    assert (practice.organization, practice.state, practice.objective_codes, practice.region_codes) == (
        organization,
        PracticeState.DRAFT,
        "|1|",
        "|Americas|",
    )
    assert sorted((s.direction, s.kind) for s in practice.support.all()) == [("offer", "data"), ("seek", "funding")]
    assert ActivityLog.objects.for_object(practice).filter(action="practice.created").count() == 1
    response = focal_client.post(f"/practices/my/{practice.pk}/submit/")
    practice.refresh_from_db()
    assert (response.status_code, practice.state) == (302, PracticeState.SUBMITTED)
    # Under review, the text is the secretariat's to judge: no more edits.
    assert focal_client.get(f"/practices/my/{practice.pk}/edit/")["Location"] == "/practices/my/"
    focal_client.post(f"/practices/my/{practice.pk}/withdraw/")
    practice.refresh_from_db()
    assert practice.state == PracticeState.WITHDRAWN


def test_a_start_before_2019_is_refused_and_the_form_keeps_what_was_typed(focal_client):
    response = focal_client.post("/practices/my/new/", form_data(start_date="2018-06-01", end_date=""))
    html = response.content.decode()
    assert response.status_code == 400
    assert error_of(html, "start_date") == (
        "A good practice was implemented after December 2018, when the Global Compact was adopted; this one "
        "starts on 2018-06-01. Give a start date in January 2019 or later.",
        True,
    )
    assert 'value="Census questions on migration"' in html
    assert 'href="#id_start_date"' in html  # the summary links to the field
    assert Practice.objects.count() == 0


def test_an_end_before_the_start_is_refused(focal_client):
    response = focal_client.post("/practices/my/new/", form_data(start_date="2021-01-01", end_date="2020-01-01"))
    assert error_of(response.content.decode(), "end_date") == ("The end date cannot be before the start date.", True)


def test_a_file_that_lies_about_its_type_is_refused(focal_client):
    lying = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf at all", content_type="application/pdf")
    response = focal_client.post("/practices/my/new/", form_data(attachment=lying))
    assert response.status_code == 400
    assert error_of(response.content.decode(), "attachment") == (
        "This file is not a PDF or an office document (Word, Excel, PowerPoint, OpenDocument) that we can read.",
        True,
    )
    assert Practice.objects.count() == 0


def test_a_real_pdf_is_kept(focal_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("report.pdf", PDF, content_type="application/pdf")
    assert focal_client.post("/practices/my/new/", form_data(attachment=upload)).status_code == 302
    practice = Practice.objects.get()
    assert practice.attachment.name.endswith(".pdf")
    # A draft's attachment is its owner's alone.
    assert focal_client.get(f"/practices/{practice.pk}/attachment/").status_code == 200


def test_a_practice_answers_an_open_call_but_not_a_closed_one(focal_client):
    today = timezone.localdate()
    open_call = PracticeCallFactory(title="Migration data")
    closed = PracticeCallFactory(
        title="Remittances", opens=today - datetime.timedelta(days=60), deadline=today - datetime.timedelta(days=1)
    )
    page = focal_client.get("/practices/my/new/").content.decode()
    offered = re.search(r'<select name="call".*?</select>', page, re.S).group(0)
    assert re.findall(r'value="(\d+)"', offered) == [str(open_call.pk)]
    response = focal_client.post("/practices/my/new/", form_data(call=closed.pk))
    assert response.status_code == 400
    assert (
        f"The call “Remittances” closed on {closed.deadline.isoformat()}; a practice can no longer answer it. "
        "Choose an open call, or none."
    ) in response.content.decode()
    assert focal_client.post("/practices/my/new/", form_data(call=open_call.pk)).status_code == 302
    assert Practice.objects.get().call == open_call


def test_a_state_focal_point_submits_for_its_state(client):
    user = state_focal_point("MEX")
    client.force_login(user)
    assert client.post("/practices/my/new/", form_data()).status_code == 302
    practice = Practice.objects.get()
    assert (practice.member_state.iso3, practice.organization, practice.implementer_type) == ("MEX", None, "member_state")


def test_the_submitter_completes_a_practice_when_asked(focal_client, organization, secretariat_user):
    practice = PracticeFactory(organization=organization, state=PracticeState.SUBMITTED)
    set_practice_state(practice, PracticeState.MORE_INFORMATION, by=secretariat_user, reason="Add the evaluation.")
    listing = focal_client.get("/practices/my/").content.decode()
    assert "Add the evaluation." in listing
    response = focal_client.post(f"/practices/my/{practice.pk}/edit/", form_data(title="With the evaluation"))
    assert response.status_code == 302
    focal_client.post(f"/practices/my/{practice.pk}/submit/")
    practice.refresh_from_db()
    assert (practice.title, practice.state) == ("With the evaluation", PracticeState.SUBMITTED)


def test_a_plain_member_does_not_submit(client, organization):
    client.force_login(member_of(organization))
    assert client.get("/practices/my/new/")["Location"] == "/my/"


def test_a_state_focal_point_of_another_state_sees_nothing_of_a_draft(client):
    mexico = state_focal_point("MEX")
    practice = PracticeFactory(organization=None, member_state=mexico.state_focal_point.member_state)
    client.force_login(state_focal_point("KEN"))
    assert (
        client.get(f"/practices/my/{practice.pk}/edit/").status_code,
        client.post(f"/practices/my/{practice.pk}/submit/").status_code,
        client.get(f"/practices/{practice.pk}/").status_code,
        client.get("/practices/my/").status_code,
    ) == (403, 403, 404, 200)
    client.force_login(mexico)
    assert client.get(f"/practices/my/{practice.pk}/edit/").status_code == 200
