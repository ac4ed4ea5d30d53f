"""The personal data the summaries app holds about a person: that the summaries were mailed to
them as a delegate, and, for staff, the summaries they saved last."""

from summaries.models import Summary, SummaryMailing


def personal_data(user):
    emails = {user.email.lower()} if user.email else set()
    return {
        "summaries_mailed": [
            {"forum": m.forum.year, "sent_at": m.sent_at}
            for m in SummaryMailing.objects.select_related("forum").filter(email__in=emails).order_by("sent_at")
        ],
        "summaries_saved": [
            {"session": s.session.title, "saved_at": s.updated_at}
            for s in Summary.objects.select_related("session").filter(updated_by=user).order_by("updated_at")
        ],
    }
