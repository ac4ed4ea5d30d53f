"""Queries that the pledge pages share, each a fixed number of queries whatever the rows. The
registry's own (filters, counts, order) are in pledges/registry."""

from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connection
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, Window, prefetch_related_objects
from django.http import Http404
from django.urls import reverse
from django.utils import translation

from coalitions.models import Coalition
from core import cache_versions, fragments, prepared
from core.codes import split_codes
from core.templatetags.languages import text
from forums.enums import ForumStatus
from forums.models import Forum, RoundTable
from pledges.enums import PledgeState, Stage
from pledges.models import (
    Indicator,
    IndicatorValue,
    Pledge,
    PledgeMatchKey,
    PledgePartner,
    ProgressReport,
    match_pledger,
    match_topics,
)
from pledges.registry import facets, index
from practices.models import Practice
from reference.enums import OrganizationCategory, SupportKind
from reference.models import Country, GuidingPrinciple, MemberState, Objective
from stakeholders.models import Organization
from stakeholders.permissions import Represented
from stakeholders.queries import public_page_slug

# --- Making a pledge ------------------------------------------------------------------------


def pledge_forums():
    """The forums a new pledge may be made for: announced ones (not in preparation, not
    concluded)."""
    return Forum.objects.filter(status=ForumStatus.ANNOUNCED).order_by("-year")


PARTNER_RESULTS = 20


def partner_candidates(pledge, query):
    """Whom the pledging entity may invite, found by name, acronym or country: organisations
    listed in the directory, and Member States; none already invited, nor the pledger itself.
    Two queries whatever the matches."""
    invited = pledge.partners.all()
    organizations = (
        Organization.objects.filter(pk__in=Organization.objects.with_public_page().values("pk"))
        .filter(Q(name__icontains=query) | Q(acronym__icontains=query) | Q(country__name__icontains=query))
        .exclude(pk__in=invited.filter(organization__isnull=False).values("organization"))
        .select_related("country")
        .order_by("name")
    )
    states = MemberState.objects.filter(Q(name__icontains=query) | Q(iso3__iexact=query)).exclude(
        pk__in=invited.filter(member_state__isnull=False).values("member_state")
    )
    if pledge.organization_id:
        organizations = organizations.exclude(pk=pledge.organization_id)
    if pledge.member_state_id:
        states = states.exclude(pk=pledge.member_state_id)
    return {
        "organizations": list(organizations[:PARTNER_RESULTS]),
        "member_states": list(states.order_by("name")[:PARTNER_RESULTS]),
    }


# --- One pledge ------------------------------------------------------------------------------


# What the first query of the pledge page reads: enough to decide who may see it, to answer with
# its tombstone, to key its body's fragment and to print the parts that depend on the visitor.
HEAD_FIELDS = (
    "id", "reference", "state", "title", "seek_codes", "updated_at", "organization_id", "member_state_id",
    *Pledge.TOMBSTONE_FIELDS,
)


# In the order of the model's fields, as Model.from_db takes them.
HEAD_ATTNAMES = tuple(field.attname for field in Pledge._meta.concrete_fields if field.attname in HEAD_FIELDS)
_HEAD = prepared.Query(
    lambda reference: Pledge.objects.filter(reference=reference).order_by().values_list(*HEAD_ATTNAMES, "matches__updated_at"),
    str,
)


def pledge_head(reference, *, with_partners=False):
    """The pledge page's first query (one, or two `with_partners`: its confirmed partners, which
    decide whether a signed-in visitor is an owner): the row's few fields, and the version of
    the pledge it matches (its title and state show on the page). Its body is then a fragment
    kept under the pledge's own version (updated_at, which every change to what the page shows
    moves: services.touch). Compiled once per process (core.prepared): on a visit whose body is
    in the cache, building the query cost more than the rest of the view."""
    rows = _HEAD(reference.upper())
    if not rows:
        raise Http404
    *values, matched_version = rows[0]
    pledge = Pledge.from_db(DEFAULT_DB_ALIAS, HEAD_ATTNAMES, values)
    pledge.matched_version = matched_version
    if with_partners:
        confirmed = PledgePartner.objects.filter(confirmed_at__isnull=False).only(
            "id", "pledge_id", "organization_id", "member_state_id", "confirmed_at"
        )
        prefetch_related_objects([pledge], Prefetch("partners", queryset=confirmed))
    return pledge


