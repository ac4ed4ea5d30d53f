"""The six languages in the URL: English at the old addresses, the others prefixed; a first visit
goes to the browser's language; the choice is kept; data is served where it is asked for."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.forums.factories import ForumFactory
from tests.pledges.factories import published

pytestmark = pytest.mark.django_db
BROWSER = {"HTTP_ACCEPT": "text/html,application/xhtml+xml"}


@pytest.mark.parametrize(
    ("code", "direction"), [("en", "ltr"), ("fr", "ltr"), ("es", "ltr"), ("ru", "ltr"), ("zh-hans", "ltr"), ("ar", "rtl")]
)
def test_each_language_has_its_prefix_its_lang_and_its_direction(client, code, direction):
    ForumFactory()
    path = "/pledges/" if code == "en" else f"/{code}/pledges/"
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Language"] == code
    assert f'<html lang="{code}" dir="{direction}">' in response.content.decode()


def test_every_page_names_its_alternates_in_every_language(client, settings):
    settings.SITE_URL = "https://imrf.example.org"
    html = client.get("/fr/pledges/?objective=3").content.decode()
    for code, prefix in [("en", ""), ("fr", "/fr"), ("es", "/es"), ("ar", "/ar"), ("ru", "/ru"), ("zh-hans", "/zh-hans")]:
        assert f'<link rel="alternate" hreflang="{code}" href="https://imrf.example.org{prefix}/pledges/?objective=3">' in html
    assert '<link rel="alternate" hreflang="x-default" href="https://imrf.example.org/pledges/?objective=3">' in html


def test_the_languages_are_named_in_themselves(client):
    html = client.get("/").content.decode()
    for name in ["English", "Français", "Español", "العربيّة", "Русский", "简体中文"]:
        assert name in html


def test_a_first_visit_goes_to_the_language_the_browser_prefers(client):
    response = client.get("/pledges/?objective=3", HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9,en;q=0.5", **BROWSER)
    assert (response.status_code, response["Location"]) == (302, "/es/pledges/?objective=3")
    english = client.get("/pledges/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9", **BROWSER)
    assert english.status_code == 200


def test_a_visitor_who_chose_english_stays_in_english(client):
    client.get("/language/en/", {"next": "/pledges/"})
    response = client.get("/pledges/", HTTP_ACCEPT_LANGUAGE="fr", **BROWSER)
    assert (response.status_code, response["Content-Language"]) == (200, "en")


@pytest.mark.parametrize("path", ["/forums/2026/programme.ics", "/pledges/export.csv", "/pledges/export.json", "/pledges/feed/"])
def test_calendars_feeds_and_exports_answer_at_their_old_address_whatever_the_language(client, path):
    ForumFactory()
    published()
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="fr", HTTP_ACCEPT="text/html,*/*")
    assert response.status_code == 200


def test_a_signed_in_person_s_choice_is_kept_on_their_account(client):
    from core.accounts import language_of
    from tests.stakeholders.factories import verified_user

    user = verified_user()
    client.force_login(user)
    client.get("/language/ru/", {"next": "/my/"})
    assert language_of(user) == "ru"
    response = client.post("/ru/my/account/language/", {"language": "zh-hans"})
    assert (response.status_code, response["Location"]) == (302, "/zh-hans/my/account/language/")
    assert language_of(user) == "zh-hans"


def test_reversed_urls_carry_the_active_language():
    with translation.override("ar"):
        assert reverse("pledges:registry") == "/ar/pledges/"
    assert reverse("pledges:registry") == "/pledges/"
