from django.apps import AppConfig


class CoalitionsConfig(AppConfig):
    """Coalitions on a topic: convenors, members, their workspace."""

    name = "coalitions"
