"""The registry's filters. Every value is checked against a fixed list of choices; a value that
is not one of them makes the form invalid, and the page answers 400 with the reason."""

import datetime
import functools

import django_filters
from django import forms
from django.db.models import Q
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from forums.enums import Region
from pledges.enums import PledgeKind, ReportingHealth, Stage, pledger_type_choices
from pledges.models import AMBER_AFTER_DAYS, RED_AFTER_DAYS, Pledge

SORTS = [
    ("relevance", _("Relevance (with a search)")),
    ("newest", _("Newest first")),
    ("oldest", _("Oldest first")),
    ("title", _("Title A–Z")),
    ("reference", _("Reference")),
    ("reported", _("Most recently reported")),
]
ORDERINGS = {
    "newest": ("-published_at", "-pk"),
    "oldest": ("published_at", "pk"),
    "title": ("title", "pk"),
    "reference": ("reference",),
    "reported": ("-health_since", "-pk"),
}
# The parameters that choose the results; `sort` and `page` only arrange them.
FILTER_PARAMS = (
    "q",
    "forum",
    "objective",
    "principle",
    "kind",
    "pledger",
    "region",
    "country",
    "stage",
    "health",
    "seeking",
)


class FastSelect(forms.Select):
    """A select rendered in Python: Django renders each option through a template, which costs
    more than the registry's database work for a list of 244 countries."""

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        selected = "" if value is None else str(value)
        options = "".join(
            f'<option value="{_escaped(str(v))}"{" selected" if str(v) == selected else ""}>{_escaped(str(label))}</option>'
            for v, label in self.choices
        )
        return mark_safe(f"<select{flatatt(final)}>{options}</select>")  # noqa: S308 - every part escaped


@functools.lru_cache(maxsize=4096)
def _escaped(text):
    return escape(text)


def health_q(value, today=None):
    today = today or timezone.localdate()
    amber_from = today - datetime.timedelta(days=AMBER_AFTER_DAYS)
    red_from = today - datetime.timedelta(days=RED_AFTER_DAYS)
    if value == ReportingHealth.GREEN:
        return Q(health_since__gt=amber_from)
    if value == ReportingHealth.AMBER:
        return Q(health_since__lte=amber_from, health_since__gt=red_from)
    return Q(health_since__lte=red_from)


class RegistryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_nothing",
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("Words in the reference, title, text or the pledgers' names."),
    )
    forum = django_filters.ChoiceFilter(label=_("Forum"), method="filter_forum", empty_label=_("All forums"))
    objective = django_filters.ChoiceFilter(
        label=_("GCM objective"), method="filter_objective", empty_label=_("All objectives")
    )
    principle = django_filters.ChoiceFilter(
        label=_("Guiding principle"), method="filter_principle", empty_label=_("All principles")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=PledgeKind.choices, method="filter_kind", empty_label=_("All kinds")
    )
    pledger = django_filters.ChoiceFilter(
        label=_("Pledger"), field_name="pledger_type", empty_label=_("All pledgers")
    )
    region = django_filters.ChoiceFilter(
        label=_("Region"), choices=Region.choices, method="filter_region", empty_label=_("All regions")
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), method="filter_country", empty_label=_("All countries")
    )
    stage = django_filters.ChoiceFilter(label=_("Stage"), choices=Stage.choices, empty_label=_("All stages"))
    health = django_filters.ChoiceFilter(
        label=_("Reporting"),
        choices=ReportingHealth.choices,
        method="filter_health",
        empty_label=_("Any reporting"),
    )
    seeking = django_filters.BooleanFilter(
        label=_("Seeking partners only"),
        field_name="seeking_partners",
        method="filter_seeking",
        widget=forms.CheckboxInput,
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"), choices=SORTS, method="filter_nothing", empty_label=None
    )

    class Meta:
        model = Pledge
        fields = []

    def __init__(self, data=None, *args, reference, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.reference = reference
        self.filters["forum"].extra["choices"] = [(str(y), str(y)) for y, _pk, _t in reference.forums]
        self.filters["objective"].extra["choices"] = [
            (str(n), f"{n}. {label}") for n, label, _title in reference.objectives
        ]
        self.filters["principle"].extra["choices"] = [
            (k, f"({k}) {name}") for k, name in reference.principles
        ]
        self.filters["pledger"].extra["choices"] = pledger_type_choices()
        self.filters["country"].extra["choices"] = [(iso3, name) for iso3, name, _r in reference.countries]
        for name in (
            "forum",
            "objective",
            "principle",
            "kind",
            "pledger",
            "region",
            "country",
            "stage",
            "health",
            "sort",
        ):
            self.filters[name].extra["widget"] = FastSelect

    def filter_nothing(self, queryset, name, value):
        return queryset  # applied by the registry query: search ranks, sort orders

    def filter_forum(self, queryset, name, value):
        return queryset.filter(forum_id=self.reference.forum_by_year[int(value)])

    def filter_objective(self, queryset, name, value):
        return queryset.filter(objective_codes__contains=f"|{int(value)}|")

    def filter_principle(self, queryset, name, value):
        return queryset.filter(principle_codes__contains=f"|{value}|")

    def filter_kind(self, queryset, name, value):
        return queryset.filter(**{f"kind_{value}": True})

    def filter_region(self, queryset, name, value):
        return queryset.filter(region_codes__contains=f"|{value}|")

    def filter_country(self, queryset, name, value):
        return queryset.filter(country_codes__contains=f"|{value}|")

    def filter_health(self, queryset, name, value):
        return queryset.filter(health_q(value))

    def filter_seeking(self, queryset, name, value):
        return queryset.filter(seeking_partners=True) if value else queryset
