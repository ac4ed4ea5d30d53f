"""A page that echoes what its view reads, for the page cache's key tests."""

from django.http import HttpResponse
from django.urls import path

from core.page_cache import public_page


@public_page(params=("objective", "q"))
def echo(request):
    return HttpResponse(f"{request.GET.getlist('objective')} {request.GET.get('q')} {request.get_full_path()}")


urlpatterns = [path("echo/", echo)]
