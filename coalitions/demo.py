"""A demo coalition for `python manage.py seed_demo`: convened by one demo organisation, with two
others that joined (one on its request, one on an invitation), a workspace note and a shared
draft. Illustrative, and it says so. Run after stakeholders.demo.seed(); pledges.demo makes the
joint pledge from it."""

from django.db import transaction

from coalitions import services
from coalitions.enums import CoalitionState, MembershipState
from coalitions.models import Coalition
from reference.models import Country, Objective
from stakeholders.models import Organization

TITLE = "Fair recruitment of migrant care workers (demo)"
DESCRIPTION = (
    "Demo data: an illustrative coalition, not a real one. Organisations of origin and destination "
    "countries work together so that care workers are recruited without fees, with contracts they "
    "understand, and with access to justice when their rights are violated."
)
DRAFT = (
    "Demo data: an illustrative joint pledge. Together we commit to zero recruitment fees for care workers "
    "recruited through our networks, to pre-departure orientation in the workers' languages, and to a "
    "shared complaints mechanism with legal aid in the countries of destination. Each member reports its "
    "part every year, and the coalition publishes the number of workers recruited without fees, the "
    "complaints received and how they were resolved."
)


class _Form:
    """What create_coalition reads from a form, for the demo."""

    def __init__(self, coalition, objectives, countries):
        self.instance, self.objectives, self.countries = coalition, objectives, countries

    def save(self, commit=True):
        return self.instance

    def save_m2m(self):
        self.instance.objectives.set(self.objectives)
        self.instance.countries.set(self.countries)


@transaction.atomic
def seed():
    """The coalition (once), or None without three demo organisations."""
    existing = Coalition.objects.filter(title=TITLE).first()
    if existing is not None:
        return existing
    organizations = list(Organization.objects.filter(name__endswith="(demo)").order_by("pk")[:3])
    if len(organizations) < 3:
        return None
    convenor, asking, invited = organizations
    form = _Form(
        Coalition(title=TITLE, description=DESCRIPTION),
        Objective.objects.filter(number__in=[6, 18]),
        Country.objects.filter(iso3__in=["PHL", "LBN", "KEN"]),
    )
    coalition = services.create_coalition(form, by=None, convenor=convenor)
    services.set_coalition_state(coalition, CoalitionState.PUBLISHED, by=None)
    request = services.ask_to_join(coalition, asking, by=None, message="Demo data: we would like to join.")
    services.set_member_state(request, MembershipState.CONFIRMED, by=None)
    invitation = services.invite_member(coalition, invited, by=None)
    services.set_member_state(invitation, MembershipState.CONFIRMED, by=None)
    services.post_note(
        coalition,
        by=None,
        member=coalition.members.get(organization=convenor),
        text="Demo data: first call on Tuesday; please add your recruitment data to the shared draft.",
    )
    services.save_draft(coalition, by=None, text=DRAFT, version=coalition.draft_version)
    return coalition
