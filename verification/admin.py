from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin import RefusedChange, RefusesChanges, error_text, history_html
from verification import services
from verification.models import StatusListEntry, StatusListImport


class StatusListImportForm(forms.ModelForm):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "UTF-8 CSV with a first row naming the columns name, country (ISO 3166 code or English name), "
            "status (General, Special or Roster; ECOSOC list only), and optionally website and profile_number."
        ),
    )

    class Meta:
        model = StatusListImport
        fields = ["kind"]

    def clean(self):
        cleaned = super().clean()
        upload, kind = cleaned.get("file"), cleaned.get("kind")
        if upload is not None and kind:
            try:
                self.rows = services.parse_list(kind, upload)
            except ValidationError as exc:
                self.add_error("file", exc)
        return cleaned


@admin.register(StatusListImport)
class StatusListImportAdmin(admin.ModelAdmin):
    """Uploading a list: the whole file is checked first (nothing is written if one line is wrong),
    then its entries replace the list's and the matches it proposes are shown for staff to confirm."""

    form = StatusListImportForm
    list_display = ["kind", "uploaded_at", "uploaded_by", "filename", "rows", "added", "updated", "dropped"]
    list_filter = ["kind"]
    list_select_related = ["uploaded_by"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["kind", "file"]
        return [
            "kind",
            "filename",
            "rows",
            "added",
            "updated",
            "dropped",
            "uploaded_by",
            "uploaded_at",
            "history",
        ]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.get_fields(request, obj)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("History"))
    def history(self, obj):
        return history_html(obj)

    def save_model(self, request, obj, form, change):
        batch = services.import_list(
            form.cleaned_data["kind"], form.rows, by=request.user, filename=form.cleaned_data["file"].name
        )
        obj.pk, obj._state.adding = batch.pk, False

    def response_add(self, request, obj, post_url_continue=None):
        batch = StatusListImport.objects.get(pk=obj.pk)
        proposed = StatusListEntry.objects.filter(kind=batch.kind, candidate__isnull=False).count()
        self.message_user(
            request,
            _(
                "%(rows)s rows imported: %(added)s new, %(updated)s updated, %(dropped)s no longer on the list. "
                "%(proposed)s matches are proposed below: check them and confirm."
            )
            % {
                "rows": batch.rows,
                "added": batch.added,
                "updated": batch.updated,
                "dropped": batch.dropped,
                "proposed": proposed,
            },
            messages.SUCCESS,
        )
        url = reverse("admin:verification_statuslistentry_changelist")
        return HttpResponseRedirect(f"{url}?kind__exact={batch.kind}&match=proposed")


class MatchFilter(admin.SimpleListFilter):
    title = _("match")
    parameter_name = "match"

    def lookups(self, request, model_admin):
        return [
            ("matched", _("matched")),
            ("proposed", _("match proposed")),
            ("none", _("no match")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "matched":
            return queryset.filter(organization__isnull=False)
        if self.value() == "proposed":
            return queryset.filter(organization__isnull=True, candidate__isnull=False)
        if self.value() == "none":
            return queryset.filter(organization__isnull=True, candidate__isnull=True)
        return queryset


class StatusListEntryForm(forms.ModelForm):
    class Meta:
        model = StatusListEntry
        fields = ["organization"]

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("organization")
        if chosen is not None and self.instance.pk:
            try:
                services.check_match(self.instance, chosen)
            except ValidationError as exc:
                self.add_error("organization", exc)
        return cleaned


@admin.register(StatusListEntry)
class StatusListEntryAdmin(RefusesChanges, admin.ModelAdmin):
    """The preview and the matches: each entry with the organisation proposed (by profile number,
    name and country, or website) and the one staff matched; match and unmatch one by one in the
    form or together with the actions."""

    form = StatusListEntryForm
    list_display = [
        "name",
        "country",
        "ecosoc_status",
        "profile_number",
        "website",
        "proposed",
        "organization",
        "on_latest_list",
    ]
    list_filter = ["kind", MatchFilter, "on_latest_list", "ecosoc_status"]
    list_select_related = ["country", "candidate", "organization"]
    search_fields = ["name", "profile_number", "website"]
    autocomplete_fields = ["organization"]
    readonly_fields = [
        "kind",
        "name",
        "country",
        "website",
        "ecosoc_status",
        "profile_number",
        "on_latest_list",
        "last_import",
        "proposed",
        "matched_by",
        "matched_at",
        "history",
    ]
    fields = [*readonly_fields[:-1], "organization", "history"]
    actions = ["confirm_proposed", "unmatch_selected", "propose_again"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("proposed match"))
    def proposed(self, obj):
        if obj.candidate_id is None:
            return "—"
        return format_html(
            '{} <span class="help">({})</span>', obj.candidate, obj.get_candidate_basis_display()
        )

    @admin.display(description=_("History"))
    def history(self, obj):
        return history_html(obj)

    def save_model(self, request, obj, form, change):
        # Only the match changes here, and only through the services (which verify the status).
        chosen = form.cleaned_data.get("organization")
        current = StatusListEntry.objects.get(pk=obj.pk)
        try:
            if current.organization_id and current.organization != chosen:
                services.unmatch(current, by=request.user)
            if chosen is not None:
                services.match(current, chosen, by=request.user)
        except ValidationError as exc:
            raise RefusedChange(error_text(exc)) from exc

    def _each(self, request, queryset, change, done_message):
        done = 0
        for entry in queryset.select_related("candidate", "organization"):
            try:
                if change(entry):
                    done += 1
            except ValidationError as exc:
                self.message_user(request, f"{entry}: {error_text(exc)}", messages.ERROR)
        self.message_user(
            request, done_message % {"count": done}, messages.SUCCESS if done else messages.WARNING
        )

    @admin.action(description=_("Confirm the proposed matches"), permissions=["change"])
    def confirm_proposed(self, request, queryset):
        def confirm(entry):
            if entry.organization_id is None and entry.candidate_id is not None:
                services.match(entry, entry.candidate, by=request.user)
                return True
            return False

        self._each(request, queryset, confirm, _("%(count)s matches confirmed."))

    @admin.action(description=_("Undo the matches"), permissions=["change"])
    def unmatch_selected(self, request, queryset):
        def undo(entry):
            if entry.organization_id is not None:
                services.unmatch(entry, by=request.user)
                return True
            return False

        self._each(request, queryset, undo, _("%(count)s matches undone."))

    @admin.action(description=_("Look for matches again"), permissions=["change"])
    def propose_again(self, request, queryset):
        count = services.propose_candidates(queryset)
        self.message_user(request, _("%(count)s matches proposed.") % {"count": count}, messages.SUCCESS)
