from django.conf import settings
from django.core.management.base import BaseCommand

from stakeholders import services


class Command(BaseCommand):
    help = (
        "Erase delegates' grounds-pass data (passport name, nationality, date of birth, nomination "
        "letter, photo) DELEGATE_PERSONAL_DATA_RETENTION_DAYS after their forum's last day. Celery "
        "beat runs the same daily."
    )

    def handle(self, *args, **options):
        erased = services.erase_expired_grounds_pass_data()
        self.stdout.write(
            f"Grounds-pass data of {erased} delegate(s) erased "
            f"(kept {settings.DELEGATE_PERSONAL_DATA_RETENTION_DAYS} days after the forum)."
        )
