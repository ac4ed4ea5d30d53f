"""The registry page's repeated markup, made in Python from tables built once (issue 19): the
result rows, the facet links with their counts and the filter form.

Through the template engine, 20 rows, 150 facet links and 17 form fields cost more than
everything else the page does. Here:

- a row is made from the values of its pledge (no model instance) and kept as a fragment under
  the registry's and the organisations' versions, the day (its reporting health) and the language:
  a repeat, or another page listing the same pledge, reads it from the cache;
- a facet link's label is escaped once per language and reference version, its parameter
  encoded once; a request joins them with its counts;
- the form's fields but the search are kept in each process per state of the form (which values
  are ticked) and version of the labels, so that a new search renders only its search box;
- the whole body (results, counts, facet links, form) is kept per query string under the index it
  was counted from (page_body): a selection asked for again counts and renders nothing.

The markup is the one the templates made (templates/pledges/_pledge_row.html is what a row was).
"""

import zlib
from urllib.parse import quote_plus

from django.db.models import OuterRef
from django.db.models.functions import Left
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext as _

from core import cache_versions, fragments, prepared
from core.codes import split_codes
from pledges.enums import PledgeState, Stage, pledger_type_choices
from pledges.models import Pledge, health_of
from pledges.registry import facets
from pledges.registry import index as facet_index
from pledges.templatetags.pledges import filter_field
from stakeholders.queries import public_page_slug

ROW_FIELDS = (
    "id",
    "reference",
    "title",
    "state",
    "pledger_type",
    "pledger_names",
    "objective_codes",
    "region_codes",
    "stage",
    "health_since",
    "published_at",
    "seeking_partners",
)


class Row:
    """One pledge of a page as the list shows it: its reference and title, and its markup."""

    __slots__ = ("reference", "title", "html")

    def __init__(self, reference, title, html):
        self.reference, self.title, self.html = reference, title, html


def _prefix(name, placeholder, *args):
    url = reverse(name, args=[placeholder, *args])
    return url[: url.index(placeholder)], url[url.index(placeholder) + len(placeholder) :]


def row_html(values, today, links):
    """The row of one pledge (a dict of ROW_FIELDS, its excerpt and its pledger's page slug)."""
    (before, after), (org_before, org_after) = links
    reference = escape(values["reference"])
    url = f"{before}{reference}{after}"
    title = escape(values["title"])
    pledger = escape((values["pledger_names"] or "").split("\n", 1)[0])
    pledger_type = escape(dict(pledger_type_choices()).get(values["pledger_type"], values["pledger_type"]))
    state = values["state"]
    if values["published_at"] is not None and state != PledgeState.PUBLISHED:
        published = escape(formats.date_format(template_localtime(values["published_at"]), "DATE_FORMAT"))
        return (
            f'<li class="pledge-card pledge-former">\n'
            f'  <p class="eyebrow"><a href="{url}"><bdi>{reference}</bdi></a> · <span class="badge">{escape(PledgeState(state).label)}</span></p>\n'
            f'  <h3><a href="{url}">{title}</a></h3>\n'
            f'  <p class="muted">{pledger} · {pledger_type}</p>\n'
            f'  <p class="muted">{_("Published %(published)s; no longer in the registry.") % {"published": published}}</p>\n'
            f"</li>\n"
        )
    eyebrow = ""
    if values["stage"]:
        eyebrow += f" · {escape(Stage(values['stage']).label)}"
    if state == PledgeState.PUBLISHED and values["health_since"] is not None:
        health = health_of(values["health_since"], today)
        eyebrow += f' · <span class="health health-{health.value}">{escape(health.label)}</span>'
    slug = values["pledger_slug"]
    if slug:
        pledger = f'<a href="{org_before}{escape(slug)}{org_after}">{pledger}</a>'
    excerpt = f"<p>{escape(values['excerpt'])}</p>" if values["excerpt"] else ""
    details = ""
    if values["objective_codes"]:
        numbers = ", ".join(str(int(n)) for n in split_codes(values["objective_codes"]))
        details = f'<p class="muted">{escape(_("Objectives"))}: {numbers}'
        if values["region_codes"]:
            regions = ", ".join(escape(code) for code in split_codes(values["region_codes"]))
            details += f" · {escape(_('Regions'))}: {regions}"
        if values["seeking_partners"]:
            details += f' · <span class="badge">{escape(_("Seeking partners"))}</span>'
        details += "</p>"
    return (
        f'<li class="pledge-card">\n'
        f'  <p class="eyebrow"><a href="{url}"><bdi>{reference}</bdi></a>{eyebrow}</p>\n'
        f'  <h3><a href="{url}">{title}</a></h3>\n'
        f'  <p class="muted">{pledger} · {pledger_type}</p>\n'
        f"  {excerpt}\n"
        f"  {details}\n"
        f"</li>\n"
    )


