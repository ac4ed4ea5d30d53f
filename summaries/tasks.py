"""Summaries rendered by Celery. Tasks take ids as keyword arguments and are queued after the
commit, so that a worker never reads a row that the request has not yet saved."""

from celery import shared_task

from summaries import services


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=5)
def generate_summary(self, *, summary_id):
    """Render one summary to HTML and PDF. Acknowledged only once done, so that a worker that dies
    mid-way leaves the message for the next one; generating twice gives one summary."""
    try:
        services.generate(summary_id)
    except OSError as exc:
        # The disk or a font may come back: retry with backoff.
        services.record_failure(summary_id, f"{exc.__class__.__name__}: {exc}")
        raise self.retry(exc=exc, countdown=min(2**self.request.retries * 10, 600)) from exc
    except Exception as exc:  # recorded for staff to read in the admin; retrying would fail again
        services.record_failure(summary_id, f"{exc.__class__.__name__}: {exc}")
        return False
    return True


@shared_task(acks_late=True, reject_on_worker_lost=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def generate_summary_translations(*, summary_id):
    return services.generate_translations(summary_id)


@shared_task(acks_late=True, reject_on_worker_lost=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def generate_compilation(*, forum_id):
    return bool(services.generate_compilation(forum_id).pdf_file)


@shared_task
def daily_summaries():
    return [(year, str(status.deadline), status.days_left) for year, status in services.daily()]
