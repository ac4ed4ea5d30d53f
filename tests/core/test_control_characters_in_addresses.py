"""A NUL byte or another control character in an address is refused with a 400 that says why,
before any view queries the database (PostgreSQL cannot compare a string holding a NUL: it was a
500), for visitors and signed-in users, in every language's addresses, as JSON for JSON data."""

import html
import json

import pytest

from stakeholders.enums import AccreditationState
from tests.pledges.factories import published
from tests.stakeholders.factories import AccreditationFactory, OrganizationFactory, focal_point_of, open_forum

pytestmark = pytest.mark.django_db

# The addresses the audit found answering 500 on PostgreSQL.
AUDITED = [
    "/pledges/%00/",
    "/pledges/IMRF2030-0001%00/",
    "/pledges/%00/attachment/",
    "/pledges/my/%00/",
    "/pledges/my/%00/edit/",
    "/my/invitations/%00/",
    "/my/join/?q=%00",
]
OTHER_CONTROLS = [
    "/pledges/%01/",
    "/pledges/IMRF2030-0001%1F/",
    "/pledges/IMRF2030-0001%7F/",
    "/pledges/IMRF2030-0001%C2%85/",
    "/forums/2026/sessions/round%0Atable/",
    "/pledges/?q=a%00b",
    "/pledges/?q%00=x",
    "/pledges/?q=%1B%5B31m",
    "/organizations/?country=%00",
]
PATH_MESSAGE = {
    "en": "The address of this page contains a control character (such as a NUL byte), which no address "
    "on this portal has. Check the link and try again.",
    "fr": "L'adresse de cette page contient un caractère de contrôle (comme un octet NUL), ce qu'aucune "
    "adresse de ce portail ne contient. Vérifiez le lien et réessayez.",
}
QUERY_MESSAGE = (
    "A parameter of this address contains a control character (such as a NUL byte), which this portal "
    "does not accept. Remove it and try again."
)


@pytest.fixture
def focal_point(db):
    organization = OrganizationFactory()
    AccreditationFactory(organization=organization, forum=open_forum(), state=AccreditationState.APPROVED)
    published(organization=organization)
    return focal_point_of(organization)



@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "focal point"])
@pytest.mark.parametrize("url", AUDITED + OTHER_CONTROLS)
def test_a_control_character_in_the_address_is_a_400_that_says_why(client, focal_point, url, signed_in):
    if signed_in:
        client.force_login(focal_point)
    response = client.get(url)
    assert response.status_code == 400
    assert response["Content-Type"] == "text/html; charset=utf-8"
    message = QUERY_MESSAGE if "?" in url else PATH_MESSAGE["en"]
    assert message in html.unescape(response.content.decode())


@pytest.mark.parametrize("url", AUDITED)
def test_in_another_language_the_400_is_in_that_language(client, focal_point, url):
    response = client.get(f"/fr{url}")
    assert response.status_code == 400
    assert response["Content-Language"] == "fr"
    body = html.unescape(response.content.decode())
    assert '<html lang="fr" dir="ltr">' in body
    if "?" not in url:
        assert PATH_MESSAGE["fr"] in body


def test_arabic_addresses_get_a_right_to_left_page(client, focal_point):
    response = client.get("/ar/pledges/%00/")
    assert response.status_code == 400
    assert '<html lang="ar" dir="rtl">' in response.content.decode()


@pytest.mark.parametrize("url", ["/pledges/export.json?q=%00", "/my/account/data.json?x=%00", "/healthz?x=%00"])
def test_json_data_gets_a_json_error(client, focal_point, url):
    client.force_login(focal_point)
    response = client.get(url)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)["error"] == "control_character"


def test_posts_are_refused_too(client, focal_point):
    client.force_login(focal_point)
    response = client.post("/pledges/my/%00/edit/", {"title": "x"})
    assert response.status_code == 400


@pytest.mark.parametrize("url", ["/pledges/?q=two%0Alines", "/pledges/?q=a%09b", "/pledges/?q=%E2%98%83"])
def test_line_breaks_tabs_and_other_characters_in_a_search_are_fine(client, url):
    assert client.get(url).status_code == 200


def test_an_ordinary_pledge_address_still_answers(client, focal_point):
    pledge = published()
    assert client.get(f"/pledges/{pledge.reference}/").status_code == 200
