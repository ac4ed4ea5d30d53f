"""The UN Regional Commissions are a list of their own, loaded from data: not the M49 continents
pledges are filtered by."""

import pytest

from reference.models import MemberState
from reviews.models import RegionalCommission

pytestmark = pytest.mark.django_db


def test_the_five_commissions_and_their_members():
    counts = {c.code: c.members.count() for c in RegionalCommission.objects.all()}
    # ESCWA's 20th member, the State of Palestine, is not one of the 193 Member States.
    assert counts == {"ECA": 54, "ECE": 56, "ECLAC": 46, "ESCAP": 53, "ESCWA": 19}


def test_every_member_state_belongs_to_at_least_one():
    assert MemberState.objects.filter(regional_commissions__isnull=True).count() == 0


def test_membership_is_not_the_continents():
    def codes(iso3):
        return sorted(MemberState.objects.get(iso3=iso3).regional_commissions.values_list("code", flat=True))

    assert (codes("ESP"), codes("TUR"), codes("USA"), codes("EGY"), codes("KAZ")) == (
        ["ECE", "ECLAC"],
        ["ECE", "ECLAC", "ESCAP"],
        ["ECE", "ECLAC", "ESCAP"],
        ["ECA", "ESCWA"],
        ["ECE", "ESCAP"],
    )
