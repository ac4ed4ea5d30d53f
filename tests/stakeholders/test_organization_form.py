"""The organisation profile form: an error summary linked to the fields, countries of work ticked
in short lists by region (not a 240-row list chosen with Ctrl), a counter on the description."""

import re

import pytest
from django.urls import reverse

from reference.models import Country
from stakeholders.models import Organization
from tests.stakeholders.factories import verified_user
from tests.stakeholders.test_organizations import form_data

pytestmark = pytest.mark.django_db


def test_the_error_summary_links_each_message_to_its_field(client):
    client.force_login(verified_user())
    response = client.post(reverse("stakeholders:organization_create"), form_data(name="", category=""))
    html = response.content.decode()
    assert response.status_code == 200
    assert [entry["anchor"] for entry in response.context["form"].summary()] == ["id_name", "id_category"]
    assert '<h2 id="error-summary-title">There are 2 things to fix before you go on</h2>' in html
    assert '<a href="#id_name">Name: Give the organisation&#x27;s full name.</a>' in html
    assert re.search(r'<input type="text" name="name"[^>]*aria-describedby="id_name_helptext id_name_error"', html)


def test_countries_of_work_are_ticked_by_region_and_saved(client):
    client.force_login(verified_user())
    html = client.get(reverse("stakeholders:organization_create")).content.decode()
    assert "Ctrl" not in html
    assert re.findall(r"<select[^>]*multiple", html) == []
    assert html.count('name="work_countries"') == Country.objects.count()
    assert html.count("<details") == 5
    assert 'data-counter=""' in html and 'maxlength="3000"' in html

    chile, peru = Country.objects.get(iso3="CHL"), Country.objects.get(iso3="PER")
    response = client.post(reverse("stakeholders:organization_create"), form_data(work_countries=[chile.pk, peru.pk]))
    assert response.status_code == 302
    assert sorted(Organization.objects.get().work_countries.values_list("iso3", flat=True)) == ["CHL", "PER"]
