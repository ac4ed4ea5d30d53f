"""The labels the registry's filters show: forums, objectives, principles and countries, fetched
in ONE query and cached under the `reference` version (core.cache_versions), which a change to
a forum bumps: a forum announced shows in the filters at once."""

from dataclasses import dataclass
from functools import cached_property

from django.core.cache import cache
from django.db.models import CharField, F, IntegerField, Value
from django.db.models.functions import Cast
from django.utils import translation

from core import cache_versions
from core.languages import translated
from forums.enums import ForumStatus
from forums.models import Forum
from reference.models import Country, GuidingPrinciple, Objective

CACHE_SECONDS = 24 * 3600


@dataclass
class Labels:
    forums: list  # [(year, id, title)], newest first
    objectives: list  # [(number, short_label, title)]
    principles: list  # [(letter, name)]
    countries: list  # [(iso3, name, region)]

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
    return list(
        forums.order_by().union(objectives.order_by(), principles.order_by(), countries.order_by(), all=True)
    )


def cache_key():
    version = cache_versions.current(cache_versions.REFERENCE)
    return None if version is None else f"pledges:labels:{translation.get_language()}:{version}"


def labels():
    name = cache_key()
    data = cache.get(name) if name else None
    if data is None:
        rows = _rows()
        forums, objectives, principles, countries = [], [], [], []
        for kind, key, label, extra, _sort in rows:
            if kind == "forum":
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
        )
        if name:
            cache.set(name, data, CACHE_SECONDS)
    return data


