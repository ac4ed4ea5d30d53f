from django import forms
from django.contrib import admin, messages
from django.db.models import Avg, Count, ExpressionWrapper, F, FloatField, Window
from django.db.models.functions import Rank
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import history_html
from reference.enums import ParticipantCategory, Region
from side_events import queries
from side_events import services as side_events
from side_events.enums import SideEventState
from side_events.forms import SideEventAdminForm
from side_events.models import REVIEW_CRITERIA, SideEvent, SideEventReview, SideEventSpeaker


class SideEventSpeakerInline(admin.TabularInline):
    """The organisers' panel, as they entered it: the secretariat reads it, scores it, and does
    not rewrite it."""

    model = SideEventSpeaker
    extra = 0
    fields = ["name", "function", "gender", "category", "region"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.action(description=_("Send the decisions taken on the selected applications"), permissions=["change"])
def send_side_event_decisions(modeladmin, request, queryset):
    ids = list(queryset.values_list("pk", flat=True))
    sent = side_events.send_decisions(SideEvent.objects.filter(pk__in=ids), by=request.user)
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)s decision sent to its organisers.",
            "%(count)s decisions sent to their organisers.",
            sent,
        )
        % {"count": sent},
        messages.SUCCESS if sent else messages.WARNING,
    )
    for side_event in SideEvent.objects.filter(pk__in=ids).select_related("forum"):
        warning = side_events.late_notice_warning(side_event)
        if warning:
            modeladmin.message_user(request, warning, messages.WARNING)


class ReviewFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "review"
    RULES = {"to_score": queries.to_score, "to_decide": queries.to_decide, "to_send": queries.decisions_to_send}

    def lookups(self, request, model_admin):
        return [
            ("to_score", _("to score")),
            ("to_decide", _("scored, to decide")),
            ("to_send", _("decision not yet sent")),
        ]

    def queryset(self, request, queryset):
        rule = self.RULES.get(self.value())
        return queryset.filter(rule()) if rule else queryset