def pledge_page(reference):
    """Everything of a pledge that its owners' and partners' pages show (the review step, the
    invitation), in a fixed number of queries; the public page reads less (public_page_rows)."""
    reports = ProgressReport.objects.select_related("organization", "member_state").prefetch_related(
        Prefetch("values", queryset=IndicatorValue.objects.select_related("indicator"))
    )
    pledge = (
        Pledge.objects.select_related(
            "forum", "organization", "organization__country", "member_state", "coalition"
        )
        .prefetch_related(
            # The pledge this one matches, only while it is published: one the secretariat
            # unpublished (or its owner withdrew) reads as no match at all (None).
            Prefetch("matches", queryset=Pledge.objects.published().only("id", "reference", "title")),
            Prefetch(
                "partners",
                queryset=PledgePartner.objects.select_related("organization", "member_state").annotate(
                    organization_slug=public_page_slug(OuterRef("organization_id"))
                ),
            ),
            "objectives",
            "principles",
            "countries",
            "indicators",
            Prefetch("reports", queryset=reports.order_by("reported_on", "pk")),
        )
        .annotate(pledger_slug=public_page_slug(OuterRef("organization_id")))
        .filter(reference=reference.upper())
        .first()
    )
    if pledge is None:
        raise Http404
    return pledge


# What the body reads of the organisations it names: as str(Organization) reads, its category,
# country and public page (the public-page rule: with_public_page()).
_ORGANIZATION = ("name", "acronym", "category", "country_id", "slug", "public")
PLEDGE_ATTNAMES = tuple(field.attname for field in Pledge._meta.concrete_fields)


def _public_page(organization_id):
    return Exists(Organization.objects.with_public_page().filter(pk=OuterRef(organization_id)))


# The body's reads, compiled once per process (core.prepared): a crawler walking the pledges
# meets them for every page, and the ORM building them cost more than PostgreSQL running them.
# The pledge with the pledge it matches and its pledging organisation, in one query (joins: a
# match or an organisation costs no query).
_PLEDGE_ROW = prepared.Query(
    lambda pk: Pledge.objects.filter(pk=pk).order_by().annotate(pledger_public=_public_page("organization_id"))
    .values_list(
        *PLEDGE_ATTNAMES, "matches__reference", "matches__title", "matches__state",
        *(f"organization__{name}" for name in _ORGANIZATION[:-1]), "pledger_public",
    ),
    int,
)
_PARTNERS = prepared.Query(
    lambda pk: PledgePartner.objects.filter(pledge_id=pk, confirmed_at__isnull=False)
    .order_by("invited_at", "pk")
    .annotate(public=_public_page("organization_id"))
    .values_list("organization_id", "member_state_id", *(f"organization__{name}" for name in _ORGANIZATION[:-1]), "public"),
    int,
)
_INDICATORS = prepared.Query(
    lambda pk: Indicator.objects.filter(pledge_id=pk).order_by("order", "pk")
    .values_list("id", "description", "unit", "baseline", "target", "target_date"),
    int,
)
# The reports in the order the timeline reads, each with its values in the indicators' order (a
# row per value) and its reporting organisation's name.
_REPORTS = prepared.Query(
    lambda pk: ProgressReport.objects.filter(pledge_id=pk)
    .order_by("reported_on", "pk", "values__indicator__order", "values__indicator_id")
    .values_list(
        "id", "reported_on", "stage", "narrative", "organization_id", "member_state_id", "organization__name",
        "values__indicator_id", "values__value",
    ),
    int,
)
_PRACTICES = prepared.Query(
    lambda pk: Practice.objects.published().filter(pledges=pk).order_by("title", "pk")
    .values_list("id", "title", "implementer_name"),
    int,
)


