import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from reference.enums import Region, StakeholderCategory
from reference.models import Country
from stakeholders.models import Organization


class DirectoryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Name or acronym"),
        method="filter_name",
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    category = django_filters.ChoiceFilter(
        label=_("Category"), choices=StakeholderCategory.choices, empty_label=_("All categories")
    )
    region = django_filters.ChoiceFilter(
        label=_("Region"), field_name="country__region", choices=Region.choices, empty_label=_("All regions")
    )
    country = django_filters.ModelChoiceFilter(
        label=_("Country of headquarters"),
        queryset=Country.objects.all(),
        to_field_name="iso3",
        empty_label=_("All countries"),
    )

    class Meta:
        model = Organization
        fields = ["q", "category", "region", "country"]

    def filter_name(self, queryset, name, value):
        return queryset.filter(name__icontains=value) | queryset.filter(acronym__iexact=value)


# Every parameter the directory page reads (the page cache keys it by these alone).
DIRECTORY_PARAMS = ("forum", *DirectoryFilter.base_filters, "page")
