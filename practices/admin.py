"""The secretariat's review of practices and its calls. Every state change goes through
practices.services.set_practice_state (asking for more information needs a reason, which the
submitter reads)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from core.admin import RefusedChange, RefusesChanges, error_text, history_html, state_action
from core.transitions import InvalidTransition, check
from practices.enums import PracticeState, implementer_type_choices
from practices.models import Practice, PracticeCall
from practices.services import CANNOT_GO, check_practice_transition, set_practice_state

REVIEW_STATES = (PracticeState.MORE_INFORMATION, PracticeState.PUBLISHED, PracticeState.WITHDRAWN)


class PracticeReviewForm(forms.ModelForm):
    transition = forms.ChoiceField(
        label=_("Change the state to"),
        required=False,
        choices=[("", _("— keep the state —")), *[(s.value, s.label) for s in REVIEW_STATES]],
    )
    reason = forms.CharField(
        label=_("What information is missing"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required to ask for more information; the submitter reads it."),
    )

    class Meta:
        model = Practice
        fields = []

    def clean(self):
        cleaned = super().clean()
        transition = cleaned.get("transition")
        if transition and self.instance.pk:
            try:
                check(PracticeState, self.instance.state, transition, message=CANNOT_GO)
                check_practice_transition(self.instance, transition, reason=cleaned.get("reason", "").strip())
            except (InvalidTransition, ValidationError) as exc:
                self.add_error("reason" if transition in PracticeState.needs_reason() else "transition", exc)
        return cleaned


class ImplementerTypeFilter(admin.SimpleListFilter):
    title = _("implementer type")
    parameter_name = "implementer_type"

    def lookups(self, request, model_admin):
        return implementer_type_choices()

    def queryset(self, request, queryset):
        return queryset.filter(implementer_type=self.value()) if self.value() else queryset


publish = state_action(
    set_practice_state, PracticeState.PUBLISHED, _("Publish the selected practices"), permission="review"
)


@admin.register(Practice)
class PracticeAdmin(RefusesChanges, admin.ModelAdmin):
    form = PracticeReviewForm
    list_display = ["title", "implementer_name", "implementer_type_display", "call", "state", "published_at"]
    list_filter = ["state", ImplementerTypeFilter, "call", "completion"]
    search_fields = ["title", "implementer_name"]
    actions = [publish]
    readonly_fields = [
        "state",
        "title",
        "implementer",
        "implementer_type_display",
        "partners",
        "summary",
        "description",
        "objectives_display",
        "principles_display",
        "where",
        "start_date",
        "end_date",
        "completion",
        "results",
        "innovative",
        "replicable",
        "lessons",
        "support_display",
        "link",
        "attachment",
        "contact_name",
        "contact_email",
        "call",
        "review_note",
        "published_at",
        "state_history",
    ]
    fieldsets = [
        (None, {"fields": readonly_fields[:-2]}),
        (_("Decision"), {"fields": ["published_at", "transition", "reason"]}),
        (_("History"), {"fields": ["state_history"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organization", "member_state", "call")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_review_permission(self, request):
        return request.user.has_perm("practices.review_practice")

    @admin.display(description=_("implementer type"), ordering="implementer_type")
    def implementer_type_display(self, obj):
        return obj.get_implementer_type_display() or "—"

    @admin.display(description=_("GCM objectives"))
    def objectives_display(self, obj):
        return ", ".join(str(o) for o in obj.objectives.all()) or "—"

    @admin.display(description=_("guiding principles"))
    def principles_display(self, obj):
        return ", ".join(str(p) for p in obj.principles.all()) or "—"

    @admin.display(description=_("where it was implemented"))
    def where(self, obj):
        return ", ".join([*obj.region_labels, *(str(c) for c in obj.countries.all())]) or "—"

    @admin.display(description=_("seeks and offers"))
    def support_display(self, obj):
        return "; ".join(str(s) for s in obj.support.all()) or "—"

    @admin.display(description=_("history"))
    def state_history(self, obj):
        return history_html(obj)

    def save_model(self, request, obj, form, change):
        transition = form.cleaned_data.get("transition")
        if transition:
            try:
                set_practice_state(obj, transition, by=request.user, reason=form.cleaned_data.get("reason", ""))
            except (ValidationError, PermissionDenied) as exc:
                raise RefusedChange(f"{obj}: {error_text(exc)}") from exc

    def save_related(self, request, form, formsets, change):
        """Nothing of the submitter's is changed here; only the decision is saved."""


@admin.register(PracticeCall)
class PracticeCallAdmin(admin.ModelAdmin):
    list_display = ["title", "theme", "opens", "deadline", "forum"]
    list_filter = ["forum"]
    search_fields = ["title", "theme"]
    prepopulated_fields = {"slug": ["title"]}
