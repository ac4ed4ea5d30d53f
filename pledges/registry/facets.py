"""The registry's facets, each declared once: its name (the query parameter), its label, its
values and their labels, which values a pledge has, and the SQL condition for one value.

Everything that filters or counts pledges reads these declarations: the filter form (filters.py),
the in-memory index and its counts (index.py), the facet links of the registry page, the
statistics and the data dictionary."""

import datetime
import functools
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.codes import split_codes
from pledges.enums import PledgeKind, ReportingHealth, Stage, pledger_type_choices
from pledges.models import AMBER_AFTER_DAYS, RED_AFTER_DAYS, health_of
from reference.enums import Region, SupportKind

KINDS = [kind.value for kind in PledgeKind]


@dataclass(frozen=True)
class Facet:
    name: str
    label: object
    empty_label: object
    # (value, label) for every value the registry offers, given the labels of the reference data.
    choices: object
    # The values a pledge has, from its row (a dict of COLUMNS) and the day's date.
    values: object
    # The SQL condition that selects the pledges with one value.
    condition: object
    # Offered as links with counts beside the results (a country list is too long for that).
    linked: bool = True
    boolean: bool = False
    help_text: object = ""
    columns: tuple = field(default=())

    def keys(self, labels):
        return [f"{self.name}:{value}" for value, _label in self.choices(labels)]


def health_q(value, today=None):
    today = today or timezone.localdate()
    amber_from = today - datetime.timedelta(days=AMBER_AFTER_DAYS)
    red_from = today - datetime.timedelta(days=RED_AFTER_DAYS)
    if value == ReportingHealth.GREEN:
        return Q(health_since__gt=amber_from)
    if value == ReportingHealth.AMBER:
        return Q(health_since__lte=amber_from, health_since__gt=red_from)
    return Q(health_since__lte=red_from)


@functools.lru_cache(maxsize=65536)
def _split(value):
    # Code strings repeat from pledge to pledge ("|3|5|"): the index splits each once.
    return tuple(split_codes(value))


@functools.lru_cache(maxsize=8192)
def _health(since, today):
    return (health_of(since, today),) if since else ()


def _codes(column):
    return lambda row, labels, today: _split(row[column])


def _contains(column):
    return lambda value, labels, today: Q(**{f"{column}__contains": f"|{value}|"})


def _round_table_q(value, labels):
    """A round table's pledges: those of its forum for any of its objectives (as its summary
    counts them)."""
    forum_id, numbers = labels.round_table_by_key[value]
    either = Q(pk__in=[])
    for number in numbers:
        either |= Q(objective_codes__contains=f"|{number}|")
    return Q(forum_id=forum_id) & either


def _flag(name, column, label, choice_label):
    """A yes/no facet on one boolean column: ?<name>=true keeps the pledges that say so."""
    return Facet(
        name=name,
        label=label,
        empty_label=None,
        choices=lambda labels: [("true", choice_label)],
        values=lambda row, labels, today: ["true"] if row[column] else [],
        condition=lambda value, labels, today: Q(**{column: True}),
        linked=False,
        boolean=True,
        columns=(column,),
    )


