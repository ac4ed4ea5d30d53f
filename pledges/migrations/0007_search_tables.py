"""The search vectors move to narrow tables of their own (see PledgeSearch, PledgeSearchHead). On
PostgreSQL the long vector lives out of line and the short one in line, each with a GIN index;
pledges_search_matches() and pledges_search_blobs() run the match with the planner told to use
the index: for a word in most pledges it would otherwise pick a sequential scan, which
decompresses every vector (0.5 s at 100,000 pledges instead of 20 ms), a cost it does not see."""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models


SETUP = [
    "ALTER TABLE pledges_pledgesearch SET (toast_tuple_target = 128)",
    "ALTER TABLE pledges_pledgesearch ALTER COLUMN vector SET STORAGE EXTERNAL",
    "ALTER TABLE pledges_pledgesearchhead ALTER COLUMN title SET STORAGE MAIN",
    "ALTER TABLE pledges_pledgesearchhead ALTER COLUMN pledgers SET STORAGE MAIN",
    "CREATE INDEX pledge_search_gin ON pledges_pledgesearch USING GIN (vector)",
    "CREATE INDEX pledge_search_title_gin ON pledges_pledgesearchhead USING GIN (title)",
    "CREATE INDEX pledge_search_pledgers_gin ON pledges_pledgesearchhead USING GIN (pledgers)",
    "INSERT INTO pledges_pledgesearch (pledge_id, vector) "
    "SELECT id, search_vector FROM pledges_pledge WHERE search_vector IS NOT NULL",
    # The search configuration of pledges.services.SEARCH_CONFIG when this migration was written.
    "INSERT INTO pledges_pledgesearchhead (pledge_id, title, pledgers) "
    "SELECT id, strip(to_tsvector('english', reference) || to_tsvector('english', title)), "
    "strip(to_tsvector('english', pledger_names)) FROM pledges_pledge WHERE search_vector IS NOT NULL",
    # Every match with its rank, for the one query that builds the registry's facet index: 1 for
    # the words in the reference or title, 0.4 in the pledgers' names (ts_rank's weights for A and
    # B), 0 in the text alone; each found through the small vectors' own indexes.
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
    # The same for a page request, as byteas of big-endian int8 (decoded in C, where a list of
    # 80,000 integers would cost more than the search): the matches, the pledges with the words
    # in their reference or title, and those with them in their pledgers' names.
    """
    CREATE FUNCTION pledges_search_blobs(query tsquery)
    RETURNS TABLE (ids bytea, in_title bytea, in_pledgers bytea)
    LANGUAGE sql STABLE
    SET enable_seqscan = off
    AS $$
        SELECT (SELECT string_agg(int8send(s.pledge_id), ''::bytea)
                  FROM pledges_pledgesearch s WHERE s.vector @@ query),
               (SELECT string_agg(int8send(h.pledge_id), ''::bytea)
                  FROM pledges_pledgesearchhead h WHERE h.title @@ query),
               (SELECT string_agg(int8send(h.pledge_id), ''::bytea)
                  FROM pledges_pledgesearchhead h WHERE h.pledgers @@ query)
    $$
    """,
]
TEARDOWN = [
    "DROP FUNCTION IF EXISTS pledges_search_blobs(tsquery)",
    "DROP FUNCTION IF EXISTS pledges_search_matches(tsquery)",
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

    dependencies = [
        ('pledges', '0006_rank_vector_inline'),
    ]

    operations = [
        migrations.CreateModel(
            name='PledgeSearch',
            fields=[
                ('pledge', models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='search', serialize=False, to='pledges.pledge')),
                ('vector', django.contrib.postgres.search.SearchVectorField()),
            ],
            options={
                'verbose_name': 'pledge search vector',
                'verbose_name_plural': 'pledge search vectors',
            },
        ),
        migrations.CreateModel(
            name='PledgeSearchHead',
            fields=[
                ('pledge', models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='search_head', serialize=False, to='pledges.pledge')),
                ('title', django.contrib.postgres.search.SearchVectorField()),
                ('pledgers', django.contrib.postgres.search.SearchVectorField()),
            ],
            options={
                'verbose_name': 'pledge ranking vector',
                'verbose_name_plural': 'pledge ranking vectors',
            },
        ),
        migrations.RunPython(set_up, tear_down),
        migrations.RemoveField(
            model_name='pledge',
            name='search_head',
        ),
        migrations.RemoveField(
            model_name='pledge',
            name='search_vector',
        ),
    ]
