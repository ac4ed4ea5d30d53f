"""PostgreSQL only: keep the small ranking vector in the heap row (ts_rank reads it for every match)."""

from django.db import migrations


def inline(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE pledges_pledge ALTER COLUMN search_head SET STORAGE MAIN")


def default(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE pledges_pledge ALTER COLUMN search_head SET STORAGE EXTENDED")


class Migration(migrations.Migration):
    dependencies = [("pledges", "0005_narrow_heap")]

    operations = [migrations.RunPython(inline, default)]
