"""The account pages (django-allauth inside the portal's layout) in headless Chromium: axe-core
finds no serious or critical violation, also with errors on the form."""

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache

from tests.browser.accessibility import serious_violations
from tests.core.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"

ANONYMOUS_PAGES = [
    ("account-login", "/accounts/login/"),
    ("account-signup", "/accounts/signup/"),
    ("account-password-reset", "/accounts/password/reset/"),
]
SIGNED_IN_PAGES = [
    ("account-email", "/accounts/email/"),
    ("account-password-change", "/accounts/password/change/"),
    ("account-two-factor", "/accounts/2fa/"),
    ("account-delete", "/my/account/delete/"),
    ("account-logout", "/accounts/logout/"),
]


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def check(page, screenshot, live_server, name, path, failures):
    response = page.goto(live_server.url + path)
    assert response.status == 200, path
    screenshot(name)
    violations = serious_violations(page)
    if violations:
        failures[path] = violations


def sign_in(page, live_server, email):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(live_server.url + "/my/")


def test_account_pages_have_no_serious_accessibility_violations(live_server, page, screenshot):
    user = UserFactory(email="amina@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    failures = {}
    for name, path in ANONYMOUS_PAGES:
        check(page, screenshot, live_server, name, path, failures)

    sign_in(page, live_server, "amina@example.org")
    for name, path in SIGNED_IN_PAGES:
        check(page, screenshot, live_server, name, path, failures)

    assert failures == {}


def test_sign_up_errors_are_announced_and_keep_what_was_typed(live_server, page, screenshot):
    page.goto(live_server.url + "/accounts/signup/")
    page.get_by_label("Email").fill("kept@example.org")
    page.get_by_label("Password:", exact=True).fill("a long and unusual passphrase 7")
    page.get_by_label("Password (again):", exact=True).fill("something else")
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_load_state()

    screenshot("account-signup-errors")
    assert page.get_by_label("Email").input_value() == "kept@example.org"
    again = page.get_by_label("Password (again):", exact=True)
    assert again.get_attribute("aria-invalid") == "true"
    described_by = again.get_attribute("aria-describedby").split()
    assert page.locator(f"#{described_by[0]}").inner_text() == "You must type the same password each time."
    assert serious_violations(page) == []


def test_wrong_password_on_sign_in_is_shown_and_the_address_kept(live_server, page, screenshot):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill("someone@example.org")
    page.get_by_label("Password").fill("wrong password")
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()

    screenshot("account-login-error")
    assert page.locator(".errorlist.nonfield").inner_text() == (
        "The email address and/or password you specified are not correct."
    )
    assert page.get_by_label("Email").input_value() == "someone@example.org"
    assert serious_violations(page) == []


def test_two_factor_activation_pages(live_server, page, screenshot):
    user = UserFactory(email="staff@un.example.org", is_staff=True)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    sign_in(page, live_server, "staff@un.example.org")

    page.goto(live_server.url + "/accounts/2fa/totp/activate/")
    assert page.locator("h1").inner_text() == "Confirm Access"
    screenshot("account-reauthenticate")
    assert serious_violations(page) == []
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url(live_server.url + "/accounts/2fa/totp/activate/")

    assert page.locator("h1").inner_text() == "Activate Authenticator App"
    assert page.get_by_label("Authenticator code").count() == 1
    screenshot("account-totp-activate")
    assert serious_violations(page) == []


def test_verification_sent_page(live_server, page, screenshot):
    page.goto(live_server.url + "/accounts/signup/")
    page.get_by_label("Email").fill("new@example.org")
    page.get_by_label("Password:", exact=True).fill("a long and unusual passphrase 7")
    page.get_by_label("Password (again):", exact=True).fill("a long and unusual passphrase 7")
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url(live_server.url + "/accounts/confirm-email/")

    assert page.locator("h1").inner_text() == "Verify Your Email Address"
    screenshot("account-verification-sent")
    assert serious_violations(page) == []
