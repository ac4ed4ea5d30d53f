from django.urls import path

from forums import side_event_views, summary_views, views
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
    path("forums/<year:year>/side-events/", side_event_views.side_event_list, name="side_events"),
    path(
        "forums/<year:year>/side-events/<slug:slug>/", side_event_views.side_event_detail, name="side_event"
    ),
    path("my/side-events/", side_event_views.my_side_events, name="my_side_events"),
    path("my/side-events/<year:year>/new/", side_event_views.side_event_new, name="side_event_new"),
    path("my/side-events/<int:pk>/", side_event_views.my_side_event, name="my_side_event"),
    path("my/side-events/<int:pk>/edit/", side_event_views.side_event_edit, name="side_event_edit"),
    path("my/side-events/<int:pk>/submit/", side_event_views.side_event_submit, name="side_event_submit"),
    path(
        "my/side-events/<int:pk>/withdraw/", side_event_views.side_event_withdraw, name="side_event_withdraw"
    ),
    path("forums/<year:year>/summaries/", summary_views.summary_list, name="summaries"),
    path("forums/<year:year>/summaries/all.pdf", summary_views.compilation_pdf, name="summaries_compilation"),
    path("forums/<year:year>/summaries/<slug:slug>/", summary_views.summary_detail, name="summary"),
    path("forums/<year:year>/summaries/<slug:slug>.pdf", summary_views.summary_pdf, name="summary_pdf"),
    path("objectives/", views.objective_list, name="objectives"),
    path("objectives/<objective:number>/", views.objective_detail, name="objective"),
]