FACETS = (
    Facet(
        name="forum",
        label=_("Forum"),
        empty_label=_("All forums"),
        choices=lambda labels: [(str(year), str(year)) for year, _pk, _title in labels.forums],
        values=lambda row, labels, today: [str(labels.forum_year_by_id.get(row["forum_id"], ""))],
        condition=lambda value, labels, today: Q(forum_id=labels.forum_by_year.get(int(value))),
        columns=("forum_id",),
    ),
    Facet(
        name="objective",
        label=_("GCM objective"),
        empty_label=_("All objectives"),
        choices=lambda labels: [(n, f"{n}. {label}") for n, label, _title in labels.objectives],
        values=_codes("objective_codes"),
        condition=_contains("objective_codes"),
        columns=("objective_codes",),
    ),
    Facet(
        name="round_table",
        label=_("Round table"),
        empty_label=_("All round tables"),
        choices=lambda labels: [(key, label) for key, label, _forum_id, _numbers in labels.round_tables],
        values=lambda row, labels, today: labels.round_tables_of(row["forum_id"], _split(row["objective_codes"])),
        condition=lambda value, labels, today: _round_table_q(value, labels),
        columns=("forum_id", "objective_codes"),
    ),
    Facet(
        name="principle",
        label=_("Guiding principle"),
        empty_label=_("All principles"),
        choices=lambda labels: [(letter, f"({letter}) {name}") for letter, name in labels.principles],
        values=_codes("principle_codes"),
        condition=_contains("principle_codes"),
        columns=("principle_codes",),
    ),
    Facet(
        name="kind",
        label=_("Kind"),
        empty_label=_("All kinds"),
        choices=lambda labels: PledgeKind.choices,
        values=lambda row, labels, today: [kind for kind in KINDS if row[f"kind_{kind}"]],
        condition=lambda value, labels, today: Q(**{f"kind_{value}": True}),
        columns=tuple(f"kind_{kind}" for kind in KINDS),
    ),
    Facet(
        name="pledger",
        label=_("Pledger"),
        empty_label=_("All pledgers"),
        choices=lambda labels: pledger_type_choices(),
        values=lambda row, labels, today: [row["pledger_type"]],
        condition=lambda value, labels, today: Q(pledger_type=value),
        columns=("pledger_type",),
    ),
    Facet(
        name="region",
        label=_("Region"),
        empty_label=_("All regions"),
        choices=lambda labels: Region.choices,
        values=_codes("region_codes"),
        condition=_contains("region_codes"),
        columns=("region_codes",),
    ),
    Facet(
        name="country",
        label=_("Country"),
        empty_label=_("All countries"),
        choices=lambda labels: [(iso3, name) for iso3, name, _region in labels.countries],
        values=_codes("country_codes"),
        condition=_contains("country_codes"),
        linked=False,
        columns=("country_codes",),
    ),
    Facet(
        name="stage",
        label=_("Stage"),
        empty_label=_("All stages"),
        choices=lambda labels: Stage.choices,
        values=lambda row, labels, today: [row["stage"]],
        condition=lambda value, labels, today: Q(stage=value),
        columns=("stage",),
    ),
    Facet(
        name="health",
        label=_("Reporting"),
        empty_label=_("Any reporting"),
        choices=lambda labels: ReportingHealth.choices,
        values=lambda row, labels, today: _health(row["health_since"], today),
        condition=lambda value, labels, today: health_q(value, today),
        columns=("health_since",),
    ),
    Facet(
        name="seeks",
        label=_("Seeks"),
        empty_label=_("Seeking anything or nothing"),
        choices=lambda labels: SupportKind.choices,
        values=_codes("seek_codes"),
        condition=_contains("seek_codes"),
        columns=("seek_codes",),
    ),
    Facet(
        name="offers",
        label=_("Offers"),
        empty_label=_("Offering anything or nothing"),
        choices=lambda labels: SupportKind.choices,
        values=_codes("offer_codes"),
        condition=_contains("offer_codes"),
        columns=("offer_codes",),
    ),
    # The flags are derived from the kinds above (any kind sought, any offered): the registry's
    # earlier addresses ?seeking=true and ?offering=true select what they always did.
    _flag("seeking", "seeking_partners", _("Seeking partners only"), _("Seeking partners")),
    _flag("offering", "offering_support", _("Offering support only"), _("Offering support")),
)
BY_NAME = {facet.name: facet for facet in FACETS}
LINKED = tuple(facet for facet in FACETS if facet.linked)
COLUMNS = ("id", *dict.fromkeys(column for facet in FACETS for column in facet.columns))


def chosen(cleaned, facet):
    """The values of one facet the cleaned query string sets (several: any of them)."""
    value = cleaned.get(facet.name)
    if facet.boolean:
        return ["true"] if value else []
    if value in (None, ""):
        return []
    values = value if isinstance(value, list | tuple) else [value]
    return list(dict.fromkeys(str(v) for v in values if v not in (None, "")))


def selected(cleaned):
    """(facet, [values]) for every facet the cleaned query string sets: OR within a facet, AND
    across facets."""
    return [(facet, values) for facet in FACETS if (values := chosen(cleaned, facet))]


def condition(cleaned, labels, today=None):
    """The SQL condition of every facet the query string sets (AND across facets, OR within)."""
    today = today or timezone.localdate()
    combined = Q()
    for facet, values in selected(cleaned):
        either = Q(pk__in=[])
        for value in values:
            either |= facet.condition(value, labels, today)
        combined &= either
    return combined


def value_labels(name, labels):
    return dict(BY_NAME[name].choices(labels))
