"""A person's data download, gathered from every app that holds some: each app says what it holds
about a person in its own privacy module, and this is the one place that joins them."""

import json

from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from coalitions import privacy as coalitions_privacy
from core import privacy as core_privacy
from declarations import privacy as declarations_privacy
from pledges import privacy as pledges_privacy
from side_events import privacy as side_events_privacy
from stakeholders import privacy as stakeholders_privacy
from summaries import privacy as summaries_privacy

SOURCES = (
    stakeholders_privacy,
    side_events_privacy,
    declarations_privacy,
    coalitions_privacy,
    pledges_privacy,
    summaries_privacy,
    core_privacy,
)


def personal_data_of(user):
    data = {"generated_at": timezone.now()}
    for source in SOURCES:
        data.update(source.personal_data(user))
    return data


@login_required
@require_safe
def personal_data(request):
    response = HttpResponse(
        json.dumps(personal_data_of(request.user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="imrf-portal-my-data-{stamp}.json"'
    response["Cache-Control"] = "no-store"
    return response
