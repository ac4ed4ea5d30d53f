from django.urls import path

from core.converters import register
from portal import privacy, views

register()

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("forums/<year:year>/programme/", views.programme, name="programme"),
    path("forums/<year:year>/programme.ics", views.programme_ics, name="programme_ics"),
    path("forums/<year:year>/programme/mine/", views.my_programme, name="my_programme"),
    path("forums/<year:year>/sessions/<slug:slug>.ics", views.session_ics, name="session_ics"),
    path("forums/<year:year>/sessions/<slug:slug>/", views.session_detail, name="session"),
    path("objectives/", views.objective_list, name="objectives"),
    path("objectives/<objective:number>/", views.objective_detail, name="objective"),
    path("organizations/<slug:slug>/", views.organization_detail, name="organization"),
    path("my/", views.dashboard, name="dashboard"),
    path("my/account/data.json", privacy.personal_data, name="personal_data"),
    path("my/account/language/", views.account_language, name="account_language"),
]
