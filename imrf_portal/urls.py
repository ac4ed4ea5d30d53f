from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from imrf_portal.views import healthz

admin.site.site_header = _("IMRF Portal administration")
admin.site.site_title = _("IMRF Portal administration")
admin.site.index_title = _("Secretariat")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("allauth.urls")),
    path("", include("stakeholders.urls")),
    path("", include("forums.urls")),
]
