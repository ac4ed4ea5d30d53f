from django.urls import path

from core.converters import register
from reviews import views

register()

app_name = "reviews"

urlpatterns = [
    path("consultations/<int:pk>/", views.consultation, name="consultation"),
    path("regional-reviews/<int:pk>/", views.regional_review, name="regional_review"),
    path("regional-reviews/<int:pk>/outcome.pdf", views.outcome_document, name="outcome_document"),
    path("voluntary-reviews/<int:pk>/<str:language>/", views.review_document, name="review_document"),
    path("national-statements/<int:pk>.pdf", views.statement_pdf, name="statement_pdf"),
    path("consultation-inputs/<int:pk>/attachment/", views.input_attachment, name="input_attachment"),
    path("my/reviews/", views.mine, name="mine"),
    path("my/reviews/<year:year>/voluntary-review/", views.review_edit, name="review_edit"),
    path("my/reviews/<year:year>/statement/", views.statement_edit, name="statement_edit"),
    path("my/consultations/<int:pk>/input/", views.input_edit, name="input_edit"),
    path("my/reviews/national-consultations/new/", views.national_consultation_new, name="national_consultation_new"),
    path("my/reviews/<slug:kind>/<int:pk>/state/<slug:state>/", views.change_state, name="change_state"),
]