def public_page_rows(pk):
    """What the public pledge page's body shows, as plain values (the template's context but
    the round tables), in five queries, and one more only when the pledge came from a
    coalition: the pledge with the pledge it matches and its pledging organisation; its
    confirmed partners with their organisations; its indicators; its reports with their values
    (a row per value) and reporters; the published practices it builds on. Each organisation
    comes with whether it has a public page (the public-page rule). The forum's and the
    countries' and Member States' names come from reference_table(). Five joins, two correlated
    subqueries and model objects of the related rows cost more than PostgreSQL reading them;
    then the ORM building five plain queries still did."""
    rows = _PLEDGE_ROW(pk)
    if not rows:
        raise Http404
    row = rows[0]
    width = len(PLEDGE_ATTNAMES)
    pledge = Pledge.from_db(DEFAULT_DB_ALIAS, PLEDGE_ATTNAMES, row[:width])
    matched_reference, matched_title, matched_state = row[width : width + 3]
    pledger_organization = row[width + 3 :]
    table = reference_table()
    names = table["names"]
    categories = dict(OrganizationCategory.choices)
    stages = dict(Stage.choices)

    def organization(name, acronym, category, country_id, slug, public):
        return {
            # As str(Organization) reads.
            "name": f"{name} ({acronym})" if acronym else name,
            "slug": slug if public else None,
            "category": categories.get(category, category),
            "country": names.get(country_id, ""),
            "plain_name": name,
        }

    if pledge.member_state_id:
        pledger = {"member_state": names.get(pledge.member_state_id, "")}
    elif pledge.organization_id:
        pledger = organization(*pledger_organization)
    else:
        pledger = {"name": "", "slug": None, "category": "", "country": ""}
    shown_partners = [
        {"member_state": names.get(member_state_id, "")} if member_state_id else organization(*shown)
        for organization_id, member_state_id, *shown in _PARTNERS(pk)
        if member_state_id or organization_id
    ]
    indicators = [
        {"id": id_, "description": description, "unit": unit, "baseline": baseline, "target": target, "target_date": target_date}
        for id_, description, unit, baseline, target, target_date in _INDICATORS(pk)
    ]
    descriptions = {indicator["id"]: indicator["description"] for indicator in indicators}
    reports = {}
    for report_id, reported_on, stage, narrative, organization_id, member_state_id, organization_name, indicator_id, value in _REPORTS(pk):
        report = reports.get(report_id)
        if report is None:
            if member_state_id:
                reporter = names.get(member_state_id)
            elif organization_id:
                reporter = organization_name
            else:
                reporter = None
            report = reports[report_id] = {
                "reported_on": reported_on, "stage": stages.get(stage, stage), "reporter": reporter,
                "narrative": narrative, "values": [], "by_id": [],
            }
        if indicator_id is not None:
            report["by_id"].append((indicator_id, value))
            report["values"].append((descriptions.get(indicator_id, ""), value))
    if pledge.coalition_id:
        pledge.coalition = Coalition.objects.only("id", "title", "slug", "state").get(pk=pledge.coalition_id)
    match = None
    if matched_reference is not None and matched_state == PledgeState.PUBLISHED:
        match = {
            "reference": matched_reference,
            "title": matched_title,
            "url": reverse("pledges:detail", kwargs={"reference": matched_reference}),
        }
    forum_url, forum_title = table["forums"][pledge.forum_id]
    shown_progress = progress(
        indicators, [(report["reported_on"], report.pop("by_id")) for report in reports.values()], by_id=True
    )
    return {
        "pledge": pledge,
        "forum": {"url": forum_url, "title": forum_title},
        "pledger": pledger,
        "partners": shown_partners,
        "match": match,
        "labels": reference_labels(pledge, table),
        "progress": shown_progress,
        "reports": list(reports.values()),
        "health": pledge.reporting_health(),
        "practices": [
            {"pk": practice_id, "title": title, "implementer_name": implementer}
            for practice_id, title, implementer in _PRACTICES(pk)
        ],
    }


