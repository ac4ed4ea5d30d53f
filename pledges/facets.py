"""The registry's facet index: for every filter value, the published pledges that have it, as a
bitset over all published pledges in "newest first" order (bit 0 is the newest).

Counting facets in SQL means reading every matching row for every request that is not cached; at
100,000 pledges that is the expensive part of a registry page. With the index, a filter is an AND
of bitsets, every facet count is a popcount, and the newest-first page is the mask's first set
bits: no counting query at all. A search adds one query for the matching ids and ranks (cached
per process). The index is built in one query whenever the registry's version changes (any
publication, withdrawal or report) or the day changes (reporting health depends on the date), and
kept in each process's memory: about 2 MB per 100,000 pledges.
"""

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np
from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, FloatField, Q, Value
from django.utils import timezone

from forums.enums import Region
from pledges.enums import PledgeKind, PledgeState, ReportingHealth, Stage, pledger_type_choices
from pledges.models import Pledge, health_of, split_codes

# With the cache down there is no shared version to compare with: keep an index this long.
STALE_AFTER_SECONDS = 60
SEARCH_CACHE_SIZE = 256
FACET_NAMES = ("forum", "objective", "principle", "kind", "pledger", "region", "stage", "health")

_lock = threading.Lock()
_current = None


@dataclass
class Search:
    """The published pledges a search matches, as a bitset; and those with a rank above zero
    (the words in their reference, title or pledgers), best first. The others follow newest first."""

    bits: int
    ranked: list
    ranked_bits: int


@dataclass
class FacetIndex:
    key: tuple
    ids: np.ndarray  # position → pledge id
    sets: dict  # "objective:5" → bitset
    everything: int
    taken_at: object
    built_at: float = field(default_factory=time.monotonic)
    searches: OrderedDict = field(default_factory=OrderedDict)
    _positions: np.ndarray = None

    @property
    def size(self):
        return len(self.ids)

    def positions_of(self, ids):
        """The positions of these pledge ids, without those not in the index (drafts, and pledges
        published since it was built: the next version will have them)."""
        if self._positions is None:
            lookup = np.full(int(self.ids.max(initial=0)) + 1, -1, dtype=np.int64)
            lookup[self.ids] = np.arange(self.size)
            self._positions = lookup
        ids = np.asarray(ids, dtype=np.int64)
        known = ids < len(self._positions)
        positions = np.full(len(ids), -1, dtype=np.int64)
        positions[known] = self._positions[ids[known]]
        return positions

    def mask(self, cleaned, reference):
        """The bitset of the pledges that pass every filter except the search."""
        mask = self.everything
        if cleaned.get("forum"):
            mask &= self.sets.get(f"forum:{reference.forum_by_year[int(cleaned['forum'])]}", 0)
        if cleaned.get("objective"):
            mask &= self.sets.get(f"objective:{int(cleaned['objective'])}", 0)
        for name in ("principle", "kind", "pledger", "region", "country", "stage", "health"):
            if cleaned.get(name):
                mask &= self.sets.get(f"{name}:{cleaned[name]}", 0)
        if cleaned.get("seeking"):
            mask &= self.sets.get("seeking:true", 0)
        return mask

    def counts(self, mask, reference):
        """{"objective:5": n, ...} for every value the registry offers, and the total."""
        counts = {"total": mask.bit_count()}
        for year, pk, _title in reference.forums:
            counts[f"forum:{year}"] = (mask & self.sets.get(f"forum:{pk}", 0)).bit_count()
        keys = [f"objective:{number}" for number, _label, _title in reference.objectives]
        keys += [f"principle:{letter}" for letter, _name in reference.principles]
        keys += [f"kind:{kind.value}" for kind in PledgeKind]
        keys += [f"pledger:{value}" for value, _label in pledger_type_choices()]
        keys += [f"region:{region.value}" for region in Region]
        keys += [f"stage:{stage.value}" for stage in Stage]
        keys += [f"health:{health.value}" for health in ReportingHealth]
        keys.append("seeking:true")
        for key in keys:
            counts[key] = (mask & self.sets.get(key, 0)).bit_count() if mask else 0
        return counts

    def page_ids(self, mask, start, count, *, oldest_first=False):
        """The ids of the mask's pledges start..start+count-1, newest (or oldest) first."""
        total = mask.bit_count()
        if oldest_first:
            first = max(0, total - start - count)
            last = total - start
            positions = set_bits(mask, first, last - first)[::-1]
        else:
            positions = set_bits(mask, start, count)
        return [int(self.ids[p]) for p in positions]

    def ranked_ids(self, mask, search, start, count):
        """The ids of the matches start..start+count-1 in the order of relevance: ranked matches
        best first, then the others newest first."""
        data = as_bytes(mask, self.size)
        ranked = [p for p in search.ranked if data[p >> 3] >> (p & 7) & 1]
        positions = ranked[start : start + count]
        if len(positions) < count:
            rest = mask & ~search.ranked_bits
            positions += set_bits(rest, max(0, start - len(ranked)), count - len(positions))
        return [int(self.ids[p]) for p in positions]

    def search(self, words, run):
        """The matches of these words, from this process's cache or by `run` (one query)."""
        key = tuple(words)
        found = self.searches.get(key)
        if found is None:
            found = run()
            self.searches[key] = found
            if len(self.searches) > SEARCH_CACHE_SIZE:
                self.searches.popitem(last=False)
        else:
            self.searches.move_to_end(key)
        return found


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


def tsquery_sql(search_config, words):
    return "websearch_to_tsquery(%s::regconfig, %s)", [search_config, " ".join(words)]


