"""Page-number pagination for every list: `count`, `next` and `previous` (absolute addresses, null
at either end) and `results`. A client pages through a list by following `next` until it is null;
the order is stable, so no item is seen twice or missed while nothing is published meanwhile."""

from django.core.paginator import EmptyPage, Paginator
from django.utils.translation import gettext as _

from api.errors import BadRequest, not_found

PAGE_SIZE = 50


def page_number(params):
    value = params.get("page", "1") or "1"
    if not value.isdigit() or int(value) < 1:
        raise BadRequest([_("page: the page is a whole number from 1.")])
    return int(value)


def page_link(request, number):
    params = request.GET.copy()
    if number == 1:
        params.pop("page", None)
    else:
        params["page"] = str(number)
    query = params.urlencode()
    return request.build_absolute_uri(request.path + (f"?{query}" if query else ""))


def body(request, *, number, count, per_page, results):
    """The paged answer; a page past the last (other than an empty first page) is a 404."""
    last = max(1, -(-count // per_page))
    if number > last:
        raise not_found()
    return {
        "count": count,
        "next": page_link(request, number + 1) if number < last else None,
        "previous": page_link(request, number - 1) if number > 1 else None,
        "results": results,
    }


def paginate(request, queryset, per_page=PAGE_SIZE):
    """One page of a queryset: two queries (the count, the rows) and the page's objects."""
    number = page_number(request.GET)
    try:
        page = Paginator(queryset, per_page).page(number)
    except EmptyPage:
        raise not_found() from None
    return page
