"""What a pledge seeks and offers, by kind (reference.enums.SupportKind): one record
(PledgeSupport), copied into the pledge row for the registry and the exports; the flags
seeking_partners / offering_support derived from it, so that ?seeking=true and ?offering=true
keep selecting what they said; the registry's seeks/offers facets; the exports' columns read back
by the csv module and validated by the published JSON Schema."""

import csv
import io
import json

import pytest
from django.apps import apps
from jsonschema import Draft202012Validator

from pledges import services
from pledges.models import Pledge, PledgeMatchKey, PledgeSupport
from tests.pledges.factories import published

pytestmark = pytest.mark.django_db
migration = __import__("pledges.migrations.0013_support_kinds", fromlist=["flags_to_kinds"])


def references(response):
    assert response.status_code == 200
    return sorted(p.reference for p in response.context["registry"].page.object_list)


@pytest.fixture
def pledges():
    funding = published(support={"seeks": ["funding", "data"], "offers": ["policy_support"]}, countries=["KEN"])
    expertise = published(support={"offers": ["technical_expertise", "data"]})
    neither = published()
    return funding, expertise, neither


def test_the_flags_follow_the_kinds(pledges):
    funding, expertise, neither = pledges
    rows = Pledge.objects.order_by("pk").values_list("seek_codes", "offer_codes", "seeking_partners", "offering_support")
    assert list(rows) == [
        ("|data|funding|", "|policy_support|", True, True),
        ("", "|data|technical_expertise|", False, True),
        ("", "", False, False),
    ]
    services.set_support(funding, [], [])
    services.refresh_denormalised(funding)
    funding.refresh_from_db()
    assert (funding.seek_codes, funding.seeking_partners, funding.offering_support) == ("", False, False)
    assert PledgeMatchKey.objects.filter(pledge=funding).count() == 0
    keys = PledgeMatchKey.objects.filter(pledge=expertise).order_by("kind", "topic").values_list("kind", "topic")
    assert list(keys) == [("data", "o:3"), ("technical_expertise", "o:3")]


def test_registry_filters_by_what_is_sought_and_offered(client, pledges):
    funding, expertise, neither = pledges
    assert references(client.get("/pledges/?seeks=funding")) == [funding.reference]
    assert references(client.get("/pledges/?offers=data")) == [expertise.reference]
    assert references(client.get("/pledges/?offers=data&offers=policy_support")) == sorted(
        [funding.reference, expertise.reference]
    )
    assert references(client.get("/pledges/?seeks=data&offers=technical_expertise")) == []
    # The earlier addresses select what they always did, now read from the kinds.
    assert references(client.get("/pledges/?seeking=true")) == [funding.reference]
    assert references(client.get("/pledges/?offering=true")) == sorted([funding.reference, expertise.reference])
    counts = client.get("/pledges/").context["registry"].counts
    assert (counts["seeks:funding"], counts["offers:data"], counts["offers:country_partners"]) == (1, 1, 0)


@pytest.mark.parametrize("query", ["seeks=money", "offers=", "offers=data&offers=gold", "seeks=FUNDING"])
def test_bad_values_answer_400(client, pledges, query):
    response = client.get("/pledges/?" + query)
    assert response.status_code == 400
    assert "This search could not be understood" in response.content.decode()
    assert client.get("/pledges/export.json?" + query).status_code == 400


def test_exports_read_back(client, pledges):
    funding, expertise, neither = pledges
    response = client.get("/pledges/export.csv?sort=reference")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert [(r["reference"], r["seeks"], r["offers"], r["seeking_partners"]) for r in rows] == [
        (funding.reference, '["data","funding"]', '["policy_support"]', "true"),
        (expertise.reference, "[]", '["data","technical_expertise"]', "false"),
        (neither.reference, "[]", "[]", "false"),
    ]
    schema = json.loads(client.get("/pledges/schema.json").content)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    exported = json.loads(b"".join(client.get("/pledges/export.json?sort=reference").streaming_content))
    assert [error.message for error in validator.iter_errors(exported)] == []
    assert [(p["seeks"], p["offers"]) for p in exported["pledges"]] == [
        (["data", "funding"], ["policy_support"]),
        ([], ["data", "technical_expertise"]),
        ([], []),
    ]
    seeks = schema["$defs"]["published"]["properties"]["seeks"]
    assert seeks["items"]["enum"] == ["funding", "technical_expertise", "data", "policy_support", "country_partners"]
    fields = {f["name"]: f for f in json.loads(client.get("/pledges/table-schema.json").content)["fields"]}
    assert (fields["seeks"]["type"], fields["offers"]["type"]) == ("array", "array")
    dictionary = client.get("/pledges/data-dictionary/").content.decode()
    assert ("<code>seeks</code>" in dictionary, "<code>country_partners</code>" in dictionary) == (True, True)


def test_the_migration_turns_the_flags_into_kinds():
    seeking = published(objectives=[3, 7])
    offering = published(kind_financial=True, kind_technical=False, kind_policy=True, countries=["KEN"])
    bare = published(kind_technical=False, kind_process=True)
    Pledge.objects.filter(pk=seeking.pk).update(seeking_partners=True)
    Pledge.objects.filter(pk__in=[offering.pk, bare.pk]).update(offering_support=True)
    migration.flags_to_kinds(apps, None)
    support = PledgeSupport.objects.order_by("pledge_id", "direction", "kind").values_list("pledge_id", "direction", "kind")
    assert list(support) == [
        (seeking.pk, "seek", "country_partners"),
        (offering.pk, "offer", "funding"),
        (offering.pk, "offer", "policy_support"),
        (bare.pk, "offer", "policy_support"),
    ]
    codes = Pledge.objects.order_by("pk").values_list("seek_codes", "offer_codes")
    assert list(codes) == [("|country_partners|", ""), ("", "|funding|policy_support|"), ("", "|policy_support|")]
    keys = PledgeMatchKey.objects.filter(pledge=offering).order_by("kind", "topic").values_list("kind", "topic")
    assert list(keys) == [("funding", "c:KEN"), ("funding", "o:3"), ("policy_support", "c:KEN"), ("policy_support", "o:3")]


def test_the_pledge_page_shows_them(client, pledges):
    funding, _expertise, _neither = pledges
    html = client.get(f"/pledges/{funding.reference}/").content.decode()
    assert ("<dt>Seeks</dt>" in html, "<dt>Offers</dt>" in html, "Policy support" in html) == (True, True, True)
    french = client.get(f"/fr/pledges/{funding.reference}/").content.decode()
    assert ("Financement" in french, "Données" in french) == (True, True)
