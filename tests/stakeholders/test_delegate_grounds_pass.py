"""What a UN grounds pass needs (the name as in the passport, nationality, date of birth, a
nomination letter from the head of the organisation, a photo), asked for when a delegate is
registered, checked by content, and kept where only the secretariat reaches it: files with no URL
in a private storage, served through the admin after its permission check. The files are real and
written to a temporary private directory (tests/conftest.py)."""

import datetime
import os

import pytest
from django.conf import settings
from PIL import Image

from stakeholders.enums import AccreditationState, ListingConsent
from stakeholders.models import Delegate
from tests.core.factories import SecretariatUserFactory, UserFactory
from tests.stakeholders.factories import (
    PDF,
    AccreditationFactory,
    DelegateFactory,
    OrganizationFactory,
    delegate_data,
    focal_point_of,
    jpeg,
    member_of,
    nomination_letter,
    open_forum,
    photo,
)

pytestmark = pytest.mark.django_db
URL = "/my/delegates/2030/"
UNDER_AGE = (
    "Delegates must be 18 or over on 6 May 2030, the day of the hearing; with this date of birth "
    "the delegate would be 17."
)
NOT_PDF = (
    "This file is not a PDF document. Save the nomination letter, signed by the head of your "
    "organisation, as PDF and upload it again."
)


@pytest.fixture
def accreditation():
    return AccreditationFactory(forum=open_forum(), state=AccreditationState.APPROVED)


@pytest.fixture
def signed_in(client, accreditation):
    client.force_login(focal_point_of(accreditation.organization))
    return client


def stored_files():
    root = settings.PRIVATE_MEDIA_ROOT
    return sorted(
        os.path.relpath(os.path.join(folder, name), root)
        for folder, _dirs, names in os.walk(root)
        for name in names
    )


def test_the_form_asks_for_the_grounds_pass_fields_each_labelled(signed_in):
    page = signed_in.get(URL).content.decode()
    for name, label in [
        ("passport_name", "Full name as in the passport"),
        ("nationality", "Nationality"),
        ("date_of_birth", "Date of birth"),
        ("nomination_letter", "Nomination letter"),
        ("photo", "Photo"),
        ("listing_consent", "Who may see this delegate on the list of participants"),
    ]:
        assert f'<label for="id_{name}">{label}:</label>' in page
    assert 'enctype="multipart/form-data"' in page
    assert (
        '<input type="date" name="date_of_birth" autocomplete="off" required '
        'aria-describedby="id_date_of_birth_helptext" id="id_date_of_birth">'
    ) in page
    assert (
        '<div class="helptext" id="id_date_of_birth_helptext">As in the passport. Delegates must be 18 or over.</div>'
        in page
    )
    assert 'accept="application/pdf"' in page


def test_a_delegate_is_registered_with_the_documents_kept_privately(signed_in, accreditation):
    response = signed_in.post(URL, delegate_data(listing_consent="everyone"))
    assert response.status_code == 302
    delegate = Delegate.objects.get()
    assert (
        delegate.passport_name,
        delegate.nationality.iso3,
        delegate.date_of_birth,
        delegate.listing_consent,
    ) == (
        "ANA MARIA PEREZ GOMEZ",
        "MEX",
        datetime.date(1990, 4, 12),
        ListingConsent.EVERYONE,
    )
    # Random names, in the private directory and not under MEDIA_ROOT's public part; no URL.
    letter, picture = delegate.nomination_letter.name, delegate.photo.name
    assert stored_files() == sorted([letter, picture])
    assert letter.startswith("nomination-letters/") and letter.endswith(".pdf")
    assert picture.startswith("delegate-photos/") and picture.endswith(".png")
    assert delegate.nomination_letter.read() == PDF
    with Image.open(delegate.photo.path) as image:
        assert (image.format, image.size) == ("PNG", (35, 45))
    with pytest.raises(ValueError):
        _ = delegate.photo.url
    with pytest.raises(ValueError):
        _ = delegate.nomination_letter.url


def test_the_organisation_does_not_see_the_grounds_pass_data_again(signed_in, accreditation):
    signed_in.post(URL, delegate_data())
    page = signed_in.get(URL).content.decode()
    assert "Ana Pérez" in page
    assert "ANA MARIA PEREZ GOMEZ" not in page and "1990" not in page
    assert "nomination-letters/" not in page and "delegate-photos/" not in page


@pytest.mark.parametrize(
    ("date_of_birth", "message"),
    [
        ("2012-05-07", UNDER_AGE),
        ("2099-01-01", "A date of birth cannot be in the future."),
        ("1890-01-01", "Check the year: this date of birth is more than 120 years ago."),
        ("1990-13-45", "Enter a valid date."),
    ],
)
def test_a_bad_date_of_birth_is_refused_clearly_and_the_form_keeps_what_was_typed(
    signed_in, date_of_birth, message
):
    response = signed_in.post(URL, delegate_data(date_of_birth=date_of_birth))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {"date_of_birth": [message]}
    assert (form["passport_name"].value(), form["date_of_birth"].value()) == (
        "ANA MARIA PEREZ GOMEZ",
        date_of_birth,
    )
    page = response.content.decode()
    assert 'aria-invalid="true" aria-describedby="id_date_of_birth_helptext id_date_of_birth_error"' in page
    assert f'<ul class="errorlist" id="id_date_of_birth_error"><li>{message}</li></ul>' in page
    assert 'value="ANA MARIA PEREZ GOMEZ"' in page
    assert "choose the nomination letter and the photo again" in page
    assert Delegate.objects.count() == 0
    assert stored_files() == []


