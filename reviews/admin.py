"""The secretariat's side of reviews: regional reviews and consultations it records, and the review
of what States and organisations submit, whose every state change goes through
reviews.services (a reason is required to return a submission)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from core.admin import RefusedChange, RefusesChanges, error_text, history_html, state_action
from reference.models import MemberState
from reviews import services
from reviews.enums import SubmissionState
from reviews.models import (
    Consultation,
    ConsultationInput,
    NationalImplementationPlan,
    NationalStatement,
    RegionalCommission,
    RegionalReview,
    VoluntaryReview,
    VoluntaryReviewDocument,
)


@admin.register(RegionalCommission)
class RegionalCommissionAdmin(admin.ModelAdmin):
    """Membership is data (reviews/data/regional_commissions.json), read here, never typed."""

    list_display = ["code", "__str__", "member_count"]
    readonly_fields = ["code", "members_list"]
    fields = ["code", "members_list"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("members")

    @admin.display(description=_("Member States"))
    def member_count(self, obj):
        return len(obj.members.all())

    @admin.display(description=_("Member States"))
    def members_list(self, obj):
        return "; ".join(state.name for state in obj.members.all())


class RegionalReviewForm(forms.ModelForm):
    class Meta:
        model = RegionalReview
        fields = [
            "commission",
            "forum",
            "title",
            "start_date",
            "end_date",
            "host_country",
            "venue",
            "outcome_document",
            "outcome_url",
            "participating_states",
        ]

    def clean(self):
        cleaned = super().clean()
        commission, states = cleaned.get("commission"), cleaned.get("participating_states")
        if commission and states:
            members = set(commission.members.values_list("pk", flat=True))
            outside = [state.name for state in states if state.pk not in members]
            if outside:
                self.add_error(
                    "participating_states",
                    _("Not members of %(commission)s: %(states)s.")
                    % {"commission": commission.code, "states": ", ".join(outside)},
                )
        return cleaned


@admin.register(RegionalReview)
class RegionalReviewAdmin(admin.ModelAdmin):
    form = RegionalReviewForm
    list_display = ["title", "commission", "forum", "start_date", "end_date"]
    list_filter = ["forum", "commission"]
    autocomplete_fields = []
    filter_horizontal = ["participating_states"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "participating_states":
            kwargs["queryset"] = MemberState.objects.order_by("name")
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(Consultation)
class ConsultationAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "forum", "deadline"]
    list_filter = ["kind", "forum"]
    exclude = ["opened_by"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.opened_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(NationalImplementationPlan)
class NationalImplementationPlanAdmin(admin.ModelAdmin):
    list_display = ["title", "member_state", "adopted_on"]
    search_fields = ["title", "member_state__name"]


class SubmissionReviewForm(forms.ModelForm):
    transition = forms.ChoiceField(
        label=_("Change the state to"),
        required=False,
        choices=[("", _("— keep the state —")), *SubmissionState.choices],
    )
    reason = forms.CharField(
        label=_("Reason or note to the submitter"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required to return a submission for changes; the submitter sees it."),
    )

    def clean(self):
        cleaned = super().clean()
        transition = cleaned.get("transition")
        if transition in SubmissionState.needs_reason() and not cleaned.get("reason", "").strip():
            self.add_error(
                "reason",
                _("Give the submitter a reason for “%(new)s”.") % {"new": SubmissionState(transition).label},
            )
        return cleaned


class SubmissionAdmin(RefusesChanges, admin.ModelAdmin):
    """Saving and every change of state through the services, as the submitters' pages do."""

    form = SubmissionReviewForm
    list_filter = ["state"]

    def get_readonly_fields(self, request, obj=None):
        return ["state", "review_note", "submitted_at", "published_at", "state_history"]

    @admin.display(description=_("history"))
    def state_history(self, obj):
        return history_html(obj)

    def save_model(self, request, obj, form, change):
        try:
            self.save_submission(request, obj)
            transition = form.cleaned_data.get("transition")
            if transition:
                services.set_state(obj, transition, by=request.user, reason=form.cleaned_data.get("reason", ""))
        except (ValidationError, PermissionDenied) as exc:
            raise RefusedChange(f"{obj}: {error_text(exc)}") from exc

    def save_submission(self, request, obj):
        raise NotImplementedError


def review_actions(change):
    return [
        state_action(change, SubmissionState.PUBLISHED, _("Publish the selected"), permission="review"),
        state_action(change, SubmissionState.WITHDRAWN, _("Withdraw the selected"), permission="review"),
    ]


class ReviewPermission:
    def has_review_permission(self, request):
        return request.user.has_perm("reviews.review_voluntaryreview")


class DocumentInline(admin.TabularInline):
    model = VoluntaryReviewDocument
    extra = 1
    fields = ["language", "file"]


@admin.register(VoluntaryReview)
class VoluntaryReviewAdmin(ReviewPermission, SubmissionAdmin):
    list_display = ["member_state", "forum", "dated_on", "state"]
    list_filter = ["state", "forum"]
    search_fields = ["member_state__name"]
    inlines = [DocumentInline]
    fields = [
        "member_state",
        "forum",
        "dated_on",
        "summary",
        "consultation",
        "state",
        "review_note",
        "submitted_at",
        "published_at",
        "transition",
        "reason",
        "state_history",
    ]
    actions = review_actions(services.set_voluntary_review_state)

    def save_submission(self, request, obj):
        services.save_voluntary_review(obj, by=request.user)


@admin.register(NationalStatement)
class NationalStatementAdmin(ReviewPermission, SubmissionAdmin):
    list_display = ["__str__", "state"]
    list_filter = ["state", "forum"]
    search_fields = ["member_state__name"]
    fields = [
        "statement",
        "text",
        "pdf",
        "state",
        "review_note",
        "submitted_at",
        "published_at",
        "transition",
        "reason",
        "state_history",
    ]
    actions = review_actions(services.set_national_statement_state)

    def save_submission(self, request, obj):
        services.save_national_statement(obj, by=request.user)


@admin.register(ConsultationInput)
class ConsultationInputAdmin(ReviewPermission, SubmissionAdmin):
    list_display = ["organization", "consultation", "state"]
    list_filter = ["state", "consultation"]
    search_fields = ["organization__name", "text"]
    fields = [
        "consultation",
        "organization",
        "text",
        "attachment",
        "state",
        "review_note",
        "submitted_at",
        "published_at",
        "transition",
        "reason",
        "state_history",
    ]
    actions = review_actions(services.set_input_state)

    def get_readonly_fields(self, request, obj=None):
        # What an organisation wrote is its own: the secretariat reviews it, never rewrites it.
        return ["consultation", "organization", "text", "attachment", *super().get_readonly_fields(request, obj)]

    def has_add_permission(self, request):
        return False

    def save_submission(self, request, obj):
        pass
