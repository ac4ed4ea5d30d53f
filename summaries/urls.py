from django.urls import path

from core.converters import register
from summaries import views

register()

app_name = "summaries"

urlpatterns = [
    path("forums/<year:year>/summaries/", views.summary_list, name="list"),
    path("forums/<year:year>/summaries/export.csv", views.summary_csv, name="export_csv"),
    path("forums/<year:year>/summaries/export.json", views.summary_json, name="export_json"),
    path("forums/<year:year>/summaries/all.pdf", views.compilation_pdf, name="compilation"),
    path("forums/<year:year>/summaries/<slug:slug>/", views.summary_detail, name="detail"),
    path("forums/<year:year>/summaries/<slug:slug>.pdf", views.summary_pdf, name="pdf"),
]
