"""Every coalition page under /coalitions/, in one namespace. The URLs are portal's because
three of the pages read pledges, a floor above coalitions (portal/coalitions.py); the others are
the coalitions app's own views."""

from django.urls import path

from coalitions import views
from portal import coalitions

app_name = "coalitions"

urlpatterns = [
    path("", views.coalition_list, name="list"),
    path("new/", coalitions.coalition_create, name="create"),
    path("mine/", views.my_coalitions, name="mine"),
    path("members/<int:pk>/", views.member_page, name="member"),
    path("members/<int:pk>/leave/", views.member_leave, name="leave"),
    path("<slug:slug>/", coalitions.coalition_detail, name="detail"),
    path("<slug:slug>/edit/", views.coalition_edit, name="edit"),
    path("<slug:slug>/state/<str:state>/", views.coalition_state, name="change_state"),
    path("<slug:slug>/join/", views.coalition_join, name="join"),
    path("<slug:slug>/invite/", views.coalition_invite, name="invite"),
    path("<slug:slug>/joint-pledge/", coalitions.coalition_joint_pledge, name="joint_pledge"),
    path("<slug:slug>/workspace/", views.workspace, name="workspace"),
    path("<slug:slug>/workspace/draft/", views.draft_edit, name="draft"),
]
