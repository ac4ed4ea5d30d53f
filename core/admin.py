"""The audit log and the outbox in the admin, and the helpers every app's admin uses to show an
object's history and to offer its state changes as actions."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from core.audit import action_label, history, value_label
from core.models import ActivityLog, OutboxMessage


def venue_time(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def history_html(obj):
    """Every change of `obj`, oldest first: when (New York time), who, what, from, to, why."""
    if obj is None or obj.pk is None:
        return "—"
    return (
        format_html_join(
            "\n",
            "<div>{} · {} · {} · {} → {} {}</div>",
            (
                (
                    venue_time(entry.timestamp),
                    entry.actor or _("system"),
                    action_label(entry.action, type(obj)),
                    value_label(type(obj), entry.action, entry.old_state),
                    value_label(type(obj), entry.action, entry.new_state),
                    entry.note,
                )
                for entry in history(obj)
            ),
        )
        or "—"
    )


def error_text(exc):
    return " ".join(exc.messages) if hasattr(exc, "messages") else str(exc)


def state_action(change, new_state, description, *, name=None, permission="change"):
    """An admin action that calls `change(obj, new_state, by=user)` on each selected object and
    says, object by object, what was refused and why."""

    @admin.action(description=description, permissions=[permission])
    def action(modeladmin, request, queryset):
        done = 0
        for obj in queryset:
            try:
                change(obj, new_state, by=request.user)
            except (ValidationError, PermissionDenied) as exc:
                modeladmin.message_user(request, f"{obj}: {error_text(exc)}", messages.ERROR)
            else:
                done += 1
        if done:
            modeladmin.message_user(
                request,
                _("%(count)s now “%(state)s”.") % {"count": done, "state": new_state.label},
                messages.SUCCESS,
            )

    action.__name__ = name or f"to_{new_state}"
    return action


class RefusedChange(Exception):
    """A change the services refused after its form was valid (the object moved on meanwhile)."""


class RefusesChanges:
    """A ModelAdmin mixin: raise RefusedChange(message) from save_model or save_formset and the
    whole change is rolled back and the page shows that message alone, never next to Django's
    "changed successfully". Forms refuse what they can in clean(), keeping what was typed; this
    is for what only the save finds out."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except RefusedChange as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records nobody edits in the admin: official texts, the audit trail, sent mail."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ActionFilter(admin.SimpleListFilter):
    title = _("action")
    parameter_name = "action"

    def lookups(self, request, model_admin):
        actions = ActivityLog.objects.order_by().values_list("action", flat=True).distinct()
        return sorted(((action, action_label(action)) for action in actions), key=lambda choice: str(choice[1]))

    def queryset(self, request, queryset):
        return queryset.filter(action=self.value()) if self.value() else queryset


@admin.register(ActivityLog)
class ActivityLogAdmin(ReadOnlyAdmin):
    list_display = ["timestamp", "what", "content_type", "object_id", "from_state", "to_state", "actor"]
    list_filter = [ActionFilter, "content_type"]
    list_select_related = ["actor", "content_type"]
    date_hierarchy = "timestamp"
    fields = ["timestamp", "what", "content_type", "object_id", "from_state", "to_state", "actor", "note"]
    readonly_fields = fields

    @admin.display(description=_("action"), ordering="action")
    def what(self, entry):
        return action_label(entry.action, entry.content_type.model_class())

    @admin.display(description=_("from"))
    def from_state(self, entry):
        return value_label(entry.content_type.model_class(), entry.action, entry.old_state)

    @admin.display(description=_("to"))
    def to_state(self, entry):
        return value_label(entry.content_type.model_class(), entry.action, entry.new_state)


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "template", "recipient", "subject", "sent_at", "attempts"]
    list_filter = ["template", ("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["recipient", "subject"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]


