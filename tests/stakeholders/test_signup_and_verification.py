"""Sign-up, e-mail verification, sign-in by e-mail and password reset, through allauth's real views."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from tests.stakeholders.factories import verified_user

pytestmark = pytest.mark.django_db

PASSWORD = "a long and unusual passphrase 7"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    # allauth's rate limits count in the cache; every test starts from zero.
    cache.clear()
    yield
    cache.clear()


def sign_up(client, email, password=PASSWORD, password2=None):
    return client.post(
        reverse("account_signup"),
        {"email": email, "password1": password, "password2": password2 or password},
    )


def link_in(message):
    return re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^/\s]+/)", message.body).group(1)


def test_sign_up_sends_a_verification_mail_whose_link_confirms_and_signs_in(client):
    response = sign_up(client, "amina@example.org")

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert [m.to for m in mail.outbox] == [["amina@example.org"]]
    assert mail.outbox[0].subject == "[IMRF Portal] Please Confirm Your Email Address"
    address = EmailAddress.objects.get(email="amina@example.org")
    assert address.verified is False

    link = link_in(mail.outbox[0])
    page = client.get(link)
    assert page.status_code == 200
    assert "Confirm Email Address" in page.content.decode()
    confirmed = client.post(link)

    assert confirmed.status_code == 302
    assert confirmed.url == reverse("portal:dashboard")
    address.refresh_from_db()
    assert address.verified is True
    assert client.session["_auth_user_id"] == str(address.user_id)


def test_sign_in_by_email_after_verification(client):
    user = verified_user("leila@example.org")

    response = client.post(
        reverse("account_login"), {"login": "LEILA@example.org", "password": "correct horse battery staple"}
    )

    assert response.status_code == 302
    assert response.url == reverse("portal:dashboard")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_sign_in_before_verification_is_refused(client):
    sign_up(client, "unverified@example.org")
    client.logout()

    response = client.post(
        reverse("account_login"), {"login": "unverified@example.org", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("portal:dashboard")).status_code == 302


def test_duplicate_sign_up_looks_like_a_new_one_and_reveals_nothing(client):
    verified_user("taken@example.org")
    fresh = sign_up(client, "new-person@example.org")
    client.logout()
    mail.outbox.clear()

    duplicate = sign_up(client, "taken@example.org")

    assert duplicate.status_code == fresh.status_code == 302
    assert duplicate.url == fresh.url == reverse("account_email_verification_sent")
    # The owner of the address hears about it; the page says nothing.
    assert [m.to for m in mail.outbox] == [["taken@example.org"]]
    assert mail.outbox[0].subject == "[IMRF Portal] Account Already Exists"
    assert get_user_model().objects.filter(email__iexact="taken@example.org").count() == 1


def test_a_sign_up_with_an_error_keeps_what_was_typed_and_links_the_error(client):
    response = sign_up(client, "kept@example.org", password=PASSWORD, password2="something else entirely")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="kept@example.org"' in html
    assert "You must type the same password each time." in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_password2_error"' in html
    assert mail.outbox == []


def test_a_garbage_verification_key_gives_a_clear_page(client):
    url = reverse("account_confirm_email", kwargs={"key": "not-a-real-key"})

    page = client.get(url)
    posted = client.post(url)

    assert page.status_code == 200
    assert "This email confirmation link expired or is invalid." in page.content.decode()
    # Posting a key that does not exist (only a tampered form does) is a plain "not found".
    assert posted.status_code == 404


def test_password_reset_answers_alike_for_known_and_unknown_addresses(client):
    verified_user("known@example.org")

    known = client.post(reverse("account_reset_password"), {"email": "known@example.org"})
    unknown = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})

    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url == reverse("account_reset_password_done")
    assert [m.to for m in mail.outbox] == [["known@example.org"], ["nobody@example.org"]]
    assert mail.outbox[0].subject == "[IMRF Portal] Password Reset Email"
    assert mail.outbox[1].subject == "[IMRF Portal] Unknown Account"


def test_password_reset_link_sets_a_new_password(client):
    user = verified_user("reset@example.org")
    client.post(reverse("account_reset_password"), {"email": "reset@example.org"})
    path = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+/)", mail.outbox[0].body).group(1)

    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    done = client.post(form_page.redirect_chain[-1][0], {"password1": PASSWORD, "password2": PASSWORD})

    assert done.status_code == 302
    assert done.url == reverse("account_reset_password_from_key_done")
    user.refresh_from_db()
    assert user.check_password(PASSWORD) is True


def test_failed_sign_ins_are_rate_limited(client):
    verified_user("target@example.org")
    for _attempt in range(5):
        wrong = client.post(reverse("account_login"), {"login": "target@example.org", "password": "wrong"})
        assert "The email address and/or password you specified are not correct." in wrong.content.decode()

    blocked = client.post(reverse("account_login"), {"login": "target@example.org", "password": "wrong"})

    assert blocked.status_code == 200
    assert (
        "Too many failed sign-in attempts. Wait 5 minutes and try again, or reset your password."
        in blocked.content.decode()
    )
    assert "_auth_user_id" not in client.session
