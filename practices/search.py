"""Full-text search of practices: PostgreSQL's `english` configuration with websearch syntax on
a GIN-indexed vector (title and implementer weigh most, then the summary, then the rest); on
SQLite every word somewhere in the title, summary, description or implementer. The
SQLite/PostgreSQL split of this app is here and nowhere else."""

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Q

SEARCH_CONFIG = "english"
MAX_WORDS = 10


def is_postgresql():
    return connection.vendor == "postgresql"


def terms(value):
    return [word for word in (value or "").split() if word][:MAX_WORDS]


def condition(value):
    """The Q that selects the practices matching the search `value`."""
    words = terms(value)
    if not words:
        return Q()
    if is_postgresql():
        return Q(search_vector=SearchQuery(" ".join(words), config=SEARCH_CONFIG, search_type="websearch"))
    found = Q()
    for word in words:
        found &= (
            Q(title__icontains=word)
            | Q(summary__icontains=word)
            | Q(description__icontains=word)
            | Q(implementer_name__icontains=word)
        )
    return found


def update_vectors(*pks):
    if not is_postgresql() or not pks:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE practices_practice SET search_vector =
                   setweight(to_tsvector(%(config)s::regconfig, title), 'A')
                || setweight(to_tsvector(%(config)s::regconfig, implementer_name), 'A')
                || setweight(to_tsvector(%(config)s::regconfig, summary), 'B')
                || setweight(to_tsvector(%(config)s::regconfig,
                       description || ' ' || results || ' ' || innovative || ' ' || replicable
                       || ' ' || lessons || ' ' || partners), 'C')
             WHERE id = ANY(%(ids)s)
            """,
            {"config": SEARCH_CONFIG, "ids": list(pks)},
        )
