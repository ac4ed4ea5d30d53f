import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "imrf_portal.settings")

app = Celery("imrf_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Periodic tasks (run by `celery -A imrf_portal beat`).
app.conf.beat_schedule = {
    # Remind pledge owners a month before their pledge turns amber (12 months without a report).
    "pledges-reporting-reminders": {
        "task": "pledges.tasks.remind_reporting",
        "schedule": 24 * 60 * 60,
    },
    # Post-forum summaries: generate missing drafts, remind the secretariat three working days
    # before the deadline, flag forums that are late.
    "summaries-daily": {
        "task": "summaries.tasks.daily_summaries",
        "schedule": 24 * 60 * 60,
    },
    # Each follower's weekly digest, counted from their own last one: checked daily.
    "follow-digests": {
        "task": "follow.tasks.send_digests",
        "schedule": 24 * 60 * 60,
    },
    # Erase delegates' grounds-pass data DELEGATE_PERSONAL_DATA_RETENTION_DAYS after the forum.
    "stakeholders-erase-grounds-pass-data": {
        "task": "stakeholders.tasks.erase_grounds_pass_data",
        "schedule": 24 * 60 * 60,
    },
    # Mail the outbox still holds: the broker was down when it was queued, or SMTP refused it.
    "core-flush-outbox": {
        "task": "core.tasks.flush_outbox",
        "schedule": 60,
    },
}
