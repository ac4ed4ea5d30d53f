"""The admin behind allauth's second factor (settings.ADMIN_REQUIRE_2FA), driven through the real views."""

import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value
from django.core.cache import cache
from django.urls import reverse

from tests.core.factories import SecretariatUserFactory
from tests.stakeholders.factories import verified_user

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
ACCOUNT_LOGIN_TO_ADMIN = reverse("account_login") + "?next=%2Fadmin%2F"
REAUTHENTICATE_FOR_ACTIVATION = (
    reverse("account_reauthenticate") + "?next=%2Faccounts%2F2fa%2Ftotp%2Factivate%2F"
)


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def two_factor_on(settings):
    settings.ADMIN_REQUIRE_2FA = True


@pytest.fixture
def staff(db):
    user = SecretariatUserFactory(email="staff@un.example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def current_code(secret):
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


def sign_in(client, email, next_url=None):
    data = {"login": email, "password": PASSWORD}
    url = reverse("account_login") + (f"?next={next_url}" if next_url else "")
    return client.post(url, data)


def activate_totp(client):
    """allauth's activation page, as a person with an authenticator app goes through it."""
    activate_url = reverse("mfa_activate_totp")
    # allauth asks for the password again before a second factor is added.
    reauthenticate = client.get(activate_url)
    assert reauthenticate.status_code == 302
    assert reauthenticate.url == REAUTHENTICATE_FOR_ACTIVATION
    confirmed = client.post(reauthenticate.url, {"password": PASSWORD})
    assert confirmed.status_code == 302
    assert confirmed.url == activate_url
    page = client.get(activate_url)
    assert page.status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})
    assert response.status_code == 302
    return secret


def test_staff_signed_in_with_only_a_password_is_not_let_in(client, two_factor_on, staff):
    assert sign_in(client, staff.email).status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response.url == "/admin/login/?next=/admin/"
    assert client.get("/admin/forums/forum/").status_code == 302


def test_staff_without_an_authenticator_is_sent_to_activation(client, two_factor_on, staff):
    sign_in(client, staff.email)

    response = client.get("/admin/", follow=True)

    assert response.redirect_chain == [
        ("/admin/login/?next=/admin/", 302),
        (reverse("mfa_activate_totp"), 302),
        (REAUTHENTICATE_FOR_ACTIVATION, 302),
    ]
    assert response.status_code == 200
    messages = [str(m) for m in response.context["messages"]]
    assert messages[-1:] == [
        "The administration needs a second factor. Set up an authenticator app, then sign out and "
        "sign in again with a code from it."
    ]


def test_the_admin_password_form_is_replaced_by_allauth_sign_in(client, two_factor_on, staff):
    page = client.get("/admin/login/?next=/admin/")
    posted = client.post(
        "/admin/login/", {"username": staff.username, "password": PASSWORD, "next": "/admin/"}
    )

    assert page.status_code == 302
    assert page.url == ACCOUNT_LOGIN_TO_ADMIN
    assert posted.status_code == 302
    assert posted.url == ACCOUNT_LOGIN_TO_ADMIN
    assert "_auth_user_id" not in client.session


def test_staff_who_passed_totp_through_allauth_gets_in(client, two_factor_on, staff):
    sign_in(client, staff.email)
    secret = activate_totp(client)
    assert Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).count() == 1

    # The session was opened before the app existed: sign in again, this time with a code.
    again = client.get("/admin/", follow=True)
    assert again.redirect_chain == [("/admin/login/?next=/admin/", 302), (ACCOUNT_LOGIN_TO_ADMIN, 302)]
    assert "_auth_user_id" not in client.session

    password_step = sign_in(client, staff.email, next_url="/admin/")
    assert password_step.status_code == 302
    assert password_step.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session

    # A wrong code does not let anyone in.
    wrong = client.post(
        reverse("mfa_authenticate"), {"code": "000000" if current_code(secret) != "000000" else "111111"}
    )
    assert wrong.status_code == 200
    assert "_auth_user_id" not in client.session

    code_step = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert code_step.status_code == 302
    assert code_step.url == "/admin/"

    admin_index = client.get("/admin/")
    assert admin_index.status_code == 200
    assert client.get("/admin/forums/forum/").status_code == 200
    assert client.get("/admin/login/?next=/admin/forums/forum/").url == "/admin/forums/forum/"


def test_a_member_without_staff_status_gets_no_admin_even_with_totp(client, two_factor_on):
    user = verified_user("member@example.org")
    sign_in(client, user.email)

    assert client.get("/admin/").url == "/admin/login/?next=/admin/"
    assert client.get("/admin/login/?next=/admin/").status_code == 403


def test_anonymous_is_sent_to_allauth_sign_in(client, two_factor_on):
    response = client.get("/admin/", follow=True)

    assert response.redirect_chain == [("/admin/login/?next=/admin/", 302), (ACCOUNT_LOGIN_TO_ADMIN, 302)]
    assert response.status_code == 200


def test_an_unsafe_next_is_replaced_by_the_admin_index(client, two_factor_on):
    response = client.get("/admin/login/?next=https://evil.example/admin/")

    assert response.url == ACCOUNT_LOGIN_TO_ADMIN


def test_with_the_setting_off_the_admin_works_as_before(client, settings, staff):
    settings.ADMIN_REQUIRE_2FA = False

    login_page = client.get("/admin/login/?next=/admin/")
    assert login_page.status_code == 200
    assert 'name="username"' in login_page.content.decode()

    signed_in = client.post(
        "/admin/login/?next=/admin/", {"username": staff.username, "password": PASSWORD, "next": "/admin/"}
    )
    assert signed_in.status_code == 302
    assert signed_in.url == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/forums/forum/").status_code == 200


def test_with_the_setting_off_a_password_session_from_allauth_reaches_the_admin(client, settings, staff):
    settings.ADMIN_REQUIRE_2FA = False
    sign_in(client, staff.email)

    assert client.get("/admin/").status_code == 200
