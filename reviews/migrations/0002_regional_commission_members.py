import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "regional_commissions.json"


def load(apps, schema_editor):
    RegionalCommission = apps.get_model("reviews", "RegionalCommission")
    Country = apps.get_model("reference", "Country")
    commissions = json.loads(DATA.read_text(encoding="utf-8"))["commissions"]
    states = dict(Country.objects.filter(un_member=True).values_list("iso3", "pk"))
    for code, members in commissions.items():
        commission, _created = RegionalCommission.objects.get_or_create(code=code)
        commission.members.set([states[iso3] for iso3 in members])


def unload(apps, schema_editor):
    apps.get_model("reviews", "RegionalCommission").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("reviews", "0001_initial"), ("reference", "0003_texts_translated")]

    operations = [migrations.RunPython(load, unload)]
