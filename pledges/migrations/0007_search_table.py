"""The search vectors move to a narrow table of their own (see PledgeSearch). On PostgreSQL the
long vector lives out of line, a GIN index serves the match, and pledges_search_matches() runs
the match with the planner told to use that index: for a word in most pledges it would otherwise
pick a sequential scan, which decompresses every vector (0.5 s at 100,000 pledges instead of
30 ms), a cost the planner does not see."""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models


SETUP = [
    "ALTER TABLE pledges_pledgesearch SET (toast_tuple_target = 128)",
    "ALTER TABLE pledges_pledgesearch ALTER COLUMN vector SET STORAGE EXTERNAL",
    "ALTER TABLE pledges_pledgesearch ALTER COLUMN head SET STORAGE MAIN",
    "CREATE INDEX pledge_search_gin ON pledges_pledgesearch USING GIN (vector)",
    "INSERT INTO pledges_pledgesearch (pledge_id, vector, head) "
    "SELECT id, search_vector, search_head FROM pledges_pledge "
    "WHERE search_vector IS NOT NULL AND search_head IS NOT NULL",
    """
    CREATE FUNCTION pledges_search_matches(query tsquery)
    RETURNS TABLE (pledge_id bigint, rank real)
    LANGUAGE sql STABLE
    SET enable_seqscan = off
    AS $$
        SELECT s.pledge_id, ts_rank(s.head, query) FROM pledges_pledgesearch s WHERE s.vector @@ query
    $$
    """,
]
TEARDOWN = ["DROP FUNCTION IF EXISTS pledges_search_matches(tsquery)"]


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
        ("pledges", "0006_rank_vector_inline"),
    ]

    operations = [
        migrations.CreateModel(
            name="PledgeSearch",
            fields=[
                (
                    "pledge",
                    models.OneToOneField(
                        editable=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search",
                        serialize=False,
                        to="pledges.pledge",
                    ),
                ),
                ("vector", django.contrib.postgres.search.SearchVectorField()),
                ("head", django.contrib.postgres.search.SearchVectorField()),
            ],
            options={
                "verbose_name": "pledge search vector",
                "verbose_name_plural": "pledge search vectors",
            },
        ),
        migrations.RunPython(set_up, tear_down),
        migrations.RemoveField(
            model_name="pledge",
            name="search_head",
        ),
        migrations.RemoveField(
            model_name="pledge",
            name="search_vector",
        ),
    ]
