"""The secretariat's review: a checklist on the pledge and state changes that all go through
pledges.services.set_pledge_state (a reason is required to request changes or unpublish)."""

import copy

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from core.admin import RefusedChange, RefusesChanges, error_text, history_html
from core.transitions import InvalidTransition, check
from pledges.enums import PledgeState, pledger_type_choices
from pledges.models import Indicator, Pledge, PledgePartner, ProgressReport
from pledges.services import CANNOT_GO, check_pledge_transition, set_pledge_state
from reference.enums import Region

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
        help_text=_("Required to request changes or to unpublish; the pledger sees it."),
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
        elif transition and self.instance.pk:
            # The pledge as it would be saved: the checklist ticked in this form counts.
            pledge = copy.copy(self.instance)
            for name in self.Meta.fields:
                if name in cleaned:
                    setattr(pledge, name, cleaned[name])
            try:
                check(PledgeState, pledge.state, transition, message=CANNOT_GO)
                check_pledge_transition(pledge, transition, reason=cleaned.get("reason", "").strip())
            except (InvalidTransition, ValidationError) as exc:
                self.add_error("transition", exc)
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


class PledgerTypeFilter(admin.SimpleListFilter):
    title = _("pledger type")
    parameter_name = "pledger_type"

    def lookups(self, request, model_admin):
        return pledger_type_choices()

    def queryset(self, request, queryset):
        return queryset.filter(pledger_type=self.value()) if self.value() else queryset


@admin.register(Pledge)
class PledgeAdmin(RefusesChanges, admin.ModelAdmin):
    form = PledgeReviewForm
    list_display = ["reference", "title", "pledger_type_display", "state", "stage", "published_at"]
    list_filter = ["state", "forum", PledgerTypeFilter, "stage"]
    search_fields = ["reference", "title", "pledger_names"]
    actions = [publish]
    inlines = [PartnerInline, IndicatorInline]
    readonly_fields = [
        "reference",
        "state",
        "forum",
        "pledger",
        "pledger_type_display",
        "contact",
        "title",
        "text",
        "kinds_display",
        "objectives_display",
        "principles_display",
        "where",
        "flags",
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
                    "pledger",
                    "pledger_type_display",
                    "contact",
                    "title",
                    "text",
                    "kinds_display",
                    "objectives_display",
                    "principles_display",
                    "where",
                    "flags",
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

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("forum", "organization", "member_state")

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
        return ", ".join(str(o) for o in obj.objectives.all()) or "—"

    @admin.display(description=_("guiding principles"))
    def principles_display(self, obj):
        return ", ".join(str(p) for p in obj.principles.all()) or "—"

    @admin.display(description=_("pledger type"), ordering="pledger_type")
    def pledger_type_display(self, obj):
        return obj.get_pledger_type_display() or "—"

    @admin.display(description=_("pledging entity"))
    def pledger(self, obj):
        return obj.pledger or "—"

    @admin.display(description=_("contact"))
    def contact(self, obj):
        lines = [obj.contact_email] if obj.contact_email else []
        if obj.created_by_id and obj.created_by.email and obj.created_by.email != obj.contact_email:
            lines.append(_("created by %(email)s") % {"email": obj.created_by.email})
        return format_html_join("\n", "<div>{}</div>", ((line,) for line in lines)) or "—"

    @admin.display(description=_("where it is carried out"))
    def where(self, obj):
        regions = dict(Region.choices)
        rows = []
        if obj.global_scope:
            rows.append((_("global"), _("yes")))
        if obj.regions:
            rows.append((_("regions"), ", ".join(str(regions.get(r, r)) for r in obj.regions)))
        countries = [str(c) for c in obj.countries.all()]
        if countries:
            rows.append((_("countries"), ", ".join(countries)))
        return format_html_join("\n", "<div>{}: {}</div>", rows) or "—"

    @admin.display(description=_("flags"))
    def flags(self, obj):
        flags = []
        if obj.seeking_partners:
            flags.append(_("seeking partners"))
        if obj.offering_support:
            flags.append(_("offering support"))
        if obj.matches_id:
            flags.append(_("matches the pledge %(reference)s") % {"reference": obj.matches.reference})
        return format_html_join("\n", "<div>{}</div>", ((flag,) for flag in flags)) or "—"

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
                raise RefusedChange(f"{obj.reference}: {error_text(exc)}") from exc


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