@admin.register(SideEvent)
class SideEventAdmin(admin.ModelAdmin):
    """The ranked list of a forum's applications (filter by forum), the review and the decisions."""

    form = SideEventAdminForm
    list_display = [
        "rank",
        "title",
        "lead_organiser",
        "forum",
        "state",
        "decision_to_send",
        "review_count",
        "average_score",
        "women",
        "region_count",
        "starts_at",
        "room",
    ]
    list_display_links = ["title"]
    list_filter = ["forum", "state", ReviewFilter, "pending_state", "format"]
    list_select_related = ["forum", "organization", "member_state", "room"]
    search_fields = ["title", "organization__name", "member_state__name"]
    actions = [send_side_event_decisions]
    inlines = [SideEventSpeakerInline]
    readonly_fields = [
        "forum",
        "organization",
        "member_state",
        "title",
        "description",
        "format",
        "preferred_day",
        "preferred_time",
        "expected_audience",
        "organisers",
        "objective_list",
        "outcomes",
        "set_up",
        "panel_balance",
        "reviews",
        "state",
        "pending_state",
        "pending_reason",
        "submitted_at",
        "decided_at",
        "decision_reason",
        "notified_at",
        "history",
    ]
    fieldsets = [
        (
            _("Application"),
            {
                "fields": [
                    "forum",
                    "organization",
                    "member_state",
                    "title",
                    "description",
                    "format",
                    ("preferred_day", "preferred_time"),
                    "expected_audience",
                    "organisers",
                    "objective_list",
                    "outcomes",
                    "set_up",
                ]
            },
        ),
        (_("Against the criteria"), {"fields": ["panel_balance", "reviews"]}),
        (
            _("Decision"),
            {
                "fields": [
                    ("state", "pending_state"),
                    ("submitted_at", "decided_at", "notified_at"),
                    "decision_reason",
                    "pending_reason",
                    "decision",
                    "reason",
                ]
            },
        ),
        (_("Room and slot (accepted side events)"), {"fields": ["room", "starts_at", "ends_at"]}),
        (_("History"), {"fields": ["history"]}),
    ]

    def get_queryset(self, request):
        total = sum(
            (F(f"reviews__{name}") for name in REVIEW_CRITERIA[1:]), F(f"reviews__{REVIEW_CRITERIA[0]}")
        )
        return (
            super()
            .get_queryset(request)
            .exclude(state=SideEventState.DRAFT)
            .annotate(
                review_count=Count("reviews"),
                average_total=Avg(ExpressionWrapper(total, output_field=FloatField())),
            )
            .annotate(
                ranking=Window(
                    Rank(), partition_by=F("forum_id"), order_by=F("average_total").desc(nulls_last=True)
                )
            )
            .prefetch_related("speakers")
        )

    def get_ordering(self, request):
        return ["forum", F("average_total").desc(nulls_last=True), "title"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("rank"), ordering="ranking")
    def rank(self, obj):
        return obj.ranking if obj.review_count else "—"

    @admin.display(description=_("reviews"), ordering="review_count")
    def review_count(self, obj):
        return obj.review_count

    @admin.display(description=_("average score (of 30)"), ordering="average_total")
    def average_score(self, obj):
        return "—" if obj.average_total is None else f"{obj.average_total:.1f}"

    @admin.display(description=_("decision not yet sent"), ordering="pending_state")
    def decision_to_send(self, obj):
        return obj.get_pending_state_display() or "—"

    @admin.display(description=_("women"))
    def women(self, obj):
        balance = side_events.panel_balance(obj.speakers.all())
        return "—" if balance.percent_women is None else f"{balance.percent_women} %"

    @admin.display(description=_("regions"))
    def region_count(self, obj):
        return len(side_events.regions(obj.speakers.all()))

    @admin.display(description=_("organisers"))
    def organisers(self, obj):
        lines = [str(obj.lead_organiser)]
        lines += [f"{c.organization} ({c.get_state_display()})" for c in obj.co_organizers.select_related("organization")]
        lines += [s.name for s in obj.co_organizing_states.all()]
        return format_html_join("\n", "<div>{}</div>", ((line,) for line in lines))

    @admin.display(description=_("objectives and principles"))
    def objective_list(self, obj):
        items = [str(o) for o in obj.objectives.all()] + [str(p) for p in obj.guiding_principles.all()]
        return format_html_join("\n", "<div>{}</div>", ((item,) for item in items)) or "—"

    @admin.display(description=_("the panel, computed from the speakers"))
    def panel_balance(self, obj):
        balance = side_events.panel_balance(obj.speakers.all())
        categories = dict(ParticipantCategory.choices)
        regions = dict(Region.choices)
        rows = [
            (_("speakers"), balance.speakers),
            (_("women"), "—" if balance.percent_women is None else f"{balance.percent_women} %"),
            (
                _("regions"),
                f"{len(balance.regions)}: " + ", ".join(str(regions[r]) for r in balance.regions)
                if balance.regions
                else "0",
            ),
            (
                _("stakeholder categories"),
                f"{len(balance.stakeholder_categories)}: "
                + "; ".join(str(categories[c]) for c in balance.stakeholder_categories)
                if balance.stakeholder_categories
                else "0",
            ),
            (
                _("States and stakeholders together"),
                _("yes") if balance.mixes_states_and_stakeholders else _("no"),
            ),
        ]
        return format_html_join("\n", "<div>{}: {}</div>", rows)

    @admin.display(description=_("reviews"))
    def reviews(self, obj):
        if obj.pk is None:
            return "—"
        reviews = list(obj.reviews.select_related("reviewer"))
        add_url = reverse("admin:side_events_sideeventreview_add") + f"?side_event={obj.pk}"
        rows = format_html_join(
            "\n",
            "<div>{}: {} / 30 {}</div>",
            ((r.reviewer, r.total, f"({r.comment})" if r.comment else "") for r in reviews),
        )
        return format_html('{}<div><a href="{}">{}</a></div>', rows, add_url, _("Score this application"))

    @admin.display(description=_("history"))
    def history(self, obj):
        return history_html(obj)

    def save_model(self, request, obj, form, change):
        decision = form.cleaned_data.get("decision")
        if decision:
            side_events.set_side_event_state(
                obj, decision, by=request.user, reason=form.cleaned_data["reason"]
            )
        if obj.decided_state == SideEventState.ACCEPTED and {"room", "starts_at", "ends_at"} & set(form.changed_data):
            side_events.schedule_side_event(
                obj,
                room=form.cleaned_data["room"],
                starts_at=form.cleaned_data["starts_at"],
                ends_at=form.cleaned_data["ends_at"],
                by=request.user,
            )
        warning = side_events.late_notice_warning(obj)
        if warning:
            self.message_user(request, warning, messages.WARNING)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            side_event = self.get_object(request, object_id)
            # Only someone allowed to see the event learns of it: Django refuses the others in
            # super().change_view, but a message queued before that would show them its title.
            if side_event is not None and not self.has_view_or_change_permission(request, side_event):
                side_event = None
            warning = side_events.late_notice_warning(side_event) if side_event else None
            if warning:
                self.message_user(request, warning, messages.WARNING)
        return super().change_view(request, object_id, form_url, extra_context)


class SideEventReviewAdminForm(forms.ModelForm):
    reviewer = None  # the signed-in user, set by the admin

    class Meta:
        model = SideEventReview
        fields = ["side_event", *REVIEW_CRITERIA, "comment"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "side_event" in self.fields:
            self.fields["side_event"].queryset = SideEvent.objects.filter(
                state__in=[SideEventState.SUBMITTED, *SideEventState.decisions()]
            ).select_related("forum")
        for name in REVIEW_CRITERIA:
            self.fields[name].help_text = _("1 (weak) to 5 (strong)")

    def clean(self):
        cleaned = super().clean()
        side_event = cleaned.get("side_event")
        if side_event is not None and self.instance.pk is None and self.reviewer is not None:
            if SideEventReview.objects.filter(side_event=side_event, reviewer=self.reviewer).exists():
                self.add_error(
                    "side_event", _("You have already scored this application; change your review instead.")
                )
        return cleaned


@admin.register(SideEventReview)
class SideEventReviewAdmin(admin.ModelAdmin):
    """Each reviewer scores each application once, and changes only their own scores."""

    form = SideEventReviewAdminForm
    list_display = ["side_event", "reviewer", "total", "reviewed_at"]
    list_filter = ["side_event__forum"]
    list_select_related = ["side_event", "reviewer"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"reviewer": request.user})

    def get_readonly_fields(self, request, obj=None):
        return ["side_event"] if obj is not None else []

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or obj.reviewer_id == request.user.pk)

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("total (of 30)"))
    def total(self, obj):
        return obj.total

    def save_model(self, request, obj, form, change):
        if not change:
            obj.reviewer = request.user
        super().save_model(request, obj, form, change)
