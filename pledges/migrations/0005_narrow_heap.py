"""PostgreSQL only: move the long columns (text, search vectors, pledger names) out of the main
heap as soon as a row passes 128 bytes, so that the registry's scans read narrow rows. Nothing
changes for SQLite, and the model is the same on both."""

from django.db import migrations


def narrow(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE pledges_pledge SET (toast_tuple_target = 128)")


def widen(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE pledges_pledge RESET (toast_tuple_target)")


class Migration(migrations.Migration):
    dependencies = [("pledges", "0004_search_head")]

    operations = [migrations.RunPython(narrow, widen)]
