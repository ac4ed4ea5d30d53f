from django.apps import AppConfig


class PracticesConfig(AppConfig):
    """Good practices: submissions, calls for practices and the public registry of practices."""

    name = "practices"
