"""Countries and territories, 193 of them Member States, ship as a fixture; country-converter (a test-only dependency, since it
pulls in pandas) checks that the fixture matches UN membership and the M49 regions."""

import country_converter
import pytest

from reference.models import MemberState

pytestmark = pytest.mark.django_db

M49_REGIONS = {
    "Africa": "Africa",
    "America": "Americas",
    "Asia": "Asia",
    "Europe": "Europe",
    "Oceania": "Oceania",
}


@pytest.fixture(scope="module")
def un_members():
    data = country_converter.CountryConverter().data
    members = data[data["UNmember"].notna()]
    return {
        row.ISO3: (int(row.UNcode), M49_REGIONS[row.continent], row.UNregion) for row in members.itertuples()
    }


def test_exactly_the_193_member_states(un_members):
    assert len(un_members) == 193
    assert set(MemberState.objects.values_list("iso3", flat=True)) == set(un_members)


def test_each_member_state_has_its_m49_code_region_and_subregion(un_members):
    loaded = {
        state.iso3: (state.m49_code, state.region, state.subregion) for state in MemberState.objects.all()
    }
    assert loaded == un_members


def test_regions_are_the_five_m49_regions():
    assert set(MemberState.objects.values_list("region", flat=True)) == {
        "Africa",
        "Americas",
        "Asia",
        "Europe",
        "Oceania",
    }


def test_iso_codes_are_plain_codes():
    assert all(len(s.iso2) == 2 and s.iso2.isalpha() and s.iso2.isupper() for s in MemberState.objects.all())
    assert MemberState.objects.get(iso3="GBR").iso2 == "GB"
    assert MemberState.objects.get(iso3="NAM").iso2 == "NA"


def test_countries_and_territories_beyond_the_member_states_are_there_for_organisations():
    from reference.models import Country

    assert Country.objects.count() == 244
    non_members = set(Country.objects.filter(un_member=False).values_list("iso3", flat=True))
    assert {"PSE", "VAT", "HKG", "PRI"} <= non_members
    assert MemberState.objects.filter(iso3="PSE").exists() is False
