# What an organisation stated about its status so far were claims: they are kept as claims (renamed)
# and the verified status starts empty, so that nothing self-declared grants direct registration.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("stakeholders", "0005_delegate_registered_again_after_withdrawal"),
    ]

    operations = [
        migrations.RenameField("organization", "ecosoc_status", "claimed_ecosoc_status"),
        migrations.RenameField("organization", "previously_accredited", "claims_previous_accreditation"),
        migrations.AddField(
            model_name="organization",
            name="ecosoc_profile_number",
            field=models.CharField(
                blank=True,
                help_text="The number of your organisation's profile with the ECOSOC NGO Branch, if it has one.",
                max_length=20,
                verbose_name="ECOSOC profile number",
            ),
        ),
        migrations.AddField(
            model_name="organization",
            name="verified_ecosoc_status",
            field=models.CharField(
                choices=[
                    ("none", "None"),
                    ("general", "General consultative status"),
                    ("special", "Special consultative status"),
                    ("roster", "Roster"),
                ],
                default="none",
                editable=False,
                max_length=10,
                verbose_name="ECOSOC consultative status (verified)",
            ),
        ),
        migrations.AddField(
            model_name="organization",
            name="verified_nhri",
            field=models.BooleanField(
                default=False,
                editable=False,
                verbose_name="national human rights institution confirmed against the GANHRI list",
            ),
        ),
        migrations.AddField(
            model_name="organization",
            name="verified_previous_accreditation",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="earlier GCM accreditation (verified)"
            ),
        ),
        migrations.AlterField(
            model_name="accreditation",
            name="kind",
            field=models.CharField(
                choices=[
                    ("registration", "Registration (ECOSOC status or earlier accreditation)"),
                    ("special", "Special accreditation"),
                    ("nhri", "Registration as a national human rights institution (GANHRI)"),
                ],
                max_length=20,
                verbose_name="kind",
            ),
        ),
        migrations.AlterField(
            model_name="accreditation",
            name="state",
            field=models.CharField(
                choices=[
                    ("status_verification", "Status being verified"),
                    ("submitted", "Submitted"),
                    ("information_requested", "Information requested"),
                    ("recommended", "Recommended"),
                    ("non_objection_list", "On the non-objection list"),
                    ("approved", "Approved"),
                    ("objected", "Objected to by a Member State"),
                    ("rejected", "Rejected"),
                    ("withdrawn", "Withdrawn"),
                ],
                max_length=30,
                verbose_name="state",
            ),
        ),
        migrations.AlterField(
            model_name="organization",
            name="claimed_ecosoc_status",
            field=models.CharField(
                choices=[
                    ("none", "None"),
                    ("general", "General consultative status"),
                    ("special", "Special consultative status"),
                    ("roster", "Roster"),
                ],
                default="none",
                help_text="The secretariat verifies it against the ECOSOC list before it counts.",
                max_length=10,
                verbose_name="ECOSOC consultative status you hold",
            ),
        ),
    ]
