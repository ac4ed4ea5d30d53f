"""Cells of every CSV the portal writes, made safe for spreadsheet programs.

A cell that begins with = + - @, a tab or a carriage return is read as a formula by LibreOffice
Calc and Excel (`=HYPERLINK(...)`, `=cmd|' /C calc'!A0`): a pledge's title or an applicant's
name would run on the reader's machine. OWASP's rule (CSV Injection): prefix such a cell with a
single quote, which spreadsheets show as text and a program can strip back. Every csv writer in
the portal passes its rows through `safe_row` or `safe_dict`; nothing else writes CSV."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def safe_cell(value):
    """The cell as text that no spreadsheet evaluates; non-text values are left as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return QUOTE + value
    return value


def safe_row(values):
    return [safe_cell(value) for value in values]


def safe_dict(row):
    return {key: safe_cell(value) for key, value in row.items()}

