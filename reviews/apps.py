from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    """Reviews of the Global Compact: regional reviews, voluntary national reviews, national statements and implementation plans, consultations and their inputs."""

    name = "reviews"
