"""The public registry of practices: its facets, each declared once (the query parameter, its
label, the row column it reads and its choices), the checks of the query string, and one page in
three queries whatever the number of practices:

1. the labels of the reference data and the calls (one UNION);
2. the facet columns of every published practice the search matches, in the page's order: the
   facet filters, every count and the page's ids are worked out from these rows in Python;
3. the page's rows.

Counts are disjunctive: a facet's counts are those of the practices matching every other facet
chosen, so that ticking a second objective shows how many it adds."""

import math
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import CharField, F, IntegerField, Value
from django.db.models.functions import Cast
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.languages import translated
from practices import search
from practices.enums import implementer_type_choices
from practices.models import Practice, PracticeCall, split_codes
from reference.enums import Region
from reference.models import Country, GuidingPrinciple, Objective

PAGE_SIZE = 20
SORTS = {
    "relevance": gettext_lazy("Relevance (with a search)"),
    "newest": gettext_lazy("Newest first"),
    "oldest": gettext_lazy("Oldest first"),
    "title": gettext_lazy("Title A–Z"),
}


@dataclass(frozen=True)
class Facet:
    name: str
    label: object
    column: str
    multi: bool  # the column holds several codes ("|1|5|")
    # Shown as a list box rather than as links with counts (244 countries are too many).
    linked: bool = True

    def values_of(self, row_value):
        if self.multi:
            return split_codes(row_value)
        return () if row_value in (None, "") else (str(row_value),)


FACETS = (
    Facet("objective", gettext_lazy("GCM objective"), "objective_codes", True),
    Facet("principle", gettext_lazy("Guiding principle"), "principle_codes", True),
    Facet("region", gettext_lazy("Region"), "region_codes", True),
    Facet("country", gettext_lazy("Country"), "country_codes", True, linked=False),
    Facet("call", gettext_lazy("Call for practices"), "call_id", False),
    Facet("implementer", gettext_lazy("Implementer type"), "implementer_type", False),
)
FACET_COLUMNS = [facet.column for facet in FACETS]
# Every parameter the registry and its exports read (the page cache keys them by these alone).
FILTER_PARAMS = ("q", *(facet.name for facet in FACETS))
PAGE_PARAMS = (*FILTER_PARAMS, "sort", "page")


class BadRequest(Exception):
    def __init__(self, messages):
        super().__init__(messages)
        self.messages = messages


@dataclass
class Labels:
    choices: dict  # facet name → [(value, label)]


def labels():
    """Query 1: every facet's values and their labels, in the active language."""
    text = CharField()

    def shape(qs, kind, *, key, label, sort):
        return qs.annotate(
            k=Value(kind, output_field=text), key=Cast(key, text), label=Cast(label, text), sort=Cast(sort, IntegerField())
        ).values_list("k", "key", "label", "sort")

    parts = [
        shape(Objective.objects.all(), "objective", key=F("number"), label=translated("short_label"), sort=F("number")),
        shape(GuidingPrinciple.objects.all(), "principle", key=F("letter"), label=translated("name"), sort=Value(0)),
        shape(Country.objects.all(), "country", key=F("iso3"), label=translated("name"), sort=Value(0)),
        shape(PracticeCall.objects.all(), "call", key=F("id"), label=F("title"), sort=Value(0)),
    ]
    # Each part is selected by its column names: Django's UNION takes each part's columns in
    # the order its queryset class puts them, which modeltranslation's does not keep.
    sql, params = [], []
    columns = ", ".join(connection.ops.quote_name(name) for name in ("k", "key", "label", "sort"))
    for part in parts:
        part_sql, part_params = part.order_by().query.sql_with_params()
        sql.append(f"SELECT {columns} FROM ({part_sql}) AS part")  # noqa: S608 - Django's own SQL
        params.extend(part_params)
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(sql), params)
        rows = cursor.fetchall()
    found = {"objective": [], "principle": [], "country": [], "call": []}
    for kind, key, label, sort in rows:
        found[kind].append((sort, key, label))
    choices = {
        "objective": [(key, f"{key}. {label}") for _sort, key, label in sorted(found["objective"])],
        "principle": sorted(((key, label) for _s, key, label in found["principle"]), key=lambda c: c[0]),
        "country": sorted(((key, label) for _s, key, label in found["country"]), key=lambda c: c[1].casefold()),
        "call": sorted(((key, label) for _s, key, label in found["call"]), key=lambda c: c[1].casefold()),
        "region": list(Region.choices),
        "implementer": [(value, str(label)) for value, label in implementer_type_choices()],
    }
    return Labels(choices=choices)


@dataclass
class Query:
    q: str = ""
    chosen: dict = field(default_factory=dict)  # facet name → set of values
    sort: str = "newest"
    page: int = 1


