from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from core.admin import history_html, state_action
from stakeholders import exports, services
from stakeholders.enums import AccreditationState, DelegateState, EcosocStatus, SpeakingRequestState
from stakeholders.models import (
    Accreditation,
    Delegate,
    Invitation,
    JoinRequest,
    Membership,
    Objection,
    Organization,
    SpeakingRequest,
    StateFocalPoint,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["user", "role", "joined_at"]
    readonly_fields = ["user", "role", "joined_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class OrganizationAdminForm(forms.ModelForm):
    """The verified status is not a model field here: it changes only through
    services.set_verified_status, as a staff decision with a reason (or a list match)."""

    decide_ecosoc_status = forms.ChoiceField(
        label=_("ECOSOC consultative status (verified)"), choices=EcosocStatus.choices, required=False
    )
    decide_previous_accreditation = forms.BooleanField(
        label=_("earlier GCM accreditation (verified)"), required=False
    )
    decide_nhri = forms.BooleanField(
        label=_("national human rights institution confirmed against the GANHRI list"), required=False
    )
    decision_reason = forms.CharField(
        label=_("Reason for the decision on the status"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when you change the verified status, e.g. “ECOSOC list of 1 September 2026, special status”."),
    )

    DECISIONS = {
        "decide_ecosoc_status": "verified_ecosoc_status",
        "decide_previous_accreditation": "verified_previous_accreditation",
        "decide_nhri": "verified_nhri",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.DECISIONS.items():
            self.fields[name].initial = getattr(self.instance, field)

    def status_decision(self):
        """The verified fields the staff member changed, with their new values."""
        values = {}
        for name, field in self.DECISIONS.items():
            if name not in self.cleaned_data:
                continue
            value = self.cleaned_data[name]
            if value != getattr(self.instance, field):
                values[field] = value
        return values

    def clean(self):
        cleaned = super().clean()
        if self.status_decision() and not cleaned.get("decision_reason", "").strip():
            self.add_error(
                "decision_reason", _("Give the reason for this decision on the organisation's status.")
            )
        return cleaned


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    form = OrganizationAdminForm
    list_display = [
        "name",
        "acronym",
        "category",
        "country",
        "verified_ecosoc_status",
        "verified_previous_accreditation",
        "claimed_ecosoc_status",
        "claims_previous_accreditation",
    ]
    list_filter = [
        "category",
        "verified_ecosoc_status",
        "verified_previous_accreditation",
        "verified_nhri",
        "claimed_ecosoc_status",
        "claims_previous_accreditation",
        "country__region",
    ]
    list_select_related = ["country"]
    search_fields = ["name", "acronym", "ecosoc_profile_number"]
    autocomplete_fields = ["country", "work_countries"]
    readonly_fields = ["slug", "created_at", "history"]
    inlines = [MembershipInline]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        decision = [*OrganizationAdminForm.DECISIONS, "decision_reason"]
        main = [f for f in fieldsets[0][1]["fields"] if f not in decision and f != "history"]
        return [
            (None, {"fields": main}),
            (_("Verified status"), {"fields": decision}),
            (_("Every change"), {"fields": ["history"]}),
        ]

    @admin.display(description=_("History"))
    def history(self, obj):
        return history_html(obj)

    def save_model(self, request, obj, form, change):
        # Through the service, so that a change of category or claim is logged with from and to.
        services.update_organization(form, by=request.user)
        decision = form.status_decision()
        if decision:
            services.set_verified_status(
                obj, by=request.user, reason=form.cleaned_data["decision_reason"], **decision
            )


class AccreditationAdminForm(forms.ModelForm):
    transition = forms.ChoiceField(label=_("Change the state to"), required=False)
    reason = forms.CharField(
        label=_("Reason, shown to the organisation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when requesting information, rejecting or recording an objection."),
    )

    class Meta:
        model = Accreditation
        fields = ["mission", "migration_work", "contact_email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = AccreditationState(self.instance.state) if self.instance.pk else None
        choices = AccreditationState.valid_next_states()[current] if current else ()
        # Objections are made by Member States (or recorded below on their behalf), and lifted only
        # when withdrawn: never a state the secretariat picks.
        self.fields["transition"].choices = [("", _("— keep the current state —"))] + [
            (state.value, state.label)
            for state in choices
            if state != AccreditationState.OBJECTED and current != AccreditationState.OBJECTED
        ]


class ObjectionInline(admin.TabularInline):
    model = Objection
    extra = 0
    fields = ["member_state", "note", "state", "recorded_by_secretariat", "recorded_by", "recorded_at"]
    readonly_fields = ["state", "recorded_by_secretariat", "recorded_by", "recorded_at"]
    autocomplete_fields = ["member_state"]
    can_delete = False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Accreditation)
class AccreditationAdmin(admin.ModelAdmin):
    form = AccreditationAdminForm
    list_display = ["organization", "forum", "kind", "state", "state_changed_at"]
    list_filter = ["forum", "state", "kind", "organization__category"]
    list_select_related = ["organization", "forum"]
    search_fields = ["organization__name", "organization__acronym"]
    readonly_fields = ["organization", "forum", "kind", "state", "submitted_by", "created_at", "history"]
    fieldsets = [
        (None, {"fields": ["organization", "forum", "kind", "state", "submitted_by", "created_at"]}),
        (_("Application"), {"fields": ["mission", "migration_work", "contact_email"]}),
        (_("Decision"), {"fields": ["transition", "reason"]}),
        (_("Every change"), {"fields": ["history"]}),
    ]
    inlines = [ObjectionInline]
    actions = [
        state_action(services.set_accreditation_state, AccreditationState.RECOMMENDED, _("Recommend")),
        state_action(
            services.set_accreditation_state,
            AccreditationState.NON_OBJECTION_LIST,
            _("Put on the non-objection list"),
        ),
        state_action(
            services.set_accreditation_state,
            AccreditationState.APPROVED,
            _("Approve (after the non-objection deadline)"),
        ),
        "export_csv",
        "export_pdf",
    ]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("History"))
    def history(self, obj):
        return history_html(obj)

    def save_model(self, request, obj, form, change):
        obj.save(update_fields=["mission", "migration_work", "contact_email"])
        transition = form.cleaned_data.get("transition")
        if transition:
            try:
                services.set_accreditation_state(
                    obj, transition, by=request.user, reason=form.cleaned_data["reason"]
                )
            except ValidationError as exc:
                self.message_user(request, exc.messages[0], messages.ERROR)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Objection:
            return super().save_formset(request, form, formset, change)
        # A note verbale copied by staff: recorded on the State's behalf, and logged as such.
        for objection in formset.save(commit=False):
            try:
                services.record_objection(
                    form.instance, objection.member_state, by=request.user, note=objection.note, on_behalf=True
                )
            except ValidationError as exc:
                self.message_user(request, exc.messages[0], messages.ERROR)

    def _non_objection_list(self, request, queryset):
        listed = (
            queryset.filter(state=AccreditationState.NON_OBJECTION_LIST)
            .select_related("organization__country", "forum")
            .order_by("organization__name")
        )
        forums = {a.forum for a in listed}
        if len(forums) != 1:
            self.message_user(
                request,
                _("Select accreditations of one forum that are on the non-objection list."),
                messages.ERROR,
            )
            return None, None
        return forums.pop(), list(listed)

    @admin.action(description=_("Export the non-objection list (CSV)"), permissions=["view"])
    def export_csv(self, request, queryset):
        forum, listed = self._non_objection_list(request, queryset)
        if forum is None:
            return None
        response = HttpResponse(exports.non_objection_csv(listed), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="imrf-{forum.year}-non-objection-list.csv"'
        return response

    @admin.action(description=_("Export the non-objection list (PDF)"), permissions=["view"])
    def export_pdf(self, request, queryset):
        forum, listed = self._non_objection_list(request, queryset)
        if forum is None:
            return None
        response = HttpResponse(exports.non_objection_pdf(forum, listed), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="imrf-{forum.year}-non-objection-list.pdf"'
        return response


@admin.register(Delegate)
class DelegateAdmin(admin.ModelAdmin):
    list_display = ["name", "function", "organization", "forum", "attends", "public_consent", "state"]
    list_filter = ["accreditation__forum", "state", "attends"]
    list_select_related = ["accreditation__organization", "accreditation__forum"]
    search_fields = ["name", "email", "accreditation__organization__name"]
    readonly_fields = ["accreditation", "state", "registered_by", "registered_at"]
    fields = [
        "accreditation",
        "name",
        "function",
        "email",
        "attends",
        "public_consent",
        "state",
        "registered_by",
        "registered_at",
    ]
    actions = [
        state_action(services.set_delegate_state, DelegateState.CONFIRMED, _("Confirm"), name="delegate_to_confirmed"),
        state_action(services.set_delegate_state, DelegateState.DECLINED, _("Decline"), name="delegate_to_declined"),
    ]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("organisation"), ordering="accreditation__organization__name")
    def organization(self, obj):
        return obj.accreditation.organization

    @admin.display(description=_("forum"), ordering="accreditation__forum__year")
    def forum(self, obj):
        return obj.accreditation.forum.year


@admin.register(SpeakingRequest)
class SpeakingRequestAdmin(admin.ModelAdmin):
    list_display = ["speaker_name", "topic", "organization", "session", "state", "notified_at"]
    list_filter = ["accreditation__forum", "session", "state"]
    list_select_related = ["accreditation__organization", "session"]
    search_fields = ["speaker_name", "topic", "accreditation__organization__name"]
    readonly_fields = ["accreditation", "session", "state", "submitted_by", "submitted_at", "notified_at"]
    fields = [
        "accreditation",
        "session",
        "topic",
        "speaker_name",
        "speaker_profile",
        "state",
        "submitted_by",
        "submitted_at",
        "notified_at",
    ]
    actions = [
        state_action(
            services.set_speaking_request_state,
            SpeakingRequestState.SELECTED,
            _("Select"),
            name="speaking_to_selected",
        ),
        state_action(
            services.set_speaking_request_state,
            SpeakingRequestState.NOT_SELECTED,
            _("Do not select"),
            name="speaking_to_not_selected",
        ),
        "notify_selected",
    ]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("organisation"))
    def organization(self, obj):
        return obj.accreditation.organization

    @admin.action(description=_("Notify the selected speakers (once each)"), permissions=["change"])
    def notify_selected(self, request, queryset):
        count = services.notify_selected_speakers(queryset)
        self.message_user(request, _("%(count)s organisation(s) notified.") % {"count": count})


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "state", "created_at"]
    list_filter = ["state"]
    list_select_related = ["user", "organization"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organization", "created_at", "accepted_at"]
    list_select_related = ["organization"]
    exclude = ["token"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(StateFocalPoint)
class StateFocalPointAdmin(admin.ModelAdmin):
    """The secretariat names the people who act for a Member State; nobody names themselves."""

    list_display = ["user", "member_state"]
    raw_id_fields = ["user"]
    autocomplete_fields = ["member_state"]
