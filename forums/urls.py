from django.urls import path

from forums import views
from forums.converters import register

register()

app_name = "forums"

urlpatterns = [
    path("", views.home, name="home"),
    path("forums/", views.forum_list, name="forum_list"),
    path("forums/<year:year>/", views.forum_detail, name="forum"),
    path("forums/<year:year>/programme/", views.programme, name="programme"),
    path("forums/<year:year>/programme.ics", views.programme_ics, name="programme_ics"),
    path("forums/<year:year>/sessions/<slug:slug>/", views.session_detail, name="session"),
    path(
        "forums/<year:year>/sessions/<slug:slug>/background-note.pdf",
        views.background_note,
        name="background_note",
    ),
    path("objectives/", views.objective_list, name="objectives"),
    path("objectives/<objective:number>/", views.objective_detail, name="objective"),
]