def _reference_table():
    objectives = {
        o.number: (o.get_absolute_url(), text(o, "title")) for o in Objective.objects.all()
    }
    principles = {p.letter: str(p) for p in GuidingPrinciple.objects.all()}
    # In the order the pledge's countries always read (Country's own ordering, in this language).
    rows = list(Country.objects.values_list("pk", "iso3", "name"))
    countries = {iso3: (position, name) for position, (_pk, iso3, name) in enumerate(rows)}
    # Every country's and Member State's name by its id (a Member State is a country).
    names = {pk: name for pk, _iso3, name in rows}
    # Every forum's page and title (a forum's edit bumps `reference` too: forums.services).
    forums = {forum.pk: (forum.get_absolute_url(), forum.title) for forum in Forum.objects.all()}
    return {"objectives": objectives, "principles": principles, "countries": countries, "names": names, "forums": forums}


REFERENCE_SECONDS = 24 * 3600  # as the registry's labels: versioned, and rarely changed

# The tables as this process last read them, by name, language and their versions' values: a
# body made afresh then reads them from memory, not from the cache (a round trip, and
# unpickling 250 countries' names, for every page a crawler asks for). A bump elsewhere changes
# the values, so a change shows as soon as the cache says it happened.
_TABLES = {}


def _table(name, make, versions):
    values = cache_versions.values(versions)
    if values is None:
        return make()
    key = (name, translation.get_language(), values)
    found = _TABLES.get(key)
    if found is None:
        found = fragments.value(name, make, versions=versions, timeout=REFERENCE_SECONDS)
        if len(_TABLES) >= 32:  # six languages of two tables, and the versions they replaced
            _TABLES.clear()
        _TABLES[key] = found
    return found


def reference_table():
    """The objectives' links and titles, the principles' and countries' names and the forums'
    pages and titles, in the active language, as the pledge page prints them: read once per
    language and `reference` version (four queries then), not as lists of objects per page."""
    # Named anew with the forums added: a table kept under the old name lacks them.
    return _table("pledges:reference-table", _reference_table, (cache_versions.REFERENCE,))


def reference_labels(pledge, table=None):
    """The pledge's objectives [(number, url, title)], principles [name] and countries [name]
    from the codes on its row (services.refresh_denormalised keeps them)."""
    table = table or reference_table()
    objectives = [
        (number, *table["objectives"][number]) for number in sorted(pledge.objective_numbers)
        if number in table["objectives"]
    ]
    principles = [table["principles"][letter] for letter in sorted(split_codes(pledge.principle_codes))
                  if letter in table["principles"]]
    countries = sorted(table["countries"][iso3] for iso3 in split_codes(pledge.country_codes) if iso3 in table["countries"])
    return {"objectives": objectives, "principles": principles, "countries": [name for _position, name in countries]}


def _round_table_table():
    # In the order the query read them before (RoundTable's own: forum, number), which breaks
    # ties among a forum's round tables on one objective.
    rows = {}
    for number, year, slug, rt_number, forum_id in RoundTable.objects.filter(
        forum__status__in=ForumStatus.public_states()
    ).values_list("objectives__number", "forum__year", "slug", "number", "forum_id"):
        if number is not None:
            rows.setdefault(number, []).append((year, slug, rt_number, forum_id))
    return rows


def round_table_table():
    """{objective number: [(year, slug, number, forum id)]}: the public forums' round tables on
    each objective, read once per `programme` version (one query then), not once per page."""
    return _table("pledges:round-tables", _round_table_table, (cache_versions.PROGRAMME,))


def round_tables_for(pledge):
    """{objective number: round table} in the pledge's forum, else in the latest public forum."""
    table = round_table_table()
    chosen = {}
    for number in pledge.objective_numbers:
        found = sorted(table.get(number, ()), key=lambda r: (r[3] != pledge.forum_id, -r[0]))
        if found and number not in chosen:
            year, slug, rt_number, _forum_id = found[0]
            chosen[number] = {"year": year, "slug": slug, "number": rt_number}
    return chosen


def indicator_progress(pledge):
    """For each indicator: baseline, target, and the values reported over time."""
    return progress(
        list(pledge.indicators.all()),
        [(report.reported_on, report.values.all()) for report in pledge.reports.all()],
    )


