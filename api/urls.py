from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView

from api import views
from api.responses import public_json
from core.converters import register

register()

app_name = "api"


def mounted(view_class):
    return public_json(view_class.as_view())


urlpatterns = [
    path("schema/", public_json(SpectacularAPIView.as_view()), name="schema"),
    path("pledges/", mounted(views.PledgeList), name="pledges"),
    path("pledges/<str:reference>/", mounted(views.PledgeDetail), name="pledge"),
    path("organizations/", mounted(views.OrganizationList), name="organizations"),
    path("organizations/<slug:slug>/", mounted(views.OrganizationDetail), name="organization"),
    path("objectives/", mounted(views.ObjectiveList), name="objectives"),
    path("objectives/<objective:number>/", mounted(views.ObjectiveDetail), name="objective"),
    path("principles/", mounted(views.PrincipleList), name="principles"),
    path("principles/<str:letter>/", mounted(views.PrincipleDetail), name="principle"),
    path("forums/", mounted(views.ForumList), name="forums"),
    path("forums/<year:year>/", mounted(views.ForumDetail), name="forum"),
    path("forums/<year:year>/sessions/", mounted(views.SessionList), name="sessions"),
    path("forums/<year:year>/sessions/<slug:slug>/", mounted(views.SessionDetail), name="session"),
    path("forums/<year:year>/side-events/", mounted(views.SideEventList), name="side_events"),
    path("forums/<year:year>/side-events/<slug:slug>/", mounted(views.SideEventDetail), name="side_event"),
    path("forums/<year:year>/summaries/", mounted(views.SummaryList), name="summaries"),
    path("forums/<year:year>/summaries/<slug:slug>/", mounted(views.SummaryDetail), name="summary"),
    re_path(r"^.*$", mounted(views.NotFound), name="not_found"),
]
