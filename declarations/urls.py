from django.urls import path

from core.converters import register
from declarations import views

register()

app_name = "declarations"

D = "forums/<year:year>/declaration/"
urlpatterns = [
    path(D, views.declaration, name="declaration"),
    path(D + "compare/", views.compare, name="compare"),
    path(D + "key-messages.csv", views.messages_csv, name="export_csv"),
    path(D + "key-messages.json", views.messages_json, name="export_json"),
    path(D + "key-messages.schema.json", views.messages_schema, name="export_schema"),
    path(D + "paragraphs.csv", views.paragraphs_csv, name="paragraphs_csv"),
    path(D + "paragraphs.json", views.paragraphs_json, name="paragraphs_json"),
    path(D + "messages/<int:pk>/", views.message, name="message"),
    path(D + "organizations/", views.organizations, name="organizations"),
    path(D + "organizations/<slug:slug>/", views.organization, name="organization"),
    path(D + "<slug:slug>/", views.version, name="version"),
    path(D + "<slug:slug>/<int:number>/", views.paragraph, name="paragraph"),
    path("my/declaration/<year:year>/", views.my_declaration, name="mine"),
    path("my/declaration/<year:year>/new/", views.message_new, name="new"),
    path("my/declaration/<year:year>/<int:pk>/edit/", views.message_edit, name="edit"),
    path("my/declaration/<year:year>/<int:pk>/submit/", views.message_submit, name="submit"),
    path("my/declaration/<year:year>/<int:pk>/withdraw/", views.message_withdraw, name="withdraw"),
    path("my/declaration/<year:year>/<int:pk>/endorse/", views.message_endorse, name="endorse"),
]
