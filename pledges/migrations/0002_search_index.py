"""The full-text index exists on PostgreSQL only; on SQLite the registry searches with LIKE and
the column stays empty. The model is the same on both."""

from django.db import migrations

CREATE = "CREATE INDEX IF NOT EXISTS pledge_search_vector_gin ON pledges_pledge USING GIN (search_vector)"
DROP = "DROP INDEX IF EXISTS pledge_search_vector_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("pledges", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
