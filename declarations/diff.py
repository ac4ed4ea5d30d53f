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


PAIRED = 0.5  # below this similarity two paragraphs are shown as one deleted and one inserted


def _pair(olds, news):
    """The order-keeping pairing of changed paragraphs that is most alike in total (a dynamic
    programme over the block): [(old or None, new or None)]."""
    a = [words(p.text) for p in olds]
    b = [words(p.text) for p in news]
    similar = {}
    for i, old in enumerate(a):
        for j, new in enumerate(b):
            matcher = SequenceMatcher(None, old, new, autojunk=False)
            if matcher.real_quick_ratio() >= PAIRED and matcher.quick_ratio() >= PAIRED:
                ratio = matcher.ratio()
                if ratio >= PAIRED:
                    similar[i, j] = ratio
    best = [[0.0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            best[i][j] = max(best[i - 1][j], best[i][j - 1], best[i - 1][j - 1] + similar.get((i - 1, j - 1), -1))
    pairs, i, j = [], len(a), len(b)
    while i or j:
        if i and j and (i - 1, j - 1) in similar and best[i][j] == best[i - 1][j - 1] + similar[i - 1, j - 1]:
            pairs.append((olds[i - 1], news[j - 1]))
            i, j = i - 1, j - 1
        elif i and (not j or best[i][j] == best[i - 1][j]):
            pairs.append((olds[i - 1], None))
            i -= 1
        else:
            pairs.append((None, news[j - 1]))
            j -= 1
    return pairs[::-1]


def align(old_paragraphs, new_paragraphs):
    """Rows for a side-by-side comparison: {old, new, old_html, new_html, changed}, paragraphs
    paired in order by their text; a paragraph with no like counterpart stands alone."""
    old_paragraphs, new_paragraphs = list(old_paragraphs), list(new_paragraphs)
    matcher = SequenceMatcher(
        None, [p.text for p in old_paragraphs], [p.text for p in new_paragraphs], autojunk=False
    )
    rows = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for old, new in zip(old_paragraphs[i1:i2], new_paragraphs[j1:j2], strict=True):
                rows.append({"old": old, "new": new, "old_html": old.text, "new_html": new.text, "changed": False})
            continue
        for old, new in _pair(old_paragraphs[i1:i2], new_paragraphs[j1:j2]):
            old_html, new_html, _inline = word_diff(old.text if old else "", new.text if new else "")
            rows.append({"old": old, "new": new, "old_html": old_html, "new_html": new_html, "changed": True})
    return rows
