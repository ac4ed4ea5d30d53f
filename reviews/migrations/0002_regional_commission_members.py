from django.db import migrations

from reviews.data import load as load_commissions


def load(apps, schema_editor):
    load_commissions(apps.get_model("reviews", "RegionalCommission"), apps.get_model("reference", "Country"))


def unload(apps, schema_editor):
    apps.get_model("reviews", "RegionalCommission").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("reviews", "0001_initial"), ("reference", "0003_texts_translated")]

    operations = [migrations.RunPython(load, unload)]