def test_eighteen_on_the_day_of_the_hearing_is_old_enough(signed_in):
    assert signed_in.post(URL, delegate_data(date_of_birth="2012-05-06")).status_code == 302
    assert Delegate.objects.get().date_of_birth == datetime.date(2012, 5, 6)


@pytest.mark.parametrize(
    "letter",
    [
        nomination_letter(jpeg(), name="letter.pdf"),
        nomination_letter(b"<html><script>alert(1)</script></html>", name="letter.pdf"),
        nomination_letter(PDF.replace(b"%%EOF", b""), name="letter.pdf"),
    ],
    ids=["a photo called .pdf", "html called .pdf", "a pdf cut short"],
)
def test_a_nomination_letter_that_is_not_a_pdf_is_refused_and_nothing_is_stored(signed_in, letter):
    letter.seek(0)
    response = signed_in.post(URL, delegate_data(nomination_letter=letter))
    assert response.status_code == 200
    assert response.context["form"].errors == {"nomination_letter": [NOT_PDF]}
    assert response.context["form"]["name"].value() == "Ana Pérez"
    assert (
        'aria-describedby="id_nomination_letter_helptext id_nomination_letter_error"'
        in response.content.decode()
    )
    assert Delegate.objects.count() == 0
    assert stored_files() == []


def test_a_photo_that_is_not_an_image_is_refused(signed_in):
    response = signed_in.post(URL, delegate_data(photo=photo(PDF, name="photo.jpg")))
    assert response.context["form"].errors == {
        "photo": ["This file is not a photo we can read. Upload a JPEG, PNG or WebP photo."]
    }
    assert Delegate.objects.count() == 0
    assert stored_files() == []


def test_the_grounds_pass_fields_are_required(signed_in):
    data = delegate_data()
    for name in ("passport_name", "nationality", "date_of_birth", "nomination_letter", "photo"):
        del data[name]
    response = signed_in.post(URL, data)
    assert response.context["form"].errors == {
        name: ["This field is required."]
        for name in ("passport_name", "nationality", "date_of_birth", "nomination_letter", "photo")
    }
    assert Delegate.objects.count() == 0


# --- Who can fetch the documents ----------------------------------------------------------------


@pytest.fixture
def delegate():
    return DelegateFactory(grounds_pass=True, name="Amina Diallo")


def file_urls(delegate):
    return [
        f"/admin/stakeholders/delegate/{delegate.pk}/nomination-letter/",
        f"/admin/stakeholders/delegate/{delegate.pk}/photo/",
    ]


@pytest.mark.parametrize("who", ["anonymous", "focal_point", "member", "other", "staff_without_permission"])
def test_only_the_secretariat_fetches_the_documents(client, delegate, who):
    organization = delegate.accreditation.organization
    user = {
        "anonymous": lambda: None,
        "focal_point": lambda: focal_point_of(organization),
        "member": lambda: member_of(organization),
        "other": lambda: focal_point_of(OrganizationFactory()),
        "staff_without_permission": lambda: UserFactory(is_staff=True),
    }[who]()
    if user is not None:
        client.force_login(user)
    for url in file_urls(delegate):
        response = client.get(url)
        # The admin sends those who are not staff to its sign-in page; staff without the
        # permission to view delegates are refused.
        expected = 403 if who == "staff_without_permission" else 302
        assert response.status_code == expected, url
        assert not getattr(response, "streaming", False)


def test_the_secretariat_fetches_the_documents_from_the_admin(secretariat_client, delegate):
    page = secretariat_client.get(f"/admin/stakeholders/delegate/{delegate.pk}/change/").content.decode()
    letter_url, photo_url = file_urls(delegate)
    assert f'<a href="{letter_url}">Download the nomination letter (PDF)</a>' in page
    assert f'<a href="{photo_url}">Open the photo</a>' in page
    assert delegate.nomination_letter.name not in page and delegate.photo.name not in page

    letter = secretariat_client.get(letter_url)
    assert (letter.status_code, letter["Content-Type"], b"".join(letter.streaming_content)) == (
        200,
        "application/pdf",
        PDF,
    )
    assert (
        letter["Content-Disposition"]
        == f'attachment; filename="delegate-{delegate.pk}-nomination-letter.pdf"'
    )
    assert letter["Content-Security-Policy"] == "default-src 'none'; sandbox"
    picture = secretariat_client.get(photo_url)
    assert (picture.status_code, picture["Content-Type"]) == (200, "image/png")
    assert b"".join(picture.streaming_content).startswith(b"\x89PNG")


def test_with_the_second_factor_required_the_secretariat_needs_it_for_the_documents(
    settings, client, delegate
):
    settings.ADMIN_REQUIRE_2FA = True
    client.force_login(SecretariatUserFactory())
    for url in file_urls(delegate):
        assert client.get(url).status_code == 302


def test_a_delegate_without_documents_has_none_to_fetch(secretariat_client):
    delegate = DelegateFactory()
    for url in file_urls(delegate):
        assert secretariat_client.get(url).status_code == 404
