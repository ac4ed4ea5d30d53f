from django.urls import path

from core.converters import register
from portal import practice_pages, privacy, views

register()

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("open-data/", views.open_data_page, name="open_data"),
    path("open-data/imrf-open-data.zip", views.open_data_dump, name="open_data_dump"),
    path("open-data/imrf-open-data.zip.sha256", views.open_data_checksum, name="open_data_checksum"),
    path("open-data/<slug:name>.schema.json", views.open_data_schema, name="open_data_schema"),
    path("forums/<year:year>/", views.forum_detail, name="forum"),
    path("forums/<year:year>/programme/", views.programme, name="programme"),
    path("forums/<year:year>/programme.ics", views.programme_ics, name="programme_ics"),
    path("forums/<year:year>/programme.csv", views.programme_csv, name="programme_csv"),
    path("forums/<year:year>/programme.json", views.programme_json, name="programme_json"),
    path("forums/<year:year>/programme/mine/", views.my_programme, name="my_programme"),
    path("forums/<year:year>/sessions/<slug:slug>.ics", views.session_ics, name="session_ics"),
    path("forums/<year:year>/sessions/<slug:slug>/", views.session_detail, name="session"),
    path("objectives/", views.objective_list, name="objectives"),
    path("objectives/<objective:number>/", views.objective_detail, name="objective"),
    path("organizations/<slug:slug>/", views.organization_detail, name="organization"),
    path("practices/<int:pk>/", practice_pages.practice_detail, name="practice"),
    path("member-states/", views.member_state_list, name="member_states"),
    path("member-states/export.csv", views.member_state_csv, name="member_state_csv"),
    path("member-states/<str:iso>/", views.member_state_detail, name="member_state"),
    path("my/", views.dashboard, name="dashboard"),
    path("my/account/data.json", privacy.personal_data, name="personal_data"),
    path("my/account/language/", views.account_language, name="account_language"),
]
