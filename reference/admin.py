from django.contrib import admin

from core.admin import ReadOnlyAdmin
from reference.models import Country, GuidingPrinciple, MemberState, Objective


@admin.register(Objective)
class ObjectiveAdmin(ReadOnlyAdmin):
    list_display = ["number", "short_label", "title"]
    search_fields = ["short_label", "title", "=number"]


@admin.register(GuidingPrinciple)
class GuidingPrincipleAdmin(ReadOnlyAdmin):
    list_display = ["letter", "name"]


@admin.register(Country)
class CountryAdmin(ReadOnlyAdmin):
    list_display = ["name", "iso3", "region", "subregion", "un_member"]
    list_filter = ["un_member", "region"]
    search_fields = ["name", "iso3", "iso2"]


@admin.register(MemberState)
class MemberStateAdmin(CountryAdmin):
    list_filter = ["region"]
