"""The portal's periodic work across domains, run by Celery."""

from celery import shared_task

from portal import open_data


@shared_task(
    acks_late=True, reject_on_worker_lost=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5
)
def build_open_data_dump():
    """Nightly (Celery beat): the full open-data dump, replaced whole; returns its SHA-256."""
    return open_data.build_dump()
