"""The portal in each of the six languages, in Chromium: every public page and the pages of a
signed-in stakeholder carry the language's lang and dir, show none of our English strings
(content staff have not translated is marked lang="en" and left aside), and pass axe-core."""

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

from forums.demo import seed
from pledges.demo import seed as seed_pledges
from stakeholders.demo import seed as seed_organizations
from tests.browser.accessibility import serious_violations
from tests.stakeholders.factories import OrganizationFactory, focal_point_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = [("fr", "ltr"), ("es", "ltr"), ("ar", "rtl"), ("zh-hans", "ltr"), ("ru", "ltr"), ("en", "ltr")]
PUBLIC = [
    "/",
    "/forums/",
    "/forums/2026/",
    "/forums/2026/programme/",
    "/forums/2026/sessions/round-table-1/",
    "/forums/2026/side-events/",
    "/forums/2026/summaries/",
    "/objectives/",
    "/objectives/5/",
    "/organizations/?forum=2026",
    "/pledges/",
    "/pledges/statistics/",
    "/pledges/data-dictionary/",
    "/accounts/login/",
    "/accounts/signup/",
]
SIGNED_IN = ["/my/", "/my/organization/", "/my/organization/members/", "/pledges/my/new/", "/my/account/language/"]
# Strings of ours that no page in another language may show.
ENGLISH = [
    "Skip to main content",
    "Forums and programme",
    "GCM objectives",
    "Sign in",
    "Pledge registry",
    "Show pledges",
    "Narrow the results",
    "See the programme",
    "All times are",
    "Round tables",
    "Multi-stakeholder hearing",
    "Download",
    "Your organisation",
    "Save",
    "Password",
]
VISIBLE_TEXT = """() => {
    const body = document.body.cloneNode(true);
    const page = document.documentElement.lang;
    body.querySelectorAll('[lang]').forEach(el => { if (el.lang !== page) el.remove(); });
    body.querySelectorAll('script, style').forEach(el => el.remove());
    return body.innerText;
}"""


def in_language(path, code):
    return path if code == "en" else f"/{code}{path}"


@pytest.fixture
def signed_in(browser, live_server):
    organization = OrganizationFactory(name="Réseau des migrants")
    user = focal_point_of(organization)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies([{"name": "sessionid", "value": session.session_key, "url": live_server.url}])
    page = context.new_page()
    yield page
    context.close()


def check(page, url, code, direction, failures):
    response = page.goto(url)
    assert response.status == 200, url
    root = page.locator("html")
    problems = []
    if (root.get_attribute("lang"), root.get_attribute("dir")) != (code, direction):
        problems.append(f"lang/dir {root.get_attribute('lang')}/{root.get_attribute('dir')}")
    if code != "en":
        text = page.evaluate(VISIBLE_TEXT)
        problems += [f"English: {s!r}" for s in ENGLISH if s in text]
    problems += serious_violations(page)
    if problems:
        failures[url] = problems


@pytest.mark.parametrize(("code", "direction"), LANGUAGES)
def test_every_page_is_in_the_language_of_its_url(live_server, page, signed_in, code, direction, screenshot):
    seed()
    seed_organizations()
    seed_pledges()
    failures = {}
    for path in PUBLIC:
        check(page, live_server.url + in_language(path, code), code, direction, failures)
    screenshot(f"language-{code}-registry")
    for path in SIGNED_IN:
        check(signed_in, live_server.url + in_language(path, code), code, direction, failures)
    assert failures == {}


def test_arabic_mirrors_the_layout(live_server, page, screenshot):
    seed()
    page.goto(live_server.url + "/ar/forums/2026/programme/")
    screenshot("language-ar-programme")
    brand = page.locator(".brand").bounding_box()
    crumb = page.locator(".breadcrumbs li").first.bounding_box()
    # Right to left: the brand and the first breadcrumb stand on the right of the page.
    assert brand["x"] + brand["width"] / 2 > 640 and crumb["x"] > 640
    # A time range reads from its start, left to right, inside the Arabic text.
    first = page.locator(".session-time bdi").first
    assert first.evaluate("el => getComputedStyle(el).direction") == "ltr"
