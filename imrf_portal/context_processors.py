from django.utils.translation import gettext_lazy as _


def portal(request):
    return {"site_name": _("IMRF Stakeholder Portal")}
