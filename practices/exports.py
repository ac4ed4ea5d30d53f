"""The registry of practices as open data (CC BY 4.0): its columns, described once, feed the CSV
(core.open_data, every cell through core.csv_cells), the JSON, their schemas and the data
dictionary page."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.codes import split_codes
from core.open_data import LICENCE, LICENCE_URL, Column, table_schema, utc
from practices.enums import SupportDirection
from practices.models import Practice

COLUMNS = [
    Column("id", "integer", _("The practice's number on the portal.")),
    Column("url", "string (URL)", _("Its page on the portal.")),
    Column("title", "string", _("Its title.")),
    Column("summary", "string", _("Its summary.")),
    Column("implementer", "string", _("The implementing entity: an organisation or a Member State.")),
    Column("implementer_type", "code", _("Member State, or the organisation's stakeholder category.")),
    Column("partners", "list of strings", _("The partner entities, as the submitter named them.")),
    Column("objectives", "list of integers", _("The numbers of the GCM objectives it serves (1 to 23).")),
    Column("principles", "list of strings", _("The letters of the guiding principles it serves.")),
    Column("countries", "list of strings", _("ISO 3166 alpha-3 codes of the countries where it was implemented.")),
    Column("regions", "list of strings", _("The M49 regions where it was implemented.")),
    Column("start_date", "date", _("The day it started (after December 2018).")),
    Column("end_date", "date or empty", _("The day it ended, if it did.")),
    Column("completion", "code", _("fully or mostly completed.")),
    Column("call", "string or empty", _("The address name of the call for practices it answers, if any.")),
    Column("seeks", "list of strings", _("What it seeks (funding, technical_expertise, data, policy_support, country_partners).")),
    Column("offers", "list of strings", _("What it offers, in the same codes.")),
    Column("link", "string (URL) or empty", _("A link to more about it.")),
    Column("published_at", "date-time (ISO 8601, UTC)", _("When the secretariat published it.")),
]
TYPES = {
    "integer": {"type": "integer"},
    "string": {"type": "string"},
    "string or empty": {"type": "string"},
    "string (URL)": {"type": "string", "format": "uri"},
    "string (URL) or empty": {"type": "string"},
    "code": {"type": "string"},
    "date": {"type": "string", "format": "date"},
    "date or empty": {"type": ["string", "null"]},
    "list of strings": {"type": "array", "items": {"type": "string"}},
    "list of integers": {"type": "array", "items": {"type": "integer"}},
    "date-time (ISO 8601, UTC)": {"type": "string", "format": "date-time"},
}


def records(ids):
    """One dict per practice, in the order of `ids` (the registry's)."""
    chunk = 500
    for start in range(0, len(ids), chunk):
        part = ids[start : start + chunk]
        found = {
            p.pk: p
            for p in Practice.objects.filter(pk__in=part).select_related("call").prefetch_related("support")
        }
        for pk in part:
            if pk in found:
                yield record(found[pk])


def record(practice):
    support = list(practice.support.all())
    return {
        "id": practice.pk,
        "url": settings.SITE_URL + reverse("portal:practice", kwargs={"pk": practice.pk}),
        "title": practice.title,
        "summary": practice.summary,
        "implementer": practice.implementer_name,
        "implementer_type": practice.implementer_type,
        "partners": practice.partner_list,
        "objectives": [int(n) for n in split_codes(practice.objective_codes)],
        "principles": split_codes(practice.principle_codes),
        "countries": split_codes(practice.country_codes),
        "regions": split_codes(practice.region_codes),
        "start_date": practice.start_date.isoformat(),
        "end_date": practice.end_date.isoformat() if practice.end_date else None,
        "completion": practice.completion,
        "call": practice.call.slug if practice.call_id else "",
        "seeks": [s.kind for s in support if s.direction == SupportDirection.SEEK],
        "offers": [s.kind for s in support if s.direction == SupportDirection.OFFER],
        "link": practice.link,
        "published_at": utc(practice.published_at),
    }


def json_schema():
    """The JSON export's schema (JSON Schema 2020-12), from the same columns."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "IMRF good practices",
        "description": f"{LICENCE}: {LICENCE_URL}",
        "type": "object",
        "required": ["dataset", "licence", "practices"],
        "properties": {
            "dataset": {"const": "practices"},
            "licence": {"const": LICENCE},
            "practices": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": [column.name for column in COLUMNS],
                    "properties": {
                        column.name: {**TYPES[column.type], "description": str(column.description)}
                        for column in COLUMNS
                    },
                },
            },
        },
    }


def csv_table_schema():
    """The CSV's Table Schema, served beside the registry and in the open-data dump."""
    return table_schema(COLUMNS, title=_("IMRF good practices"), primary_key=["id"])
