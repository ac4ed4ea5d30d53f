"""A pledge's attachment is served only to those who may see the pledge, and only as a download."""

import pytest
from django.core.files.base import ContentFile

from pledges.enums import PledgeState
from tests.pledges.factories import PledgeFactory, published

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_a_published_pledge_s_attachment_downloads(client):
    pledge = published()
    pledge.attachment.save("report.pdf", ContentFile(PDF))
    response = client.get(f"/pledges/{pledge.reference}/attachment/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{pledge.reference}-attachment.pdf"'
    assert response["Content-Type"] == "application/octet-stream"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF
    assert (
        f'href="/pledges/{pledge.reference}/attachment/"'
        in client.get(pledge.get_absolute_url()).content.decode()
    )


def test_a_draft_s_attachment_is_not_public(client):
    pledge = PledgeFactory(state=PledgeState.DRAFT)
    pledge.attachment.save("report.pdf", ContentFile(PDF))
    assert client.get(f"/pledges/{pledge.reference}/attachment/").status_code == 404


def test_no_attachment_is_a_404(client):
    assert client.get(f"/pledges/{published().reference}/attachment/").status_code == 404
