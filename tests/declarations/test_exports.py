"""The key messages as open data, read back by their real clients: the CSV by Python's csv module
(no cell starts a formula, the quote is the only change), the JSON by jsonschema against the
schema the portal publishes."""

import csv
import io
import json

import pytest
from jsonschema import Draft202012Validator

from declarations.enums import Fate
from declarations.models import Endorsement, MessageOutcome
from tests.declarations.factories import (
    DeclarationVersionFactory,
    KeyMessageFactory,
    published_message,
    revision,
)
from tests.stakeholders.factories import OrganizationFactory

pytestmark = pytest.mark.django_db
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def world():
    zero = DeclarationVersionFactory()
    new = revision(zero.forum)
    attacker = OrganizationFactory(name="@Evil Org")
    message = published_message(version=zero, organization=attacker, title='=HYPERLINK("http://evil.example")', text="+1")
    Endorsement.objects.create(message=message, organization=OrganizationFactory(name="-Minus Network"))
    MessageOutcome.objects.create(message=message, version=new, fate=Fate.PARTLY_REFLECTED, paragraph=new.paragraphs.get(number=2))
    plain = published_message(version=zero, organization=OrganizationFactory(name="Plain"), title="Plain title")
    KeyMessageFactory(version=zero, title="Not public")
    return {"forum": zero.forum, "message": message, "plain": plain}


def rows_of(response):
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def test_the_csv_guards_against_formulas(client, world):
    response = client.get(f"/forums/{world['forum'].year}/declaration/key-messages.csv")
    assert response["Access-Control-Allow-Origin"] == "*"
    header, *records = rows_of(response)
    assert [cell for row in records for cell in row if cell.startswith(FORMULA_STARTS)] == []
    rows = [dict(zip(header, record, strict=True)) for record in records]
    assert [row["title"] for row in rows] == ["'=HYPERLINK(\"http://evil.example\")", "Plain title"]
    first = rows[0]
    assert (first["organization"], first["text"], first["endorsed_by"]) == ("'@Evil Org", "'+1", '["-Minus Network"]')
    assert (first["version"], first["paragraphs"], first["objectives"]) == ("zero-draft", "[2]", "[1,17]")
    assert (first["outcome_version"], first["fate"], first["landed_in_paragraph"]) == ("revision-1", "partly_reflected", "2")
    assert (rows[1]["fate"], rows[1]["landed_in_paragraph"]) == ("", "")


def test_the_json_validates_against_its_schema(client, world):
    year = world["forum"].year
    schema = json.loads(client.get(f"/forums/{year}/declaration/key-messages.schema.json").content)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    response = client.get(f"/forums/{year}/declaration/key-messages.json")
    data = json.loads(b"".join(response.streaming_content))
    assert sorted(error.message for error in validator.iter_errors(data)) == []
    assert [m["title"] for m in data["key_messages"]] == ['=HYPERLINK("http://evil.example")', "Plain title"]
    first = data["key_messages"][0]
    assert (first["fate"], first["landed_in_paragraph"], first["endorsed_by"]) == ("partly_reflected", 2, ["-Minus Network"])
    assert data["key_messages"][1]["fate"] is None
    # A record that breaks the schema is caught by it.
    broken = {**data, "key_messages": [{**first, "paragraphs": ["two"]}]}
    assert len(list(validator.iter_errors(broken))) == 1


def test_the_paragraphs_as_csv_and_json(client, world):
    year = world["forum"].year
    header, *records = rows_of(client.get(f"/forums/{year}/declaration/paragraphs.csv"))
    rows = [dict(zip(header, record, strict=True)) for record in records]
    assert [(r["version"], r["number"], r["key_messages_addressed"], r["key_messages_landed"]) for r in rows] == [
        ("zero-draft", "1", "0", "0"),
        ("zero-draft", "2", "2", "0"),
        ("zero-draft", "3", "0", "0"),
        ("revision-1", "1", "0", "0"),
        ("revision-1", "2", "0", "1"),
        ("revision-1", "3", "0", "0"),
    ]
    schema = json.loads(client.get(f"/forums/{year}/declaration/key-messages.schema.json").content)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    data = json.loads(b"".join(client.get(f"/forums/{year}/declaration/paragraphs.json").streaming_content))
    assert list(validator.iter_errors(data)) == []
    assert (data["dataset"], len(data["paragraphs"]), data["paragraphs"][1]["section"]) == (
        "declaration-paragraphs",
        6,
        "Commitments",
    )
