"""The secretariat's review: a checklist on the pledge and state changes that all go through
pledges.services.set_pledge_state (a reason is required to request changes or unpublish)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from core.admin import error_text, history_html
from pledges.enums import PledgeState
from pledges.models import Indicator, Pledge, PledgePartner, ProgressReport
from pledges.services import set_pledge_state

REVIEW_STATES = (PledgeState.CHANGES_REQUESTED, PledgeState.PUBLISHED, PledgeState.UNPUBLISHED)


class PledgeReviewForm(forms.ModelForm):
    transition = forms.ChoiceField(
        label=_("Change the state to"),
        required=False,
        choices=[("", _("— keep the state —")), *[(s.value, s.label) for s in REVIEW_STATES]],
    )
    reason = forms.CharField(
        label=_("Reason or note to the pledger"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Required to request changes or to unpublish; the pledger sees it. When a published "
            "pledge is unpublished, the public sees it too, on the pledge's public record."
        ),
    )

    class Meta:
        model = Pledge
        fields = ["check_in_scope", "check_measurable", "check_objectives"]

    def clean(self):
        cleaned = super().clean()
        transition = cleaned.get("transition")
        if transition in PledgeState.needs_reason() and not cleaned.get("reason", "").strip():
            self.add_error(
                "reason",
                _("Give the pledger a reason for “%(new)s”.") % {"new": PledgeState(transition).label},
            )
        return cleaned


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0
    fields = ["description", "unit", "baseline", "target", "target_date"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class PartnerInline(admin.TabularInline):
    model = PledgePartner
    extra = 0
    fields = ["organization", "member_state", "invited_at", "confirmed_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.action(description=_("Publish the selected pledges (review checks ticked)"), permissions=["review"])
def publish(modeladmin, request, queryset):
    for pledge in queryset:
        try:
            set_pledge_state(pledge, PledgeState.PUBLISHED, by=request.user)
        except (ValidationError, PermissionDenied) as exc:
            modeladmin.message_user(request, f"{pledge.reference}: {error_text(exc)}", messages.ERROR)
        else:
            modeladmin.message_user(
                request, _("%(ref)s is published.") % {"ref": pledge.reference}, messages.SUCCESS
            )


@admin.register(Pledge)
class PledgeAdmin(admin.ModelAdmin):
    form = PledgeReviewForm
    list_display = ["reference", "title", "pledger_type", "state", "stage", "published_at"]
    list_filter = ["state", "forum", "pledger_type", "stage"]
    search_fields = ["reference", "title", "pledger_names"]
    actions = [publish]
    inlines = [PartnerInline, IndicatorInline]
    readonly_fields = [
        "reference",
        "state",
        "forum",
        "title",
        "text",
        "kinds_display",
        "objectives_display",
        "pledger_names",
        "regions",
        "global_scope",
        "start_date",
        "end_date",
        "resources",
        "amount",
        "currency",
        "attachment",
        "review_note",
        "published_at",
        "state_history",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "reference",
                    "state",
                    "forum",
                    "pledger_names",
                    "title",
                    "text",
                    "kinds_display",
                    "objectives_display",
                    "regions",
                    "global_scope",
                    "start_date",
                    "end_date",
                    "resources",
                    "amount",
                    "currency",
                    "attachment",
                    "published_at",
                ]
            },
        ),
        (_("Review checklist"), {"fields": ["check_in_scope", "check_measurable", "check_objectives"]}),
        (_("Decision"), {"fields": ["review_note", "transition", "reason"]}),
        (_("History"), {"fields": ["state_history"]}),
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_review_permission(self, request):
        return request.user.has_perm("pledges.review_pledge")

    @admin.display(description=_("kinds"))
    def kinds_display(self, obj):
        return ", ".join(str(k) for k in obj.get_kinds_display())

    @admin.display(description=_("GCM objectives"))
    def objectives_display(self, obj):
        return ", ".join(str(o) for o in obj.objectives.all())

    @admin.display(description=_("history"))
    def state_history(self, obj):
        return history_html(obj)

    def save_model(self, request, obj, form, change):
        obj.save(update_fields=["check_in_scope", "check_measurable", "check_objectives"])
        transition = form.cleaned_data.get("transition")
        if transition:
            try:
                set_pledge_state(obj, transition, by=request.user, reason=form.cleaned_data.get("reason", ""))
            except (ValidationError, PermissionDenied) as exc:
                self.message_user(request, f"{obj.reference}: {error_text(exc)}", messages.ERROR)


@admin.register(ProgressReport)
class ProgressReportAdmin(admin.ModelAdmin):
    list_display = ["pledge", "reported_on", "stage"]
    readonly_fields = [
        "pledge",
        "reported_on",
        "stage",
        "narrative",
        "organization",
        "member_state",
        "author",
    ]

    def has_add_permission(self, request):
        return False
