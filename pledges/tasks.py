"""Periodic and background work on pledges, run by Celery. Mail goes through core.mail."""

from celery import shared_task
from celery.signals import worker_ready

from pledges import exports, services
from pledges.registry import index


@shared_task
def remind_reporting():
    """Daily (Celery beat): remind owners a month before their pledge turns amber, once."""
    return len(services.send_reporting_reminders())


@shared_task
def warm_registry_index():
    """Build the registry's facet index for its new version and share it, so that no visitor's
    request pays for it."""
    return index.refresh().size


@shared_task(
    acks_late=True, reject_on_worker_lost=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5
)
def build_registry_csv():
    """The unfiltered CSV export of the registry's new version, written whole off the request
    path (pledges/exports.py build_full_csv); returns its SHA-256, or None without a version."""
    written = exports.build_full_csv()
    return written.sha256.hex() if written else None


@worker_ready.connect
def build_registry_index_at_start(sender=None, **kwargs):
    """A worker that starts queues the index's build, so that it exists before a visitor asks."""
    warm_registry_index.delay()
