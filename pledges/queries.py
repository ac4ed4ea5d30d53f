"""Queries that the pledge pages share. A registry page runs at most three queries, whatever the
number of pledges: the reference data (cached), the facet index (built once per process when the
registry changes; see pledges.facets) or a search's matches, and the page's rows."""

import datetime
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, F, Prefetch, Q
from django.db.models.functions import Left
from django.http import Http404

from forums.enums import ForumStatus
from forums.models import RoundTable
from pledges import facets
from pledges import reference as reference_data
from pledges.enums import PledgeState
from pledges.filters import ORDERINGS, RegistryFilter
from pledges.models import IndicatorValue, Pledge, PledgePartner, ProgressReport, split_codes
from pledges.services import SEARCH_CONFIG, registry_version

PAGE_SIZE = 20
EXCERPT_LENGTH = 280
SHOWN_EXCERPT = 240
LIST_FIELDS = (
    "id",
    "reference",
    "forum_id",
    "title",
    "state",
    "kind_financial",
    "kind_technical",
    "kind_process",
    "kind_policy",
    "pledger_type",
    "pledger_names",
    "objective_codes",
    "region_codes",
    "stage",
    "health_since",
    "last_report_at",
    "published_at",
    "seeking_partners",
    "offering_support",
)


class BadRequest(Exception):
    """The query string cannot be understood; the message says why."""

    def __init__(self, messages, registry=None):
        super().__init__(messages)
        self.messages = messages
        self.registry = registry


def search_terms(value):
    return [word for word in (value or "").split() if word][:10]


def apply_search(queryset, value):
    """PostgreSQL: the weighted full-text index (and exact references). SQLite: every word
    somewhere in the reference, title, text or pledgers' names."""
    words = search_terms(value)
    if not words:
        return queryset, False
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery

        query = SearchQuery(" ".join(words), search_type="websearch", config=SEARCH_CONFIG)
        # The reference is in the vector (weight A); no OR here, so that the GIN index serves the filter.
        return queryset.filter(search__vector=query), True
    queryset = queryset.filter(facets.like_condition(words))
    return queryset, False


def order(queryset, sort, value, ranked):
    if sort == "relevance" and ranked:
        from django.contrib.postgres.search import SearchQuery, SearchRank

        query = SearchQuery(" ".join(search_terms(value)), search_type="websearch", config=SEARCH_CONFIG)
        return queryset.annotate(rank=SearchRank(F("search__vector"), query)).order_by(
            "-rank", "-published_at", "-pk"
        )
    return queryset.order_by(*ORDERINGS.get(sort, ORDERINGS["newest"]))


def facet_index(words=None):
    """This process's facet index for the registry's current version (see pledges.facets)."""
    return facets.current(registry_version(), words=words or None, search_config=SEARCH_CONFIG)


def facet_counts():
    """Every facet count over the whole registry, and when the index was taken."""
    index = facet_index()
    return {"counts": index.counts(index.everything, reference_data.reference()), "taken_at": index.taken_at}


def shorten_excerpts(rows):
    """The excerpt as the list shows it: at most SHOWN_EXCERPT characters, cut with an ellipsis."""
    for row in rows:
        if len(row.excerpt) > SHOWN_EXCERPT:
            row.excerpt = row.excerpt[: SHOWN_EXCERPT - 1].rstrip() + "…"
    return rows


def list_rows(ids):
    """The list columns and the excerpt's text of these pledges (a page of them)."""
    return Pledge.objects.filter(pk__in=ids).only(*LIST_FIELDS).annotate(excerpt=Left("text", EXCERPT_LENGTH))


class IndexRows:
    """A page's rows in the index's order (newest, oldest, or relevance with a search): the ids
    come from the bitsets, and one query reads those rows."""

    def __init__(self, index, mask, search, sort):
        self.index, self.mask, self.search, self.sort = index, mask, search, sort
        self.ordered = True  # for the paginator's check

    def __getitem__(self, window):
        start, count = window.start, window.stop - window.start
        if self.sort == "relevance" and self.search is not None:
            ids = self.index.ranked_ids(self.mask, self.search, start, count)
        else:
            ids = self.index.page_ids(self.mask, start, count, oldest_first=self.sort == "oldest")
        rows = list_rows(ids).filter(state=PledgeState.PUBLISHED).order_by()
        by_id = {row.pk: row for row in rows}
        return shorten_excerpts([by_id[pk] for pk in ids if pk in by_id])


