"""Mail sent by Celery. Tasks take ids as keyword arguments and are queued after the commit, so
that a worker never reads a row that the request has not yet saved."""

from celery import shared_task

from stakeholders import mail

RETRY = {"autoretry_for": (OSError,), "retry_backoff": True, "max_retries": 5}


@shared_task(**RETRY)
def send_accreditation_update(*, accreditation_id, log_id):
    from forums.models import ActivityLog
    from stakeholders.models import Accreditation

    accreditation = Accreditation.objects.select_related("organization", "forum").get(pk=accreditation_id)
    entry = ActivityLog.objects.get(pk=log_id)
    recipients = set(mail.focal_point_emails(accreditation.organization))
    if accreditation.contact_email:
        recipients.add(accreditation.contact_email)
    return mail.send(
        "accreditation_update", {"accreditation": accreditation, "entry": entry}, sorted(recipients)
    )


@shared_task(**RETRY)
def send_invitation(*, invitation_id):
    from stakeholders.models import Invitation

    invitation = Invitation.objects.select_related("organization", "invited_by").get(pk=invitation_id)
    return mail.send("invitation", {"invitation": invitation}, [invitation.email])


@shared_task(**RETRY)
def send_join_request(*, join_request_id):
    from stakeholders.models import JoinRequest

    join_request = JoinRequest.objects.select_related("organization", "user").get(pk=join_request_id)
    return mail.send(
        "join_request", {"join_request": join_request}, mail.focal_point_emails(join_request.organization)
    )


@shared_task(**RETRY)
def send_delegate_update(*, delegate_id, log_id):
    from stakeholders.models import Delegate

    delegate = Delegate.objects.select_related("accreditation__organization", "accreditation__forum").get(
        pk=delegate_id
    )
    recipients = set(mail.focal_point_emails(delegate.accreditation.organization)) | {delegate.email}
    return mail.send("delegate_update", {"delegate": delegate}, sorted(recipients))


@shared_task(**RETRY)
def send_speaker_selection(*, speaking_request_id):
    from stakeholders.models import SpeakingRequest

    speaking_request = SpeakingRequest.objects.select_related(
        "accreditation__organization", "accreditation__forum", "session"
    ).get(pk=speaking_request_id)
    return mail.send(
        "speaker_selected",
        {"speaking_request": speaking_request},
        mail.focal_point_emails(speaking_request.accreditation.organization),
    )
