"""The personal data the coalitions app holds about a person: the coalitions they started, the
requests, invitations and answers they made for their organisation or State, and the notes they
wrote in a workspace. (The shared draft's last editor is on the coalition row, listed here too.)"""

from django.db.models import Q

from coalitions.models import Coalition, CoalitionMember, WorkspaceNote


def personal_data(user):
    return {
        "coalitions_created": [
            {
                "title": c.title,
                "state": c.state,
                "created_at": c.created_at,
                "last_edited_shared_draft": c.draft_edited_by_id == user.pk,
            }
            for c in Coalition.objects.filter(Q(created_by=user) | Q(draft_edited_by=user)).order_by(
                "created_at", "pk"
            )
        ],
        "coalition_memberships": [
            {
                "coalition": m.coalition.title,
                "entity": m.entity.name,
                "asked_by_you": m.asked_by_id == user.pk,
                "answered_by_you": m.answered_by_id == user.pk,
                "state": m.state,
                "asked_at": m.asked_at,
                "answered_at": m.answered_at,
            }
            for m in CoalitionMember.objects.select_related("coalition", "organization", "member_state")
            .filter(Q(asked_by=user) | Q(answered_by=user))
            .order_by("asked_at", "pk")
        ],
        "coalition_notes_written": [
            {"coalition": n.coalition.title, "text": n.text, "posted_at": n.created_at}
            for n in WorkspaceNote.objects.select_related("coalition")
            .filter(author=user)
            .order_by("created_at", "pk")
        ],
    }
