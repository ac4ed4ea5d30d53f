"""Word-level differences between paragraphs, as the comparison pages and the secretariat's
marking page show them: deleted words in <del>, inserted words in <ins>, each run announced to
screen readers (which do not read the elements themselves) by a visually hidden word."""

import re
from difflib import SequenceMatcher

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

# A word (with its inner apostrophes and hyphens), a punctuation mark, or the space between them:
# "data." and "data" then share the word, and the text is rebuilt exactly as it was.
TOKENS = re.compile(r"\s+|\w[\w'’-]*|[^\w\s]")


def words(text):
    return (text or "").split()


def tokens(text):
    return TOKENS.findall(text or "")


def _run(tag, label, parts):
    """A changed run, its surrounding spaces left outside the element."""
    text = "".join(parts)
    stripped = text.strip()
    if not stripped:
        return escape(text)
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
    return format_html('{3}<{0}><span class="visually-hidden">{1} </span>{2}</{0}>{4}', tag, label, stripped, lead, trail)


def word_diff(old, new):
    """(old side, new side, inline): the old text with its deleted words marked, the new text with
    its inserted words marked, and one text with both, as safe HTML."""
    a, b = tokens(old), tokens(new)
    old_side, new_side, inline = [], [], []
    deleted, inserted = _("deleted:"), _("inserted:")
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            same = escape("".join(a[i1:i2]))
            old_side.append(same)
            new_side.append(same)
            inline.append(same)
            continue
        if i2 > i1:
            run = _run("del", deleted, a[i1:i2])
            old_side.append(run)
            inline.append(run)
        if j2 > j1:
            run = _run("ins", inserted, b[j1:j2])
            new_side.append(run)
            inline.append(" " + run if i2 > i1 else run)
    return tuple(mark_safe("".join(parts)) for parts in (old_side, new_side, inline))  # noqa: S308 - every part escaped


def similarity(old, new):
    return SequenceMatcher(None, words(old), words(new), autojunk=False).ratio()


def best_match(paragraph, candidates):
    """The paragraph of the new version most like this one (the same number wins a tie)."""
    best, best_score = None, -1.0
    for candidate in candidates:
        score = similarity(paragraph.text, candidate.text) + (0.001 if candidate.number == paragraph.number else 0)
        if score > best_score:
            best, best_score = candidate, score
    return best


def align(old_paragraphs, new_paragraphs):
    """Rows for a side-by-side comparison: (old paragraph or None, new paragraph or None, old
    side, new side), paragraphs paired in order by their text."""
    old_paragraphs, new_paragraphs = list(old_paragraphs), list(new_paragraphs)
    matcher = SequenceMatcher(
        None, [p.text for p in old_paragraphs], [p.text for p in new_paragraphs], autojunk=False
    )
    rows = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        olds, news = old_paragraphs[i1:i2], new_paragraphs[j1:j2]
        for index in range(max(len(olds), len(news))):
            old = olds[index] if index < len(olds) else None
            new = news[index] if index < len(news) else None
            if op == "equal":
                rows.append({"old": old, "new": new, "old_html": old.text, "new_html": new.text, "changed": False})
                continue
            old_html, new_html, _inline = word_diff(old.text if old else "", new.text if new else "")
            rows.append({"old": old, "new": new, "old_html": old_html, "new_html": new_html, "changed": True})
    return rows
