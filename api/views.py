"""The open-data API, version 1: read-only JSON of what the portal publishes, for any site.

Views are thin: the apps' queries decide what is public and how lists are filtered (the registry's
query-string parser for pledges, the directory's filter for organisations), the serializers how
it reads, api.responses the ETag, Last-Modified and CORS of every answer."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from api import pagination, params
from api import queries as api_queries
from api import serializers as s
from api.errors import BadRequest, not_found
from forums import queries as forum_queries
from forums.models import Forum
from pledges.registry import facets
from pledges.registry import query as registry_query
from pledges.registry.filters import SORTS
from reference.models import GuidingPrinciple, Objective
from side_events import queries as side_event_queries
from stakeholders import queries as stakeholder_queries
from stakeholders.filters import DIRECTORY_PARAMS, DirectoryFilter
from summaries.models import Summary


class ErrorSerializer(serializers.Serializer):
    error = serializers.ChoiceField(
        choices=["bad_request", "not_found", "method_not_allowed", "not_acceptable"]
    )
    messages = serializers.ListField(child=serializers.CharField(), help_text="Why, one reason each.")


ERRORS = {400: ErrorSerializer, 404: ErrorSerializer}
PAGE = OpenApiParameter(
    "page", OpenApiTypes.INT, description="The page, from 1; follow `next` rather than counting pages."
)


def path(name, kind=OpenApiTypes.STR, description=""):
    return OpenApiParameter(name, kind, OpenApiParameter.PATH, description=description)


YEAR = path("year", OpenApiTypes.INT, "The forum's year, for example 2026.")
SLUG = path("slug")


class PublicView(APIView):
    """Read-only, anonymous, the query string read literally: a parameter the view does not
    take answers 400 with the reason instead of being ignored."""

    http_method_names = ["get", "head", "options"]
    params = ()

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.check_parameters(request.GET)

    def check_parameters(self, query):
        params.check(query, self.params)

    def finalize_response(self, request, response, *args, **kwargs):
        # A page's neighbours also as a Link header (RFC 8288), which CORS lets scripts read.
        data = getattr(response, "data", None)
        if response.status_code == 200 and isinstance(data, dict) and "results" in data:
            links = [f'<{data[rel]}>; rel="{rel}"' for rel in ("next", "previous") if data.get(rel)]
            if links:
                response["Link"] = ", ".join(links)
        return super().finalize_response(request, response, *args, **kwargs)


# --- Pledges ---------------------------------------------------------------------------------


def _facet_parameter(facet):
    kind = OpenApiTypes.BOOL if facet.boolean else OpenApiTypes.STR
    try:
        values = [str(value) for value, _label in facet.choices(None)]
    except (AttributeError, KeyError, TypeError):
        values = None  # values from the reference data (forums, objectives, countries): see /pledges/
    if facet.boolean:
        description = f"{facet.label}. The registry's filter `{facet.name}`, as on /pledges/."
        return OpenApiParameter(facet.name, kind, description=description)
    description = (
        f"{facet.label}. The registry's filter `{facet.name}`, as on /pledges/; repeat it for several "
        f"values (`{facet.name}=a&{facet.name}=b`: pledges with any of them)."
    )
    return OpenApiParameter(facet.name, kind, description=description, enum=values, many=True, explode=True)


PLEDGE_PARAMETERS = [
    OpenApiParameter(
        "q", OpenApiTypes.STR, description="Words in the reference, title, text or the pledgers' names."
    ),
    *(_facet_parameter(facet) for facet in facets.FACETS),
    OpenApiParameter("sort", OpenApiTypes.STR, enum=[value for value, _label in SORTS]),
    PAGE,
]


class PledgeList(PublicView):
    """Published pledges, filtered and sorted exactly as the registry (/pledges/) for the same
    query string, each with its indicators, their values over time and its progress reports."""

    def check_parameters(self, query):
        try:
            registry_query.check_parameters(query)
        except registry_query.BadRequest as exc:
            raise BadRequest(exc.messages) from None
        if "former" in query:
            # A pledge that left the registry is only its public record, not an API pledge.
            raise BadRequest(
                [
                    _(
                        "former: the API lists published pledges; those that left the registry are "
                        "in the exports (/pledges/export.json?former=on) and on their own pages."
                    )
                ]
            )

    @extend_schema(
        operation_id="pledges_list",
        parameters=PLEDGE_PARAMETERS,
        responses={200: s.paged(s.PledgeSerializer, "PagedPledges"), **ERRORS},
    )
    def get(self, request):
        try:
            selection = registry_query.select(request.GET)
        except registry_query.BadRequest as exc:
            raise BadRequest(exc.messages) from None
        number = pagination.page_number(request.GET)
        size = pagination.PAGE_SIZE
        ids = selection.ids((number - 1) * size, size) if selection.total > (number - 1) * size else []
        return Response(
            pagination.body(
                request,
                number=number,
                count=selection.total,
                per_page=size,
                results=api_queries.pledge_records(ids),
            )
        )


class PledgeDetail(PublicView):
    """One published pledge, as the list shows it."""

    @extend_schema(
        operation_id="pledges_retrieve",
        parameters=[path("reference", description="The pledge's reference, for example IMRF2026-0042.")],
        responses={200: s.PledgeSerializer, **ERRORS},
    )
    def get(self, request, reference):
        record = api_queries.pledge_record(reference)
        if record is None:
            raise not_found()
        return Response(record)


# --- Organisations ---------------------------------------------------------------------------


class OrganizationList(PublicView):
    """Accredited organisations listed in the directory (/organizations/), with its filters."""

    params = DIRECTORY_PARAMS

    @extend_schema(
        operation_id="organizations_list",
        parameters=[
            OpenApiParameter(
                "forum", OpenApiTypes.INT, description="The forum's year; the next forum by default."
            ),
            OpenApiParameter("q", OpenApiTypes.STR, description=str(DirectoryFilter.base_filters["q"].label)),
            OpenApiParameter("category", OpenApiTypes.STR, description="The stakeholder category's code."),
            OpenApiParameter("region", OpenApiTypes.STR, description="The M49 region of the headquarters."),
            OpenApiParameter(
                "country", OpenApiTypes.STR, description="ISO 3166 alpha-3 code of the headquarters."
            ),
            PAGE,
        ],
        responses={200: s.paged(s.OrganizationSerializer, "PagedOrganizations"), **ERRORS},
    )
    def get(self, request):
        number = pagination.page_number(request.GET)
        forum, page, directory_filter = stakeholder_queries.directory(request.GET)
        errors = []
        if directory_filter.bad_forum:
            errors.append(
                _("forum: there is no published forum “%(value)s”.") % {"value": directory_filter.bad_forum}
            )
        if not directory_filter.is_valid():
            errors += [
                f"{directory_filter.filters[name].label}: {' '.join(messages)}"
                for name, messages in directory_filter.errors.items()
            ]
        if errors:
            raise BadRequest(errors)
        count = page.paginator.count if forum is not None else 0
        if number != page.number:
            raise not_found()
        return Response(
            pagination.body(
                request,
                number=number,
                count=count,
                per_page=page.paginator.per_page,
                results=s.OrganizationSerializer(page.object_list, many=True).data,
            )
        )


class OrganizationDetail(PublicView):
    """One organisation of the directory, with its accreditations and its public delegates."""

    @extend_schema(
        operation_id="organizations_retrieve",
        parameters=[SLUG],
        responses={200: s.OrganizationDetailSerializer, **ERRORS},
    )
    def get(self, request, slug):
        organization, accreditations, delegates = stakeholder_queries.public_organization(slug)
        organization.accreditations_shown = accreditations
        organization.public_delegates = delegates
        return Response(s.OrganizationDetailSerializer(organization).data)


# --- Reference -------------------------------------------------------------------------------


def _page(request, queryset, serializer):
    page = pagination.paginate(request, queryset)
    return Response(
        pagination.body(
            request,
            number=page.number,
            count=page.paginator.count,
            per_page=page.paginator.per_page,
            results=serializer(page.object_list, many=True).data,
        )
    )


class ObjectiveList(PublicView):
    """The 23 objectives of the Global Compact for Migration."""

    params = ("page",)

    @extend_schema(
        operation_id="objectives_list",
        parameters=[PAGE],
        responses={200: s.paged(s.ObjectiveSerializer, "PagedObjectives"), **ERRORS},
    )
    def get(self, request):
        return _page(request, Objective.objects.order_by("number"), s.ObjectiveSerializer)


class ObjectiveDetail(PublicView):
    """One objective of the Global Compact for Migration."""

    @extend_schema(
        operation_id="objectives_retrieve",
        parameters=[path("number", OpenApiTypes.INT, "1 to 23.")],
        responses={200: s.ObjectiveSerializer, **ERRORS},
    )
    def get(self, request, number):
        objective = Objective.objects.filter(number=number).first()
        if objective is None:
            raise not_found()
        return Response(s.ObjectiveSerializer(objective).data)


class PrincipleList(PublicView):
    """The guiding principles of the Global Compact for Migration."""

    params = ("page",)

    @extend_schema(
        operation_id="principles_list",
        parameters=[PAGE],
        responses={200: s.paged(s.PrincipleSerializer, "PagedPrinciples"), **ERRORS},
    )
    def get(self, request):
        return _page(request, GuidingPrinciple.objects.order_by("letter"), s.PrincipleSerializer)


class PrincipleDetail(PublicView):
    """One guiding principle of the Global Compact for Migration."""

    @extend_schema(
        operation_id="principles_retrieve",
        parameters=[path("letter", description="a to j.")],
        responses={200: s.PrincipleSerializer, **ERRORS},
    )
    def get(self, request, letter):
        principle = GuidingPrinciple.objects.filter(letter=letter).first()
        if principle is None:
            raise not_found()
        return Response(s.PrincipleSerializer(principle).data)


# --- Forums and their programme --------------------------------------------------------------


class ForumList(PublicView):
    """The forums the portal has announced, newest first."""

    params = ("page",)

    @extend_schema(
        operation_id="forums_list",
        parameters=[PAGE],
        responses={200: s.paged(s.ForumSerializer, "PagedForums"), **ERRORS},
    )
    def get(self, request):
        return _page(request, Forum.objects.public().order_by("-year"), s.ForumSerializer)


class ForumDetail(PublicView):
    """One forum."""

    @extend_schema(
        operation_id="forums_retrieve", parameters=[YEAR], responses={200: s.ForumSerializer, **ERRORS}
    )
    def get(self, request, year):
        return Response(s.ForumSerializer(forum_queries.public_forum(year)).data)


class SessionList(PublicView):
    """The forum's official programme: hearing, round tables, policy debate, plenary."""

    params = ("page",)

    @extend_schema(
        operation_id="sessions_list",
        parameters=[YEAR, PAGE],
        responses={200: s.paged(s.SessionSerializer, "PagedSessions"), **ERRORS},
    )
    def get(self, request, year):
        forum = forum_queries.public_forum(year)
        sessions = forum_queries.programme_sessions(forum).prefetch_related("roundtable__co_chairs")
        return _page(request, sessions, s.SessionSerializer)


