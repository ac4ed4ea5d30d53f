"""A person's own account: download the personal data the portal holds about them, delete the account.

Deleting an account keeps the organisation's records (accreditations, delegates, speaking requests,
the activity log): their `submitted_by`, `registered_by` and `actor` fields become empty, so the
records stay and no longer point to the person.
"""

import json
import operator
from functools import reduce

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import ProtectedError, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from forums.models import ActivityLog
from forums.services import log_activity
from stakeholders.models import Accreditation, Delegate, Invitation, JoinRequest, Membership, SpeakingRequest


def _organization(organization):
    return {"name": organization.name, "slug": organization.slug}


def personal_data_of(user):
    """Everything the portal holds about `user`, as plain JSON-ready data."""
    addresses = list(EmailAddress.objects.filter(user=user).order_by("-primary", "email"))
    emails = {address.email.lower() for address in addresses} | (
        {user.email.lower()} if user.email else set()
    )
    membership = Membership.objects.select_related("organization").filter(user=user).first()
    invitations = (
        Invitation.objects.select_related("organization")
        .filter(reduce(operator.or_, (Q(email__iexact=email) for email in sorted(emails))))
        .order_by("created_at")
        if emails
        else []
    )
    return {
        "generated_at": timezone.now(),
        "account": {
            "username": user.get_username(),
            "email": user.email,
            "email_addresses": [
                {"email": a.email, "verified": a.verified, "primary": a.primary} for a in addresses
            ],
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "secretariat_staff": user.is_staff,
            "two_factor_methods": sorted(
                Authenticator.objects.filter(user=user).values_list("type", flat=True)
            ),
        },
        "membership": None
        if membership is None
        else {
            "organization": _organization(membership.organization),
            "role": membership.role,
            "joined_at": membership.joined_at,
        },
        "join_requests": [
            {
                "organization": _organization(jr.organization),
                "state": jr.state,
                "message": jr.message,
                "created_at": jr.created_at,
            }
            for jr in JoinRequest.objects.select_related("organization")
            .filter(user=user)
            .order_by("created_at")
        ],
        "invitations": [
            {
                "organization": _organization(inv.organization),
                "email": inv.email,
                "created_at": inv.created_at,
                "accepted_at": inv.accepted_at,
            }
            for inv in invitations
        ],
        "accreditations_submitted": [
            {
                "organization": _organization(acc.organization),
                "forum": acc.forum.year,
                "kind": acc.kind,
                "state": acc.state,
                "mission": acc.mission,
                "migration_work": acc.migration_work,
                "contact_email": acc.contact_email,
                "created_at": acc.created_at,
            }
            for acc in Accreditation.objects.select_related("organization", "forum")
            .filter(submitted_by=user)
            .order_by("created_at")
        ],
        "delegates_registered": [
            {
                "organization": _organization(d.accreditation.organization),
                "forum": d.accreditation.forum.year,
                "name": d.name,
                "function": d.function,
                "email": d.email,
                "attends": d.attends,
                "public_consent": d.public_consent,
                "state": d.state,
                "registered_at": d.registered_at,
            }
            for d in Delegate.objects.select_related("accreditation__organization", "accreditation__forum")
            .filter(registered_by=user)
            .order_by("registered_at")
        ],
        "speaking_requests_submitted": [
            {
                "organization": _organization(sr.accreditation.organization),
                "session": sr.session.title,
                "topic": sr.topic,
                "speaker_name": sr.speaker_name,
                "speaker_profile": sr.speaker_profile,
                "state": sr.state,
                "submitted_at": sr.submitted_at,
            }
            for sr in SpeakingRequest.objects.select_related("accreditation__organization", "session")
            .filter(submitted_by=user)
            .order_by("submitted_at")
        ],
        "activity": [
            {
                "timestamp": entry.timestamp,
                "action": entry.action,
                "object_type": entry.content_type.model,
                "object_id": entry.object_id,
                "old_state": entry.old_state,
                "new_state": entry.new_state,
                "note": entry.note,
            }
            for entry in ActivityLog.objects.select_related("content_type")
            .filter(actor=user)
            .order_by("timestamp", "pk")
        ],
    }


@login_required
@require_safe
def personal_data(request):
    data = personal_data_of(request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="imrf-portal-my-data-{stamp}.json"'
    response["Cache-Control"] = "no-store"
    return response


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Your current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=gettext_lazy("To confirm that it is you who deletes the account."),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your current password."), code="wrong_password")
        return password


def last_focal_point_blocks(user):
    """The organisation when `user` is its only focal point and others are members, else None."""
    membership = Membership.objects.select_related("organization").filter(user=user).first()
    if membership is None or not membership.is_focal_point:
        return None
    others = Membership.objects.filter(organization=membership.organization).exclude(user=user)
    if others.exists() and not others.filter(role=membership.role).exists():
        return membership.organization
    return None


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def account_delete(request):
    user = request.user
    blocking_organization = last_focal_point_blocks(user)
    form = AccountDeleteForm(request.POST if request.method == "POST" else None, user=user)
    if request.method == "POST" and form.is_valid():
        if blocking_organization is not None:
            form.add_error(
                None,
                _(
                    "You are the only focal point of %(organization)s. Name another member focal point "
                    "first (on the members page), then delete your account."
                )
                % {"organization": blocking_organization.name},
            )
        else:
            membership = Membership.objects.select_related("organization").filter(user=user).first()
            try:
                with transaction.atomic():
                    if membership is not None:
                        log_activity(
                            membership.organization,
                            "organization.member_deleted_account",
                            actor=None,
                            note="member deleted their account",
                        )
                    user.delete()
            except ProtectedError:
                form.add_error(
                    None,
                    _(
                        "Your account is linked to records the secretariat must keep (such as side-event "
                        "reviews), so it cannot be deleted here. Please write to the secretariat."
                    ),
                )
            else:
                logout(request)
                messages.success(request, _("Your account has been deleted."))
                return redirect("forums:home")
    return render(
        request,
        "stakeholders/account_delete.html",
        {"form": form, "blocking_organization": blocking_organization},
    )
