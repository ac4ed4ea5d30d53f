"""Every response carries the security headers; error pages reveal nothing."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_security_headers_on_a_public_page(client):
    response = client.get("/objectives/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    policy = dict(
        directive.strip().split(" ", 1) for directive in response["Content-Security-Policy"].split(";")
    )
    assert policy["script-src"] == "'self'"
    assert "unsafe-inline" not in policy["script-src"]
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"


def test_not_found_page_is_ours_and_says_nothing_of_the_internals(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page
    assert "Traceback" not in page and "urlpatterns" not in page


def test_forbidden_page_is_ours(client):
    from tests.stakeholders.factories import OrganizationFactory, member_of

    client.force_login(member_of(OrganizationFactory()))
    response = client.post("/my/organization/invitations/", {"email": "x@example.org"})
    assert response.status_code == 403
    assert "You cannot do this" in response.content.decode()


def test_an_expired_form_explains_itself():
    response = Client(enforce_csrf_checks=True).post(
        "/accounts/login/", {"login": "a@example.org", "password": "x"}
    )
    assert response.status_code == 403
    assert "This form has expired" in response.content.decode()


def test_a_bad_host_header_is_a_plain_400():
    response = Client(HTTP_HOST="evil.example.org").get("/")
    assert response.status_code == 400
    assert "We could not understand this request" in response.content.decode()


def test_robots_keep_crawlers_out_of_the_private_area(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().splitlines() == [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /my/",
        "Disallow: /accounts/",
    ]
