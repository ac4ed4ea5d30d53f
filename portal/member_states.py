"""The Member State pages: the table of the 193 States and one page per State, joined from the
records of forums, reviews and pledges (nothing on them is typed for them). Each is a fixed number
of queries whatever the rows."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Exists, F, Func, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.open_data import Column
from forums.enums import ForumStatus
from forums.models import Forum, RoundTable
from pledges.enums import PledgeState, ReportingHealth
from pledges.models import IndicatorValue, Pledge, PledgePartner, ProgressReport
from pledges.queries import progress
from pledges.registry.facets import health_q
from practices import queries as practice_queries
from reference.models import MemberState
from reviews import queries as review_queries
from reviews.models import NationalImplementationPlan, NationalStatement, VoluntaryReview


class SortError(ValueError):
    """A sort the table does not offer: the page answers 400 with this message."""


class SubqueryCount(Subquery):
    """COUNT(*) of a queryset correlated with the outer row, 0 when none."""

    output_field = IntegerField()

    def __init__(self, queryset):
        super().__init__(queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n"))


HEALTH_COLUMNS = (
    ("on_track", ReportingHealth.GREEN),
    ("amber", ReportingHealth.AMBER),
    ("red", ReportingHealth.RED),
)
HEALTH_HEADINGS = {
    "on_track": gettext_lazy("Pledges on track"),
    "amber": gettext_lazy("Pledges amber"),
    "red": gettext_lazy("Pledges red"),
}


def public_forums():
    return list(Forum.objects.public().order_by("year"))


def pledges_of_state(state_id):
    """Published pledges the State makes, as pledger or as a partner that confirmed (both read
    through an index, not a scan of every pledge)."""
    partnered = PledgePartner.objects.filter(member_state=state_id, confirmed_at__isnull=False).values("pledge")
    return Pledge.objects.published().filter(Q(member_state=state_id) | Q(pk__in=partnered))


@dataclass(frozen=True)
class Sort:
    key: str
    label: object
    attribute: str  # of the table's rows


def sorts(forums):
    """Every column one may sort by, in the table's order: name, a review per forum, the
    statements, the pledges by reporting health."""
    options = [Sort("name", gettext_lazy("Member State"), "name")]
    for forum in forums:
        options.append(
            Sort(f"review_{forum.year}", _("Review %(year)s") % {"year": forum.year}, f"review_{forum.year}")
        )
    options.append(Sort("statement", gettext_lazy("Statement"), "statement_count"))
    options.append(Sort("pledges", gettext_lazy("Pledges"), "pledge_count"))
    for key, _health in HEALTH_COLUMNS:
        options.append(Sort(key, HEALTH_HEADINGS[key], key))
    return options


def parse_sort(value, forums):
    """`name` (the default), `-name`, `review_2026`, `-red`…: the column and its direction."""
    value = (value or "name").strip()
    descending = value.startswith("-")
    key = value[1:] if descending else value
    by_key = {sort.key: sort for sort in sorts(forums)}
    if key not in by_key:
        raise SortError(
            _("The table cannot be sorted by “%(value)s”. Sort by one of: %(keys)s, each with a leading “-” for descending order.")
            % {"value": value, "keys": ", ".join(by_key)}
        )
    return by_key[key], descending


def pledge_counts(today):
    """{State id: {"pledge_count", "on_track", "amber", "red"}} of the published pledges each
    State makes as pledger or confirmed partner: two grouped queries over the pledges, once,
    rather than a count per State (at 100,000 pledges the per-State subqueries took a minute)."""
    health = {key: Count("pk", filter=health_q(value, today)) for key, value in HEALTH_COLUMNS}
    as_pledger = (
        Pledge.objects.published()
        .filter(member_state__isnull=False)
        .order_by()
        .values("member_state")
        .annotate(pledge_count=Count("pk"), **health)
    )
    partner_health = {
        key: Count("pledge", filter=Q(*_prefixed(health_q(value, today), "pledge__"))) for key, value in HEALTH_COLUMNS
    }
    as_partner = (
        PledgePartner.objects.filter(
            member_state__isnull=False, confirmed_at__isnull=False, pledge__state=PledgeState.PUBLISHED
        )
        .order_by()
        .values("member_state")
        .annotate(pledge_count=Count("pledge"), **partner_health)
    )
    counts = {}
    # A State is never a partner in its own pledge (partner_candidates leaves the pledger out):
    # the two counts add up without counting a pledge twice.
    for row in [*as_pledger, *as_partner]:
        totals = counts.setdefault(row["member_state"], dict.fromkeys(COUNT_KEYS, 0))
        for key in COUNT_KEYS:
            totals[key] += row[key]
    return counts


COUNT_KEYS = ("pledge_count", *(key for key, _health in HEALTH_COLUMNS))


def _prefixed(q, prefix):
    """The lookups of a flat Q (as health_q builds) from a related model's side."""
    return [Q(**{prefix + name: value}) for name, value in q.children]


