"""The API's documentation page (/api/, in every language): what the OpenAPI document says, as
HTML without any script, so that it works offline and under the site's Content-Security-Policy
(no CDN, no Swagger UI)."""

from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_safe
from drf_spectacular.generators import SchemaGenerator

from core.page_cache import public_page
from pledges.exports import LICENCE, LICENCE_URL

app_name = "api_pages"


def operations(document):
    rows = []
    for address, methods in document["paths"].items():
        operation = methods["get"]
        rows.append(
            {
                "address": address,
                "description": (operation.get("description") or "").split("\n\n")[0],
                "path": [p["name"] for p in operation.get("parameters", []) if p["in"] == "path"],
                "query": [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"],
            }
        )
    return rows


@public_page
@require_safe
def docs(request):
    document = SchemaGenerator().get_schema(request=None, public=True)
    return render(
        request,
        "api/docs.html",
        {
            "operations": operations(document),
            "version": document["info"]["version"],
            "licence": LICENCE,
            "licence_url": LICENCE_URL,
        },
    )


urlpatterns = [path("api/", docs, name="docs")]
