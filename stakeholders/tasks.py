"""Periodic work on stakeholders' records, run by Celery."""

from celery import shared_task

from stakeholders import services


@shared_task
def erase_grounds_pass_data():
    """Daily (Celery beat): erase delegates' grounds-pass data once its retention has run out."""
    return services.erase_expired_grounds_pass_data()
