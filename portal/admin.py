"""The admin's index opens on the secretariat's worklist: what waits for it in every domain, each
line a link to the list filtered to exactly those rows. The rules (what "to review" means) live
in each app's queries; this floor only gathers them, in a fixed number of queries."""

from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from pledges import queries as pledges
from reviews import queries as reviews
from side_events import queries as side_events
from stakeholders import queries as stakeholders
from summaries import queries as summaries


def _line(label, count, model, params):
    app_label, model_name = model.split(".")
    return {
        "label": label,
        "count": count,
        "url": f"{reverse(f'admin:{app_label}_{model_name}_changelist')}?{urlencode(params)}",
        "permission": f"{app_label}.view_{model_name}",
    }


def worklist(user, today=None):
    """The lines this user may open (the lists they may view), in the order of the work."""
    today = today or timezone.localdate()
    counts = {
        **stakeholders.worklist_counts(today),
        **pledges.worklist_counts(),
        **side_events.worklist_counts(),
        **reviews.worklist_counts(),
    }
    lines = [
        _line(
            _("Accreditations to review"),
            counts["accreditations_to_review"],
            "stakeholders.accreditation",
            {"state__exact": "submitted"},
        ),
        _line(
            _("Registrations waiting for their status to be verified"),
            counts["accreditations_to_verify"],
            "stakeholders.accreditation",
            {"state__exact": "status_verification"},
        ),
        _line(
            _("Recommended accreditations to put on the non-objection list"),
            counts["accreditations_to_list"],
            "stakeholders.accreditation",
            {"state__exact": "recommended"},
        ),
        _line(
            _("Accreditations whose non-objection period has ended, to approve"),
            counts["accreditations_to_approve"],
            "stakeholders.accreditation",
            {"state__exact": "non_objection_list", "non_objection": "ended"},
        ),
        _line(
            _("Pledges submitted for review"),
            counts["pledges_submitted"],
            "pledges.pledge",
            {"state__exact": "submitted"},
        ),
        _line(
            _("Voluntary reviews submitted for review"),
            counts["voluntary_reviews_submitted"],
            "reviews.voluntaryreview",
            {"state__exact": "submitted"},
        ),
        _line(
            _("National statements submitted for review"),
            counts["national_statements_submitted"],
            "reviews.nationalstatement",
            {"state__exact": "submitted"},
        ),
        _line(
            _("Consultation inputs submitted for review"),
            counts["consultation_inputs_submitted"],
            "reviews.consultationinput",
            {"state__exact": "submitted"},
        ),
        _line(
            _("Side events to score"),
            counts["side_events_to_score"],
            "side_events.sideevent",
            {"review": "to_score"},
        ),
        _line(
            _("Side events scored, to decide"),
            counts["side_events_to_decide"],
            "side_events.sideevent",
            {"review": "to_decide"},
        ),
        _line(
            _("Side-event decisions not yet sent"),
            counts["side_events_decisions_to_send"],
            "side_events.sideevent",
            {"review": "to_send"},
        ),
        _line(
            _("Delegates to confirm"),
            counts["delegates_to_confirm"],
            "stakeholders.delegate",
            {"state__exact": "pending"},
        ),
        _line(
            _("Speaking requests to decide"),
            counts["speaking_requests"],
            "stakeholders.speakingrequest",
            {"state__exact": "submitted"},
        ),
    ]
    for forum, status in summaries.open_deadlines(today):
        lines.append(
            {
                **_line(
                    _("Summaries of %(forum)s not yet distributed (due %(date)s): %(left)s")
                    % {
                        "forum": forum.title,
                        "date": status.deadline.strftime("%Y-%m-%d"),
                        "left": status.days_left_text,
                    },
                    status.unpublished,
                    "summaries.summary",
                    {"session__forum__id__exact": forum.pk, "distributed": "no"},
                ),
                "late": status.late,
            }
        )
    return [line for line in lines if user.has_perm(line["permission"])]


def with_worklist(site):
    """Patch `site` (an AdminSite) so that its index carries the worklist."""
    stock_index = site.index

    def index(request, extra_context=None):
        return stock_index(request, {**(extra_context or {}), "worklist": worklist(request.user)})

    site.index = index
    return site


with_worklist(admin.site)
