from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin import RefusedChange, RefusesChanges, error_text, history_html, state_action
from core.downloads import SANDBOX, file_response
from core.transitions import InvalidTransition
from forums.enums import SessionKind
from stakeholders import exports, queries, services
from stakeholders.enums import (
    AccreditationState,
    DelegateState,
    EcosocStatus,
    NominationState,
    SpeakingRequestState,
)
from stakeholders.models import (
    Accreditation,
    Delegate,
    Invitation,
    JoinRequest,
    Membership,
    Nomination,
    Objection,
    Organization,
    SpeakerSelection,
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

    def clean(self):
        cleaned = super().clean()
        transition = cleaned.get("transition")
        if transition and self.instance.pk:
            reason = cleaned.get("reason", "")
            try:
                services.check_accreditation_state(self.instance, transition, reason=reason)
            except InvalidTransition as exc:
                self.add_error("transition", exc)
            except ValidationError as exc:
                missing_reason = transition in AccreditationState.needs_reason() and not reason.strip()
                self.add_error("reason" if missing_reason else "transition", exc)
        return cleaned


class ObjectionInline(admin.TabularInline):
    model = Objection
    extra = 0
    fields = ["member_state", "note", "state", "recorded_by_secretariat", "recorded_by", "recorded_at"]
    readonly_fields = ["state", "recorded_by_secretariat", "recorded_by", "recorded_at"]
    autocomplete_fields = ["member_state"]
    can_delete = False

    def has_change_permission(self, request, obj=None):
        return False


class NonObjectionFilter(admin.SimpleListFilter):
    title = _("non-objection period")
    parameter_name = "non_objection"

    def lookups(self, request, model_admin):
        return [("ended", _("ended: to approve"))]

    def queryset(self, request, queryset):
        if self.value() == "ended":
            return queryset.filter(queries.non_objection_period_ended())
        return queryset


@admin.register(Accreditation)
class AccreditationAdmin(RefusesChanges, admin.ModelAdmin):
    form = AccreditationAdminForm
    list_display = ["organization", "forum", "kind", "state", "state_changed_at"]
    list_filter = ["forum", "state", NonObjectionFilter, "kind", "organization__category"]
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
                raise RefusedChange(error_text(exc)) from exc

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
                raise RefusedChange(error_text(exc)) from exc

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
    list_display = ["name", "function", "organization", "forum", "attends", "listing_consent", "state"]
    list_filter = ["accreditation__forum", "state", "attends", "listing_consent"]
    list_select_related = ["accreditation__organization", "accreditation__forum"]
    search_fields = ["name", "email", "accreditation__organization__name"]
    # The documents are replaced only by the organisation's form (which checks them) and leave
    # only by the erasure; here they are links to the permission-checked views below.
    readonly_fields = [
        "accreditation",
        "state",
        "registered_by",
        "registered_at",
        "nomination_letter_link",
        "photo_link",
        "personal_data_erased_at",
    ]
    fieldsets = [
        (
            None,
            {"fields": ["accreditation", "name", "function", "email", "attends", "listing_consent", "state"]},
        ),
        (
            _("UN grounds pass (seen by the secretariat only)"),
            {
                "fields": [
                    "passport_name",
                    "nationality",
                    "date_of_birth",
                    "nomination_letter_link",
                    "photo_link",
                    "personal_data_erased_at",
                ]
            },
        ),
        (None, {"fields": ["registered_by", "registered_at"]}),
    ]
    actions = [
        state_action(
            services.set_delegate_state, DelegateState.CONFIRMED, _("Confirm"), name="delegate_to_confirmed"
        ),
        state_action(
            services.set_delegate_state, DelegateState.DECLINED, _("Decline"), name="delegate_to_declined"
        ),
    ]

    def get_urls(self):
        view = self.admin_site.admin_view(self.grounds_pass_file)
        return [
            path(
                "<int:pk>/nomination-letter/",
                view,
                {"kind": "nomination_letter"},
                name="stakeholders_delegate_nomination_letter",
            ),
            path("<int:pk>/photo/", view, {"kind": "photo"}, name="stakeholders_delegate_photo"),
            *super().get_urls(),
        ]

    def grounds_pass_file(self, request, pk, kind):
        """The private documents, to staff who may view delegates (admin_view has checked staff
        and the second factor); nobody else reaches them, at any URL."""
        delegate = get_object_or_404(Delegate.objects.select_related("accreditation__forum"), pk=pk)
        if not self.has_view_permission(request, delegate):
            raise PermissionDenied
        if kind == "photo":
            return file_response(
                delegate.photo,
                filename=f"delegate-{delegate.pk}-photo.png",
                content_type="image/png",
                policy=SANDBOX,
            )
        return file_response(
            delegate.nomination_letter,
            filename=f"delegate-{delegate.pk}-nomination-letter.pdf",
            content_type="application/pdf",
            as_attachment=True,
            policy=SANDBOX,
        )

    @admin.display(description=_("nomination letter"))
    def nomination_letter_link(self, obj):
        if not obj.nomination_letter:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:stakeholders_delegate_nomination_letter", args=[obj.pk]),
            _("Download the nomination letter (PDF)"),
        )

    @admin.display(description=_("photo"))
    def photo_link(self, obj):
        if not obj.photo:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:stakeholders_delegate_photo", args=[obj.pk]),
            _("Open the photo"),
        )

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
    list_filter = ["accreditation__forum", "session__kind", "session", "state"]
    list_select_related = ["accreditation__organization", "session"]
    search_fields = ["speaker_name", "topic", "accreditation__organization__name"]
    readonly_fields = [
        "accreditation",
        "session",
        "state",
        "submitted_by",
        "submitted_at",
        "notified_at",
        "history",
    ]
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
        "history",
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
    ]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("organisation"))
    def organization(self, obj):
        return obj.accreditation.organization

    @admin.display(description=_("History"))
    def history(self, obj):
        return history_html(obj)


