"""The registry's facet index: for every facet value, the published pledges that have it, as a
bitset over all published pledges in "newest first" order (bit 0 is the newest); and the order of
those pledges by every other sort.

Counting facets in SQL means reading every matching row for every request that is not cached; at
100,000 pledges that is the expensive part of a registry page. With the index, a filter is an AND
of bitsets, every facet count is a popcount, and any page of any sort is read off the bitsets and
the sort orders: no counting query at all, and the exports stream the same ids in the same order.
A search adds one query for the matching ids of its words (cached per process). The index is built
in one query whenever the registry's version changes (any publication, withdrawal or report), the
labels change (a forum announced) or the day changes (reporting health depends on the date), and
kept in each process's memory: about 6 MB per 100,000 pledges (bench/scaling.py).
"""

import datetime
import itertools
import operator
import pickle
import threading
import time
import unicodedata
import zlib
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np
from django.core.cache import cache
from django.utils import timezone

from core import cache_versions
from core.queue import send_now
from pledges.enums import PledgeState
from pledges.models import Pledge
from pledges.registry import facets, search
from pledges.registry.labels import labels as current_labels

# A process keeps the matches of its latest searches within both bounds: at a million pledges one
# common word's matches take a few MB, so the count alone would let them grow to a gigabyte.
SEARCH_CACHE_SIZE = 256
SEARCH_CACHE_BYTES = 24 * 2**20
# Sorts the index answers from a stored order (newest and oldest are the bit order itself).
ORDERS = ("title", "reference", "reported")


# Combining marks (accents) that NFKD separates from their letters.
UNACCENT = dict.fromkeys(
    code
    for start, end in ((0x300, 0x370), (0x1AB0, 0x1B00), (0x1DC0, 0x1E00), (0x20D0, 0x2100), (0xFE20, 0xFE30))
    for code in range(start, end)
)


def title_key(title):
    """ "Émigré" sorts with "emigre": accents and case aside, letter by letter."""
    return unicodedata.normalize("NFKD", title).translate(UNACCENT).casefold()


SORTS = ("relevance", "newest", "oldest", *ORDERS)

_lock = threading.Lock()
_current = None


