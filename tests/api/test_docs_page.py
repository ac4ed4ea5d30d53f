"""/api/: the API's documentation as a plain page, in every language, listing every address."""

import json

import pytest

pytestmark = pytest.mark.django_db


def test_the_page_lists_every_address_of_the_document(client):
    response = client.get("/api/")
    assert response.status_code == 200
    page = response.content.decode()
    document = json.loads(client.get("/api/v1/schema/?format=json").content)
    for address in document["paths"]:
        assert f"<code>{address}</code>" in page
    assert "<script" not in page.split("</main>")[0].split("<main")[1]
    assert 'href="/api/v1/schema/"' in page


def test_the_page_in_french(client):
    page = client.get("/fr/api/").content.decode()
    assert "<h1>API de données ouvertes</h1>" in page
