"""What a newcomer meets on `make run`: allauth's mails name the portal and SITE_URL's host, the
seed says what it made and nothing else, and the site has an icon."""

import io
import re

import pytest
from django.core import mail
from django.core.management import call_command


@pytest.mark.django_db
def test_allauth_mails_name_the_portal_and_its_public_address(client, settings):
    settings.SITE_URL = "https://imrf.example.org"
    response = client.post(
        "/accounts/signup/",
        {"email": "new@example.org", "password1": "a long pass phrase 42", "password2": "a long pass phrase 42",
         "language": "en"},
        HTTP_HOST="127.0.0.1:8101",
    )  # fmt: skip
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.subject.startswith("[IMRF Portal] ")
    assert "Hello from IMRF Stakeholder Portal!" in message.body
    assert "imrf.example.org" in message.body
    assert "127.0.0.1:8101" not in message.body.split("http://127.0.0.1:8101/")[0]


@pytest.mark.django_db
def test_allauth_mails_in_french_name_the_portal_in_french(client, settings):
    settings.SITE_URL = "https://imrf.example.org"
    client.post(
        "/fr/accounts/signup/",
        {"email": "nouvelle@example.org", "password1": "a long pass phrase 42", "password2": "a long pass phrase 42",
         "language": "fr"},
    )  # fmt: skip
    (message,) = mail.outbox
    assert message.subject.startswith("[Portail du FEMI] ")
    assert "Portail des parties prenantes du FEMI" in message.body


@pytest.mark.django_db
def test_the_seed_prints_what_it_made_and_no_task_lines(capfd):
    out = io.StringIO()
    call_command("seed_demo", "--no-admin", stdout=out)
    printed = out.getvalue() + "".join(capfd.readouterr())
    assert re.findall(r"^Task |No hostname was supplied", printed, flags=re.M) == []
    assert "demo pledges created" in printed


def test_the_favicon_is_linked_and_served(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith(".svg")
