"""imrf_portal.chrome: the header and footer are rendered once per language and part of the
site and reused; the parts that depend on the page (its address in the language links and the
alternates, the signed-in state, the section marked current) are still each page's own."""

import pytest
from django.test.signals import template_rendered

from imrf_portal import chrome
from tests.stakeholders.factories import verified_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def rendered():
    for cached in (chrome._header, chrome._footer, chrome._alternates):
        cached.cache_clear()
    names = []

    def record(sender, template, **kwargs):
        names.append(template.name)

    template_rendered.connect(record)
    yield names
    template_rendered.disconnect(record)


def test_the_header_and_footer_are_rendered_once_per_language_and_section(client, rendered):
    client.get("/pledges/")
    client.get("/pledges/?objective=3")
    client.get("/pledges/statistics/")
    client.get("/fr/pledges/")
    assert (rendered.count("_site_header.html"), rendered.count("_site_footer.html")) == (2, 2)


def test_the_language_links_carry_each_page_address(client, settings):
    html = client.get("/pledges/?objective=3").content.decode()
    assert html.count('href="/language/fr/?next=/pledges/%3Fobjective%3D3"') == 2  # header and footer
    assert f'<link rel="alternate" hreflang="es" href="{settings.SITE_URL}/es/pledges/?objective=3">' in html
    other = client.get("/objectives/").content.decode()
    assert 'href="/language/fr/?next=/objectives/"' in other
    assert "objective%3D3" not in other


def test_the_section_and_the_account_page_are_marked_current(client):
    html = client.get("/objectives/").content.decode()
    assert '<a href="/objectives/" aria-current="page">' in html
    assert '<a href="/pledges/" aria-current="page">' not in html
    statistics = client.get("/pledges/statistics/").content.decode()
    assert '<a href="/pledges/" aria-current="page">' in statistics
    login = client.get("/accounts/login/").content.decode()
    assert '<a href="/accounts/login/" aria-current="page">' in login
    assert '<a href="/accounts/login/" aria-current="page">' not in html


def test_the_current_language_is_marked_and_the_page_translated(client):
    html = client.get("/fr/objectives/").content.decode()
    assert 'hreflang="fr" dir="ltr" aria-current="true">Français</a>' in html
    assert ">Se connecter</a>" in html
    arabic = client.get("/ar/objectives/").content.decode()
    assert 'hreflang="ar" dir="rtl" aria-current="true">' in arabic


def test_a_signed_in_visitor_gets_the_account_links(client):
    anonymous = client.get("/objectives/").content.decode()
    client.force_login(verified_user())
    signed_in = client.get("/objectives/").content.decode()
    assert ("Sign out" in anonymous, "Sign out" in signed_in) == (False, True)
    assert ("Sign in</a>" in anonymous, "Sign in</a>" in signed_in) == (True, False)
