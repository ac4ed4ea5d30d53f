"""A forum's windows, checked where staff enter them: each closes before the hearing, and the
non-objection period ends after the last request for accreditation."""

import datetime

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError

from forums.models import Forum
from tests.forums.factories import ForumFactory

pytestmark = pytest.mark.django_db


def forum(**deadlines):
    return ForumFactory.build(
        year=2030,
        hearing_date=datetime.date(2030, 5, 6),
        start_date=datetime.date(2030, 5, 7),
        end_date=datetime.date(2030, 5, 10),
        **deadlines,
    )


def errors(**deadlines):
    with pytest.raises(ValidationError) as caught:
        forum(**deadlines).clean()
    return caught.value.message_dict


def test_a_non_objection_deadline_before_the_request_deadline_is_refused():
    assert errors(
        accreditation_deadline=datetime.date(2030, 3, 1), non_objection_deadline=datetime.date(2030, 2, 15)
    ) == {
        "non_objection_deadline": [
            "The non-objection period ends after the deadline for accreditation requests (2030-03-01)."
        ]
    }


def test_every_window_closes_before_the_hearing():
    message = ["This deadline must fall before the hearing (2030-05-06)."]
    assert errors(
        accreditation_deadline=datetime.date(2030, 5, 6),
        non_objection_deadline=datetime.date(2030, 5, 7),
        delegate_registration_deadline=datetime.date(2030, 5, 8),
        speaking_request_deadline=datetime.date(2030, 5, 6),
    ) == {
        "accreditation_deadline": message,
        "non_objection_deadline": message,
        "delegate_registration_deadline": message,
        "speaking_request_deadline": message,
    }


def test_windows_in_order_are_accepted():
    forum(
        accreditation_deadline=datetime.date(2030, 3, 1),
        non_objection_deadline=datetime.date(2030, 4, 1),
        delegate_registration_deadline=datetime.date(2030, 4, 20),
        speaking_request_deadline=datetime.date(2030, 4, 15),
    ).clean()


def test_the_admin_form_refuses_a_non_objection_deadline_before_the_request_deadline(rf, secretariat_user):
    # The case of issue 12: the admin accepted a non-objection deadline earlier than the request deadline.
    existing = forum()
    existing.save()
    request = rf.get("/")
    request.user = secretariat_user
    form_class = admin.site._registry[Forum].get_form(request, existing)
    initial = form_class(instance=existing)
    data = {name: initial[name].value() for name in initial.fields}
    data = {name: "" if value is None else value for name, value in data.items()}
    data.update(accreditation_deadline="2030-03-01", non_objection_deadline="2030-02-15")
    form = form_class(data, instance=existing)
    assert form.is_valid() is False
    assert form.errors["non_objection_deadline"] == [
        "The non-objection period ends after the deadline for accreditation requests (2030-03-01)."
    ]
    existing.refresh_from_db()
    assert (existing.accreditation_deadline, existing.non_objection_deadline) == (None, None)
