"""Staff write the summaries' notes in Markdown, kept as typed: rendered and sanitised where they
are shown (page, PDF, the admin's preview); notes written in HTML before still read as they did."""

import pytest

from core.rich_text import render
from summaries.models import Summary
from tests.portal.factories import worklist_scenario

pytestmark = pytest.mark.django_db


def test_markdown_is_rendered_and_scripts_are_stripped():
    text = (
        "Fair **recruitment** and *decent* work.\n\n"
        "## Recommendations\n\n"
        "- [The Network](https://migrationnetwork.un.org)\n"
        "- [bad](javascript:alert(1))\n\n"
        '<script>alert(1)</script><img src=x onerror="alert(2)">\n\n'
        "> A quote\n"
    )
    assert render(text) == (
        "<p>Fair <strong>recruitment</strong> and <em>decent</em> work.</p>\n"
        "<h2>Recommendations</h2>\n"
        "<ul>\n"
        '<li><a href="https://migrationnetwork.un.org" rel="noopener noreferrer">The Network</a></li>\n'
        '<li><a rel="noopener noreferrer">bad</a></li>\n'
        "</ul>\n"
        "\n"
        "<blockquote>\n"
        "<p>A quote</p>\n"
        "</blockquote>"
    )


def test_notes_written_in_html_before_read_as_they_did():
    old = '<p onclick="x()">Regular <strong>pathways</strong>.</p><script>alert(1)</script><h4>Data</h4>'
    assert render(old) == "<p>Regular <strong>pathways</strong>.</p>\n\n<h4>Data</h4>"


def test_the_admin_previews_the_notes_rendered(secretariat_client):
    scenario = worklist_scenario()
    Summary.objects.filter(pk=scenario.summary.pk).update(
        key_messages="Regular **pathways**.\n\n<script>alert(1)</script>"
    )
    page = secretariat_client.get(f"/admin/summaries/summary/{scenario.summary.pk}/change/").content.decode()
    assert "<p>Regular <strong>pathways</strong>.</p>" in page
    assert "<script>alert(1)" not in page
    # The textarea holds the Markdown as typed (escaped), never as markup.
    assert "Regular **pathways**.\n\n&lt;script&gt;alert(1)&lt;/script&gt;</textarea>" in page
