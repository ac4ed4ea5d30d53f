from django.urls import path

from pledges import views

app_name = "pledges"

urlpatterns = [
    path("", views.registry, name="registry"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("export.json", views.export_json, name="export_json"),
    path("data-dictionary/", views.data_dictionary, name="data_dictionary"),
    path("schema.json", views.json_schema, name="json_schema"),
    path("table-schema.json", views.table_schema, name="table_schema"),
    path("feed/", views.feed, name="feed"),
    path("statistics/", views.statistics_page, name="statistics"),
    path("my/", views.my_pledges, name="mine"),
    path("my/new/", views.step, name="create"),
    path("my/<str:reference>/", views.manage, name="manage"),
    path("my/<str:reference>/edit/", views.step, name="edit"),
    path("my/<str:reference>/edit/<str:step>/", views.step, name="step"),
    path("my/<str:reference>/state/<str:state>/", views.change_state, name="change_state"),
    path("my/<str:reference>/partners/", views.invite, name="invite"),
    path("my/<str:reference>/report/", views.report, name="report"),
    path("partnerships/<int:pk>/", views.partnership, name="partnership"),
    path("<str:reference>/attachment/", views.attachment, name="attachment"),
    path("<str:reference>/matches/", views.matches, name="matches"),
    path("<str:reference>/contact/", views.contact, name="contact"),
    path("<str:reference>/", views.detail, name="detail"),
]
