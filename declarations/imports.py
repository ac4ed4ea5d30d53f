"""Reading a version's paragraphs from a file: plain text or Word (.docx), one paragraph per
numbered line ("12. text"); a line without a number heads the paragraphs that follow it as their
section. The file is judged by its content, never by its name, and every problem found is
reported at once, naming the numbers."""

import re

import docx
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.validators import ArchiveTooLarge, check_size, office_format, rewound

IMPORT_MAX_BYTES = 5 * 1024 * 1024
NUMBERED = re.compile(r"^\s*(\d{1,4})[.)]\s+(\S.*?)\s*$")
SECTION_MAX = 200


def numbers_text(numbers):
    return ", ".join(str(n) for n in numbers)


def read_lines(upload):
    """The lines of the upload, a .docx's paragraphs or a UTF-8 text's lines."""
    check_size(upload, IMPORT_MAX_BYTES, _("The file is %(size)s; it may be at most %(limit)s."))
    try:
        found = office_format(upload)
    except ArchiveTooLarge:
        raise ValidationError(
            _("This file unpacks to more than a Word document holds; it cannot be read."), code="archive_too_large"
        ) from None
    if found == "ooxml":
        try:
            with rewound(upload):
                document = docx.Document(upload)
        except Exception:  # python-docx raises a ValueError, KeyError or its own errors for other OOXML files
            raise ValidationError(
                _("This file is an Office document but not a Word document (.docx); it cannot be read."),
                code="not_docx",
            ) from None
        return [paragraph.text for paragraph in document.paragraphs]
    if found is not None:
        raise ValidationError(
            _("This file is a PDF, an older Word file or an OpenDocument file; save it as .docx or as plain text."),
            code="unsupported_format",
        )
    with rewound(upload):
        data = upload.read()
    if (upload.name or "").lower().endswith(".docx"):
        raise ValidationError(
            _("This file is named .docx but is not a Word document: its content is not a .docx file."),
            code="not_docx",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            _("This file is neither a Word document (.docx) nor plain text in UTF-8."), code="not_text"
        ) from None
    if "\x00" in text:
        raise ValidationError(
            _("This file is neither a Word document (.docx) nor plain text in UTF-8."), code="not_text"
        )
    return text.splitlines()


def parse(lines):
    """[(number, section, text)] in the order of the file; a ValidationError listing every gap,
    duplicate and overlong heading otherwise. Numbering runs 1, 2, 3… without a gap."""
    paragraphs, section, errors = [], "", []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        match = NUMBERED.match(line)
        if match:
            paragraphs.append((int(match[1]), section, match[2]))
        elif len(line) > SECTION_MAX:
            errors.append(
                ValidationError(
                    _("A line without a number is read as a section heading, and this one is too long: “%(start)s…”."),
                    code="section_too_long",
                    params={"start": line[:60]},
                )
            )
        else:
            section = line
    if not paragraphs:
        raise ValidationError(
            _("No numbered paragraph was found: write each paragraph on one line starting with its number, as “1. text”."),
            code="no_paragraphs",
        )
    numbers = [number for number, _section, _text in paragraphs]
    seen, duplicates = set(), set()
    for number in numbers:
        (duplicates if number in seen else seen).add(number)
    if duplicates:
        errors.append(
            ValidationError(
                _("These paragraph numbers appear more than once: %(numbers)s."),
                code="duplicate_numbers",
                params={"numbers": numbers_text(sorted(duplicates))},
            )
        )
    missing = sorted(set(range(1, max(numbers) + 1)) - seen)
    if missing:
        errors.append(
            ValidationError(
                _("These paragraph numbers are missing: %(numbers)s."),
                code="missing_numbers",
                params={"numbers": numbers_text(missing)},
            )
        )
    if errors:
        raise ValidationError(errors)
    return paragraphs