class TwoStageRows:
    """A page's rows in one query, in two stages: the inner query sorts and slices the narrow
    columns of every match; the outer one reads the long text (for the excerpt) of the page's rows
    only. Without it PostgreSQL would read every match's text before sorting."""

    def __init__(self, ordered, sort, value, ranked):
        self.sorted_matches, self.sort, self.value, self.ranked = ordered, sort, value, ranked
        self.ordered = True  # for the paginator's check

    def __getitem__(self, window):
        ids = self.sorted_matches.values("pk")[window]
        outer = list_rows(ids)
        return shorten_excerpts(list(order(outer, self.sort, self.value, self.ranked)))


class CountedPaginator(Paginator):
    def __init__(self, object_list, per_page, *, count):
        super().__init__(object_list, per_page)
        self._known_count = count

    @property
    def count(self):
        return self._known_count


@dataclass
class Registry:
    filter: RegistryFilter
    page: Page = None
    counts: dict = field(default_factory=dict)
    counts_taken_at: datetime.datetime = None
    total: int = 0
    reference: object = None
    searching: bool = False


def build_filter(params):
    ref = reference_data.reference()
    registry_filter = RegistryFilter(params, queryset=Pledge.objects.published(), reference=ref)
    if not registry_filter.is_valid():
        messages = [
            f"{registry_filter.filters[name].label}: {' '.join(errors)}"
            for name, errors in registry_filter.errors.items()
        ]
        raise BadRequest(messages, Registry(filter=registry_filter, reference=ref))
    return registry_filter, ref


def filtered(params):
    """The published pledges the query string selects, unsorted; and whether search ranks them."""
    registry_filter, ref = build_filter(params)
    queryset, ranked = apply_search(registry_filter.qs, registry_filter.form.cleaned_data.get("q"))
    return registry_filter, ref, queryset, ranked


def registry(params):
    """One registry page: counts from the facet index, rows in one query (two with a search that
    this process has not run since the registry last changed)."""
    registry_filter, ref = build_filter(params)
    cleaned = registry_filter.form.cleaned_data
    page_param = params.get("page", "1") or "1"
    if not page_param.isdigit() or int(page_param) < 1:
        raise BadRequest(["page: " + str(_page_error())], Registry(filter=registry_filter, reference=ref))
    words = search_terms(cleaned.get("q"))
    index = facet_index(words)
    mask = index.mask(cleaned, ref)
    search = None
    if words:
        search = index.search(words, SEARCH_CONFIG)
        mask &= search.bits
    counts = index.counts(mask, ref)
    total = counts["total"]
    sort = cleaned.get("sort") or ("relevance" if words else "newest")
    if sort in ("relevance", "newest", "oldest"):
        rows = IndexRows(index, mask, search, sort)
    else:
        queryset, ranked = apply_search(registry_filter.qs, cleaned.get("q"))
        rows = TwoStageRows(order(queryset, sort, cleaned.get("q"), ranked), sort, cleaned.get("q"), ranked)
    paginator = CountedPaginator(rows, PAGE_SIZE, count=total)
    page = paginator.get_page(int(page_param))
    return Registry(
        filter=registry_filter,
        page=page,
        counts=counts,
        counts_taken_at=index.taken_at,
        total=total,
        reference=ref,
        searching=bool(words),
    )


def _page_error():
    from django.utils.translation import gettext as _

    return _("the page is a whole number from 1.")


def export_queryset(params):
    """The registry's current filters and sort, for the exports (which ignore the page)."""
    registry_filter, ref, queryset, ranked = filtered(params)
    cleaned = registry_filter.form.cleaned_data
    sort = cleaned.get("sort") or ("relevance" if cleaned.get("q") else "newest")
    return order(queryset, sort, cleaned.get("q"), ranked), ref


