"""'What changed since your last visit': the visit before this sitting, per person and object."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from core.models import LastVisit

# Requests closer together than this are one sitting: reloading the page, or coming back to it
# from a form, keeps showing what changed since the sitting before.
VISIT_GAP = datetime.timedelta(hours=1)


def record_visit(user, obj, now=None):
    """Record that `user` looks at `obj` now; return when their previous sitting was (None the
    first time). One query once they have visited (an UPDATE … RETURNING that moves the previous
    visit when the gap has passed, in the database); the first time, two (the UPDATE finds no
    row, then the INSERT)."""
    now = now or timezone.now()
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    meta = LastVisit._meta
    quote = connection.ops.quote_name
    table, column = quote(meta.db_table), lambda name: quote(meta.get_field(name).column)
    # SET reads the row's values before the update: `visited_at` in CASE is the last visit's.
    sql = (
        f"UPDATE {table} SET {column('previous_visit_at')} = CASE WHEN {column('visited_at')} <= %s"
        f" THEN {column('visited_at')} ELSE {column('previous_visit_at')} END, {column('visited_at')} = %s"
        f" WHERE {column('user')} = %s AND {column('content_type')} = %s AND {column('object_id')} = %s"
        f" RETURNING {column('previous_visit_at')}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [now - VISIT_GAP, now, user.pk, content_type.pk, obj.pk])
        row = cursor.fetchone()
    if row is not None:
        return row[0]
    try:
        with transaction.atomic():
            LastVisit.objects.create(user=user, content_type=content_type, object_id=obj.pk, visited_at=now)
    except IntegrityError:  # the same person's other tab got there first: same answer
        pass
    return None
