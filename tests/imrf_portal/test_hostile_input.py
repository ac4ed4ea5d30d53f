"""Random and hostile query strings, path segments and form data at every public and signed-in
page: a page with an explanation, a 4xx, never a 500. Very long strings, NUL bytes and other control
characters, wrong types, SQL and HTML fragments and unknown filter values are in the mix."""

import unicodedata
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forums.demo import seed
from stakeholders.enums import AccreditationState
from tests.stakeholders.factories import AccreditationFactory, OrganizationFactory, focal_point_of, open_forum

pytestmark = pytest.mark.django_db

HOSTILE = st.sampled_from(
    [
        "",
        "0",
        "-1",
        "99999999999999999999999",
        "1e309",
        "nan",
        "2026",
        "abc",
        "\x00",
        "a\x00b",
        "x" * 10_000,
        "' OR 1=1 --",
        "1; DROP TABLE forums_forum",
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "%00",
        "../../etc/passwd",
        "☃",
        "\ud7ff",
        "[]",
        "{}",
        "true",
        "None",
        "null",
        "2026-13-45",
        "Africa",
        "migrant",
        "ZZZ",
        "KEN",
    ]
)
VALUES = st.one_of(HOSTILE, st.text(max_size=300), st.integers().map(str))
KEYS = st.one_of(
    st.sampled_from(
        [
            "q",
            "page",
            "forum",
            "category",
            "region",
            "country",
            "objective",
            "principle",
            "kind",
            "pledger",
            "stage",
            "health",
            "seeking_partners",
            "sort",
            "format",
            "next",
            "year",
        ]
    ),
    st.text(min_size=1, max_size=20),
)
QUERY = st.lists(st.tuples(KEYS, VALUES), max_size=8)

PUBLIC = [
    "/",
    "/forums/",
    "/forums/2026/",
    "/forums/2026/programme/",
    "/forums/2026/programme.ics",
    "/forums/2026/sessions/round-table-1/",
    "/forums/2026/side-events/",
    "/forums/2026/summaries/",
    "/objectives/",
    "/objectives/5/",
    "/organizations/",
    "/pledges/",
    "/pledges/statistics/",
    "/pledges/data-dictionary/",
    "/pledges/feed/",
    "/pledges/export.json",
    "/pledges/export.csv",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/healthz",
]
SIGNED_IN = [
    "/my/",
    "/my/organization/",
    "/my/organization/members/",
    "/my/join/",
    "/my/accreditation/2030/",
    "/my/delegates/2030/",
    "/my/speaking-requests/2030/",
    "/my/nominations/2030/",
    "/pledges/my/",
    "/pledges/my/new/",
    "/my/side-events/",
    "/my/account/data.json",
]
FORMS = [
    "/my/organization/",
    "/my/delegates/2030/",
    "/my/speaking-requests/2030/",
    "/my/nominations/2030/",
    "/my/organization/invitations/",
    "/pledges/my/new/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
]
NEVER_EVER = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def world(client):
    seed()
    organization = OrganizationFactory()
    AccreditationFactory(organization=organization, forum=open_forum(), state=AccreditationState.APPROVED)
    return focal_point_of(organization)


def consume(response):
    if getattr(response, "streaming", False):
        b"".join(response.streaming_content)
    return response.status_code


@NEVER_EVER
@given(query=QUERY)
def test_public_pages_never_fail_on_hostile_query_strings(client, world, query):
    for path in PUBLIC:
        status = consume(client.get(path, dict(query)))
        assert status < 500, (path, query)


@NEVER_EVER
@given(query=QUERY)
def test_signed_in_pages_never_fail_on_hostile_query_strings(client, world, query):
    client.force_login(world)
    for path in SIGNED_IN:
        status = consume(client.get(path, dict(query)))
        assert status < 500, (path, query)


@NEVER_EVER
@given(data=QUERY)
def test_forms_never_fail_on_hostile_data(client, world, data):
    client.force_login(world)
    for path in FORMS:
        status = client.post(path, dict(data)).status_code
        assert status < 500, (path, data)


# Addresses with a free segment ({}): what the URL converters let through reaches the views.
PATHS = [
    "/pledges/{}/",
    "/pledges/{}/attachment/",
    "/pledges/IMRF2030-0001{}/",
    "/pledges/my/{}/",
    "/pledges/my/{}/edit/",
    "/pledges/my/{}/partners/",
    "/pledges/my/{}/report/",
    "/my/invitations/{}/",
    "/my/join/{}/",
    "/organizations/{}/",
    "/organizations/{}/logo/",
    "/forums/2026/sessions/{}/",
    "/forums/2026/side-events/{}/",
    "/forums/2026/summaries/{}/",
    "/forums/2026/summaries/{}.pdf",
    "/language/{}/",
    "/fr/pledges/{}/",
    "/ar/my/invitations/{}/",
    "/zh-hans/pledges/my/{}/edit/",
]
CONTROL = st.characters(min_codepoint=0, max_codepoint=0x9F).filter(lambda c: unicodedata.category(c) == "Cc")
SEGMENT = st.one_of(HOSTILE.filter(bool), st.text(min_size=1, max_size=40))
WITH_CONTROL = st.tuples(st.text(max_size=10), CONTROL, st.text(max_size=10)).map("".join)


def has_control(text):
    return any(unicodedata.category(char) == "Cc" for char in text)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(segment=st.one_of(SEGMENT, WITH_CONTROL))
def test_hostile_path_segments_never_fail(client, world, segment):
    for signed_in in (False, True):
        if signed_in:
            client.force_login(world)
        for template in PATHS:
            path = template.format(quote(segment, safe=""))
            status = consume(client.get(path))
            if has_control(segment):
                assert status == 400, (path, signed_in)
            else:
                assert status < 500, (path, signed_in)
