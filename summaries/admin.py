from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin import ReadOnlyAdmin
from forums.models import Forum
from summaries import services as summaries
from summaries.enums import SummaryState
from summaries.models import Compilation, Holiday, Summary


@admin.register(Compilation)
class CompilationAdmin(ReadOnlyAdmin):
    """The compilation PDF each forum's published summaries make, as Celery last generated it."""

    list_display = ["forum", "generated_at", "pdf_file"]
    list_select_related = ["forum"]


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ["date", "name"]
    date_hierarchy = "date"
    search_fields = ["name"]


class DistributedFilter(admin.SimpleListFilter):
    title = _("distributed")
    parameter_name = "distributed"

    def lookups(self, request, model_admin):
        return [("yes", _("yes")), ("no", _("not yet"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(published_at__isnull=self.value() == "no")
        return queryset


class SummaryAdminForm(forms.ModelForm):
    class Meta:
        model = Summary
        fields = ["key_messages", "discussion", "recommendations"]
        widgets = {name: forms.Textarea(attrs={"rows": 10, "cols": 100}) for name in fields}
        help_texts = {
            "key_messages": _(
                "Rich text: paragraphs, lists, bold, italics, links, sub-headings. Anything else is removed."
            ),
        }

    def clean(self):
        cleaned = super().clean()
        for name in self.Meta.fields:
            cleaned[name] = summaries.sanitise(cleaned.get(name, ""))
        return cleaned


@admin.register(Summary)
class SummaryAdmin(admin.ModelAdmin):
    form = SummaryAdminForm
    list_display = ["session", "forum_year", "state", "generated_at", "published_at", "pdf_link"]
    list_filter = ["session__forum", "state", DistributedFilter]
    list_select_related = ["session__forum"]
    search_fields = ["session__title"]
    readonly_fields = [
        "session",
        "state",
        "error",
        "generated_at",
        "published_at",
        "updated_at",
        "updated_by",
        "pdf_link",
    ]
    fieldsets = [
        (None, {"fields": ["session", "state", "error", "generated_at", "published_at", "pdf_link"]}),
        (_("Content"), {"fields": ["key_messages", "discussion", "recommendations"]}),
        (_("Last saved"), {"fields": ["updated_at", "updated_by"]}),
    ]
    actions = ["generate_now", "publish"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("forum"), ordering="session__forum__year")
    def forum_year(self, obj):
        return obj.session.forum.year

    @admin.display(description=_("PDF"))
    def pdf_link(self, obj):
        if not obj.pdf_file:
            return "—"
        return format_html('<a href="{}">{}</a>', obj.pdf_file.url, _("PDF"))

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

        def delayed():
            messages.warning(
                request,
                _(
                    "The notes are saved. Generation is delayed: the task queue cannot be reached; "
                    "the daily run will generate this summary once it is back."
                ),
            )

        summaries.save_notes(obj, by=request.user, on_delayed=delayed)

    @admin.action(description=_("Generate now"), permissions=["change"])
    def generate_now(self, request, queryset):
        queued = sum(summaries.queue_generation(summary.pk) for summary in queryset)
        self.message_user(request, _("%(count)s summary(ies) queued for generation.") % {"count": queued})

    @admin.action(description=_("Publish the ready summaries of the selected forums"), permissions=["change"])
    def publish(self, request, queryset):
        forums = Forum.objects.filter(sessions__summary__in=queryset).distinct()
        for forum in forums:
            count = summaries.publish(forum, by=request.user)
            self.message_user(
                request,
                _("%(forum)s: %(count)s summary(ies) published; confirmed delegates will be mailed once.")
                % {"forum": forum, "count": count},
            )

    def changelist_view(self, request, extra_context=None):
        # Refuse before doing anything: the rows below are written on the way to Django's own check.
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        today = timezone.localdate()
        deadlines = []
        may_create = self.has_change_permission(request)
        for forum in Forum.objects.public().filter(end_date__lt=today).order_by("-year"):
            if may_create:  # a reader sees the rows that exist; beat creates the missing ones daily
                summaries.ensure_summaries(forum)
            counts = {
                state: Summary.objects.filter(session__forum=forum, state=state).count()
                for state in SummaryState
            }
            status = summaries.deadline_status(forum, today)
            deadlines.append({"forum": forum, "status": status, "counts": counts})
        extra_context = {**(extra_context or {}), "deadlines": deadlines, "states": SummaryState}
        return super().changelist_view(request, extra_context)