@dataclass
class FacetIndex:
    key: tuple
    ids: np.ndarray  # position → pledge id
    sets: dict  # "objective:5" → bitset
    everything: int
    # The published pledges; the others in the index left the registry (their public record
    # shows when a query asks for them with `former`).
    published: int
    taken_at: object
    orders: dict  # sort → positions in that order (int32: half the memory of int64)
    built_at: float = field(default_factory=time.monotonic)
    searches: OrderedDict = field(default_factory=OrderedDict)
    search_bytes: int = 0
    _positions: np.ndarray = None

    @property
    def size(self):
        return len(self.ids)

    def positions_of(self, ids):
        """The positions of these pledge ids, -1 for those not in the index (drafts, and pledges
        published since it was built: the next version will have them)."""
        if self._positions is None:
            lookup = np.full(int(self.ids.max(initial=0)) + 1, -1, dtype=np.int32)
            lookup[self.ids] = np.arange(self.size)
            self._positions = lookup
        ids = np.asarray(ids, dtype=np.int64)
        known = ids < len(self._positions)
        positions = np.full(len(ids), -1, dtype=np.int64)
        positions[known] = self._positions[ids[known]]
        return positions

    def _chosen(self, cleaned):
        """For each facet set: the OR of its values' bitsets."""
        chosen = {}
        for facet, values in facets.selected(cleaned):
            either = 0
            for value in values:
                either |= self.sets.get(f"{facet.name}:{value}", 0)
            chosen[facet.name] = either
        return chosen

    def base(self, cleaned):
        """The published pledges; with `former`, also those that left the registry."""
        return self.everything if cleaned.get("former") else self.published

    def mask(self, cleaned):
        """The bitset of the pledges that pass every filter except the search: OR within a
        facet, AND across facets."""
        mask = self.base(cleaned)
        for either in self._chosen(cleaned).values():
            mask &= either
        return mask

    def masks_without(self, cleaned):
        """For each facet set, the pledges that pass every OTHER filter: its values are counted
        against that, so that a ticked objective's neighbours say how many pledges each would
        add, not 0."""
        chosen = self._chosen(cleaned)
        found = {}
        for name in chosen:
            mask = self.base(cleaned)
            for other, either in chosen.items():
                if other != name:
                    mask &= either
            found[name] = mask
        return found

    def counts(self, mask, labels, without=None):
        """{"objective:5": n, ...} for every value the registry counts, and the total; a facet
        in `without` is counted against its own mask (masks_without)."""
        counts = {"total": mask.bit_count()}
        without = without or {}
        for facet in facets.FACETS:
            if facet.linked or facet.boolean:
                base = without.get(facet.name, mask)
                for key in facet.keys(labels):
                    counts[key] = (base & self.sets.get(key, 0)).bit_count() if base else 0
        return counts

    def inside(self, mask):
        """The mask as an array of booleans, one per position."""
        packed = np.frombuffer(as_bytes(mask, self.size), dtype=np.uint8)
        return np.unpackbits(packed, bitorder="little")[: self.size].astype(bool)

    def positions(self, mask, search_result, sort, start=0, count=None):
        """Positions of the selected pledges number start..start+count-1 (all from start when
        count is None) in the order of `sort`: the one ordering of the page and the exports."""
        total = mask.bit_count()
        count = total - start if count is None else count
        if count <= 0:
            return np.zeros(0, dtype=np.int64)
        if sort == "relevance" and search_result is not None:
            ranked = search_result.ranked
            if len(ranked):
                ranked = ranked[self.inside(mask)[ranked]]
            chosen = ranked[start : start + count]
            if len(chosen) < count:
                rest = mask & ~search_result.ranked_bits
                more = set_bits(rest, max(0, start - len(ranked)), count - len(chosen))
                chosen = np.concatenate([chosen, np.asarray(more, dtype=np.int64)])
            return chosen
        if sort in self.orders:
            order = self.orders[sort]
            return order[self.inside(mask)[order]][start : start + count]
        if sort == "oldest":
            first = max(0, total - start - count)
            return np.asarray(set_bits(mask, first, total - start - first)[::-1], dtype=np.int64)
        return np.asarray(set_bits(mask, start, count), dtype=np.int64)

    def ids_at(self, positions):
        return [int(pk) for pk in self.ids[positions]]

    def search(self, words):
        """The matches of these words: each unit's matches come from this process's cache, or
        from one query for all the units it has not seen since the registry last changed."""
        units = search.units(words)
        key = tuple(units)
        found = self.searches.get(key)
        if found is None:
            have = {unit: self._recall(("unit", unit)) for unit in units}
            missing = [unit for unit, hit in have.items() if hit is None]
            if missing:
                for unit, result in zip(missing, search.fetch(missing, self.positions_of), strict=True):
                    have[unit] = result
                    self._remember(("unit", unit), result)
            found = combine(self, [have[unit] for unit in units])
        self._remember(key, found)
        return found

    def _recall(self, key):
        """Kept matches, now the most recently used: a word's matches outlive the many searches
        that combine it with others (a new combination on almost every request of a long tail),
        so that a common word, the costliest to fetch, is fetched once, not once per 256 searches."""
        found = self.searches.get(key)
        if found is not None:
            self.searches.move_to_end(key)
        return found

    def _remember(self, key, value):
        """Keep these matches, forgetting the least recent beyond SEARCH_CACHE_SIZE searches or
        SEARCH_CACHE_BYTES (the newest is always kept)."""
        previous = self.searches.pop(key, None)
        if previous is not None:
            self.search_bytes -= nbytes(previous)
        self.searches[key] = value
        self.search_bytes += nbytes(value)
        while len(self.searches) > 1 and (
            len(self.searches) > SEARCH_CACHE_SIZE or self.search_bytes > SEARCH_CACHE_BYTES
        ):
            _key, forgotten = self.searches.popitem(last=False)
            self.search_bytes -= nbytes(forgotten)


def nbytes(found):
    """About what a search's matches (search.Unit or search.Search) hold in memory."""
    if isinstance(found, search.Unit):
        return found.positions.nbytes + found.ranked.nbytes + found.ranks.nbytes
    bits = found.bits.bit_length() + found.ranked_bits.bit_length() + found.head_bits.bit_length()
    return found.ranked.nbytes + bits // 8