def progress(indicators, reports, *, by_id=False):
    """indicator_progress from the indicators and (reported on, values) of the reports, in the
    order the series reads them; for a reader that fetched them without the related managers.
    `by_id`: the indicators are dicts of values and each report's values (indicator id, value)."""
    pk = (lambda indicator: indicator["id"]) if by_id else (lambda indicator: indicator.pk)
    series = {pk(indicator): [] for indicator in indicators}
    for reported_on, values in reports:
        for value in values:
            indicator_id, amount = value if by_id else (value.indicator_id, value.value)
            series.setdefault(indicator_id, []).append((reported_on, amount))
    rows = []
    for indicator in indicators:
        baseline, target = (indicator["baseline"], indicator["target"]) if by_id else (indicator.baseline, indicator.target)
        points = series[pk(indicator)]
        current = points[-1][1] if points else baseline
        span = target - baseline
        share = 0 if span == 0 else max(0, min(100, round(float((current - baseline) / span) * 100)))
        rows.append({"indicator": indicator, "points": points, "current": current, "percent": share})
    return rows


# --- Pledges on other pages ------------------------------------------------------------------

SHORT_LIST = 10


def pledges_for_objectives(numbers, limit=SHORT_LIST):
    """The newest published pledges for any of these objectives, with their total: the facet
    index's count and newest ids and one query for those rows; counted in SQL (a scan of every
    published pledge: half a second at 100,000) only while no index exists yet."""
    if not numbers:
        return [], 0
    columns = ("id", "reference", "title", "pledger_names", "pledger_type", "stage", "published_at")
    try:
        facet_index = index.current()
    except index.IndexNotReady:
        facet_index = None
    if facet_index is not None:
        mask = facet_index.mask({"objective": [str(n) for n in numbers]})
        ids = facet_index.ids_at(facet_index.positions(mask, None, "newest", 0, limit))
        by_id = Pledge.objects.published().filter(pk__in=ids).only(*columns).annotate(
            pledger_slug=public_page_slug(OuterRef("organization_id"))
        ).in_bulk()
        # A pledge unpublished since the index was built is left out; the next index counts it.
        return [by_id[pk] for pk in ids if pk in by_id], mask.bit_count()
    objective = facets.BY_NAME["objective"]
    condition = Q()
    for number in numbers:
        condition |= objective.condition(number, None, None)
    rows = list(
        Pledge.objects.published()
        .filter(condition)
        .only(*columns)
        .annotate(total=Window(Count("pk")), pledger_slug=public_page_slug(OuterRef("organization_id")))
        .order_by("-published_at", "-pk")[:limit]
    )
    return rows, (rows[0].total if rows else 0)


def visible_to_owner(queryset, pledger):
    """Pledges whose pledging entity is the user's, or in which it is a confirmed partner.

    The ids come from a UNION of index scans (the entity's own pledges, its confirmed
    partnerships): an OR across the partners' join made PostgreSQL hash both whole tables, half a
    second at 100,000 pledges, against under a millisecond."""
    ids = []
    for field, entity in (("organization", pledger.organization), ("member_state", pledger.member_state)):
        if entity is not None:
            ids.append(Pledge.objects.filter(**{field: entity}).order_by().values("pk"))
            ids.append(
                PledgePartner.objects.filter(**{field: entity}, confirmed_at__isnull=False).order_by().values("pledge_id")
            )
    if not ids:
        return queryset.none()
    first, *others = ids
    return queryset.filter(pk__in=first.union(*others))


# Stands for a reference in a URL reversed once per list: references are letters, digits and
# hyphens, which reverse() leaves as they are.
REFERENCE = "REFERENCE"


def reference_urls(name):
    """reference -> the URL named `name` for it, reversed once (a list of dozens of pledges
    reversed per row spent a tenth of its time there)."""
    url = reverse(name, args=[REFERENCE])
    return lambda reference: url.replace(REFERENCE, reference)


def owner_rows(pledger):
    """"My pledges": each pledge the pledger owns or is a confirmed partner in, newest change
    first, as a row of values with its state and stage in words and its URL (one query)."""
    manage_url = reference_urls("pledges:manage")
    states = {state: str(label) for state, label in PledgeState.choices}
    stages = {stage: str(label) for stage, label in Stage.choices}
    return [
        {
            "reference": row["reference"],
            "title": row["title"],
            "state": states.get(row["state"], row["state"]),
            "stage": stages.get(row["stage"], row["stage"]),
            "url": manage_url(row["reference"]),
        }
        for row in visible_to_owner(Pledge.objects.order_by("-updated_at", "-pk"), pledger).values(
            "reference", "title", "state", "stage"
        )
    ]