# The rows' query compiled once per process (core.prepared), number of rows and excerpt length:
# building and compiling it (the pledger's public page as a subquery, the excerpt) cost more than
# running it, on every page of a long tail whose rows are not all cached yet.
_row_queries = {}
ROW_NAMES = (*ROW_FIELDS, "excerpt", "pledger_slug")


def _row_query(count, excerpt_length):
    found = _row_queries.get((count, excerpt_length))
    if found is None:
        found = _row_queries[count, excerpt_length] = prepared.Query(
            lambda *ids: Pledge.objects.on_record()
            .filter(pk__in=ids)
            .order_by()
            .values_list(*ROW_FIELDS, Left("text", excerpt_length), public_page_slug(OuterRef("organization_id"))),
            *(int,) * count,
        )
    return found


def _row_values(ids, excerpt_length, shown_excerpt):
    if not ids:  # no rows to ask for (Django refuses an empty IN list)
        return {}
    by_id = {}
    for values in (dict(zip(ROW_NAMES, row, strict=True)) for row in _row_query(len(ids), excerpt_length)(*ids)):
        if values["state"] != PledgeState.PUBLISHED:
            values["excerpt"] = ""
        elif len(values["excerpt"]) > shown_excerpt:
            values["excerpt"] = values["excerpt"][: shown_excerpt - 1].rstrip() + "…"
        by_id[values["id"]] = values
    return by_id


def rows(ids, *, excerpt_length, shown_excerpt):
    """The rows of these pledges in the order of `ids`: those in the cache from it, the others in
    one query (none when every row is cached)."""
    today = timezone.localdate()
    links = (_prefix("pledges:detail", "REFERENCE"), _prefix("portal:organization", "slug-placeholder"))

    def make(missing):
        by_id = _row_values(missing, excerpt_length, shown_excerpt)
        return [
            (by_id[pk]["reference"], by_id[pk]["title"], row_html(by_id[pk], today, links)) if pk in by_id else None
            for pk in missing
        ]

    made = fragments.values_of(
        "registry-row",
        [(pk, today.isoformat()) for pk in ids],
        lambda parts: make([pk for pk, _day in parts]),
        versions=(cache_versions.REGISTRY, cache_versions.ORGANIZATIONS),
    )
    return [Row(*found) for found in made if found is not None]


# --- The facet links ------------------------------------------------------------------------


def _encoded(name, value):
    return f"{quote_plus(name)}={quote_plus(value)}"


class FacetTable:
    """For one language and reference version: each linked facet's values, their escaped labels
    and their encoded parameters."""

    def __init__(self, labels):
        self.groups = []
        for facet in facets.LINKED:
            values = [
                (str(value), label, escape(str(label)), _encoded(facet.name, str(value)))
                for value, label in facet.choices(labels)
                if value != ""
            ]
            self.groups.append((facet, escape(str(facet.label)), values))


_tables = {}


def facet_table(labels):
    key = (translation.get_language(), id(labels))
    table = _tables.get(key)
    if table is None or table[0] is not labels:
        if len(_tables) > 32:
            _tables.clear()
        table = _tables[key] = (labels, FacetTable(labels))
    return table[1]


def facet_groups(result, labels):
    """For each linked facet: its values with their counts and the query string that adds each
    to the facet's values (any of them) or, for a value already chosen, removes it and keeps
    every other; the parameters in the order of the page's (as QueryDict.urlencode writes them)."""
    data = result.filter.data
    params = [(name, data.getlist(name)) for name in data if name != "page"] if data else []
    encoded = [[_encoded(name, str(v)) for v in values] for name, values in params]
    cleaned = result.filter.form.cleaned_data
    counts = result.counts
    groups = []
    for facet, _label, table in facet_table(labels).groups:
        name = facet.name
        current = facets.chosen(cleaned, facet)
        where = next((n for n, (param, _values) in enumerate(params) if param == name), None)
        if where is None:
            before, after = "&".join(piece for pieces in encoded for piece in pieces), ""
        else:
            before = "&".join(piece for pieces in encoded[:where] for piece in pieces)
            after = "&".join(piece for pieces in encoded[where + 1 :] for piece in pieces)
        mine = {value: _encoded(name, value) for value in current}
        values = []
        for value, value_label, _escaped_label, piece in table:
            selected = value in mine
            middle = "&".join(v for key, v in mine.items() if key != value) if selected else "&".join([*mine.values(), piece])
            values.append(
                {
                    "value": value,
                    "label": value_label,
                    "count": counts.get(f"{name}:{value}", 0),
                    "selected": selected,
                    "query": "&".join(part for part in (before, middle, after) if part),
                }
            )
        groups.append({"name": name, "label": facet.label, "values": values})
    return groups


