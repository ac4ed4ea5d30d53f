"""The rich text staff write (summaries' notes): Markdown, kept as typed and turned into HTML only
where it is shown, then sanitised with nh3, so that whatever was typed (or pasted) can never
reach a page as a script. Notes written before Markdown are HTML; Markdown passes HTML blocks
through, and the same sanitising applies, so they read as they did."""

import re

import markdown
import nh3

# Headings of any level: core.headings.relevel fits them under the page's own.
RICH_TEXT_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "a",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
}

EMPTY_PARAGRAPH = re.compile(r"<p>\s*</p>\n?")


def sanitise(html):
    """Only harmless tags and http(s)/mailto links survive."""
    return nh3.clean(
        html or "",
        tags=RICH_TEXT_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    ).strip()


def render(text):
    """Markdown (or the HTML of older notes) as sanitised HTML."""
    if not text:
        return ""
    html = sanitise(markdown.markdown(text, extensions=["sane_lists"], output_format="html"))
    # What held only removed markup (a pasted script) leaves no empty paragraph behind.
    return EMPTY_PARAGRAPH.sub("", html)