def own_versions(pledger):
    """The own versions (core.cache_versions.of) of the organisation and the Member State a user
    pledges for: what "my pledges" and the dashboard list of their pledges is kept under."""
    return tuple(
        cache_versions.of(kind, entity.pk)
        for kind, entity in (
            (cache_versions.ORGANIZATION, pledger.organization), (cache_versions.MEMBER_STATE, pledger.member_state),
        )
        if entity is not None
    )  # fmt: skip


def owner_list(pledger):
    """"My pledges"' list and invitations, rendered: the same for everyone who pledges for the same
    organisation and State, kept under their own versions (a pledge's change bumps its pledger's
    and its partners', whoever writes it) and the reference data's (a State's name), per language."""
    return fragments.rendered(
        "my-pledges",
        "pledges/_my_pledges_list.html",
        lambda: {"pledges": owner_rows(pledger), "invitations": invitations_for(pledger)},
        versions=(*own_versions(pledger), cache_versions.REFERENCE),
        parts=(pledger.organization and pledger.organization.pk, pledger.member_state and pledger.member_state.pk),
    )


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
        # What the lists print (reference, title, the pledger's name): not the pledges' texts.
        .only(
            "pledge__reference", "pledge__title", "pledge__state", "pledge__organization__name",
            "pledge__member_state__name", "organization_id", "member_state_id", "confirmed_at",
        )
    )


def split(value):
    return split_codes(value)


def last_public_change():
    """When a pledge that is or was public last changed (a publication, an edit, a withdrawal):
    the feed's Last-Modified. A pledge leaving the feed moves it too, since its row changes."""
    return Pledge.objects.filter(published_at__isnull=False).aggregate(latest=Max("updated_at"))["latest"]


def worklist_counts():
    """What waits for the secretariat's review: one query."""
    return {"pledges_submitted": Pledge.objects.filter(state=PledgeState.SUBMITTED).count()}


def organization_pledges(organization):
    """Every pledge the organisation owns or confirmed it is a partner in, any state."""
    return visible_to_owner(
        Pledge.objects.only(
            "id", "reference", "title", "state", "stage", "health_since", "last_report_at", "updated_at"
        ).order_by("-updated_at", "-pk"),
        Represented(organization=organization),
    )


def published_pledges_of(organization):
    """The published pledges the organisation makes or is a confirmed partner in, for its page."""
    return visible_to_owner(
        Pledge.objects.published()
        .only("id", "reference", "title", "state", "stage", "health_since", "published_at")
        .order_by("-published_at", "-pk"),
        Represented(organization=organization),
    )


def partner_invitations_of(organization):
    return invitations_for(Represented(organization=organization))


def citing_practice(practice):
    """The published pledges that build on this practice, for the practice's page."""
    return (
        practice.pledges.published()
        .only("id", "reference", "title", "pledger_names", "published_at")
        .order_by("-published_at", "-pk")
    )


# --- Suggested matches ------------------------------------------------------------------------

MATCHES_SHOWN = 50


@dataclass(frozen=True)
class Match:
    """A published pledge that offers something this one seeks: what it matches on, and what the
    match page shows of it (read in the same query)."""

    pk: int
    reference: str
    title: str
    pledger_names: str
    pledger_type: str
    offer_codes: str
    kinds: int
    objectives: int
    countries: int
    kinds_matched: tuple = ()

    @property
    def pledger(self):
        return (self.pledger_names or "").split("\n")[0]

    def get_absolute_url(self):
        return reverse("pledges:detail", kwargs={"reference": self.reference})


