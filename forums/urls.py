from django.urls import path

from core.converters import register
from forums import views

register()

app_name = "forums"

urlpatterns = [
    path("forums/", views.forum_list, name="forum_list"),
    path(
        "forums/<year:year>/sessions/<slug:slug>/background-note.pdf",
        views.background_note,
        name="background_note",
    ),
]
