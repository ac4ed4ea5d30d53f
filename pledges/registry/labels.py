"""The labels the registry's filters show: forums, objectives, round tables, principles and countries, fetched
in ONE query and cached under the `reference` version (core.cache_versions), which a change to
a forum bumps: a forum announced shows in the filters at once."""

from dataclasses import dataclass
from functools import cached_property

from django.core.cache import cache
from django.db.models import CharField, F, IntegerField, Value
from django.db.models.functions import Cast
from django.utils import translation
from django.utils.translation import gettext as _

from core import cache_versions
from core.languages import translated
from forums.enums import ForumStatus
from forums.models import Forum, RoundTable
from reference.models import Country, GuidingPrinciple, Objective

CACHE_SECONDS = 24 * 3600


@dataclass
class Labels:
    forums: list  # [(year, id, title)], newest first
    objectives: list  # [(number, short_label, title)]
    principles: list  # [(letter, name)]
    countries: list  # [(iso3, name, region)]
    # [("2026-1", label, forum id, ("1", "2", ...) its objectives)], newest forum first
    round_tables: list = ()

    @cached_property
    def forum_by_year(self):
        return {year: pk for year, pk, _title in self.forums}

    @cached_property
    def forum_year_by_id(self):
        return {pk: year for year, pk, _title in self.forums}

    @cached_property
    def objective_labels(self):
        return {number: label for number, label, _title in self.objectives}

    @cached_property
    def principle_labels(self):
        return dict(self.principles)

    @cached_property
    def round_table_by_key(self):
        return {key: (forum_id, numbers) for key, _label, forum_id, numbers in self.round_tables}

    @cached_property
    def _round_tables_by_forum(self):
        found = {}
        for key, _label, forum_id, numbers in self.round_tables:
            found.setdefault(forum_id, []).append((key, frozenset(numbers)))
        return found

    def round_tables_of(self, forum_id, objective_codes):
        """The round tables of the pledge's forum that discuss one of its objectives."""
        codes = set(objective_codes)
        return [key for key, numbers in self._round_tables_by_forum.get(forum_id, ()) if numbers & codes]

    @cached_property
    def country_names(self):
        return {iso3: name for iso3, name, _region in self.countries}


def _rows():
    text = CharField()
    number = IntegerField()

    def shape(qs, kind, *, key, label, extra, sort):
        return qs.annotate(
            k=Value(kind, output_field=text),
            key=Cast(key, text),
            label=Cast(label, text),
            extra=Cast(extra, text),
            sort=Cast(sort, number),
        ).values_list("k", "key", "label", "extra", "sort")

    forums = shape(
        Forum.objects.filter(status__in=ForumStatus.public_states()),
        "forum",
        key=F("year"),
        label=translated("title"),
        extra=F("id"),
        sort=F("year"),
    )
    objectives = shape(
        Objective.objects.all(),
        "objective",
        key=F("number"),
        label=translated("short_label"),
        extra=translated("title"),
        sort=F("number"),
    )
    principles = shape(
        GuidingPrinciple.objects.all(),
        "principle",
        key=F("letter"),
        label=translated("name"),
        extra=F("letter"),
        sort=Value(0),
    )
    countries = shape(
        Country.objects.all(), "country", key=F("iso3"), label=translated("name"), extra=F("region"), sort=Value(0)
    )
    # One row per round table and objective (the facet "round_table" is its forum's pledges for
    # any of its objectives).
    round_tables = shape(
        RoundTable.objects.filter(forum__status__in=ForumStatus.public_states()),
        "round_table",
        key=F("forum__year"),
        label=F("number"),
        extra=F("objectives__number"),
        sort=F("forum_id"),
    )
    return list(
        forums.order_by().union(
            objectives.order_by(), principles.order_by(), countries.order_by(), round_tables.order_by(), all=True
        )
    )


def cache_key():
    version = cache_versions.current(cache_versions.REFERENCE)
    return None if version is None else f"pledges:labels:2:{translation.get_language()}:{version}"


# This process's copies, by cache key (language and reference version): the same Labels object
# for every request until the reference data changes, so that what is built from it once (the
# facet links' table, markup.facet_table) is built once per process and version.
_kept = {}


def labels():
    name = cache_key()
    if name in _kept:
        return _kept[name]
    data = cache.get(name) if name else None
    if data is None:
        rows = _rows()
        forums, objectives, principles, countries, round_tables = [], [], [], [], {}
        for kind, key, label, extra, sort in rows:
            if kind == "round_table":
                entry = round_tables.setdefault((int(key), int(label)), (int(sort), set()))
                if extra is not None:
                    entry[1].add(str(int(extra)))
            elif kind == "forum":
                forums.append((int(key), int(extra), label))
            elif kind == "objective":
                objectives.append((int(key), label, extra))
            elif kind == "principle":
                principles.append((key, label))
            else:
                countries.append((key, label, extra))
        data = Labels(
            forums=sorted(forums, reverse=True),
            objectives=sorted(objectives),
            principles=sorted(principles),
            countries=sorted(countries, key=lambda c: c[1].casefold()),
            round_tables=[
                (
                    f"{year}-{number}",
                    _("IMRF %(year)s, round table %(number)s") % {"year": year, "number": number},
                    forum_id,
                    tuple(sorted(numbers, key=int)),
                )
                for (year, number), (forum_id, numbers) in sorted(
                    round_tables.items(), key=lambda item: (-item[0][0], item[0][1])
                )
            ],
        )
        if name:
            cache.set(name, data, CACHE_SECONDS)
    if name:
        if len(_kept) >= 24:
            _kept.clear()
        _kept[name] = data
    return data


