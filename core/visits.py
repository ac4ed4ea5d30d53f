"""'What changed since your last visit': the visit before this sitting, per person and object."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.models import LastVisit

# Requests closer together than this are one sitting: reloading the page, or coming back to it
# from a form, keeps showing what changed since the sitting before.
VISIT_GAP = datetime.timedelta(hours=1)


def record_visit(user, obj, now=None):
    """Record that `user` looks at `obj` now; return when their previous sitting was (None the
    first time). Two queries whatever happened before."""
    now = now or timezone.now()
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    visit = LastVisit.objects.filter(user=user, content_type=content_type, object_id=obj.pk).first()
    if visit is None:
        try:
            with transaction.atomic():
                LastVisit.objects.create(user=user, content_type=content_type, object_id=obj.pk, visited_at=now)
        except IntegrityError:  # the same person's other tab got there first: same answer
            pass
        return None
    if now - visit.visited_at >= VISIT_GAP:
        visit.previous_visit_at = visit.visited_at
    visit.visited_at = now
    LastVisit.objects.filter(pk=visit.pk).update(visited_at=now, previous_visit_at=visit.previous_visit_at)
    return visit.previous_visit_at
