"""The registry's facet index: for every filter value, the published pledges that have it, as a
bitset over all published pledges in "newest first" order (bit 0 is the newest).

Counting facets in SQL means reading every matching row for every request that is not cached; at
100,000 pledges that is the expensive part of a registry page. With the index, a filter is an AND
of bitsets, every facet count is a popcount, and the newest-first page is the mask's first set
bits: no counting query at all. A search adds one query for the matching ids of its words (cached
per process). The index is built in one query whenever the registry's version changes (any
publication, withdrawal or report) or the day changes (reporting health depends on the date), and
kept in each process's memory: about 2 MB per 100,000 pledges.
"""

import pickle
import threading
import time
import zlib
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np
from django.core.cache import cache
from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, FloatField, Q, Value
from django.utils import timezone

from forums.enums import Region
from pledges.enums import PledgeKind, PledgeState, ReportingHealth, Stage, pledger_type_choices
from pledges.models import Pledge, health_of, split_codes

# With the cache down there is no shared version to compare with: keep an index this long.
STALE_AFTER_SECONDS = 60
SEARCH_CACHE_SIZE = 256
# A word in a pledge's reference or title ranks it this much, in its pledgers' names this much
# (ts_rank's default weights for A and B); in the text alone, 0.
TITLE_WEIGHT = 1.0
PLEDGER_WEIGHT = 0.4

_lock = threading.Lock()
_current = None


@dataclass
class Unit:
    """One word's matches (a unit of the search), and those of them with the word in their
    reference or title (rank 1) or in their pledgers' names (0.4; ts_rank's weights for A and B),
    a pledge possibly twice; a word the text search ignores (a stop word such as "the")
    constrains nothing."""

    positions: np.ndarray
    ranked: np.ndarray
    ranks: np.ndarray
    ignored: bool = False


@dataclass
class Search:
    """The published pledges a search matches, as a bitset; and those with a rank above zero
    (the words in their reference, title or pledgers), best first. The others follow newest first."""

    bits: int
    ranked: np.ndarray
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
        ranked = search.ranked
        if len(ranked):
            packed = np.frombuffer(as_bytes(mask, self.size), dtype=np.uint8)
            inside = np.unpackbits(packed, bitorder="little")[: self.size].astype(bool)
            ranked = ranked[inside[ranked]]
        positions = ranked[start : start + count].tolist()
        if len(positions) < count:
            rest = mask & ~search.ranked_bits
            positions += set_bits(rest, max(0, start - len(ranked)), count - len(positions))
        return [int(self.ids[p]) for p in positions]

    def search(self, words, search_config):
        """The matches of these words: each word's matches come from this process's cache, or
        from one query for all the words it has not seen since the registry last changed."""
        units = search_units(words)
        key = tuple(units)
        found = self.searches.get(key)
        if found is None:
            missing = [unit for unit in units if ("unit", unit) not in self.searches]
            if missing:
                for unit, result in zip(missing, fetch_units(self, missing, search_config), strict=True):
                    self._remember(("unit", unit), result)
            found = combine(self, [self.searches[("unit", unit)] for unit in units])
        self._remember(key, found)
        return found

    def _remember(self, key, value):
        self.searches[key] = value
        self.searches.move_to_end(key)
        while len(self.searches) > SEARCH_CACHE_SIZE:
            self.searches.popitem(last=False)


def search_units(words):
    """The parts of a search whose matches AND together. PostgreSQL's websearch syntax joins
    plain words with AND, so each word is a unit that later searches can reuse; a query with
    "phrases", `or` or `-exclusions` is one unit."""
    if connection.vendor == "postgresql" and any(
        '"' in word or word.lower() == "or" or word.startswith("-") for word in words
    ):
        return [" ".join(words)]
    return list(dict.fromkeys(word.lower() for word in words))


def combine(index, units):
    """AND the units' matches. Relevance: the sum of the words' weights where they are found in a
    pledge's reference or title (1) and pledgers' names (0.4); newest first among equals."""
    units = [unit for unit in units if not unit.ignored]
    if not units:
        return Search(bits=0, ranked=np.zeros(0, dtype=np.int64), ranked_bits=0)
    flags = np.ones(index.size, dtype=bool)
    for unit in units:
        hit = np.zeros(index.size, dtype=bool)
        hit[unit.positions] = True
        flags &= hit
    scores = np.zeros(index.size, dtype=np.float64)
    for unit in units:
        np.add.at(scores, unit.ranked, unit.ranks)
    scores[~flags] = 0
    ranked_positions = np.flatnonzero(scores)
    by_rank = ranked_positions[np.lexsort((ranked_positions, -scores[ranked_positions]))]
    return Search(
        bits=to_bits(np.flatnonzero(flags), index.size),
        ranked=by_rank,
        ranked_bits=to_bits(by_rank, index.size),
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


def index_rows(units=(), search_config=None):
    """The index's columns of every published pledge, newest first; for each search unit, also
    whether it matches each pledge, its rank, and whether the text search ignores the unit."""
    queryset = Pledge.objects.published().order_by("-published_at", "-pk")
    if not units:
        return list(queryset.values_list(*COLUMNS))
    if connection.vendor != "postgresql":
        extra = {}
        for n, unit in enumerate(units):
            extra[f"hit{n}"] = ExpressionWrapper(like_condition([unit]), output_field=BooleanField())
            extra[f"rank{n}"] = Value(0.0, output_field=FloatField())
            extra[f"ignored{n}"] = Value(False, output_field=BooleanField())
        return list(queryset.annotate(**extra).values_list(*COLUMNS, *extra))
    columns = [f"p.{column}" for column in COLUMNS]
    joins, params = [], []
    for n, unit in enumerate(units):
        columns += [f"m{n}.pledge_id IS NOT NULL", f"m{n}.rank", f"numnode(q{n}.q) = 0"]
        joins.append(
            f"CROSS JOIN websearch_to_tsquery(%s::regconfig, %s) AS q{n}(q) "
            f"LEFT JOIN pledges_search_matches(q{n}.q) AS m{n} ON m{n}.pledge_id = p.id"
        )
        params += [search_config, unit]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(columns)} FROM pledges_pledge p {' '.join(joins)} "  # noqa: S608 - fixed names
            "WHERE p.state = %s ORDER BY p.published_at DESC, p.id DESC",
            [*params, PledgeState.PUBLISHED],
        )
        return cursor.fetchall()


