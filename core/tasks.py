"""Celery finds the core's tasks here; they live beside the code they run."""

from core.mail import deliver_mail, flush_outbox

__all__ = ["deliver_mail", "flush_outbox"]
