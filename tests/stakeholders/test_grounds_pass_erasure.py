"""The grounds-pass data is kept DELEGATE_PERSONAL_DATA_RETENTION_DAYS after the forum's last day
(New York calendar days) and erased the day after: fields blanked, files deleted from storage,
each erasure logged. Celery beat runs it daily; `manage.py erase_grounds_pass_data` does the same.
The files are real, in a temporary private directory (tests/conftest.py)."""

import datetime
import os
from io import StringIO

import pytest
from django.core.management import call_command

from core.models import ActivityLog
from forums.models import Forum
from imrf_portal.celery import app
from stakeholders import services, tasks
from stakeholders.models import Delegate
from tests.helpers import django_env, run_python, settings_under
from tests.stakeholders.factories import AccreditationFactory, DelegateFactory, open_forum

pytestmark = pytest.mark.django_db
LAST_DAY = datetime.date(2030, 5, 10)  # open_forum()'s last forum day
KEPT_UNTIL = LAST_DAY + datetime.timedelta(days=90)


@pytest.fixture
def delegate():
    accreditation = AccreditationFactory(forum=open_forum(), state="approved")
    return DelegateFactory(accreditation=accreditation, grounds_pass=True, name="Amina Diallo")


def files_of(delegate):
    return [delegate.nomination_letter.path, delegate.photo.path]


def grounds_pass(delegate):
    delegate.refresh_from_db()
    return (
        delegate.passport_name,
        delegate.nationality_id,
        delegate.date_of_birth,
        delegate.nomination_letter.name,
        delegate.photo.name,
    )


def test_the_default_is_ninety_days_and_the_variable_is_parsed_strictly():
    assert settings_under(django_env(), "DELEGATE_PERSONAL_DATA_RETENTION_DAYS") == {
        "DELEGATE_PERSONAL_DATA_RETENTION_DAYS": 90
    }
    assert settings_under(
        django_env(DELEGATE_PERSONAL_DATA_RETENTION_DAYS="30"), "DELEGATE_PERSONAL_DATA_RETENTION_DAYS"
    ) == {"DELEGATE_PERSONAL_DATA_RETENTION_DAYS": 30}


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("ninety", "must be a whole number; got 'ninety'"),
        ("-1", "must be between 0 and 3650; got -1"),
    ],
)
def test_a_wrong_retention_names_the_variable(raw, message):
    result = run_python("", django_env(DELEGATE_PERSONAL_DATA_RETENTION_DAYS=raw))
    assert result.returncode != 0
    assert f"The environment variable DELEGATE_PERSONAL_DATA_RETENTION_DAYS {message}." in result.stderr


def test_kept_through_the_last_day_of_retention(delegate):
    paths = files_of(delegate)
    assert all(os.path.exists(path) for path in paths)
    assert services.grounds_pass_kept_until(delegate.accreditation.forum) == KEPT_UNTIL
    assert services.erase_expired_grounds_pass_data(today=KEPT_UNTIL) == 0
    assert grounds_pass(delegate)[0] == "AMINA DIALLO"
    assert all(os.path.exists(path) for path in paths)
    assert not ActivityLog.objects.filter(action="delegate.personal_data_erased").exists()


def test_erased_the_day_after_with_the_files_and_logged(delegate):
    paths = files_of(delegate)
    assert services.erase_expired_grounds_pass_data(today=KEPT_UNTIL + datetime.timedelta(days=1)) == 1
    assert grounds_pass(delegate) == ("", None, None, "", "")
    assert [os.path.exists(path) for path in paths] == [False, False]
    assert delegate.personal_data_erased_at is not None
    # What the organisation and the list of participants use stays.
    assert (delegate.name, delegate.email, delegate.state) == ("Amina Diallo", delegate.email, "pending")
    entry = ActivityLog.objects.get(action="delegate.personal_data_erased")
    assert (entry.object_id, entry.actor, entry.note) == (
        delegate.pk,
        None,
        "Grounds-pass data erased: 90 days after the last forum day (2030-05-10) have passed.",
    )
    # Once is enough: nothing left to erase, nothing logged twice.
    assert services.erase_expired_grounds_pass_data(today=KEPT_UNTIL + datetime.timedelta(days=30)) == 0
    assert ActivityLog.objects.filter(action="delegate.personal_data_erased").count() == 1


def test_the_retention_is_configurable(settings, delegate):
    settings.DELEGATE_PERSONAL_DATA_RETENTION_DAYS = 0
    assert services.erase_expired_grounds_pass_data(today=LAST_DAY) == 0
    assert services.erase_expired_grounds_pass_data(today=LAST_DAY + datetime.timedelta(days=1)) == 1
    assert ActivityLog.objects.get(action="delegate.personal_data_erased").note == (
        "Grounds-pass data erased: 0 days after the last forum day (2030-05-10) have passed."
    )


def test_other_forums_delegates_and_those_without_data_are_left_alone(delegate):
    later = DelegateFactory(
        accreditation=AccreditationFactory(
            forum=open_forum(
                year=2034,
                hearing_date=datetime.date(2034, 5, 1),
                start_date=datetime.date(2034, 5, 2),
                end_date=datetime.date(2034, 5, 5),
            ),
            state="approved",
        ),
        grounds_pass=True,
    )
    without = DelegateFactory(accreditation=delegate.accreditation)
    assert services.erase_expired_grounds_pass_data(today=KEPT_UNTIL + datetime.timedelta(days=1)) == 1
    assert grounds_pass(later)[0] != "" and os.path.exists(later.photo.path)
    assert Delegate.objects.get(pk=without.pk).personal_data_erased_at is None
    assert list(
        ActivityLog.objects.filter(action="delegate.personal_data_erased").values_list("object_id", flat=True)
    ) == [delegate.pk]


def test_a_file_already_gone_does_not_stop_the_erasure(delegate):
    os.remove(delegate.photo.path)
    assert services.erase_expired_grounds_pass_data(today=KEPT_UNTIL + datetime.timedelta(days=1)) == 1
    assert grounds_pass(delegate) == ("", None, None, "", "")


def held_in_2022(delegate):
    """The command and the task erase as of today: move the delegate's forum into the past."""
    Forum.objects.filter(pk=delegate.accreditation.forum_id).update(
        hearing_date=datetime.date(2022, 5, 16),
        start_date=datetime.date(2022, 5, 17),
        end_date=datetime.date(2022, 5, 20),
    )


def test_the_command_erases_what_is_due(delegate):
    held_in_2022(delegate)
    paths = files_of(delegate)
    out = StringIO()
    call_command("erase_grounds_pass_data", stdout=out)
    assert out.getvalue() == "Grounds-pass data of 1 delegate(s) erased (kept 90 days after the forum).\n"
    assert grounds_pass(delegate) == ("", None, None, "", "")
    assert [os.path.exists(path) for path in paths] == [False, False]


def test_celery_beat_runs_the_task_daily(delegate):
    assert app.conf.beat_schedule["stakeholders-erase-grounds-pass-data"] == {
        "task": "stakeholders.tasks.erase_grounds_pass_data",
        "schedule": 24 * 60 * 60,
    }
    held_in_2022(delegate)
    assert tasks.erase_grounds_pass_data.delay().get() == 1
    assert grounds_pass(delegate) == ("", None, None, "", "")


def test_deleting_a_delegate_with_its_organisation_deletes_its_files(delegate, django_capture_on_commit_callbacks):
    paths = files_of(delegate)
    with django_capture_on_commit_callbacks(execute=True):
        delegate.accreditation.organization.delete()
    assert [os.path.exists(path) for path in paths] == [False, False]
