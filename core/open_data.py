"""Open data of every public list: CSV and JSON streamed row by row, each described by its
columns, from which the Table Schema of the CSV is generated. Every app declares its list's
columns and records (a generator over its public() or published() queryset); the registry's own
export (pledges/exports.py) writes its cells with the same csv_cell. Licence: CC BY 4.0."""

import csv
import datetime
import decimal
import json
from dataclasses import dataclass

from django.conf import settings
from django.http import StreamingHttpResponse
from django.utils import timezone

from core.csv_cells import safe_row

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
PUBLISHER = "IMRF Stakeholder Portal"


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a key of TABLE_TYPES
    description: object


# The column types of the lists, as Table Schema fields.
TABLE_TYPES = {
    "string": {"type": "string"},
    "string or empty": {"type": "string"},
    "string (URL)": {"type": "string", "format": "uri"},
    "string (URL) or empty": {"type": "string", "format": "uri"},
    "code": {"type": "string"},
    "integer": {"type": "integer"},
    "integer or empty": {"type": "integer"},
    "boolean": {"type": "boolean", "trueValues": ["true"], "falseValues": ["false"]},
    "date": {"type": "date"},
    "date or empty": {"type": "date"},
    "date-time (ISO 8601, UTC)": {"type": "datetime", "format": "any"},
    "date-time (ISO 8601, UTC) or empty": {"type": "datetime", "format": "any"},
    "list of strings": {"type": "array"},
    "list of integers": {"type": "array"},
}


def utc(moment):
    return moment.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z") if moment else None


class Echo:
    """A file that hands back what is written: csv.writer then yields one line at a time."""

    def write(self, value):
        return value


def csv_list(values):
    """A list cell as a JSON array: any separator one could choose may be in a name, and a JSON
    array splits back exactly in every language (and is the Table Schema's `array`)."""
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))


def csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return csv_list(value)
    return value


def csv_stream(columns, records):
    """The CSV: a BOM (spreadsheet programs then read UTF-8), the header, one line per record,
    every cell through core.csv_cells (no cell is read as a formula)."""
    writer = csv.writer(Echo())
    yield "\ufeff"
    yield writer.writerow(safe_row(column.name for column in columns))
    for item in records:
        yield writer.writerow(safe_row(csv_cell(item.get(column.name)) for column in columns))


def json_value(value):
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"Not JSON: {value!r}")


def head(*, dataset, source, schema):
    return {
        "dataset": dataset,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "publisher": {"name": PUBLISHER, "url": settings.SITE_URL + "/"},
        "source": settings.SITE_URL + source,
        "table_schema": settings.SITE_URL + schema if schema else None,
        "generated_at": utc(timezone.now()),
    }


def json_stream(top, key, records):
    """{...the head..., key: [records]}, one record per chunk."""
    yield json.dumps(top, ensure_ascii=False)[:-1] + f', "{key}": ['
    first = True
    for item in records:
        yield ("" if first else ",") + "\n" + json.dumps(item, ensure_ascii=False, default=json_value)
        first = False
    yield "\n]}\n"


def table_schema(columns, *, title, required=(), primary_key=None):
    fields = []
    for column in columns:
        field = {"name": column.name, **TABLE_TYPES[column.type], "description": str(column.description)}
        if column.name in required:
            field["constraints"] = {"required": True}
        fields.append(field)
    schema = {
        "$schema": "https://specs.frictionlessdata.io/schemas/table-schema.json",
        "title": str(title),
        "licenses": [{"name": "CC-BY-4.0", "path": LICENCE_URL, "title": LICENCE}],
        "fields": fields,
        "missingValues": [""],
    }
    if primary_key:
        schema["primaryKey"] = list(primary_key)
    return schema


def licensed(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Link"] = f'<{LICENCE_URL}>; rel="license"'
    response["X-Licence"] = LICENCE
    return response


def csv_response(columns, records, *, filename):
    return licensed(
        StreamingHttpResponse(csv_stream(columns, records), content_type="text/csv; charset=utf-8"), filename
    )


def json_response(top, key, records, *, filename):
    return licensed(
        StreamingHttpResponse(json_stream(top, key, records), content_type="application/json; charset=utf-8"),
        filename,
    )
