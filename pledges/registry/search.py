"""Full-text search of the registry, and its relevance.

PostgreSQL: narrow tables of search vectors with GIN indexes (PledgeSearch, PledgeSearchHead),
read through SQL functions that force the index; the `english` configuration and websearch
syntax ("phrases", `or`, `-word`). SQLite: every word somewhere in the reference, title, text or
pledgers' names, unranked. The SQLite/PostgreSQL split is here and nowhere else.

Relevance is decided here, in Python: for each word, TITLE_WEIGHT where it is in a pledge's
reference or title and PLEDGER_WEIGHT where it is in its pledgers' names (ts_rank's weights for
A and B), nothing in the text alone; newest first among equals."""

from dataclasses import dataclass

import numpy as np
from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, Q

from pledges.enums import PledgeState
from pledges.models import Pledge

SEARCH_CONFIG = "english"
MAX_WORDS = 10
TITLE_WEIGHT = 1.0
PLEDGER_WEIGHT = 0.4


def is_postgresql():
    return connection.vendor == "postgresql"


def terms(value):
    return [word for word in (value or "").split() if word][:MAX_WORDS]


@dataclass
class Unit:
    """One unit's matches (index positions), and those of them with the unit in their reference
    or title, or in their pledgers' names, each with its weight (a pledge possibly twice); a unit
    the text search ignores (a stop word such as "the") constrains nothing."""

    positions: np.ndarray
    ranked: np.ndarray
    ranks: np.ndarray
    ignored: bool = False


@dataclass
class Search:
    """The pledges a search matches, as a bitset; those with a rank above zero, best first (the
    others follow newest first); and the bitset of those."""

    bits: int
    ranked: np.ndarray
    ranked_bits: int
    # Those with every unit in their reference, title or pledgers' names: how a pledge that left
    # the registry is found, its text being no longer public (PostgreSQL; none on SQLite).
    head_bits: int = 0


def units(words):
    """The parts of a search whose matches AND together. Websearch syntax joins plain words with
    AND, so each word is a unit that later searches can reuse; a query with "phrases", `or` or
    `-exclusions` is one unit."""
    if is_postgresql() and any('"' in word or word.lower() == "or" or word.startswith("-") for word in words):
        return [" ".join(words)]
    return list(dict.fromkeys(word.lower() for word in words))


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


def ranked_unit(positions, in_title, in_pledgers, ignored=False):
    """A unit from its matches and the matches with the unit in the title or the pledgers."""
    ranked = np.concatenate([in_title, in_pledgers]).astype(np.int32)
    ranks = np.concatenate([np.full(len(in_title), TITLE_WEIGHT), np.full(len(in_pledgers), PLEDGER_WEIGHT)])
    # int32 positions: half the memory of int64 for the searches a process keeps (index.py).
    return Unit(positions=np.asarray(positions, dtype=np.int32), ranked=ranked, ranks=ranks, ignored=ignored)


def update_vectors(*pks):
    """PostgreSQL only: reference and title weigh most, then the pledgers, then the text."""
    if not is_postgresql() or not pks:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH pledge AS (
                SELECT id, text,
                       to_tsvector(%(config)s::regconfig, reference)
                       || to_tsvector(%(config)s::regconfig, title) AS title,
                       to_tsvector(%(config)s::regconfig, pledger_names) AS pledgers
                  FROM pledges_pledge WHERE id = ANY(%(ids)s)
            ), heads AS (
                INSERT INTO pledges_pledgesearchhead (pledge_id, title, pledgers)
                SELECT id, strip(title), strip(pledgers) FROM pledge
                ON CONFLICT (pledge_id) DO UPDATE SET title = EXCLUDED.title, pledgers = EXCLUDED.pledgers
            )
            INSERT INTO pledges_pledgesearch (pledge_id, vector)
            SELECT id, setweight(title, 'A') || setweight(pledgers, 'B')
                       || setweight(to_tsvector(%(config)s::regconfig, text), 'C')
              FROM pledge
            ON CONFLICT (pledge_id) DO UPDATE SET vector = EXCLUDED.vector
            """,
            {"config": SEARCH_CONFIG, "ids": list(pks)},
        )


def rows_with_matches(columns, units=(), chunk=10_000):
    """PostgreSQL, one query: the `columns` of the pledges on record (Pledge.objects.on_record():
    published, or published once), newest first; then, for each
    search unit, whether it matches, whether it is in the title or the pledgers' names, and
    whether the text search ignores it. Yields lists of `chunk` rows, read through a server-side
    cursor: the caller never holds them all (at a million pledges, 730 MB of tuples)."""
    joins, params = [], []
    for n, unit in enumerate(units):
        columns = [*columns, f"m{n}.pledge_id IS NOT NULL", f"coalesce(m{n}.in_title, false)",
                   f"coalesce(m{n}.in_pledgers, false)", f"numnode(q{n}.q) = 0"]  # fmt: skip
        joins.append(
            f"CROSS JOIN websearch_to_tsquery(%s::regconfig, %s) AS q{n}(q) "
            f"LEFT JOIN pledges_search_hits(q{n}.q) AS m{n} ON m{n}.pledge_id = p.id"
        )
        params += [SEARCH_CONFIG, unit]
    with connection.chunked_cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(columns)} FROM pledges_pledge p {' '.join(joins)} "  # noqa: S608 - fixed names
            "WHERE (p.state = %s OR p.published_at IS NOT NULL) ORDER BY p.published_at DESC, p.id DESC",
            [*params, PledgeState.PUBLISHED],
        )
        while rows := cursor.fetchmany(chunk):
            yield rows


def fetch(units_, positions_of):
    """One query: each unit's matches, as index positions (`positions_of` maps pledge ids)."""
    if is_postgresql():
        with connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT numnode(u.q) = 0, b.ids, b.in_title, b.in_pledgers
                  FROM (SELECT w.n, websearch_to_tsquery(%s::regconfig, w.word) AS q
                          FROM unnest(%s::text[]) WITH ORDINALITY AS w(word, n)) AS u
                 CROSS JOIN LATERAL pledges_search_blobs(u.q) AS b
                 ORDER BY u.n
                """,
                [SEARCH_CONFIG, list(units_)],
            )
            rows = cursor.fetchall()
        found = []
        for ignored, ids, in_title, in_pledgers in rows:
            positions, titles, pledgers = (
                positions_of(np.frombuffer(blob or b"", dtype=">i8")) for blob in (ids, in_title, in_pledgers)
            )
            found.append(
                ranked_unit(positions[positions >= 0], titles[titles >= 0], pledgers[pledgers >= 0], ignored)
            )
        return found
    annotations = {f"hit{n}": like_flag(unit) for n, unit in enumerate(units_)}
    condition = Q()
    for unit in units_:
        condition |= like_condition([unit])
    rows = list(Pledge.objects.filter(condition).annotate(**annotations).values_list("id", *annotations))
    found = []
    for n in range(len(units_)):
        positions = positions_of([row[0] for row in rows if row[n + 1]])
        positions = np.sort(positions[positions >= 0])
        found.append(Unit(positions=positions, ranked=np.zeros(0, dtype=np.int64), ranks=np.zeros(0)))
    return found


def like_flag(unit):
    """SQLite: whether a pledge matches one unit, as a column."""
    return ExpressionWrapper(like_condition([unit]), output_field=BooleanField())