def _matches_sql(pledge, limit):
    """The query: the matching keys of the kinds this pledge seeks on its topics, grouped per
    pledge, ranked and cut to `limit`; then only those pledges' rows are read."""
    quote = connection.ops.quote_name
    keys = quote(PledgeMatchKey._meta.db_table)
    table = quote(Pledge._meta.db_table)
    kinds = split_codes(pledge.seek_codes)
    topics = match_topics(pledge.objective_codes, pledge.country_codes)
    pledger = match_pledger(pledge.organization_id, pledge.member_state_id)
    params = [*kinds, *topics, pledge.pk, pledger, limit, PledgeState.PUBLISHED]
    # A candidate has one key per kind matched and topic shared: the distinct counts are those.
    # Among equals, the newest pledge first (the highest id).
    objectives = "COUNT(DISTINCT CASE WHEN SUBSTR(k.topic, 1, 1) = 'o' THEN k.topic END)"
    countries = "COUNT(DISTINCT CASE WHEN SUBSTR(k.topic, 1, 1) = 'c' THEN k.topic END)"
    sql = f"""
        SELECT p.id, p.reference, p.title, p.pledger_names, p.pledger_type, p.offer_codes,
               m.kinds, m.objectives, m.countries
        FROM (
            SELECT k.pledge_id,
                   COUNT(DISTINCT k.kind) AS kinds,
                   {objectives} AS objectives,
                   {countries} AS countries
            FROM {keys} k
            WHERE k.kind IN ({", ".join(["%s"] * len(kinds))})
              AND k.topic IN ({", ".join(["%s"] * len(topics))})
              AND k.pledge_id <> %s AND k.pledger <> %s
            GROUP BY k.pledge_id
            ORDER BY COUNT(DISTINCT k.kind) DESC, {objectives} + {countries} DESC, {objectives} DESC,
                     k.pledge_id DESC
            LIMIT %s
        ) m
        JOIN {table} p ON p.id = m.pledge_id
        WHERE p.state = %s
        ORDER BY m.kinds DESC, m.objectives + m.countries DESC, m.objectives DESC, p.id DESC
    """
    return sql, params


def matches_of(pledge, limit=MATCHES_SHOWN):
    """The published pledges (and so the organisations and States) that offer what this pledge
    seeks and share at least one of its objectives or countries, best first: most kinds matched,
    then most objectives and countries shared, then newest. One query, ranked and cut in the
    database: nothing is scanned in Python."""
    if not pledge.seek_codes or not (pledge.objective_codes or pledge.country_codes):
        return []
    sought = set(split_codes(pledge.seek_codes))
    sql, params = _matches_sql(pledge, limit)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [
        Match(
            *row,
            kinds_matched=tuple(SupportKind(code) for code in split_codes(row[5]) if code in sought),
        )
        for row in rows
    ]


# --- Coalitions ------------------------------------------------------------------------------


def joint_pledges_of(coalition, *, public_only):
    """The pledges made from the coalition: the published ones, and for its members all of them."""
    pledges = Pledge.objects.filter(coalition=coalition).only(
        "id", "reference", "title", "state", "pledger_names", "published_at"
    )
    if public_only:
        pledges = pledges.published()
    return list(pledges.order_by("-pk"))


RELATED = 20


def coalition_members_pledges(coalition, members):
    """The published pledges its confirmed members make or are confirmed partners in, on the
    coalition's objectives: one query."""
    organizations = [m.organization_id for m in members if m.organization_id]
    states = [m.member_state_id for m in members if m.member_state_id]
    numbers = [o.number for o in coalition.objectives.all()]
    if not numbers or not (organizations or states):
        return []
    objective = facets.BY_NAME["objective"]
    on_topic = Q()
    for number in numbers:
        on_topic |= objective.condition(number, None, None)
    made = Pledge.objects.filter(
        Q(organization_id__in=organizations)
        | Q(member_state_id__in=states)
        | Q(
            pk__in=PledgePartner.objects.filter(
                Q(organization_id__in=organizations) | Q(member_state_id__in=states), confirmed_at__isnull=False
            ).values("pledge_id")
        )
    )
    return list(
        made.published()
        .filter(on_topic)
        .exclude(coalition=coalition)
        .only("id", "reference", "title", "pledger_names", "published_at")
        .order_by("-published_at", "-pk")[:RELATED]
    )
