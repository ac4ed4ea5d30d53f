from django.urls import path

from follow import views

app_name = "follow"

urlpatterns = [
    # Before the topics: "stop" is not a kind of topic.
    path("follow/stop/<str:token>/", views.stop, name="stop"),
    path("follow/<str:kind>/<str:key>/", views.topic_page, name="topic"),
    path("follow/<str:kind>/<str:key>/feed/", views.feed, name="feed"),
    path("follow/<str:kind>/<str:key>/toggle/", views.toggle, name="toggle"),
    path("my/following/", views.mine, name="mine"),
]