def combine(index, units):
    """AND the units' matches; rank by the sum of their weights (search.py), newest first among
    equals."""
    units = [unit for unit in units if not unit.ignored]
    if not units:
        return search.Search(bits=0, ranked=np.zeros(0, dtype=np.int64), ranked_bits=0)
    flags = np.ones(index.size, dtype=bool)
    heads = np.ones(index.size, dtype=bool)
    for unit in units:
        hit = np.zeros(index.size, dtype=bool)
        hit[unit.positions] = True
        flags &= hit
        head = np.zeros(index.size, dtype=bool)
        head[unit.ranked] = True
        heads &= head
    scores = np.zeros(index.size, dtype=np.float64)
    for unit in units:
        np.add.at(scores, unit.ranked, unit.ranks)
    scores[~flags] = 0
    ranked_positions = np.flatnonzero(scores)
    by_rank = ranked_positions[np.lexsort((ranked_positions, -scores[ranked_positions]))]
    return search.Search(
        bits=to_bits(np.flatnonzero(flags), index.size),
        ranked=by_rank,
        ranked_bits=to_bits(by_rank, index.size),
        head_bits=to_bits(np.flatnonzero(flags & heads), index.size),
    )


def as_bytes(bits, size):
    return bits.to_bytes((size + 7) // 8 or 1, "little")


def set_bits(bits, start, count):
    """The positions of set bits number start..start+count-1, lowest first, skipping whole
    64-bit words by their popcount."""
    if count <= 0 or not bits:
        return []
    length = (bits.bit_length() + 63) // 64 * 8
    words = memoryview(bits.to_bytes(length, "little")).cast("Q")
    positions, skipped = [], 0
    for index, word in enumerate(words):
        if not word:
            continue
        ones = word.bit_count()
        if skipped + ones <= start:
            skipped += ones
            continue
        while word:
            low = word & -word
            if skipped >= start:
                positions.append(index * 64 + low.bit_length() - 1)
                if len(positions) == count:
                    return positions
            skipped += 1
            word ^= low
    return positions


def to_bits(positions, size):
    flags = np.zeros((size + 7) // 8 * 8 or 8, dtype=bool)
    flags[positions] = True
    return int.from_bytes(np.packbits(flags, bitorder="little").tobytes(), "little")


SORT_COLUMNS = ("title", "reference", "state")


class Row:
    """One row of the index's query, read by column name (facets.py) without a dict per row."""

    __slots__ = ("values",)
    POSITIONS = {name: n for n, name in enumerate([*facets.COLUMNS, *SORT_COLUMNS])}

    def __init__(self, values=()):
        self.values = values

    def __getitem__(self, name):
        return self.values[self.POSITIONS[name]]


# The index's rows are read this many at a time: the build keeps compact columns (numpy arrays,
# a number per distinct value of a facet's columns), never every row as Python tuples (which took
# 73 MB per 100,000 pledges, over 700 MB at a million).
CHUNK_ROWS = 10_000


def index_chunks(units=()):
    """The facets' columns of every pledge on record (published, or published once), newest
    first, in lists of CHUNK_ROWS rows (Row reads their first columns); then, for each search
    unit, on PostgreSQL whether it matches the pledge, whether it is in the pledge's title or
    pledgers' names and whether the text search ignores the unit, on SQLite whether it matches."""
    if search.is_postgresql():
        yield from search.rows_with_matches([f"p.{column}" for column in Row.POSITIONS], units, CHUNK_ROWS)
        return
    flags = {f"hit{n}": search.like_flag(unit) for n, unit in enumerate(units)}
    queryset = Pledge.objects.on_record().order_by("-published_at", "-pk").annotate(**flags)
    rows = queryset.values_list(*Row.POSITIONS, *flags).iterator(chunk_size=CHUNK_ROWS)
    while chunk := list(itertools.islice(rows, CHUNK_ROWS)):
        yield chunk


class FacetRow:
    """The columns of one facet, as its `values` function reads them."""

    __slots__ = ("values",)

    def __getitem__(self, name):
        return self.values[name]


def stored_orders(ids, titles, references, reported):
    """The positions in each stored order, computed here the same on every database: titles A–Z
    without regard to case or accents (`titles`: title_key in UTF-8, whose bytes sort as its
    code points), references in order, the latest report first (newer pledges first among
    equals; `reported`: the day's ordinal)."""
    if not len(ids):
        return {sort: np.zeros(0, dtype=np.int32) for sort in ORDERS}
    return {
        "title": np.lexsort((ids, titles)).astype(np.int32),
        "reference": np.argsort(references, kind="stable").astype(np.int32),
        "reported": np.lexsort((-ids, -reported.astype(np.int64))).astype(np.int32),
    }


def bits_of(flags):
    """The bitset of an array of booleans, one per position."""
    return int.from_bytes(np.packbits(flags, bitorder="little").tobytes(), "little")


def _joined(parts, dtype):
    return np.concatenate(parts) if parts else np.zeros(0, dtype=dtype)


def build(key, today, labels, *, words=None):
    """One query over the published pledges; with `words`, the same query also says which of them
    each word matches, so that a search on a cold cache costs no extra query. The rows come in
    chunks (index_chunks); each facet keeps, per row, the number of its columns' distinct values,
    whose facet values are worked out once each."""
    global builds
    builds += 1
    units = search.units(words) if words else []
    postgresql = search.is_postgresql()
    width = len(Row.POSITIONS)
    title, reference, since, state = (Row.POSITIONS[name] for name in ("title", "reference", "health_since", "state"))
    reads = [
        (facet, operator.itemgetter(*(Row.POSITIONS[name] for name in facet.columns)), {}, [])
        for facet in facets.FACETS
    ]
    ids, titles, references, reported, published = [], [], [], [], []
    hits = [([], [], [], []) for _ in units]  # per unit: matches, in the title, in the pledgers, ignored
    size = 0
    for rows in index_chunks(units):
        count = len(rows)
        ids.append(np.fromiter((values[0] for values in rows), dtype=np.int64, count=count))
        for _facet, read, distinct, numbers in reads:
            numbers.append(
                np.fromiter(
                    (distinct.setdefault(read(values), len(distinct)) for values in rows), dtype=np.int32, count=count
                )
            )
        titles.append(np.array([title_key(values[title]).encode() for values in rows], dtype=bytes))
        references.append(np.array([values[reference].encode() for values in rows], dtype=bytes))
        reported.append(
            np.fromiter(
                ((values[since] or datetime.date.min).toordinal() for values in rows), dtype=np.int32, count=count
            )
        )
        published.append(
            np.fromiter((values[state] == PledgeState.PUBLISHED for values in rows), dtype=bool, count=count)
        )
        for n, (matched, in_title, in_pledgers, ignored) in enumerate(hits):
            column = width + (4 * n if postgresql else n)
            found = [p for p, values in enumerate(rows) if values[column]]
            matched.extend(size + p for p in found)
            if postgresql:
                in_title.extend(size + p for p in found if rows[p][column + 1])
                in_pledgers.extend(size + p for p in found if rows[p][column + 2])
                if not size:
                    ignored.append(bool(rows[0][column + 3]))
        size += count
    ids = _joined(ids, np.int64)
    sets = {}
    row = FacetRow()
    for facet, _read, distinct, numbers in reads:
        numbers = _joined(numbers, np.int32)
        marked = {}
        for sample, number in distinct.items():
            row.values = dict(
                zip(facet.columns, sample if len(facet.columns) > 1 else (sample,), strict=True)
            )
            for value in facet.values(row, labels, today):
                marked.setdefault(value, []).append(number)
        for value, carrying in marked.items():
            carries = np.zeros(len(distinct), dtype=bool)
            carries[carrying] = True
            sets[f"{facet.name}:{value}"] = bits_of(carries[numbers])
    del reads
    orders = stored_orders(
        ids, _joined(titles, "S1"), _joined(references, "S1"), _joined(reported, np.int32)
    )
    del titles, references, reported
    index = FacetIndex(
        key=key,
        ids=ids,
        sets=sets,
        everything=(1 << size) - 1,
        published=bits_of(_joined(published, bool)),
        taken_at=timezone.now(),
        orders=orders,
    )
    for unit, (matched, in_title, in_pledgers, ignored) in zip(units, hits, strict=True):
        if postgresql:
            hit = search.ranked_unit(matched, in_title, in_pledgers, ignored=bool(ignored and ignored[0]))
        else:
            hit = search.Unit(
                positions=np.array(matched, dtype=np.int64), ranked=np.zeros(0, dtype=np.int64), ranks=np.zeros(0)
            )
        index._remember(("unit", unit), hit)
    return index


def index_key():
    """The versions the index depends on, and the day; None for a version the cache cannot say."""
    # Both versions in one round trip to the cache (every registry request reads them).
    values = cache_versions.values((cache_versions.REGISTRY, cache_versions.REFERENCE))
    registry, reference = values if values is not None else (None, None)
    return (registry, reference, timezone.localdate())


class IndexNotReady(Exception):
    """No index was ever built or shared for this installation, and this process has none: the
    build is queued and the request answers 503 with Retry-After (pledges.middleware)."""


# How many indexes this process built (the tests check that a visitor's request built none).
builds = 0
_queued_for = None


def _queue_build(key):
    """Queue the build task once per key and process (at once with eager Celery: embedded mode
    and tests, where there is no worker)."""
    global _queued_for
    if _queued_for == key:
        return
    _queued_for = key
    from pledges import tasks  # tasks imports this module

    send_now(tasks.warm_registry_index)


def current(words=None):
    """The last built index, never built here: this process's copy when it is for the registry's
    and the labels' versions and today's date, else the one shared through the cache for them,
    else this process's previous copy (the build of the new one is queued). With no index at
    all, the build is queued and IndexNotReady raised. `words` is accepted for the callers that
    pass a search; the search then reads its matches with its own query."""
    global _current
    key = index_key()
    known = None not in key
    index = _current
    if index is not None and index.key == key:
        return index
    if known:
        with _lock:
            loaded = shared(key)
            if loaded is not None:
                _current = loaded
                return loaded
    _queue_build(key)
    if _current is not None:
        return _current
    raise IndexNotReady


def refresh():
    """Build the index for the current versions and share it, unless the cache already holds it
    (the build task, the worker-start hooks); returns it."""
    global _current
    key = index_key()
    known = None not in key
    with _lock:
        if _current is not None and _current.key == key:
            return _current
        found = shared(key) if known else None
        if found is None:
            found = build(key, key[2], current_labels())
            if known:
                share(found)
        _current = found
        return found


# The first process to build an index for a version shares it through the cache, so that the
# others load it (about 20 ms at 100,000 pledges) instead of building it again (about a second).
SHARED_SECONDS = 24 * 3600


def shared_key(key):
    registry, reference, today = key
    return f"pledges:facet-index:{registry}:{reference}:{today.isoformat()}"


def share(index):
    nbytes = (index.size + 7) // 8 or 1
    payload = {
        "ids": index.ids.astype("<i8").tobytes(),
        "taken_at": index.taken_at,
        "facets": [facet.name for facet in facets.FACETS],
        "published": index.published.to_bytes(nbytes, "little"),
        "sets": {name: bits.to_bytes(nbytes, "little") for name, bits in index.sets.items()},
        "orders": {sort: order.astype("<i4").tobytes() for sort, order in index.orders.items()},
    }
    cache.set(shared_key(index.key), zlib.compress(pickle.dumps(payload, protocol=5), 1), SHARED_SECONDS)


def shared(key):
    blob = cache.get(shared_key(key))
    if blob is None:
        return None
    # Each copy is dropped as soon as the next is made, and each set's bytes as soon as its int
    # is: at a million pledges the payload is 56 MB, and a worker's memory keeps its peak.
    raw = zlib.decompress(blob)
    del blob
    payload = pickle.loads(raw)  # noqa: S301 - written by share() above, in our cache
    del raw
    if "published" not in payload:
        return None  # shared by a version before the tombstones: build it again
    if payload.get("facets") != [facet.name for facet in facets.FACETS]:
        return None  # shared by a version with other facets (before seeks/offers): build it again
    ids = np.frombuffer(payload["ids"], dtype="<i8").astype(np.int64)
    return FacetIndex(
        key=key,
        ids=ids,
        sets={name: int.from_bytes(payload["sets"].pop(name), "little") for name in list(payload["sets"])},
        everything=(1 << len(ids)) - 1,
        published=int.from_bytes(payload["published"], "little"),
        taken_at=payload["taken_at"],
        orders={
            sort: np.frombuffer(order, dtype="<i4").astype(np.int32)
            for sort, order in payload["orders"].items()
        },
    )


def forget():
    """Drop this process's index, as a process that has not built it (tests)."""
    global _current, _queued_for
    _current = None
    _queued_for = None