# --- One pledge ------------------------------------------------------------------------------


def pledge_page(reference):
    """Everything the pledge page shows, in a fixed number of queries."""
    reports = ProgressReport.objects.select_related("organization", "member_state").prefetch_related(
        Prefetch("values", queryset=IndicatorValue.objects.select_related("indicator"))
    )
    pledge = (
        Pledge.objects.select_related(
            "forum", "organization", "organization__country", "member_state", "matches"
        )
        .prefetch_related(
            Prefetch(
                "partners", queryset=PledgePartner.objects.select_related("organization", "member_state")
            ),
            "objectives",
            "principles",
            "countries",
            "indicators",
            Prefetch("reports", queryset=reports.order_by("reported_on", "pk")),
        )
        .filter(reference=reference.upper())
        .first()
    )
    if pledge is None:
        raise Http404
    return pledge


def round_tables_for(pledge):
    """{objective number: round table} in the pledge's forum, else in the latest public forum."""
    numbers = pledge.objective_numbers
    round_tables = RoundTable.objects.filter(
        objectives__number__in=numbers, forum__status__in=ForumStatus.public_states()
    ).values_list("objectives__number", "forum__year", "slug", "number", "forum_id")
    chosen = {}
    for number, year, slug, rt_number, _forum_id in sorted(
        round_tables, key=lambda r: (r[4] != pledge.forum_id, -r[1])
    ):
        if number in numbers and number not in chosen:
            chosen[number] = {"year": year, "slug": slug, "number": rt_number}
    return chosen


def indicator_progress(pledge):
    """For each indicator: baseline, target, and the values reported over time."""
    series = {indicator.pk: [] for indicator in pledge.indicators.all()}
    for report in pledge.reports.all():
        for value in report.values.all():
            series.setdefault(value.indicator_id, []).append((report.reported_on, value.value))
    rows = []
    for indicator in pledge.indicators.all():
        points = series[indicator.pk]
        current = points[-1][1] if points else indicator.baseline
        span = indicator.target - indicator.baseline
        share = (
            0 if span == 0 else max(0, min(100, round(float((current - indicator.baseline) / span) * 100)))
        )
        rows.append({"indicator": indicator, "points": points, "current": current, "percent": share})
    return rows


# --- Pledges on other pages ------------------------------------------------------------------

SHORT_LIST = 10


def pledges_for_objectives(numbers, limit=SHORT_LIST):
    """The newest published pledges for any of these objectives, with their total, in one query."""
    condition = Q()
    for number in numbers:
        condition |= Q(objective_codes__contains=f"|{number}|")
    if not numbers:
        return [], 0
    from django.db.models import Window

    rows = list(
        Pledge.objects.published()
        .filter(condition)
        .only("id", "reference", "title", "pledger_names", "pledger_type", "stage", "published_at")
        .annotate(total=Window(Count("pk")))
        .order_by("-published_at", "-pk")[:limit]
    )
    return rows, (rows[0].total if rows else 0)


def visible_to_owner(queryset, pledger):
    """Pledges whose pledging entity is the user's, or in which it is a confirmed partner."""
    condition = Q(pk__in=[])
    if pledger.organization is not None:
        condition |= Q(organization=pledger.organization) | Q(
            partners__organization=pledger.organization, partners__confirmed_at__isnull=False
        )
    if pledger.member_state is not None:
        condition |= Q(member_state=pledger.member_state) | Q(
            partners__member_state=pledger.member_state, partners__confirmed_at__isnull=False
        )
    return queryset.filter(condition).distinct()


def invitations_for(pledger):
    condition = Q(pk__in=[])
    if pledger.organization is not None:
        condition |= Q(organization=pledger.organization)
    if pledger.member_state is not None:
        condition |= Q(member_state=pledger.member_state)
    return (
        PledgePartner.objects.filter(condition, confirmed_at__isnull=True)
        .exclude(pledge__state=PledgeState.WITHDRAWN)
        .select_related("pledge", "pledge__organization", "pledge__member_state")
    )


def split(value):
    return split_codes(value)
