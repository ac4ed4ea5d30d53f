"""The personal data the pledges app holds about a person: the pledges they created, the
progress reports they wrote, the partnerships they answered for their organisation or State, the
messages they wrote to pledgers."""

from django.db.models import Q

from pledges.models import Pledge, PledgeMessage, PledgePartner, ProgressReport


def personal_data(user):
    return {
        "pledges_created": [
            {
                "reference": p.reference,
                "title": p.title,
                "state": p.state,
                "contact_email": p.contact_email,
                "created_at": p.created_at,
            }
            for p in Pledge.objects.filter(created_by=user).order_by("created_at", "pk")
        ],
        "progress_reports_written": [
            {"pledge": r.pledge.reference, "reported_on": r.reported_on, "stage": r.stage, "narrative": r.narrative}
            for r in ProgressReport.objects.select_related("pledge").filter(author=user).order_by("created_at", "pk")
        ],
        "partnerships": [
            {
                "pledge": p.pledge.reference,
                "invited_by_you": p.invited_by_id == user.pk,
                "confirmed_by_you": p.confirmed_by_id == user.pk,
                "confirmed_at": p.confirmed_at,
            }
            for p in PledgePartner.objects.select_related("pledge")
            .filter(Q(invited_by=user) | Q(confirmed_by=user))
            .order_by("invited_at", "pk")
        ],
        "messages_to_pledgers": [
            {"pledge": m.pledge.reference, "sent_at": m.created_at, "message": m.body, "address_shared": m.share_address}
            for m in PledgeMessage.objects.select_related("pledge").filter(sender=user).order_by("created_at", "pk")
        ],
    }
