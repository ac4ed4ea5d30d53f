"""The summaries' PDFs read with pikepdf as assistive technology reads them (the structure tree
and the marked content), for PDF/UA-1: running heads and page numbers are pagination artifacts
and all other content is in the tree (§7.8); the compilation's contents have one link per entry
with only the title in it, the dotted leaders outside; staff headings never skip a level; the
files are readable by the web server (0644)."""

import os

import pikepdf
import pytest

from forums.demo import seed
from forums.models import Forum
from summaries import services
from summaries.models import Compilation, Summary
from tests.core.factories import SecretariatUserFactory

pytestmark = pytest.mark.django_db

# Staff wrote h4 straight under the section's h2, then h3 and h4 again.
STAFF = "<h4>Pathways</h4><p>Regular pathways.</p><h3>Data</h3><p>Better data.</p><h4>Sources</h4><p>Censuses.</p>"


@pytest.fixture
def published(settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    seed()
    forum = Forum.objects.get(year=2026)
    services.ensure_summaries(forum)
    for slug in ("round-table-1", "round-table-2"):
        summary = Summary.objects.get(session__forum=forum, session__slug=slug)
        summary.key_messages = STAFF
        summary.save()
        services.generate(summary.pk)
    with django_capture_on_commit_callbacks(execute=True):
        services.publish(forum, by=SecretariatUserFactory())
    return forum


def summary_pdf(forum):
    return Summary.objects.get(session__forum=forum, session__slug="round-table-1").pdf_file.path


def compilation_pdf(forum):
    return Compilation.objects.get(forum=forum).pdf_file.path


def kids(element):
    k = element.get("/K")
    return list(k) if isinstance(k, pikepdf.Array) else [] if k is None else [k]


def elements(element):
    """Every structure element under this one, in reading order."""
    for kid in kids(element):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from elements(kid)


def tree_mcids(pdf):
    """(page object number, MCID) of every marked-content sequence the structure tree holds."""
    found = set()
    for element in elements(pdf.Root.StructTreeRoot):
        for kid in kids(element):
            if isinstance(kid, int):
                found.add((element.Pg.objgen, kid))
    return found


def marked(pdf):
    """(page object number, tag, properties) of every marked-content sequence on every page."""
    for page in pdf.pages:
        for operands, operator in pikepdf.parse_content_stream(page):
            if str(operator) == "BDC":
                yield page.obj.objgen, str(operands[0]), operands[1]


def test_running_heads_and_page_numbers_are_artifacts(published):
    for path in (summary_pdf(published), compilation_pdf(published)):
        with pikepdf.open(path) as pdf:
            in_tree = tree_mcids(pdf)
            sequences = list(marked(pdf))
            content = [(page, props.MCID) for page, tag, props in sequences if "/MCID" in props]
            assert [c for c in content if c not in in_tree] == []
            pagination = [
                page
                for page, tag, props in sequences
                if tag == "/Artifact" and props.get("/Type") == "/Pagination"
            ]
            # The forum's name at the top and "n / N" at the bottom of every page.
            assert len(pagination) == 2 * len(pdf.pages)
            assert sorted(set(pagination)) == sorted(page.obj.objgen for page in pdf.pages)


def test_the_contents_have_one_link_per_entry(published):
    with pikepdf.open(compilation_pdf(published)) as pdf:
        [contents] = [e for e in elements(pdf.Root.StructTreeRoot) if e.S == "/L"][:1]
        entries = [e for e in kids(contents) if isinstance(e, pikepdf.Dictionary) and e.get("/S") == "/LI"]
        assert (
            len(entries) == Summary.objects.filter(session__forum=published, state="published").count() == 2
        )
        for entry in entries:
            links = [e for e in elements(entry) if e.S == "/Link"]
            assert len(links) == 1
            [link] = links
            annotations = [
                k for k in kids(link) if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"
            ]
            text = [k for k in kids(link) if isinstance(k, int)]
            assert (len(annotations), len(text)) == (1, 1)  # the title's one line, no leader dots
            assert [e for e in elements(link) if e.S == "/Link"] == []


def headings(path):
    with pikepdf.open(path) as pdf:
        return [
            int(str(e.S)[2])
            for e in elements(pdf.Root.StructTreeRoot)
            if str(e.S) in {f"/H{n}" for n in range(1, 7)}
        ]


def test_staff_headings_never_skip_a_level(published):
    for path in (summary_pdf(published), compilation_pdf(published)):
        levels = headings(path)
        assert [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1] == []
    # The summary: its title, the section, then the staff's h4 as h3, h3, and h4 under it.
    assert headings(summary_pdf(published))[:6] == [1, 2, 2, 3, 3, 4]


def test_generated_files_are_readable_by_the_web_server(published):
    summary = Summary.objects.get(session__forum=published, session__slug="round-table-1")
    for path in (summary.pdf_file.path, summary.html_file.path, compilation_pdf(published)):
        assert os.stat(path).st_mode & 0o777 == 0o644
