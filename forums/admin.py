from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from core.admin import history_html, state_action
from forums.enums import ForumStatus, SessionKind
from forums.forms import RoundTableAdminForm, SessionAdminForm
from forums.models import Forum, Room, RoundTable, Session, Statement, Topic
from forums.services import coverage_warnings, missing_opening_statements, set_forum_status


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ["name", "location", "capacity"]
    search_fields = ["name"]


@admin.register(Forum)
class ForumAdmin(admin.ModelAdmin):
    list_display = ["year", "title", "hearing_date", "start_date", "end_date", "status"]
    list_filter = ["status"]
    # The rapporteur comes from the selected nomination (stakeholders' call), not typed here.
    readonly_fields = ["status", "hearing_rapporteur", "status_history"]
    fieldsets = [
        (None, {"fields": ["year", "title", "status", "venue", "time_zone"]}),
        (_("Dates"), {"fields": ["hearing_date", "start_date", "end_date", "hearing_rapporteur"]}),
        (
            _("Stakeholder participation"),
            {
                "fields": [
                    "accreditation_deadline",
                    "non_objection_deadline",
                    "delegate_registration_deadline",
                    "speaking_request_deadline",
                    "delegate_cap",
                    "side_event_call_deadline",
                ]
            },
        ),
        (_("History"), {"fields": ["status_history"]}),
    ]
    actions = [
        state_action(
            set_forum_status,
            ForumStatus.ANNOUNCED,
            _("Announce: publish the forum and its programme"),
            name="set_status_announced",
        ),
        state_action(
            set_forum_status, ForumStatus.CONCLUDED, _("Mark as concluded"), name="set_status_concluded"
        ),
        state_action(
            set_forum_status,
            ForumStatus.PLANNING,
            _("Withdraw to preparation (hide from the public)"),
            name="set_status_planning",
        ),
    ]

    @admin.display(description=_("Status changes"))
    def status_history(self, obj):
        return history_html(obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            forum = self.get_object(request, object_id)
            if forum is not None:
                for warning in coverage_warnings(forum):
                    self.message_user(request, warning, messages.WARNING)
        return super().change_view(request, object_id, form_url, extra_context)


class StatementInline(admin.TabularInline):
    model = Statement
    extra = 0
    autocomplete_fields = ["member_state"]


class TopicInline(admin.TabularInline):
    model = Topic
    extra = 0


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    form = SessionAdminForm
    list_display = ["title", "forum", "kind", "starts_at", "ends_at", "room"]
    list_filter = ["forum", "kind", "room"]
    list_select_related = ["forum", "room"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [StatementInline, TopicInline]
    readonly_fields = ["speaker_selection_closed_at"]
    fieldsets = [
        (None, {"fields": ["forum", "kind", "title", "slug", "room", "starts_at", "ends_at", "chair", "description"]}),
        (
            _("Stakeholder speakers"),
            {"fields": ["takes_speaking_requests", "tells_not_selected", "speaker_selection_closed_at"]},
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).exclude(kind=SessionKind.ROUND_TABLE)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            session = self.get_object(request, object_id)
            missing = missing_opening_statements(session) if session else []
            if missing:
                self.message_user(
                    request,
                    _("The opening segment has no statement yet by: %(roles)s.")
                    % {"roles": "; ".join(str(role.label) for role in missing)},
                    messages.WARNING,
                )
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(RoundTable)
class RoundTableAdmin(admin.ModelAdmin):
    form = RoundTableAdminForm
    list_display = ["title", "forum", "starts_at", "room", "co_chair_names"]
    list_filter = ["forum"]
    list_select_related = ["forum", "room"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["co_chairs", "room"]
    filter_horizontal = ["objectives"]
    fieldsets = [
        (None, {"fields": ["forum", "number", "title", "slug", "theme"]}),
        (_("Schedule"), {"fields": ["room", "starts_at", "ends_at"]}),
        (_("People"), {"fields": ["co_chairs", "keynote_speaker", "chair"]}),
        (_("Content"), {"fields": ["objectives", "description", "background_note"]}),
        (
            _("Stakeholder speakers"),
            {"fields": ["takes_speaking_requests", "tells_not_selected", "speaker_selection_closed_at"]},
        ),
    ]
    readonly_fields = ["speaker_selection_closed_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("co_chairs")

    @admin.display(description=_("co-chairs"))
    def co_chair_names(self, obj):
        return ", ".join(state.name for state in obj.co_chairs.all())

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for warning in coverage_warnings(form.instance.forum):
            self.message_user(request, warning, messages.WARNING)
