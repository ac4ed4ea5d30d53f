"""A covering index of the facet columns, PostgreSQL only (SQLite has no INCLUDE): the registry
counts every facet from it in an index-only scan, never from the wide rows with their texts and
search vector (practices.registry)."""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS practice_facets ON practices_practice (state) INCLUDE "
    "(objective_codes, principle_codes, region_codes, country_codes, call_id, implementer_type)"
)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS practice_facets")


class Migration(migrations.Migration):
    dependencies = [("practices", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
