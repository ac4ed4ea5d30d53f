from django.conf import settings

from imrf_portal.chrome import SITE_NAME, Chrome


def portal(request):
    return {"site_name": SITE_NAME, "site_url": settings.SITE_URL}


def languages(request):
    """The header, the footer and this page's alternates in every language (imrf_portal.chrome),
    each made when base.html prints it."""
    return {"chrome": Chrome(request)}
