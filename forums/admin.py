from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from forums.enums import ForumStatus, SessionKind
from forums.forms import RoundTableAdminForm, SessionAdminForm
from forums.models import (
    ActivityLog,
    Country,
    Forum,
    GuidingPrinciple,
    MemberState,
    Objective,
    Room,
    RoundTable,
    Session,
    Statement,
    Topic,
)
from forums.services import coverage_warnings, missing_opening_statements, set_forum_status


class ReferenceDataAdmin(admin.ModelAdmin):
    """Official texts come from data migrations; nobody edits them in the admin."""

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Objective)
class ObjectiveAdmin(ReferenceDataAdmin):
    list_display = ["number", "short_label", "title"]
    search_fields = ["short_label", "title", "=number"]


@admin.register(GuidingPrinciple)
class GuidingPrincipleAdmin(ReferenceDataAdmin):
    list_display = ["letter", "name"]


@admin.register(Country)
class CountryAdmin(ReferenceDataAdmin):
    list_display = ["name", "iso3", "region", "subregion", "un_member"]
    list_filter = ["un_member", "region"]
    search_fields = ["name", "iso3", "iso2"]


@admin.register(MemberState)
class MemberStateAdmin(CountryAdmin):
    list_filter = ["region"]


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ["name", "location", "capacity"]
    search_fields = ["name"]


def _status_action(new_status, label):
    @admin.action(description=label, permissions=["change"])
    def action(modeladmin, request, queryset):
        for forum in queryset:
            try:
                set_forum_status(forum, new_status, by=request.user)
            except ValidationError as exc:
                modeladmin.message_user(request, f"{forum}: {exc.messages[0]}", messages.ERROR)
            else:
                modeladmin.message_user(
                    request,
                    _("%(forum)s is now “%(status)s”.") % {"forum": forum, "status": new_status.label},
                    messages.SUCCESS,
                )

    action.__name__ = f"set_status_{new_status}"
    return action


@admin.register(Forum)
class ForumAdmin(admin.ModelAdmin):
    list_display = ["year", "title", "hearing_date", "start_date", "end_date", "status"]
    list_filter = ["status"]
    readonly_fields = ["status", "status_history"]
    fieldsets = [
        (None, {"fields": ["year", "title", "status", "venue", "time_zone"]}),
        (_("Dates"), {"fields": ["hearing_date", "start_date", "end_date", "hearing_rapporteur"]}),
        (
            _("Stakeholder participation"),
            {"fields": ["accreditation_deadline", "non_objection_deadline", "delegate_cap"]},
        ),
        (_("History"), {"fields": ["status_history"]}),
    ]
    actions = [
        _status_action(ForumStatus.ANNOUNCED, _("Announce: publish the forum and its programme")),
        _status_action(ForumStatus.CONCLUDED, _("Mark as concluded")),
        _status_action(ForumStatus.PLANNING, _("Withdraw to preparation (hide from the public)")),
    ]

    @admin.display(description=_("Status changes"))
    def status_history(self, obj):
        from django.contrib.contenttypes.models import ContentType
        from django.utils.html import format_html_join

        if obj.pk is None:
            return "—"
        entries = ActivityLog.objects.filter(
            content_type=ContentType.objects.get_for_model(Forum), object_id=obj.pk
        ).select_related("actor")
        return (
            format_html_join(
                "\n",
                "<div>{} · {} · {} → {}</div>",
                (
                    (e.timestamp.strftime("%Y-%m-%d %H:%M"), e.actor or "system", e.old_state, e.new_state)
                    for e in entries
                ),
            )
            or "—"
        )

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
    fields = ["forum", "kind", "title", "slug", "room", "starts_at", "ends_at", "chair", "description"]

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
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("co_chairs")

    @admin.display(description=_("co-chairs"))
    def co_chair_names(self, obj):
        return ", ".join(state.name for state in obj.co_chairs.all())

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for warning in coverage_warnings(form.instance.forum):
            self.message_user(request, warning, messages.WARNING)


@admin.register(ActivityLog)
class ActivityLogAdmin(admin.ModelAdmin):
    list_display = ["timestamp", "action", "content_type", "object_id", "old_state", "new_state", "actor"]
    list_filter = ["action", "content_type"]
    list_select_related = ["actor", "content_type"]
    date_hierarchy = "timestamp"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
