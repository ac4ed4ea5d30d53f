"""What a registry query string selects, and in which order: one function for the page and the
exports, so that an export lists exactly the page's pledges in the page's order.

A registry page runs at most three queries, whatever the number of pledges: the labels (cached),
the facet index (built once per process when the registry changes, usually by a task) or a
search's matches, and the page's rows."""

import datetime
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.utils.translation import gettext as _

from pledges.models import Pledge
from pledges.registry import facets, markup, search
from pledges.registry import index as facet_index
from pledges.registry.filters import RegistryFilter
from pledges.registry.labels import labels as current_labels

PAGE_SIZE = 20
EXCERPT_LENGTH = 280
SHOWN_EXCERPT = 240
class BadRequest(Exception):
    """The query string cannot be understood; the message says why."""

    def __init__(self, messages, registry=None):
        super().__init__(messages)
        self.messages = messages
        self.registry = registry


@dataclass
class Registry:
    filter: RegistryFilter
    page: Page = None
    counts: dict = field(default_factory=dict)
    counts_taken_at: datetime.datetime = None
    total: int = 0
    labels: object = None
    searching: bool = False


@dataclass
class Selection:
    """A query string understood: the filters, the search words and the sort; with the index,
    the mask of the pledges it selects."""

    filter: RegistryFilter
    labels: object
    words: list
    sort: str
    index: object = None
    mask: int = 0
    search: object = None
    without: dict = field(default_factory=dict)

    @property
    def cleaned(self):
        return self.filter.form.cleaned_data

    def positions(self, start=0, count=None):
        return self.index.positions(self.mask, self.search, self.sort, start, count)

    def ids(self, start=0, count=None):
        return self.index.ids_at(self.positions(start, count))

    @property
    def total(self):
        return self.mask.bit_count()


# What the registry's query string may hold besides the facets: the search, the sort, the page.
ARRANGING = ("q", "sort", "page")
# Options that widen the selection: `former` adds the pledges that left the registry.
OPTIONS = ("former",)


def takes_several(name):
    """Whether a parameter may be repeated: every facet but the yes/no ones, as on the registry's
    page (?objective=3&objective=5: pledges with any of them), so that the exports and the API
    take exactly the page's query strings."""
    facet = facets.BY_NAME.get(name)
    return facet is not None and not facet.boolean


def check_parameters(params):
    """Open data reads its query string literally: a parameter the registry does not know (a
    typo: `objectives=5`) or a single-valued one given twice (`sort=title&sort=newest`) would
    otherwise be dropped, and the export would silently be of something else. BadRequest says
    which and why."""
    errors = []
    for name in params:
        if name not in ARRANGING and name not in OPTIONS and name not in facets.BY_NAME:
            errors.append(
                _("Unknown parameter “%(name)s”: the registry understands %(known)s.")
                % {"name": name, "known": ", ".join((*ARRANGING, *facets.BY_NAME, *OPTIONS))}
            )
        elif len(params.getlist(name)) > 1 and not takes_several(name):
            errors.append(
                _("“%(name)s” takes one value and was given %(count)d.")
                % {"name": name, "count": len(params.getlist(name))}
            )
    if errors:
        raise BadRequest(errors)


def select(params, *, off_request=False):
    """Validate the query string and select its pledges in the index; BadRequest says why not.
    `off_request`: the caller is a task or a command (exports, the dump, seed_demo), which builds
    the index itself when none is shared rather than fail as a request would."""
    labels = current_labels()
    registry_filter = RegistryFilter(params, queryset=Pledge.objects.none(), labels=labels)
    if not registry_filter.is_valid():
        messages = [
            f"{registry_filter.filters[name].label}: {' '.join(errors)}"
            for name, errors in registry_filter.errors.items()
        ]
        raise BadRequest(messages, Registry(filter=registry_filter, labels=labels))
    cleaned = registry_filter.form.cleaned_data
    words = search.terms(cleaned.get("q"))
    sort = cleaned.get("sort") or ("relevance" if words else "newest")
    selection = Selection(filter=registry_filter, labels=labels, words=words, sort=sort)
    selection.index = facet_index.refresh() if off_request else facet_index.current(words or None)
    selection.mask = selection.index.mask(cleaned)
    selection.without = selection.index.masks_without(cleaned)
    if words:
        selection.search = selection.index.search(words)
        found = selection.search.bits
        if cleaned.get("former"):
            # A pledge that left the registry is found by its record (reference, title, pledgers)
            # only: a match in its text would tell what the text, no longer public, says.
            found &= selection.index.published | selection.search.head_bits
        selection.mask &= found
        selection.without = {name: mask & found for name, mask in selection.without.items()}
    return selection


class SelectionRows:
    """A page's rows: the ids from the index, one query for those rows the cache lacks (as
    markup.Row: the reference, the title and the row's markup)."""

    ordered = True  # for the paginator's check

    def __init__(self, selection):
        self.selection = selection

    def __getitem__(self, window):
        ids = self.selection.ids(window.start, window.stop - window.start)
        return markup.rows(ids, excerpt_length=EXCERPT_LENGTH, shown_excerpt=SHOWN_EXCERPT)


class CountedPaginator(Paginator):
    def __init__(self, object_list, per_page, *, count):
        super().__init__(object_list, per_page)
        self._known_count = count

    @property
    def count(self):
        return self._known_count


def registry(params):
    """One registry page: counts from the facet index, rows in one query."""
    selection = select(params)
    page_param = params.get("page", "1") or "1"
    if not page_param.isdigit() or int(page_param) < 1:
        raise BadRequest(
            [_("page: the page is a whole number from 1.")],
            Registry(filter=selection.filter, labels=selection.labels),
        )
    counts = selection.index.counts(selection.mask, selection.labels, selection.without)
    paginator = CountedPaginator(SelectionRows(selection), PAGE_SIZE, count=counts["total"])
    return Registry(
        filter=selection.filter,
        page=paginator.get_page(int(page_param)),
        counts=counts,
        counts_taken_at=selection.index.taken_at,
        total=counts["total"],
        labels=selection.labels,
        searching=bool(selection.words),
    )


def facet_counts():
    """Every facet count over the whole registry, and when the index was taken."""
    index = facet_index.current()
    return {"counts": index.counts(index.published, current_labels()), "taken_at": index.taken_at}
