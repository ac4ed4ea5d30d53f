"""The CSV export read back against its Table Schema: every field's type, the codes and the
required cells checked cell by cell by a small validator of the Table Schema's own rules (the
`frictionless` package is not installed; this reads the types the schema declares)."""

import csv
import datetime
import decimal
import io
import json
import re

import pytest

from pledges import services
from pledges.enums import PledgeState
from pledges.exports import COLUMNS, TABLE_TYPES
from reference.models import MemberState
from tests.helpers import clear_caches
from tests.pledges.factories import published
from tests.stakeholders.factories import OrganizationFactory, focal_point_of

pytestmark = pytest.mark.django_db


def body(response):
    return b"".join(response.streaming_content).decode("utf-8")


def cell_errors(field, value, missing):
    """What is wrong with one cell under its Table Schema field, as a list of words."""
    constraints = field.get("constraints", {})
    if value in missing:
        return ["required"] if constraints.get("required") else []
    kind = field["type"]
    try:
        if kind == "integer":
            parsed = int(value)
        elif kind == "number":
            parsed = decimal.Decimal(value)
            if parsed.is_nan():
                return ["number"]
        elif kind == "boolean":
            if value not in field["trueValues"] + field["falseValues"]:
                return ["boolean"]
            parsed = value
        elif kind == "date":
            parsed = datetime.date.fromisoformat(value)
        elif kind == "datetime":
            parsed = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
            if not value.endswith("Z"):
                return ["utc"]
        elif kind == "array":
            parsed = json.loads(value)
            if not isinstance(parsed, list):
                return ["array"]
        else:
            assert kind == "string", kind
            parsed = value
    except ValueError:
        return [kind]
    errors = []
    if "enum" in constraints and parsed not in constraints["enum"]:
        errors.append("enum")
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], parsed):
        errors.append("pattern")
    if "minimum" in constraints and parsed < constraints["minimum"]:
        errors.append("minimum")
    return errors


def validate(text, schema):
    assert text.startswith("\ufeff")
    reader = csv.reader(io.StringIO(text[1:]))
    header = next(reader)
    fields = schema["fields"]
    assert header == [field["name"] for field in fields]
    errors, seen = [], set()
    for number, row in enumerate(reader, start=2):
        assert len(row) == len(fields)
        for field, value in zip(fields, row, strict=True):
            for error in cell_errors(field, value, schema["missingValues"]):
                errors.append((number, field["name"], error))
        key = tuple(row[header.index(name)] for name in schema["primaryKey"])
        assert key not in seen
        seen.add(key)
    return errors


@pytest.fixture
def pledges(secretariat_user):
    org = OrganizationFactory(name='=HYPERLINK("http://x")', acronym="EV")
    joint = published(
        title="-1 minus sign first, “quotes”, commas",
        organization=org,
        objectives=[8, 3],
        principles=["a"],
        countries=["KEN"],
        kind_financial=True,
        amount="250000.50",
        currency="USD",
    )
    partner_org = OrganizationFactory(name="Diaspora Fund")
    partner = services.invite_partner(joint, by=focal_point_of(org), organization=partner_org)
    services.confirm_partnership(partner, by=focal_point_of(partner_org))
    published(
        organization=None, member_state=MemberState.objects.get(iso3="PHL"), objectives=[5], matches=joint
    )
    gone = published(title="Left the registry")
    services.set_pledge_state(gone, PledgeState.UNPUBLISHED, by=secretariat_user, reason="Duplicate.")
    clear_caches()


def test_every_column_type_has_a_table_type():
    assert {type_name for _name, type_name, _desc in COLUMNS} <= set(TABLE_TYPES)


def test_the_csv_validates_against_its_table_schema(client, pledges):
    schema = json.loads(client.get("/pledges/table-schema.json").content)
    text = body(client.get("/pledges/export.csv?former=on"))
    assert validate(text, schema) == []
    assert len(text.strip().splitlines()) == 4


def test_the_validator_catches_a_bad_cell(client, pledges):
    schema = json.loads(client.get("/pledges/table-schema.json").content)
    text = body(client.get("/pledges/export.csv"))
    header, first, *rest = text.split("\r\n")
    columns = header.lstrip("\ufeff").split(",")
    broken = next(csv.reader([first]))
    broken[columns.index("stage")] = "finished"
    broken[columns.index("published_at")] = "yesterday"
    out = io.StringIO()
    csv.writer(out).writerow(broken)
    errors = validate("\r\n".join([header, out.getvalue().rstrip("\r\n"), *rest]), schema)
    assert [(name, error) for _row, name, error in errors] == [
        ("stage", "enum"),
        ("published_at", "datetime"),
    ]


def test_the_table_schema_is_open_to_any_origin(client):
    response = client.get("/pledges/table-schema.json")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert json.loads(response.content)["primaryKey"] == ["reference"]
