from django.conf import settings

from imrf_portal.chrome import SITE_NAME, Chrome


def portal(request):
    # Translated once here rather than at each of the places base.html prints it.
    return {"site_name": str(SITE_NAME), "site_url": settings.SITE_URL}


def languages(request):
    """The header, the footer and this page's alternates in every language (imrf_portal.chrome),
    each made when base.html prints it."""
    return {"chrome": Chrome(request)}
