"""Queueing Celery tasks after the commit without ever failing the request that queued them.

A change is committed first; the task that follows it (sending mail, building an index,
rendering a document) is work that can wait. When the broker cannot take it, the request still
answers normally and a beat sweep does the work later (core.tasks.flush_outbox for mail, each
app's daily run for its own work). Nothing is lost: what the task would do is recorded in the
database before the commit."""

import logging
from functools import partial

from django.db import transaction
from kombu.exceptions import OperationalError
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
# What a broker that is down or unreachable raises when a task is published.
BROKER_ERRORS = (OperationalError, RedisError, OSError)


def send_now(task, **kwargs):
    """Publish the task at once (no retries: a request must not wait for the broker); True if the
    broker took it."""
    try:
        task.apply_async(kwargs=kwargs, retry=False)
    except BROKER_ERRORS as exc:
        logger.warning("Task %s not queued (%s); the beat sweep will catch up.", task.name, exc)
        return False
    return True


def after_commit(task, **kwargs):
    """Publish the task once the current transaction commits (at once outside one)."""
    transaction.on_commit(partial(send_now, task, **kwargs))
