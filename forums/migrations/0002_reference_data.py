"""The GCM's 23 objectives (A/RES/73/195, para. 16), its 10 guiding principles (para. 15) and
the countries and territories with their M49 regions, 193 of them Member States
(reference/data/countries.json, checked against country-converter in the tests)."""

from django.db import migrations

# The lists moved to the reference app with the models; this migration loads them as it always did.
import reference.data as reference_data



def load(apps, schema_editor):
    reference_data.load(
        apps.get_model("forums", "Objective"),
        apps.get_model("forums", "GuidingPrinciple"),
        apps.get_model("forums", "Country"),
    )


def unload(apps, schema_editor):
    for model in ("Objective", "GuidingPrinciple", "Country"):
        apps.get_model("forums", model).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("forums", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