@admin.register(SpeakerSelection)
class SpeakerSelectionAdmin(admin.ModelAdmin):
    """One row per session with places for stakeholders: how far its selection is, and the action
    that closes it and tells the organisations (selections stay unseen until then)."""

    list_display = [
        "title",
        "forum",
        "kind",
        "requests",
        "selected",
        "confirmed",
        "declined",
        "tells_not_selected_display",
        "speaker_selection_closed_at",
    ]
    list_filter = ["forum", "kind"]
    list_select_related = ["forum"]
    list_display_links = None
    actions = ["close_selection"]

    def get_queryset(self, request):
        counted = lambda *states: Count("speaking_requests", filter=Q(speaking_requests__state__in=states))  # noqa: E731
        return (
            super()
            .get_queryset(request)
            .filter(kind__in=SessionKind.stakeholder_speaking(), takes_speaking_requests=True)
            .annotate(
                request_count=Count("speaking_requests"),
                selected_count=counted(
                    SpeakingRequestState.SELECTED, SpeakingRequestState.CONFIRMED, SpeakingRequestState.DECLINED
                ),
                confirmed_count=counted(SpeakingRequestState.CONFIRMED),
                declined_count=counted(SpeakingRequestState.DECLINED),
            )
        )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("requests"), ordering="request_count")
    def requests(self, obj):
        return obj.request_count

    @admin.display(description=_("selected"), ordering="selected_count")
    def selected(self, obj):
        return obj.selected_count

    @admin.display(description=_("confirmed"), ordering="confirmed_count")
    def confirmed(self, obj):
        return obj.confirmed_count

    @admin.display(description=_("declined: select another speaker"), ordering="declined_count")
    def declined(self, obj):
        return obj.declined_count

    @admin.display(description=_("tells those not selected"), boolean=True)
    def tells_not_selected_display(self, obj):
        return obj.notifies_not_selected

    @admin.action(description=_("Close the selection and tell the organisations"), permissions=["change"])
    def close_selection(self, request, queryset):
        for session in queryset:
            try:
                told = services.close_speaker_selection(session, by=request.user)
            except ValidationError as exc:
                self.message_user(request, exc.messages[0], messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("The selection for “%(session)s” is closed; %(count)s organisation(s) told.")
                    % {"session": session.title, "count": told},
                    messages.SUCCESS,
                )


@admin.register(Nomination)
class NominationAdmin(admin.ModelAdmin):
    """The calls for the hearing's rapporteur and the opening segment's representatives. Selecting
    puts the nominee's name and organisation in the opening segment's statement."""

    list_display = ["nominee_name", "role", "organization", "forum", "state", "statement"]
    list_filter = ["accreditation__forum", "role", "state"]
    list_select_related = ["accreditation__organization", "accreditation__forum", "statement__session"]
    search_fields = ["nominee_name", "accreditation__organization__name"]
    readonly_fields = [
        "accreditation",
        "role",
        "nominee_name",
        "nominee_profile",
        "state",
        "statement",
        "submitted_by",
        "submitted_at",
        "history",
    ]
    fields = readonly_fields
    actions = [
        state_action(services.set_nomination_state, NominationState.SELECTED, _("Select"), name="nomination_to_selected"),
        state_action(
            services.set_nomination_state,
            NominationState.NOT_SELECTED,
            _("Do not select"),
            name="nomination_to_not_selected",
        ),
    ]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("organisation"), ordering="accreditation__organization__name")
    def organization(self, obj):
        return obj.accreditation.organization

    @admin.display(description=_("forum"), ordering="accreditation__forum__year")
    def forum(self, obj):
        return obj.accreditation.forum.year

    @admin.display(description=_("History"))
    def history(self, obj):
        return history_html(obj)


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
