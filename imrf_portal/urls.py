from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from imrf_portal.admin_site import require_second_factor
from imrf_portal.views import favicon, healthz, robots_txt, switch_language

admin.site.site_header = _("IMRF Portal administration")
admin.site.site_title = _("IMRF Portal administration")
admin.site.index_title = _("Secretariat")
# Staff pass allauth's second factor to reach the admin when settings.ADMIN_REQUIRE_2FA is on.
require_second_factor(admin.site)

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("robots.txt", robots_txt, name="robots_txt"),
    # Browsers and crawlers ask for /favicon.ico whatever the page's <link rel="icon"> says.
    path("favicon.ico", favicon, name="favicon"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("language/<str:code>/", switch_language, name="switch_language"),
    # The open-data API: one address in every language (the messages follow Accept-Language).
    path("api/v1/", include("api.urls")),
]
# Every page in each of the six languages: English at the URLs it always had, the others under
# their prefix (/fr/pledges/). Calendars, feeds and exports answer at every one of them.
urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("coalitions/", include("portal.coalitions_urls")),
    path("", include("portal.urls")),
    path("", include("stakeholders.urls")),
    path("", include("side_events.urls")),
    path("", include("declarations.urls")),
    path("", include("summaries.urls")),
    path("", include("reviews.urls")),
    path("pledges/", include("pledges.urls")),
    path("practices/", include("practices.urls")),
    path("", include("forums.urls")),
    path("", include("follow.urls")),
    path("", include("api.pages")),
    prefix_default_language=False,
)
