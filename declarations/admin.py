"""The secretariat's side of the declaration: versions and their paragraphs (entered here or
imported from a file), the key messages it publishes, and the marking page where, for a new
version, each message is shown with the word-level difference of its paragraphs and marked."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.admin import ReadOnlyAdmin, error_text, history_html, state_action
from declarations import diff, services
from declarations.enums import KeyMessageState
from declarations.forms import ImportForm, OutcomeForm
from declarations.models import DeclarationVersion, Endorsement, KeyMessage, MessageOutcome, Paragraph


class ParagraphFormSet(BaseInlineFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs["aria-label"] = _("Delete?")


class ParagraphInline(admin.TabularInline):
    model = Paragraph
    formset = ParagraphFormSet
    extra = 3
    fields = ["number", "section", "text"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # A tabular inline labels its columns, not its inputs: each input gets its column's name.
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and db_field.name in self.fields:
            field.widget.attrs["aria-label"] = capfirst(db_field.verbose_name)
            if db_field.name == "text":
                field.widget.attrs["rows"] = 3
        return field

    def has_delete_permission(self, request, obj=None):
        # A paragraph key messages address, or where one landed, stays: deleting it would silently
        # cut the message from what it was about. Its text can still be corrected.
        if obj is not None and (obj.key_messages.exists() or MessageOutcome.objects.filter(paragraph__version=obj).exists()):
            return False
        return super().has_delete_permission(request, obj)


@admin.register(DeclarationVersion)
class DeclarationVersionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "date", "published", "paragraph_count", "tools"]
    list_filter = ["forum", "kind", "published"]
    fields = ["forum", "kind", "number", "date", "published", "history"]
    readonly_fields = ["history"]
    inlines = [ParagraphInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("forum").annotate(paragraph_total=Count("paragraphs"))

    @admin.display(description=_("paragraphs"), ordering="paragraph_total")
    def paragraph_count(self, version):
        return version.paragraph_total

    @admin.display(description=_("import and marking"))
    def tools(self, version):
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("admin:declarations_declarationversion_import", args=[version.pk]),
            _("Import paragraphs"),
            reverse("admin:declarations_declarationversion_mark", args=[version.pk]),
            _("Mark the key messages"),
        )

    @admin.display(description=_("history"))
    def history(self, version):
        return history_html(version)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.public_changed()

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        services.public_changed()

    def get_urls(self):
        return [
            path(
                "<int:pk>/import/",
                self.admin_site.admin_view(self.import_view),
                name="declarations_declarationversion_import",
            ),
            path("<int:pk>/mark/", self.admin_site.admin_view(self.mark_view), name="declarations_declarationversion_mark"),
            *super().get_urls(),
        ]

    def _context(self, request, version, title):
        return {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.opts,
            "version": version,
            "change_url": reverse("admin:declarations_declarationversion_change", args=[version.pk]),
        }

    def import_view(self, request, pk):
        """Replace the version's paragraphs by a file's: all of them, or nothing on any error."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        version = get_object_or_404(DeclarationVersion.objects.select_related("forum"), pk=pk)
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                count = services.import_paragraphs(version, form.cleaned_data["file"], by=request.user)
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error("file", message)
            else:
                self.message_user(
                    request, _("%(count)s paragraphs imported into %(version)s.") % {"count": count, "version": version},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:declarations_declarationversion_change", args=[version.pk]))
        context = self._context(request, version, _("Import the paragraphs of %(version)s") % {"version": version})
        context["form"] = form
        return TemplateResponse(request, "admin/declarations/import.html", context)

    def mark_view(self, request, pk):
        """Each message that addressed the previous version, with the word-level difference between
        each paragraph it addressed and the paragraph of this version most like it (or where it was
        marked to have landed), and a form to mark its fate."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        version = get_object_or_404(DeclarationVersion.objects.select_related("forum"), pk=pk)
        previous = services.previous_version(version)
        new_paragraphs = list(version.paragraphs.order_by("number"))
        posted = None
        if request.method == "POST":
            posted_id = "".join(c for c in request.POST.get("message", "") if c.isdigit())
            posted = OutcomeForm(request.POST, version=version, auto_id=f"id_m{posted_id}_%s")
            if posted.is_valid():
                message = get_object_or_404(services.messages_to_mark(version), pk=posted.cleaned_data["message"])
                try:
                    services.mark_outcome(
                        message,
                        version,
                        fate=posted.cleaned_data["fate"],
                        paragraph=posted.cleaned_data["paragraph"],
                        note=posted.cleaned_data["note"],
                        by=request.user,
                    )
                except ValidationError as exc:
                    posted.add_error(None, error_text(exc))
                else:
                    self.message_user(
                        request, _("“%(message)s” marked.") % {"message": message}, messages.SUCCESS
                    )
                    return HttpResponseRedirect(f"{request.path}#message-{message.pk}")
        outcomes = {o.message_id: o for o in MessageOutcome.objects.filter(version=version).select_related("paragraph")}
        rows = []
        for message in services.messages_to_mark(version):
            outcome = outcomes.get(message.pk)
            comparisons = []
            for old in message.paragraphs.all():
                match = outcome.paragraph if outcome and outcome.paragraph_id else diff.best_match(old, new_paragraphs)
                old_html, new_html, _inline = diff.word_diff(old.text, match.text if match else "")
                comparisons.append({"old": old, "new": match, "old_html": old_html, "new_html": new_html})
            if posted is not None and str(message.pk) == request.POST.get("message"):
                form = posted
            else:
                initial = {"message": message.pk}
                if outcome:
                    initial.update(fate=outcome.fate, paragraph=outcome.paragraph_id, note=outcome.note)
                elif comparisons and comparisons[0]["new"] is not None:
                    initial["paragraph"] = comparisons[0]["new"].pk
                form = OutcomeForm(initial=initial, version=version, auto_id=f"id_m{message.pk}_%s")
            rows.append({"message": message, "outcome": outcome, "comparisons": comparisons, "form": form})
        context = self._context(request, version, _("Mark the key messages in %(version)s") % {"version": version})
        context.update(previous=previous, rows=rows)
        return TemplateResponse(request, "admin/declarations/mark.html", context)


@admin.register(KeyMessage)
class KeyMessageAdmin(admin.ModelAdmin):
    list_display = ["title", "organization", "forum", "version", "state", "endorsement_count"]
    list_filter = ["forum", "state", "version__kind"]
    search_fields = ["title", "text", "organization__name"]
    list_select_related = ["organization", "forum", "version"]
    fields = [
        "forum", "organization", "version", "title", "text", "paragraphs", "objectives", "guiding_principles",
        "state", "published_at", "history",
    ]
    readonly_fields = fields
    actions = [
        state_action(services.set_key_message_state, KeyMessageState.PUBLISHED, _("Publish the selected key messages")),
        state_action(services.set_key_message_state, KeyMessageState.WITHDRAWN, _("Withdraw the selected key messages")),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(endorsement_total=Count("endorsements"))

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("endorsements"), ordering="endorsement_total")
    def endorsement_count(self, message):
        return message.endorsement_total

    @admin.display(description=_("history"))
    def history(self, message):
        return history_html(message)


@admin.register(Endorsement)
class EndorsementAdmin(ReadOnlyAdmin):
    list_display = ["message", "organization", "created_at"]
    list_select_related = ["message", "organization"]
    list_filter = ["message__forum"]


@admin.register(MessageOutcome)
class MessageOutcomeAdmin(ReadOnlyAdmin):
    list_display = ["message", "version", "fate", "paragraph", "marked_by", "marked_at"]
    list_select_related = ["message", "version__forum", "paragraph", "marked_by"]
    list_filter = ["version__forum", "fate"]
