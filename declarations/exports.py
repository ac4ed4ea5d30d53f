"""Open data: the published key messages of a forum's declaration, with their endorsements and
what became of them in the following version, as CSV and JSON (CC BY 4.0). Every CSV cell goes
through core.csv_cells (no cell is read as a formula)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.open_data import Column, utc

COLUMNS = [
    Column("id", "integer", _("The number of the key message on the portal.")),
    Column("forum", "integer", _("The year of the forum.")),
    Column("url", "string (URL)", _("Its page on the portal.")),
    Column("organization", "string", _("The organisation that proposed it.")),
    Column("title", "string", _("Its title.")),
    Column("text", "string", _("The key message.")),
    Column("version", "code", _("The version of the declaration it addresses (zero-draft, revision-1, adopted…).")),
    Column("paragraphs", "list of integers", _("The numbers of the paragraphs it addresses.")),
    Column("objectives", "list of integers", _("The GCM objectives (1 to 23) it concerns.")),
    Column("guiding_principles", "list of strings", _("The letters of the guiding principles it concerns.")),
    Column("endorsed_by", "list of strings", _("The organisations that endorse it.")),
    Column("published_at", "date-time (ISO 8601, UTC)", _("When the secretariat published it.")),
    Column("outcome_version", "string or empty", _("The version in which the secretariat marked what became of it.")),
    Column("fate", "string or empty", _("reflected, partly_reflected or not_reflected; empty until marked.")),
    Column("landed_in_paragraph", "integer or empty", _("The paragraph of that version where it landed.")),
]


def record(message):
    outcomes = list(message.outcomes.all())
    outcome = outcomes[-1] if outcomes else None
    return {
        "id": message.pk,
        "forum": message.forum.year,
        "url": settings.SITE_URL + message.get_absolute_url(),
        "organization": message.organization.name,
        "title": message.title,
        "text": message.text,
        "version": message.version.slug,
        "paragraphs": [p.number for p in message.paragraphs.all()],
        "objectives": sorted(o.number for o in message.objectives.all()),
        "guiding_principles": sorted(p.letter for p in message.guiding_principles.all()),
        "endorsed_by": [e.organization.name for e in message.endorsements.all()],
        "published_at": utc(message.published_at),
        "outcome_version": outcome.version.slug if outcome else None,
        "fate": outcome.fate if outcome else None,
        "landed_in_paragraph": outcome.paragraph.number if outcome and outcome.paragraph_id else None,
    }


def records(queryset):
    for message in queryset.iterator(chunk_size=2000):
        yield record(message)


PARAGRAPH_COLUMNS = [
    Column("forum", "integer", _("The year of the forum.")),
    Column("version", "code", _("The version of the declaration (zero-draft, revision-1, adopted…).")),
    Column("version_date", "date", _("The date of that version's text.")),
    Column("number", "integer", _("The number of the paragraph in that version.")),
    Column("section", "string or empty", _("The section the paragraph stands in.")),
    Column("text", "string", _("The text of the paragraph.")),
    Column("url", "string (URL)", _("Its page on the portal.")),
    Column("key_messages_addressed", "integer", _("How many published key messages address it.")),
    Column("key_messages_landed", "integer", _("How many published key messages were marked as landing in it.")),
]


def paragraph_record(paragraph):
    return {
        "forum": paragraph.version.forum.year,
        "version": paragraph.version.slug,
        "version_date": paragraph.version.date.isoformat(),
        "number": paragraph.number,
        "section": paragraph.section or None,
        "text": paragraph.text,
        "url": settings.SITE_URL + paragraph.get_absolute_url(),
        "key_messages_addressed": paragraph.message_count,
        "key_messages_landed": paragraph.landed_count,
    }


def paragraph_records(queryset):
    for paragraph in queryset.iterator(chunk_size=2000):
        yield paragraph_record(paragraph)


JSON_TYPES = {
    "integer": {"type": "integer"},
    "string": {"type": "string"},
    "string (URL)": {"type": "string", "format": "uri"},
    "code": {"type": "string"},
    "date": {"type": "string", "format": "date"},
    "string or empty": {"type": ["string", "null"]},
    "integer or empty": {"type": ["integer", "null"]},
    "date-time (ISO 8601, UTC)": {"type": "string", "format": "date-time"},
    "list of integers": {"type": "array", "items": {"type": "integer"}},
    "list of strings": {"type": "array", "items": {"type": "string"}},
}


def _item(columns):
    return {
        "type": "object",
        "required": [column.name for column in columns],
        "additionalProperties": False,
        "properties": {
            column.name: {**JSON_TYPES[column.type], "description": str(column.description)} for column in columns
        },
    }


def json_schema():
    """The JSON Schema of both exports: their head, each key message, each paragraph."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "IMRF Progress Declaration: key messages and paragraphs",
        "type": "object",
        "required": ["dataset", "licence"],
        "properties": {
            "dataset": {"enum": ["key-messages", "declaration-paragraphs"]},
            "licence": {"const": "CC BY 4.0"},
            "key_messages": {"type": "array", "items": _item(COLUMNS)},
            "paragraphs": {"type": "array", "items": _item(PARAGRAPH_COLUMNS)},
        },
    }
