"""Mail and reminders run by Celery. Tasks take ids as keyword arguments and are queued after the
commit, so that a worker never reads a row that the request has not yet saved."""

from celery import shared_task

from pledges import mail

RETRY = {"autoretry_for": (OSError,), "retry_backoff": True, "max_retries": 5}


def _pledge(pledge_id):
    from pledges.models import Pledge

    return Pledge.objects.select_related("organization", "member_state", "forum").get(pk=pledge_id)


@shared_task(**RETRY)
def send_pledge_update(*, pledge_id, log_id):
    from forums.models import ActivityLog

    pledge = _pledge(pledge_id)
    entry = ActivityLog.objects.get(pk=log_id)
    return mail.send("pledge_update", {"pledge": pledge, "entry": entry}, mail.owner_emails(pledge))


@shared_task(**RETRY)
def send_partner_invitation(*, partner_id):
    from pledges.models import PledgePartner

    partner = PledgePartner.objects.select_related("pledge", "organization", "member_state").get(
        pk=partner_id
    )
    pledge = _pledge(partner.pledge_id)
    recipients = sorted(mail.entity_emails(partner.organization, partner.member_state))
    return mail.send("partner_invitation", {"pledge": pledge, "partner": partner}, recipients)


@shared_task(**RETRY)
def send_partner_confirmed(*, partner_id):
    from pledges.models import PledgePartner

    partner = PledgePartner.objects.select_related("organization", "member_state").get(pk=partner_id)
    pledge = _pledge(partner.pledge_id)
    return mail.send("partner_confirmed", {"pledge": pledge, "partner": partner}, mail.owner_emails(pledge))


@shared_task(**RETRY)
def send_reporting_reminder(*, pledge_id):
    pledge = _pledge(pledge_id)
    return mail.send("reporting_reminder", {"pledge": pledge}, mail.owner_emails(pledge))


@shared_task
def remind_reporting():
    """Daily (Celery beat): remind owners a month before their pledge turns amber, once."""
    from pledges.services import send_reporting_reminders

    return len(send_reporting_reminders())


@shared_task
def warm_registry_index():
    """Build the registry's facet index for its new version and share it, so that no visitor's
    request pays for it."""
    from pledges import queries

    return queries.facet_index().size
