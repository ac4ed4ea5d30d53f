from django.urls import path

from core.converters import register
from side_events import views

register()

app_name = "side_events"

urlpatterns = [
    path("forums/<year:year>/side-events/", views.side_event_list, name="list"),
    path("forums/<year:year>/side-events/export.csv", views.side_event_csv, name="export_csv"),
    path("forums/<year:year>/side-events/export.json", views.side_event_json, name="export_json"),
    path("forums/<year:year>/side-events/<slug:slug>/", views.side_event_detail, name="detail"),
    path("my/side-events/", views.my_side_events, name="mine"),
    path("my/side-events/<year:year>/new/", views.side_event_new, name="new"),
    path("my/side-events/<year:year>/new/member-state/", views.side_event_new_for_state, name="new_for_state"),
    path("my/side-events/<int:pk>/", views.my_side_event, name="application"),
    path("my/side-events/<int:pk>/edit/", views.side_event_edit, name="edit"),
    path("my/side-events/<int:pk>/submit/", views.side_event_submit, name="submit"),
    path("my/side-events/<int:pk>/withdraw/", views.side_event_withdraw, name="withdraw"),
    path("my/side-events/co-organising/<int:pk>/", views.co_organizer, name="co_organizer"),
]
