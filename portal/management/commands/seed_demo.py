import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from coalitions.demo import seed as seed_coalition
from declarations.demo import seed as seed_declaration
from forums.demo import seed
from pledges.demo import seed as seed_pledges
from pledges.demo import seed_joint_pledge
from pledges.exports import build_full_csv
from pledges.models import Pledge
from portal.open_data import build_dump
from practices.demo import seed as seed_practices
from practices.models import Practice
from reviews.demo import seed as seed_reviews
from side_events.demo import seed_side_events
from stakeholders.demo import seed as seed_organizations
from stakeholders.demo import seed_delegates, seed_waiting
from summaries.demo import seed as seed_summaries
from verification.demo import seed as seed_status_lists


class Command(BaseCommand):
    help = "Build IMRF 2022 and IMRF 2026 with demo programmes; create an admin login once."

    def add_arguments(self, parser):
        parser.add_argument("--no-admin", action="store_true", help="Do not create the demo administrator.")
        parser.add_argument(
            "--no-summaries",
            action="store_true",
            help="Do not write and publish the demo summaries (their PDFs take a while to generate).",
        )

    def handle(self, *args, no_admin=False, no_summaries=False, **options):
        forums = seed()
        for forum in forums:
            self.stdout.write(f"{forum}: {forum.sessions.count()} sessions")
        organizations = seed_organizations()
        waiting = seed_waiting()
        self.stdout.write(f"{seed_status_lists()} demo organisations matched to the demo ECOSOC list")
        seed_delegates()
        self.stdout.write(f"{len(organizations)} demo organisations accredited to IMRF 2026")
        self.stdout.write(
            f"{waiting.organization} waits for its ECOSOC status to be verified (IMRF 2030): "
            "match it in the admin's status lists to approve it"
        )
        events = seed_side_events()
        self.stdout.write(f"{len(events)} demo side events for IMRF 2026 created")
        self.stdout.write(f"{len(seed_pledges())} demo pledges created")
        practices = seed_practices()
        if practices:
            self.stdout.write(f"{len(practices)} demo good practices and a call for practices created")
            cite_demo_practice()
        self.stdout.write(
            f"{len(seed_reviews())} demo regional reviews for IMRF 2026, with voluntary reviews, "
            "national statements, a national implementation plan and consultations"
        )
        self.stdout.write(f"{len(seed_declaration())} demo key messages on the IMRF 2026 Progress Declaration")
        coalition = seed_coalition()
        joint = seed_joint_pledge(coalition)
        if coalition is not None:
            self.stdout.write(
                f"Demo coalition “{coalition}” with {coalition.members.confirmed().count()} members"
                + (f", its joint pledge {joint.reference} a draft for its partners to confirm" if joint else "")
            )
        if not no_summaries:
            summaries = seed_summaries()
            self.stdout.write(
                f"{len(summaries)} demo summaries of IMRF 2026 generated (HTML and PDF, six languages) and published"
            )
        # What beat builds every night, built now so that the demo's /open-data/ offers it at once.
        self.stdout.write(f"Open-data dump built (SHA-256 {build_dump()[:12]}…)")
        # And the file /pledges/export.csv serves unfiltered (the registry's version now).
        written = build_full_csv()
        if written:
            self.stdout.write(f"Unfiltered pledge CSV written (SHA-256 {written.sha256.hex()[:12]}…)")
        if no_admin:
            return
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser("admin", "admin@imrf-portal.example", password)
        # Printed once: the password is stored hashed and never shown again.
        self.stdout.write(
            self.style.SUCCESS(
                f"\nAdministrator created. Log in at {settings.SITE_URL}/admin/\n"
                f"  user:     admin\n  password: {password}\n"
                "(shown only this once; `python manage.py changepassword admin` sets a new one)\n"
            )
        )


def cite_demo_practice():
    """The first published demo pledge builds on the first published demo practice (the two apps'
    demos know nothing of each other)."""
    pledge = Pledge.objects.published().order_by("pk").first()
    practice = Practice.objects.published().order_by("pk").first()
    if pledge is not None and practice is not None:
        pledge.practices.add(practice)
