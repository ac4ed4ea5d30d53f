"""The page of a good practice: the practice (floor 4) with the published pledges that build on
it (pledges, floor 5), so it is served from here."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.page_cache import public_page
from pledges.queries import citing_practice
from practices import permissions as practice_permissions
from practices import queries as practice_queries


@public_page
@require_safe
def practice_detail(request, pk):
    practice = practice_queries.practice_page(pk)
    # A practice one may not see answers exactly as one that does not exist.
    if not practice_permissions.can_view_practice(request.user, practice):
        raise Http404
    return render(
        request,
        "practices/detail.html",
        {
            "practice": practice,
            "pledges": list(citing_practice(practice)) if practice.is_public else [],
            "is_owner": practice_permissions.is_owner(request.user, practice),
        },
    )
