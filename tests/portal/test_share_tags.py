"""Every public page says what it is when its address is shared: a meta description and Open
Graph tags that repeat the page's own title, read back with an HTML parser."""

from html.parser import HTMLParser

import pytest

from forums.demo import seed
from tests.pledges.factories import published

pytestmark = pytest.mark.django_db


class Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta, self.title, self._in_title = {}, "", False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            self.meta[attrs.get("property") or attrs["name"]] = attrs["content"]
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def head(response):
    parser = Head()
    parser.feed(response.content.decode())
    return parser


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/forums/2026/",
        "/forums/2026/programme/",
        "/forums/2026/sessions/round-table-1/",
        "/objectives/3/",
        "/pledges/",
        "/fr/forums/2026/programme/",
    ],
)
def test_each_page_describes_itself(client, url):
    seed()
    page = head(client.get(url))
    assert page.title == f"{page.meta['og:title']} · {page.meta['og:site_name']}"
    assert len(page.meta["description"]) > 40
    assert page.meta["og:description"] == page.meta["description"]
    assert page.meta["og:url"] == "http://127.0.0.1:8000" + url
    assert page.meta["og:image"] == "http://127.0.0.1:8000/static/img/share.png"


def test_the_pages_differ_in_what_they_say(client):
    seed()
    descriptions = {head(client.get(url)).meta["description"] for url in ("/", "/forums/2026/", "/objectives/3/")}
    assert len(descriptions) == 3


def test_a_pledge_is_shared_with_its_own_words(client):
    pledge = published(title="Safe pathways for <b>workers</b>", text="We will open " + "safe and regular pathways " * 20)
    page = head(client.get(pledge.get_absolute_url()))
    # Typed markup is text, escaped once: a reader sees what the pledger typed.
    assert page.meta["og:title"] == f"{pledge.reference}: Safe pathways for <b>workers</b>"
    assert page.title == f"{pledge.reference}: Safe pathways for <b>workers</b> · IMRF Stakeholder Portal"
    assert page.meta["og:type"] == "article"
    assert page.meta["description"].startswith("We will open safe and regular pathways")
    assert len(page.meta["description"]) <= 200


def test_french_pages_describe_themselves_in_french(client):
    seed()
    page = head(client.get("/fr/"))
    assert page.meta["og:locale"] == "fr"
    assert "Forum" in page.meta["description"]
    assert page.meta["description"] != head(client.get("/")).meta["description"]