SELECTED = ' aria-current="true" class="selected"'


def facets_html(groups, labels):
    """The facets' sections, as the template's loop made them."""
    remove = f'<span class="visually-hidden">{escape(_("Remove this filter:"))} </span>'
    by_name = {facet.name: (label, table) for facet, label, table in facet_table(labels).groups}
    sections = []
    for group in groups:
        label, table = by_name[group["name"]]
        items = "".join(
            f'<li><a href="?{escape(value["query"])}"'
            f'{SELECTED if value["selected"] else ""}>'
            f'{remove if value["selected"] else ""}{escaped}</a> <span class="count">({value["count"]})</span></li>'
            for value, (_v, _label, escaped, _piece) in zip(group["values"], table, strict=True)
            if value["count"] or value["selected"]
        )
        name = group["name"]
        sections.append(
            f'\n<section class="facet" aria-labelledby="facet-{name}">\n'
            f'  <h3 id="facet-{name}">{label}</h3>\n'
            f"  <ul>\n    {items}\n  </ul>\n</section>\n"
        )
    return "".join(sections)


# --- The filter form ------------------------------------------------------------------------

FIELDS = (
    "q", "forum", "objective", "round_table", "principle", "kind", "pledger", "region", "country",
    "stage", "health", "seeks", "offers", "seeking", "offering", "former", "sort",
)  # fmt: skip


_forms = {}


class Deferred:
    """Markup made when the template prints it: an invalid form's errors render through
    templates of their own, which then come after the page's in the response's contexts."""

    def __init__(self, make):
        self.make = make

    def __html__(self):
        return self.make()

    __str__ = __html__


def form_html(form, labels):
    """The form's fields as filter_field renders them; all but the search kept in this process
    per language, labels (the reference version) and state of the form (its values ticked) when
    it is valid; an invalid one shows its errors, made each time."""
    if form.errors:
        return mark_safe("\n  ".join(str(filter_field(form[name])) for name in FIELDS))  # noqa: S308 - filter_field's
    state = tuple((name, tuple(form.data.getlist(name))) for name in FIELDS[1:] if name in form.data)
    key = (translation.get_language(), id(labels), state)
    found = _forms.get(key)
    if found is None or found[0] is not labels:
        if len(_forms) >= 512:
            _forms.clear()
        found = _forms[key] = (labels, "\n  ".join(str(filter_field(form[name])) for name in FIELDS[1:]))
    rest = found[1]
    return mark_safe(f"{filter_field(form['q'])}\n  {rest}")  # noqa: S308 - filter_field's markup



# --- The page's body ------------------------------------------------------------------------

BODY_VERSIONS = (cache_versions.REGISTRY, cache_versions.REFERENCE, cache_versions.ORGANIZATIONS)


def page_body(params, render):
    """The registry page's body for this query string, as `render()` makes it, kept as a fragment
    under the index its counts and order come from (its versions and day, when it was taken), the
    versions its rows and labels show and the language: a selection asked for again (the next
    visitor, a signed-in one, a page revisited) counts no facet and renders nothing. A query
    string the page cannot understand raises BadRequest from `render()` and is not kept. Kept
    compressed: about 55 kB of markup, 13 kB in the cache."""
    # One round trip for the versions the index, the labels and the rows read.
    cache_versions.values(BODY_VERSIONS)
    try:
        index = facet_index.current()
    except facet_index.IndexNotReady:
        return render()  # which raises it again, unless the query string is invalid (400 first)
    made = fragments.value(
        "registry-body",
        lambda: zlib.compress(str(render()).encode(), 1),
        versions=BODY_VERSIONS,
        parts=(index.key, index.taken_at.isoformat(), params.urlencode()),
    )
    return mark_safe(zlib.decompress(made).decode())  # noqa: S308 - the template's markup
