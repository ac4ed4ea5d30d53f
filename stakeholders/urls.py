from django.urls import path

from core.converters import register
from stakeholders import account_views, views

register()

app_name = "stakeholders"

urlpatterns = [
    path("organizations/", views.directory, name="directory"),
    path("organizations/export.csv", views.directory_csv, name="directory_csv"),
    path("organizations/export.json", views.directory_json, name="directory_json"),
    path("organizations/<slug:slug>/logo/", views.organization_logo, name="organization_logo"),
    path("forums/<year:year>/participants/", views.participants, name="participants"),
    path("my/account/delete/", account_views.account_delete, name="account_delete"),
    path("my/organization/", views.organization_edit, name="organization_edit"),
    path("my/organization/new/", views.organization_create, name="organization_create"),
    path("my/organization/members/", views.members, name="members"),
    path("my/organization/members/<int:pk>/", views.member_change, name="member_change"),
    path("my/organization/invitations/", views.invite, name="invite"),
    path("my/organization/join-requests/<int:pk>/", views.join_request_decide, name="join_request_decide"),
    path("my/join/", views.join_search, name="join_search"),
    path("my/join/<slug:slug>/", views.join_request, name="join_request"),
    path("my/invitations/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("my/accreditation/<year:year>/", views.accreditation, name="accreditation"),
    path(
        "my/accreditation/<year:year>/withdraw/", views.accreditation_withdraw, name="accreditation_withdraw"
    ),
    path("my/delegates/<year:year>/", views.delegates, name="delegates"),
    path("my/delegates/<year:year>/<int:pk>/withdraw/", views.delegate_withdraw, name="delegate_withdraw"),
    path("my/speaking-requests/<year:year>/", views.speaking_requests, name="speaking_requests"),
    path(
        "my/speaking-requests/<year:year>/<int:pk>/withdraw/",
        views.speaking_request_withdraw,
        name="speaking_request_withdraw",
    ),
    path(
        "my/speaking-requests/<year:year>/<int:pk>/answer/",
        views.speaking_request_answer,
        name="speaking_request_answer",
    ),
    path("my/nominations/<year:year>/", views.nominations, name="nominations"),
    path("my/nominations/<year:year>/<int:pk>/withdraw/", views.nomination_withdraw, name="nomination_withdraw"),
    path("my/objections/<year:year>/", views.non_objection_list, name="non_objection_list"),
    path("my/objections/<year:year>/<int:pk>/", views.objection, name="objection"),
    path(
        "my/objections/<year:year>/withdraw/<int:pk>/", views.objection_withdraw, name="objection_withdraw"
    ),
]
