from django.apps import AppConfig


class DeclarationsConfig(AppConfig):
    """The Progress Declaration tracker: versions, paragraphs, key messages, endorsements and what became of them."""

    name = "declarations"
