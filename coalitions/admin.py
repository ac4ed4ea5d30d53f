from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from coalitions.enums import CoalitionState
from coalitions.models import Coalition, CoalitionMember
from coalitions.services import set_coalition_state
from core.admin import history_html


class CoalitionMemberInline(admin.TabularInline):
    """Who is in the coalition, as the members answered: the secretariat reads it."""

    model = CoalitionMember
    extra = 0
    fields = ["organization", "member_state", "state", "joined_by", "asked_at", "answered_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.action(description=_("Close the selected coalitions"), permissions=["change"])
def close_coalitions(modeladmin, request, queryset):
    closed = 0
    for coalition in queryset:
        try:
            set_coalition_state(coalition, CoalitionState.CLOSED, by=request.user)
        except ValidationError as exc:
            modeladmin.message_user(request, f"{coalition}: {' '.join(exc.messages)}", messages.WARNING)
        except PermissionDenied as exc:
            modeladmin.message_user(request, f"{coalition}: {exc}", messages.WARNING)
        else:
            closed += 1
    modeladmin.message_user(
        request,
        ngettext("%(count)s coalition closed.", "%(count)s coalitions closed.", closed) % {"count": closed},
    )


@admin.register(Coalition)
class CoalitionAdmin(admin.ModelAdmin):
    """Convenors run their coalitions; the secretariat reads them and may close one."""

    list_display = ["title", "state", "organization", "member_state", "published_at"]
    list_filter = ["state"]
    search_fields = ["title", "organization__name"]
    fields = ["title", "description", "organization", "member_state", "state", "published_at", "history"]
    readonly_fields = fields
    inlines = [CoalitionMemberInline]
    actions = [close_coalitions]

    @admin.display(description=_("history"))
    def history(self, obj):
        return history_html(obj)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