def like_condition(words):
    """SQLite: every word somewhere in the reference, title, text or pledgers' names."""
    condition = Q()
    for word in words:
        condition &= (
            Q(reference__icontains=word)
            | Q(title__icontains=word)
            | Q(text__icontains=word)
            | Q(pledger_names__icontains=word)
        )
    return condition


COLUMNS = (
    "id",
    "forum_id",
    "objective_codes",
    "principle_codes",
    "kind_financial",
    "kind_technical",
    "kind_process",
    "kind_policy",
    "pledger_type",
    "region_codes",
    "country_codes",
    "stage",
    "health_since",
    "seeking_partners",
)


def index_rows(words=None, search_config=None):
    """The index's columns of every published pledge, newest first; with `words`, also whether the
    search matches each and its rank."""
    queryset = Pledge.objects.published().order_by("-published_at", "-pk")
    if not words:
        return list(queryset.values_list(*COLUMNS))
    if connection.vendor != "postgresql":
        hit = ExpressionWrapper(like_condition(words), output_field=BooleanField())
        rank = Value(0.0, output_field=FloatField())
        return list(queryset.annotate(hit=hit, rank=rank).values_list(*COLUMNS, "hit", "rank"))
    tsquery, params = tsquery_sql(search_config, words)
    columns = ", ".join(f"p.{column}" for column in COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {columns}, m.pledge_id IS NOT NULL, m.rank FROM pledges_pledge p "  # noqa: S608 - fixed names
            f"LEFT JOIN pledges_search_matches({tsquery}) m ON m.pledge_id = p.id "
            "WHERE p.state = %s ORDER BY p.published_at DESC, p.id DESC",
            [*params, PledgeState.PUBLISHED],
        )
        return cursor.fetchall()


def build(key, today, *, words=None, search_config=None):
    """One query over the published pledges; with `words`, the same query also says which of them
    the search matches, so that a search on a cold cache costs no extra query."""
    rows = index_rows(words, search_config)
    size = len(rows)
    nbytes = (size + 7) // 8 or 1
    arrays, ids, hits, ranks = {}, [], [], []

    def add(name, position):
        array = arrays.get(name)
        if array is None:
            array = arrays[name] = bytearray(nbytes)
        array[position >> 3] |= 1 << (position & 7)

    health_cache = {}
    for position, row in enumerate(rows):
        (pk, forum_id, objectives, principles, financial, technical, process, policy, pledger, regions,
         countries, stage, since, seeking) = row[:14]  # fmt: skip
        ids.append(pk)
        add(f"forum:{forum_id}", position)
        for number in split_codes(objectives):
            add(f"objective:{number}", position)
        for letter in split_codes(principles):
            add(f"principle:{letter}", position)
        for kind, flag in (("financial", financial), ("technical", technical), ("process", process), ("policy", policy)):  # fmt: skip
            if flag:
                add(f"kind:{kind}", position)
        add(f"pledger:{pledger}", position)
        for region in split_codes(regions):
            add(f"region:{region}", position)
        for iso3 in split_codes(countries):
            add(f"country:{iso3}", position)
        add(f"stage:{stage}", position)
        if since is not None:
            health = health_cache.get(since)
            if health is None:
                health = health_cache[since] = health_of(since, today)
            add(f"health:{health}", position)
        if seeking:
            add("seeking:true", position)
        if words and row[14]:
            hits.append(position)
            ranks.append(row[15])
    index = FacetIndex(
        key=key,
        ids=np.array(ids, dtype=np.int64),
        sets={name: int.from_bytes(array, "little") for name, array in arrays.items()},
        everything=(1 << size) - 1,
        taken_at=timezone.now(),
    )
    if words:
        index.searches[tuple(words)] = _search(index, np.array(hits, dtype=np.int64), ranks)
    return index


def _search(index, positions, ranks):
    ranks = np.asarray(ranks, dtype=np.float64)
    keep = positions >= 0
    positions, ranks = positions[keep], ranks[keep]
    ranked = ranks > 0
    by_rank = positions[ranked][np.lexsort((positions[ranked], -ranks[ranked]))]
    return Search(
        bits=to_bits(positions, index.size),
        ranked=by_rank.tolist(),
        ranked_bits=to_bits(by_rank, index.size),
    )


def to_bits(positions, size):
    flags = np.zeros((size + 7) // 8 * 8 or 8, dtype=bool)
    flags[positions] = True
    return int.from_bytes(np.packbits(flags, bitorder="little").tobytes(), "little")


def run_search(index, words, search_config):
    """One query: the ids and ranks of the pledges the words match (PostgreSQL: through the GIN
    index of the narrow search table; SQLite: LIKE, unranked)."""
    if connection.vendor == "postgresql":
        tsquery, params = tsquery_sql(search_config, words)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT array_agg(pledge_id), array_agg(rank) FROM pledges_search_matches({tsquery})",  # noqa: S608
                params,
            )
            ids, ranks = cursor.fetchone()
        ids, ranks = ids or [], ranks or []
    else:
        ids = list(Pledge.objects.filter(like_condition(words)).values_list("id", flat=True))
        ranks = [0.0] * len(ids)
    return _search(index, index.positions_of(ids), ranks)


def current(version, *, words=None, search_config=None):
    """This process's index for the registry's version and today's date, built if needed."""
    global _current
    today = timezone.localdate()
    key = (version, today)
    index = _current
    if index is not None:
        if index.key == key:
            return index
        if (
            version is None
            and index.key[1] == today
            and time.monotonic() - index.built_at < STALE_AFTER_SECONDS
        ):
            return index
    with _lock:
        if _current is not None and _current.key == key:
            return _current
        _current = build(key, today, words=words, search_config=search_config)
        return _current


def forget():
    """Drop this process's index (tests that change pledges without a new version)."""
    global _current
    _current = None