class SessionDetail(PublicView):
    """One session of the forum's official programme."""

    @extend_schema(
        operation_id="sessions_retrieve",
        parameters=[YEAR, SLUG],
        responses={200: s.SessionSerializer, **ERRORS},
    )
    def get(self, request, year, slug):
        return Response(s.SessionSerializer(forum_queries.session_page(year, slug)).data)


class SideEventList(PublicView):
    """The forum's side events: accepted, scheduled and announced."""

    params = ("page",)

    @extend_schema(
        operation_id="side_events_list",
        parameters=[YEAR, PAGE],
        responses={200: s.paged(s.SideEventSerializer, "PagedSideEvents"), **ERRORS},
    )
    def get(self, request, year):
        forum = forum_queries.public_forum(year)
        return _page(request, side_event_queries.public_side_events(forum), s.SideEventSerializer)


class SideEventDetail(PublicView):
    """One public side event, with its speakers and expected outcomes."""

    @extend_schema(
        operation_id="side_events_retrieve",
        parameters=[YEAR, SLUG],
        responses={200: s.SideEventDetailSerializer, **ERRORS},
    )
    def get(self, request, year, slug):
        return Response(s.SideEventDetailSerializer(side_event_queries.side_event_page(year, slug)).data)


def published_summaries(forum):
    return (
        Summary.objects.published()
        .filter(session__forum=forum)
        .select_related("session__forum")
        .order_by("session__starts_at", "pk")
    )


class SummaryList(PublicView):
    """The summaries of the forum's sessions, once the secretariat has distributed them."""

    params = ("page",)

    @extend_schema(
        operation_id="summaries_list",
        parameters=[YEAR, PAGE],
        responses={200: s.paged(s.SummarySerializer, "PagedSummaries"), **ERRORS},
    )
    def get(self, request, year):
        return _page(request, published_summaries(forum_queries.public_forum(year)), s.SummarySerializer)


class SummaryDetail(PublicView):
    """The distributed summary of one session, by the session's slug."""

    @extend_schema(
        operation_id="summaries_retrieve",
        parameters=[YEAR, path("slug", description="The session's slug.")],
        responses={200: s.SummarySerializer, **ERRORS},
    )
    def get(self, request, year, slug):
        summary = published_summaries(forum_queries.public_forum(year)).filter(session__slug=slug).first()
        if summary is None:
            raise not_found()
        return Response(s.SummarySerializer(summary).data)


class NotFound(PublicView):
    """Any other address under /api/: a JSON 404, not the site's HTML page."""

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        raise not_found()