def parse(params, labels_):
    """The query string, checked: every value one of its facet's, the sort one of SORTS, the
    page a whole number. A BadRequest names each mistake."""
    errors = []
    q = (params.get("q") or "").strip()
    if len(q) > 200:
        errors.append(_("The search may be at most 200 characters long."))
    chosen = {}
    for facet in FACETS:
        values = [v for v in params.getlist(facet.name) if v != ""]
        if not values:
            continue
        allowed = {str(value) for value, _label in labels_.choices[facet.name]}
        wrong = [v for v in values if v not in allowed]
        if wrong:
            errors.append(
                _("“%(value)s” is not a value of “%(name)s”.") % {"value": wrong[0][:50], "name": facet.name}
            )
        chosen[facet.name] = set(values)
    sort = params.get("sort") or ("relevance" if q else "newest")
    if sort not in SORTS:
        errors.append(_("“%(value)s” is not a sort; use one of: %(sorts)s.") % {"value": sort[:50], "sorts": ", ".join(SORTS)})
    page = params.get("page") or "1"
    if not page.isdigit() or int(page) < 1:
        errors.append(_("The page is a whole number from 1; “%(value)s” is not.") % {"value": page[:20]})
        page = "1"
    if errors:
        raise BadRequest(errors)
    if sort == "relevance" and not search.terms(q):
        sort = "newest"
    return Query(q=q, chosen=chosen, sort=sort, page=int(page))


def matching(query):
    """The published practices the search matches, in the page's order."""
    qs = Practice.objects.published().filter(search.condition(query.q))
    if query.sort == "relevance" and search.is_postgresql():
        rank = SearchRank(F("search_vector"), SearchQuery(" ".join(search.terms(query.q)), config=search.SEARCH_CONFIG, search_type="websearch"))
        return qs.annotate(rank=rank).order_by("-rank", "-published_at", "-pk")
    if query.sort == "oldest":
        return qs.order_by("published_at", "pk")
    if query.sort == "title":
        return qs.order_by("title", "pk")
    return qs.order_by("-published_at", "-pk")


def _passes(values_by_facet, chosen, skip=None):
    for name, wanted in chosen.items():
        if name != skip and not (wanted & values_by_facet[name]):
            return False
    return True


def filtered_ids(query):
    """Query 2 and what follows from it: the ids of the matching practices after the facet
    filters, in order, and every facet value's count."""
    rows = matching(query).values_list("id", *FACET_COLUMNS)
    counts = {facet.name: {} for facet in FACETS}
    ids = []
    chosen = query.chosen
    for row in rows:
        values = {facet.name: set(facet.values_of(row[n + 1])) for n, facet in enumerate(FACETS)}
        passes = _passes(values, chosen)
        if passes:
            ids.append(row[0])
        for facet in FACETS:
            # A row that fails only this facet's own choice still counts for its values.
            if passes or (facet.name in chosen and _passes(values, chosen, skip=facet.name)):
                bucket = counts[facet.name]
                for value in values[facet.name]:
                    bucket[value] = bucket.get(value, 0) + 1
    return ids, counts


@dataclass
class Result:
    query: Query
    labels: Labels
    total: int
    practices: list
    counts: dict
    pages: int

    @property
    def has_previous(self):
        return self.query.page > 1

    @property
    def has_next(self):
        return self.query.page < self.pages


def page_rows(ids):
    """Query 3: the rows of one page, in the order of `ids`."""
    found = {p.pk: p for p in Practice.objects.filter(pk__in=ids).select_related("call")}
    return [found[pk] for pk in ids if pk in found]


def registry(params):
    labels_ = labels()
    query = parse(params, labels_)
    ids, counts = filtered_ids(query)
    pages = max(1, math.ceil(len(ids) / PAGE_SIZE))
    if query.page > pages:
        raise BadRequest([_("There is no page %(page)s: the results have %(pages)s.") % {"page": query.page, "pages": pages}])
    start = (query.page - 1) * PAGE_SIZE
    return Result(
        query=query,
        labels=labels_,
        total=len(ids),
        practices=page_rows(ids[start : start + PAGE_SIZE]),
        counts=counts,
        pages=pages,
    )


def facet_groups(result, params):
    """For each linked facet: its values with their counts and the query string that adds the
    value to the facet's (any of them) or, for one already chosen, removes it."""
    base = QueryDict(mutable=True)
    for name in PAGE_PARAMS:
        if name != "page" and params.getlist(name):
            base.setlist(name, params.getlist(name))
    groups = []
    for facet in FACETS:
        current = sorted(result.query.chosen.get(facet.name, ()))
        values = []
        for value, label in result.labels.choices[facet.name]:
            value = str(value)
            count = result.counts[facet.name].get(value, 0)
            selected = value in current
            if not (count or selected):
                continue
            query = base.copy()
            query.setlist(facet.name, [v for v in current if v != value] if selected else [*current, value])
            values.append(
                {"value": value, "label": label, "count": count, "selected": selected, "query": query.urlencode()}
            )
        groups.append({"name": facet.name, "label": facet.label, "linked": facet.linked, "values": values})
    return groups


def query_without(params, *names):
    kept = QueryDict(mutable=True)
    for name in PAGE_PARAMS:
        if name not in names and params.getlist(name):
            kept.setlist(name, params.getlist(name))
    return kept.urlencode()
