"""The portal's periodic work across domains, run by Celery."""

from celery import shared_task

from pledges import exports as pledge_exports
from portal import open_data


@shared_task(
    acks_late=True, reject_on_worker_lost=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5
)
def build_open_data_dump():
    """Nightly (Celery beat): the full open-data dump, replaced whole; returns its SHA-256. The
    unfiltered pledge CSV of the current registry version is written too, should a queued build
    have been lost."""
    pledge_exports.build_full_csv()
    return open_data.build_dump()
