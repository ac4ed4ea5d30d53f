"""Headings in rich text that staff wrote, fitted under the page's own headings.

Staff may write headings of any level (core.rich_text); a summary that uses h4 straight
under the page's h2 skips a level, which screen readers announce as a missing section and which
PDF/UA-1 (§7.4.2) forbids in the tagged PDF. `relevel` renumbers the headings so that the first
is one below the page's and none is more than one below the one before; headings of equal rank
stay equal."""

import re

HEADING = re.compile(r"<(/?)h([1-6])(\s[^>]*)?>", re.IGNORECASE)


def relevel(html, under):
    """The same HTML with its headings renumbered below a heading of level `under`."""
    stack = []  # (level written, level given) of the open headings
    opened = []  # the level given to each opening tag, for its closing tag

    def replace(match):
        closing, written, attributes = match.group(1), int(match.group(2)), match.group(3) or ""
        if closing:
            level = opened.pop() if opened else written
            return f"</h{level}>"
        while stack and stack[-1][0] >= written:
            stack.pop()
        level = min(6, stack[-1][1] + 1 if stack else under + 1)
        stack.append((written, level))
        opened.append(level)
        return f"<h{level}{attributes}>"

    return HEADING.sub(replace, html)
