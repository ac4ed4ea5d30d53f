"""The objectives and guiding principles in the UN's other five languages (reference/data/i18n),
and the countries' names in them (the Unicode CLDR, through Babel)."""

from django.db import migrations

import reference.data as reference_data


def load(apps, schema_editor):
    reference_data.load_translations(
        apps.get_model("reference", "Objective"),
        apps.get_model("reference", "GuidingPrinciple"),
        apps.get_model("reference", "Country"),
    )


class Migration(migrations.Migration):
    dependencies = [("reference", "0002_texts_in_six_languages")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