def build(key, today, *, words=None, search_config=None):
    """One query over the published pledges; with `words`, the same query also says which of them
    each word matches, so that a search on a cold cache costs no extra query."""
    units = search_units(words) if words else []
    rows = index_rows(units, search_config)
    size = len(rows)
    nbytes = (size + 7) // 8 or 1
    arrays, ids = {}, []

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
    index = FacetIndex(
        key=key,
        ids=np.array(ids, dtype=np.int64),
        sets={name: int.from_bytes(array, "little") for name, array in arrays.items()},
        everything=(1 << size) - 1,
        taken_at=timezone.now(),
    )
    for n, unit in enumerate(units):
        column = 14 + 3 * n
        hits = [(position, row[column + 1] or 0.0) for position, row in enumerate(rows) if row[column]]
        positions = np.array([position for position, _rank in hits], dtype=np.int64)
        ranks = np.array([rank for _position, rank in hits], dtype=np.float64)
        index._remember(
            ("unit", unit),
            Unit(
                positions=positions,
                ranked=positions[ranks > 0],
                ranks=ranks[ranks > 0],
                ignored=bool(rows and rows[0][column + 2]),
            ),
        )
    return index


def to_bits(positions, size):
    flags = np.zeros((size + 7) // 8 * 8 or 8, dtype=bool)
    flags[positions] = True
    return int.from_bytes(np.packbits(flags, bitorder="little").tobytes(), "little")


def fetch_units(index, units, search_config):
    """One query: for each unit, the pledges it matches and their ranks (PostgreSQL: through the
    GIN index of the narrow search table; SQLite: LIKE, unranked)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT numnode(u.q) = 0, b.ids, b.in_title, b.in_pledgers
                  FROM (SELECT w.n, websearch_to_tsquery(%s::regconfig, w.word) AS q
                          FROM unnest(%s::text[]) WITH ORDINALITY AS w(word, n)) AS u
                 CROSS JOIN LATERAL pledges_search_blobs(u.q) AS b
                 ORDER BY u.n
                """,
                [search_config, list(units)],
            )
            rows = cursor.fetchall()
        found = []
        for ignored, ids, in_title, in_pledgers in rows:
            positions = index.positions_of(np.frombuffer(ids or b"", dtype=">i8"))
            titles = index.positions_of(np.frombuffer(in_title or b"", dtype=">i8"))
            pledgers = index.positions_of(np.frombuffer(in_pledgers or b"", dtype=">i8"))
            ranked_positions = np.concatenate([titles, pledgers])
            scores = np.concatenate(
                [np.full(len(titles), TITLE_WEIGHT), np.full(len(pledgers), PLEDGER_WEIGHT)]
            )
            known = ranked_positions >= 0
            found.append(
                Unit(
                    positions=positions[positions >= 0],
                    ranked=ranked_positions[known],
                    ranks=scores[known],
                    ignored=ignored,
                )
            )
        return found
    annotations = {
        f"hit{n}": ExpressionWrapper(like_condition([unit]), output_field=BooleanField())
        for n, unit in enumerate(units)
    }
    condition = Q()
    for unit in units:
        condition |= like_condition([unit])
    rows = list(Pledge.objects.filter(condition).annotate(**annotations).values_list("id", *annotations))
    found = []
    for n in range(len(units)):
        positions = index.positions_of([row[0] for row in rows if row[n + 1]])
        positions = np.sort(positions[positions >= 0])
        found.append(Unit(positions=positions, ranked=np.zeros(0, dtype=np.int64), ranks=np.zeros(0)))
    return found


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
        _current = shared(key) if version is not None else None
        if _current is None:
            _current = build(key, today, words=words, search_config=search_config)
            if version is not None:
                share(_current)
        return _current


# The first process to build an index for a version shares it through the cache, so that the
# others load it (about 20 ms at 100,000 pledges) instead of building it again (about a second).
SHARED_SECONDS = 24 * 3600


def shared_key(key):
    version, today = key
    return f"pledges:facet-index:{version}:{today.isoformat()}"


def share(index):
    nbytes = (index.size + 7) // 8 or 1
    payload = {
        "ids": index.ids.astype("<i8").tobytes(),
        "taken_at": index.taken_at,
        "sets": {name: bits.to_bytes(nbytes, "little") for name, bits in index.sets.items()},
    }
    cache.set(shared_key(index.key), zlib.compress(pickle.dumps(payload, protocol=5), 1), SHARED_SECONDS)


def shared(key):
    blob = cache.get(shared_key(key))
    if blob is None:
        return None
    payload = pickle.loads(zlib.decompress(blob))  # noqa: S301 - written by share() above, in our cache
    ids = np.frombuffer(payload["ids"], dtype="<i8").astype(np.int64)
    return FacetIndex(
        key=key,
        ids=ids,
        sets={name: int.from_bytes(bits, "little") for name, bits in payload["sets"].items()},
        everything=(1 << len(ids)) - 1,
        taken_at=payload["taken_at"],
    )


def forget():
    """Drop this process's index, as a process that has not built it (tests)."""
    global _current
    _current = None
