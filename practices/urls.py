from django.urls import path

from practices import views

app_name = "practices"

# The page of one practice is portal:practice (/practices/<pk>/): it lists the pledges that cite
# the practice, and pledges are a floor above this app.
urlpatterns = [
    path("", views.registry_page, name="registry"),
    path("feed/", views.feed, name="feed"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("export.json", views.export_json, name="export_json"),
    path("export.schema.json", views.json_schema, name="json_schema"),
    path("export.table-schema.json", views.table_schema, name="table_schema"),
    path("data/", views.data_dictionary, name="data_dictionary"),
    path("calls/", views.call_list, name="calls"),
    path("calls/<slug:slug>/", views.call_detail, name="call"),
    path("<int:pk>/attachment/", views.attachment, name="attachment"),
    path("my/", views.my_practices, name="mine"),
    path("my/new/", views.new, name="new"),
    path("my/<int:pk>/edit/", views.edit, name="edit"),
    path("my/<int:pk>/submit/", views.submit, name="submit"),
    path("my/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
]
