"""A forum's status changes through set_forum_status only, and each change is logged."""

import pytest
from django.core.exceptions import ValidationError

from core.models import ActivityLog
from forums.enums import ForumStatus
from forums.services import set_forum_status
from tests.core.factories import UserFactory
from tests.forums.factories import ForumFactory

pytestmark = pytest.mark.django_db

VALID = [
    (ForumStatus.PLANNING, ForumStatus.ANNOUNCED),
    (ForumStatus.ANNOUNCED, ForumStatus.CONCLUDED),
    (ForumStatus.ANNOUNCED, ForumStatus.PLANNING),
    (ForumStatus.CONCLUDED, ForumStatus.ANNOUNCED),
]
INVALID = [(ForumStatus.PLANNING, ForumStatus.CONCLUDED), (ForumStatus.CONCLUDED, ForumStatus.PLANNING)]


@pytest.mark.parametrize(("old", "new"), VALID)
def test_valid_changes_are_made_and_logged(old, new):
    forum = ForumFactory(status=old)
    user = UserFactory()
    set_forum_status(forum, new, by=user)
    forum.refresh_from_db()
    assert forum.status == new
    entry = ActivityLog.objects.get()
    assert (entry.content_object, entry.actor, entry.old_state, entry.new_state) == (forum, user, old, new)


@pytest.mark.parametrize(("old", "new"), INVALID)
def test_invalid_changes_are_refused_and_nothing_is_logged(old, new):
    forum = ForumFactory(status=old)
    with pytest.raises(ValidationError) as caught:
        set_forum_status(forum, new)
    assert caught.value.messages == [f"A forum cannot go from “{old.label}” to “{new.label}”."]
    forum.refresh_from_db()
    assert forum.status == old
    assert not ActivityLog.objects.exists()


def test_setting_the_same_status_changes_nothing():
    forum = ForumFactory(status=ForumStatus.ANNOUNCED)
    set_forum_status(forum, ForumStatus.ANNOUNCED)
    assert not ActivityLog.objects.exists()
