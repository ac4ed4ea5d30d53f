"""The Member States of the five UN Regional Commissions (regional_commissions.json), loaded by a
data migration, and again by the tests into a database a committed-transaction test emptied."""

import json
from pathlib import Path

COMMISSIONS = Path(__file__).resolve().parent / "regional_commissions.json"


def commissions():
    return json.loads(COMMISSIONS.read_text(encoding="utf-8"))["commissions"]


def load(RegionalCommission, Country):
    """Works with the historical models of a migration as with the real ones."""
    states = dict(Country.objects.filter(un_member=True).values_list("iso3", "pk"))
    for code, members in commissions().items():
        commission, _created = RegionalCommission.objects.get_or_create(code=code)
        commission.members.set([states[iso3] for iso3 in members])
