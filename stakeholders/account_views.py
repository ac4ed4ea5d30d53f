"""A person's own account: delete it (the download of their data is portal.privacy's).

Deleting an account keeps the organisation's records (accreditations, delegates, speaking requests,
the activity log): their `submitted_by`, `registered_by` and `actor` fields become empty, so the
records stay and no longer point to the person.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import ProtectedError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from core.audit import log_activity
from stakeholders.models import Membership


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
    """The organisation when `user` is its only focal point, else None: without a focal point
    nobody could accept its join requests, invite or manage its accreditation, and its records
    would be out of everyone's reach. (remove_member and set_member_role keep the same rule.)"""
    membership = Membership.objects.select_related("organization").filter(user=user).first()
    if membership is None or not membership.is_focal_point:
        return None
    others = Membership.objects.filter(organization=membership.organization).exclude(user=user)
    if not others.filter(role=membership.role).exists():
        organization = membership.organization
        organization.has_other_members = others.exists()
        return organization
    return None


def last_focal_point_message(organization):
    if organization.has_other_members:
        return _(
            "You are the only focal point of %(organization)s. Name another member focal point "
            "first (on the members page), then delete your account."
        ) % {"organization": organization.name}
    return _(
        "You are the only member of %(organization)s: without you nobody could accept its join "
        "requests or manage its accreditation. Invite a colleague and name them focal point first (on "
        "the members page), then delete your account; if the organisation is closing, write to the "
        "secretariat."
    ) % {"organization": organization.name}


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def account_delete(request):
    user = request.user
    blocking_organization = last_focal_point_blocks(user)
    form = AccountDeleteForm(request.POST if request.method == "POST" else None, user=user)
    if request.method == "POST" and form.is_valid():
        if blocking_organization is not None:
            form.add_error(None, last_focal_point_message(blocking_organization))
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
                return redirect("portal:home")
    return render(
        request,
        "stakeholders/account_delete.html",
        {"form": form, "blocking_organization": blocking_organization},
    )