def table(forums, sort="name", today=None):
    """One row per Member State (all 193): a published review per forum, the forums of its
    published national statements (one query), its published pledges by reporting health (two),
    sorted by the column asked for, ties by name."""
    today = today or timezone.localdate()
    column, descending = parse_sort(sort, forums)
    state = OuterRef("pk")
    annotations = {}
    for forum in forums:
        annotations[f"review_{forum.year}"] = Exists(
            VoluntaryReview.objects.published().filter(member_state=state, forum=forum)
        )
        annotations[f"statement_{forum.year}"] = Exists(
            NationalStatement.objects.published().filter(member_state=state, forum=forum)
        )
    annotations["statement_count"] = Coalesce(
        SubqueryCount(NationalStatement.objects.published().filter(member_state=state)), 0
    )
    rows = list(MemberState.objects.annotate(**annotations).order_by("name"))
    counts = pledge_counts(today)
    for row in rows:
        for key, value in counts.get(row.pk, dict.fromkeys(COUNT_KEYS, 0)).items():
            setattr(row, key, value)
    if column.key == "name":
        return rows[::-1] if descending else rows
    # A stable sort on the value keeps the names in order among equals, in either direction.
    return sorted(rows, key=lambda row: getattr(row, column.attribute), reverse=descending)


def record(row, forums):
    """A row as the CSV and the page read it."""
    return {
        "iso3": row.iso3,
        "member_state": row.name,
        **{f"review_{forum.year}": getattr(row, f"review_{forum.year}") for forum in forums},
        "reviews": [getattr(row, f"review_{forum.year}") for forum in forums],
        "statements": [forum.year for forum in forums if getattr(row, f"statement_{forum.year}")],
        "pledges": row.pledge_count,
        **{key: getattr(row, key) for key, _health in HEALTH_COLUMNS},
        "url": reverse("portal:member_state", kwargs={"iso": row.iso3.lower()}),
    }


# --- One State -------------------------------------------------------------------------------


def member_state(iso):
    state = MemberState.objects.filter(iso3=iso.upper()).first()
    if state is None:
        raise Http404
    return state


def state_page(state, today=None):
    """Everything a State's page shows, in a fixed number of queries (thirteen)."""
    today = today or timezone.localdate()
    reports = ProgressReport.objects.order_by("reported_on", "pk").prefetch_related(
        Prefetch("values", queryset=IndicatorValue.objects.select_related("indicator"))
    )
    pledges = list(
        pledges_of_state(state.pk)
        .select_related("forum", "organization", "member_state")
        .prefetch_related("indicators", Prefetch("reports", queryset=reports))
        .order_by("-forum__year", "reference")
    )
    for pledge in pledges:
        pledge.health = pledge.reporting_health(today)
        pledge.progress_rows = progress(
            list(pledge.indicators.all()), [(report.reported_on, report.values.all()) for report in pledge.reports.all()]
        )
        pledge.is_partner = pledge.member_state_id != state.pk
    statements = list(review_queries.national_statements_of(state))
    presenting = {s.forum_id for s in statements if s.statement.presents_voluntary_review}
    reviews = list(review_queries.voluntary_reviews_of(state))
    for review in reviews:
        review.presented_in_statement = review.forum_id in presenting
    return {
        "state": state,
        "reviews": reviews,
        "statements": statements,
        "pledges": pledges,
        "round_tables": list(
            RoundTable.objects.filter(co_chairs=state, forum__status__in=ForumStatus.public_states())
            .select_related("forum")
            .order_by("-forum__year", "number")
        ),
        "regional_reviews": list(
            review_queries.regional_reviews()
            .filter(participating_states=state)
            .prefetch_related(None)
            .order_by("-forum__year", "commission__code")
        ),
        "commissions": list(state.regional_commissions.order_by("code")),
        "plans": list(NationalImplementationPlan.objects.filter(member_state=state).order_by("-adopted_on")),
        "practices": list(practice_queries.published_by_member_state(state).select_related("call")),
    }


def csv_columns(forums):
    columns = [
        Column("iso3", "code", gettext_lazy("ISO 3166 alpha-3 code of the Member State.")),
        Column("member_state", "string", gettext_lazy("Its name.")),
    ]
    for forum in forums:
        columns.append(
            Column(f"review_{forum.year}", "boolean", _("Whether its voluntary review for IMRF %(year)s is published.") % {"year": forum.year})
        )
    columns += [
        Column("statements", "list of integers", gettext_lazy("The forums (years) of its published national statements.")),
        Column("pledges", "integer", gettext_lazy("Its published pledges, as pledger or confirmed partner.")),
        Column("on_track", "integer", gettext_lazy("Of these, up to date in reporting.")),
        Column("amber", "integer", gettext_lazy("Of these, no report for 12 months.")),
        Column("red", "integer", gettext_lazy("Of these, no report for 24 months.")),
        Column("url", "string (URL)", gettext_lazy("Its page on the portal.")),
    ]
    return columns


def csv_record(row, forums, request=None):
    item = record(row, forums)
    item["url"] = settings.SITE_URL.rstrip("/") + item["url"]
    return item
