"""The public registry of practices: its facets, each declared once (the query parameter, its
label, the row column it reads and its choices), the checks of the query string, and one page in
three queries whatever the number of practices:

1. the labels of the reference data and the calls (one UNION);
2. every facet value's count (PostgreSQL groups the codes itself; on SQLite the facet columns of
   the matching practices are counted in Python);
3. the page's rows, each with the number of all the results.

Counts are disjunctive: a facet's counts are those of the practices matching every other facet
chosen, so that ticking a second objective shows how many it adds."""

import math
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import CharField, F, IntegerField, Q, Value
from django.db.models.functions import Cast
from django.http import QueryDict
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.codes import split_codes
from core.languages import translated
from practices import search
from practices.enums import implementer_type_choices
from practices.models import Practice, PracticeCall
from reference.enums import Region
from reference.models import Country, GuidingPrinciple, Objective

PAGE_SIZE = 20
ROW_FIELDS = (
    "id",
    "title",
    "summary",
    "implementer_name",
    "implementer_type",
    "published_at",
    "call__id",
    "call__title",
    "call__slug",
)
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


def _ordered(qs, query):
    if query.sort == "relevance" and search.is_postgresql():
        rank = SearchRank(
            F("search_vector"),
            SearchQuery(" ".join(search.terms(query.q)), config=search.SEARCH_CONFIG, search_type="websearch"),
        )
        return qs.annotate(rank=rank).order_by("-rank", "-published_at", "-pk")
    if query.sort == "oldest":
        return qs.order_by("published_at", "pk")
    if query.sort == "title":
        return qs.order_by("title", "pk")
    return qs.order_by("-published_at", "-pk")


def matching(query):
    """The published practices the search matches (before the facet filters)."""
    return Practice.objects.published().filter(search.condition(query.q))


def facet_condition(facet, values):
    if facet.multi:
        either = Q(pk__in=[])
        for value in values:
            either |= Q(**{f"{facet.column}__contains": f"|{value}|"})
        return either
    return Q(**{f"{facet.column}__in": list(values)})


def filtered(query):
    """The practices of the page and of the exports: searched, filtered, in the page's order."""
    qs = matching(query)
    for facet in FACETS:
        if facet.name in query.chosen:
            qs = qs.filter(facet_condition(facet, query.chosen[facet.name]))
    return _ordered(qs, query)


def _passes(values_by_facet, chosen, skip=None):
    for name, wanted in chosen.items():
        if name != skip and not (wanted & values_by_facet[name]):
            return False
    return True


def counts_of(query):
    """Query 2: the number of results, and every facet value's count among the matching
    practices. A facet's counts are those of the practices that match every other facet chosen."""
    if search.is_postgresql():
        return _counts_in_sql(query)
    counts = {facet.name: {} for facet in FACETS}
    total = 0
    chosen = query.chosen
    for row in matching(query).values_list(*FACET_COLUMNS):
        values = {facet.name: set(facet.values_of(row[n])) for n, facet in enumerate(FACETS)}
        total += _passes(values, chosen)
        for facet in FACETS:
            if _passes(values, chosen, skip=facet.name):
                bucket = counts[facet.name]
                for value in values[facet.name]:
                    bucket[value] = bucket.get(value, 0) + 1
    return total, counts


def _counts_in_sql(query):
    """PostgreSQL: the codes unnested and grouped in one statement, each facet's counts under the
    conditions of the others, so that no row travels to Python."""
    base_sql, base_params = matching(query).order_by().values_list(*FACET_COLUMNS).query.sql_with_params()
    columns = []
    for facet in FACETS:
        if facet.multi:
            columns.append(f"string_to_array(trim(both '|' from b.{facet.column}), '|') AS f_{facet.name}")
        else:
            columns.append(f"b.{facet.column}::text AS f_{facet.name}")
    params = list(base_params)
    parts = []
    for facet in (None, *FACETS):
        conditions, condition_params = [], []
        for other in FACETS:
            if other is facet or other.name not in query.chosen:
                continue
            operator = "&&" if other.multi else "= ANY"
            conditions.append(f"m.f_{other.name} {operator} (%s::text[])")
            condition_params.append(sorted(query.chosen[other.name]))
        where = " AND ".join(conditions) or "TRUE"
        if facet is None:
            # The number of results: every facet's condition.
            parts.append(f"SELECT 'total', NULL, count(*) FROM m WHERE {where}")
            params += condition_params
            continue
        if facet.multi:
            parts.append(
                f"SELECT %s, v, count(*) FROM m CROSS JOIN LATERAL unnest(m.f_{facet.name}) AS v "
                f"WHERE {where} GROUP BY v"
            )
        else:
            parts.append(
                f"SELECT %s, m.f_{facet.name}, count(*) FROM m WHERE m.f_{facet.name} IS NOT NULL AND {where} "
                f"GROUP BY m.f_{facet.name}"
            )
        params += [facet.name, *condition_params]
    sql = f"WITH m AS MATERIALIZED (SELECT {', '.join(columns)} FROM ({base_sql}) AS b) " + " UNION ALL ".join(
        parts
    )
    counts = {facet.name: {} for facet in FACETS}
    total = 0
    with connection.cursor() as cursor:
        cursor.execute(sql, params)  # noqa: S608 - fixed names; values are parameters
        for name, value, count in cursor.fetchall():
            if name == "total":
                total = count
            else:
                counts[name][value] = count
    return total, counts


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


def registry(params):
    labels_ = labels()
    query = parse(params, labels_)
    total, counts = counts_of(query)
    pages = max(1, math.ceil(total / PAGE_SIZE))
    if query.page > pages:
        raise BadRequest([_("There is no page %(page)s: the results have %(pages)s.") % {"page": query.page, "pages": pages}])
    start = (query.page - 1) * PAGE_SIZE
    # Query 3: the page's rows, narrow (the registry shows no description).
    rows = list(filtered(query).select_related("call").only(*ROW_FIELDS)[start : start + PAGE_SIZE])
    return Result(query=query, labels=labels_, total=total, practices=rows, counts=counts, pages=pages)


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
        groups.append(
            {"name": facet.name, "label": facet.label, "values": values, "links": facet_links(values)}
        )
    return groups


def facet_links(values):
    """The list items of one facet, built here rather than in the template: 244 countries through
    the template language cost more than the page's queries."""
    remove = _("Remove:")
    return format_html_join(
        "",
        '<li><a href="?{}"{}>{}{}</a> <span class="count">({})</span></li>',
        (
            (
                v["query"],
                mark_safe(' aria-current="true" class="selected"') if v["selected"] else "",
                format_html('<span class="visually-hidden">{} </span>✓ ', remove) if v["selected"] else "",
                v["label"],
                number_format(v["count"], force_grouping=True),
            )
            for v in values
        ),
    )


def query_without(params, *names):
    kept = QueryDict(mutable=True)
    for name in PAGE_PARAMS:
        if name not in names and params.getlist(name):
            kept.setlist(name, params.getlist(name))
    return kept.urlencode()
