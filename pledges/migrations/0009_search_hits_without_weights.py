"""The registry's relevance is decided in Python (pledges/registry/search.py): the SQL function
the index build joins now says only where a word is found, not how much that weighs."""

from django.db import migrations

SETUP = [
    "DROP FUNCTION IF EXISTS pledges_search_matches(tsquery)",
    """
    CREATE FUNCTION pledges_search_hits(query tsquery)
    RETURNS TABLE (pledge_id bigint, in_title boolean, in_pledgers boolean)
    LANGUAGE sql STABLE
    SET enable_seqscan = off
    AS $$
        SELECT s.pledge_id, t.pledge_id IS NOT NULL, n.pledge_id IS NOT NULL
          FROM pledges_pledgesearch s
          LEFT JOIN (SELECT pledge_id FROM pledges_pledgesearchhead WHERE title @@ query) t USING (pledge_id)
          LEFT JOIN (SELECT pledge_id FROM pledges_pledgesearchhead WHERE pledgers @@ query) n USING (pledge_id)
         WHERE s.vector @@ query
    $$
    """,
]
TEARDOWN = [
    "DROP FUNCTION IF EXISTS pledges_search_hits(tsquery)",
    """
    CREATE FUNCTION pledges_search_matches(query tsquery)
    RETURNS TABLE (pledge_id bigint, rank real)
    LANGUAGE sql STABLE
    SET enable_seqscan = off
    AS $$
        SELECT s.pledge_id, (coalesce(t.weight, 0) + coalesce(n.weight, 0))::real
          FROM pledges_pledgesearch s
          LEFT JOIN (SELECT pledge_id, 1.0 AS weight FROM pledges_pledgesearchhead
                      WHERE title @@ query) t USING (pledge_id)
          LEFT JOIN (SELECT pledge_id, 0.4 AS weight FROM pledges_pledgesearchhead
                      WHERE pledgers @@ query) n USING (pledge_id)
         WHERE s.vector @@ query
    $$
    """,
]


def set_up(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in SETUP:
            schema_editor.execute(statement)


def tear_down(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in TEARDOWN:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("pledges", "0008_reference_and_focal_points_moved")]

    operations = [migrations.RunPython(set_up, tear_down)]
