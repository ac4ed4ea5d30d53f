from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    """Reviews of the Global Compact: regional reviews, voluntary national reviews, national statements and implementation plans, consultations and their inputs."""

    name = "reviews"
    verbose_name = _("Reviews and consultations")
    secretariat_permissions = {
        "regionalcommission": ("view",),
        "regionalreview": ("add", "change", "view"),
        "voluntaryreview": ("add", "change", "view", "review"),
        "voluntaryreviewdocument": ("add", "change", "view"),
        "nationalstatement": ("add", "change", "view"),
        "nationalimplementationplan": ("add", "change", "delete", "view"),
        "consultation": ("add", "change", "view"),
        "consultationinput": ("change", "view"),
    }
