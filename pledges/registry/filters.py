"""The registry's filter form, one field per facet declared in facets.py, plus the search and the
sort. Every value is checked against the facet's choices; a value that is not one of them makes
the form invalid, and the page answers 400 with the reason."""

import functools

import django_filters
from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from pledges.models import Pledge
from pledges.registry.facets import FACETS

SORTS = [
    ("relevance", _("Relevance (with a search)")),
    ("newest", _("Newest first")),
    ("oldest", _("Oldest first")),
    ("title", _("Title A–Z")),
    ("reference", _("Reference")),
    ("reported", _("Most recently reported")),
]
# The parameters that choose the results; `sort` and `page` only arrange them.
FILTER_PARAMS = ("q", *(facet.name for facet in FACETS))
# Every parameter the registry page reads (the page cache keys it by these alone).
PAGE_PARAMS = (*FILTER_PARAMS, "sort", "page")


class FastSelect(forms.Select):
    """A select rendered in Python: Django renders each option through a template, which costs
    more than the registry's database work for a list of 244 countries."""

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        selected = "" if value is None else str(value)
        options = "".join(
            f'<option value="{_escaped(str(v))}"{" selected" if str(v) == selected else ""}>{_escaped(str(label))}</option>'
            for v, label in self.choices
        )
        return mark_safe(f"<select{flatatt(final)}>{options}</select>")  # noqa: S308 - every part escaped


@functools.lru_cache(maxsize=4096)
def _escaped(text):
    return escape(text)


def _facet_filter(facet):
    if facet.boolean:
        return django_filters.BooleanFilter(label=facet.label, method="filter_nothing", widget=forms.CheckboxInput)
    return django_filters.ChoiceFilter(label=facet.label, method="filter_nothing", empty_label=facet.empty_label)


class BaseRegistryFilter(django_filters.FilterSet):
    """The form only: the registry selects with its index (index.py), the exports in the same
    order, so no filter here touches the queryset."""

    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_nothing",
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("Words in the reference, title, text or the pledgers' names."),
    )

    class Meta:
        model = Pledge
        fields = []

    def __init__(self, data=None, *args, labels, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.labels = labels
        for facet in FACETS:
            if not facet.boolean:
                self.filters[facet.name].extra["choices"] = facet.choices(labels)
                self.filters[facet.name].extra["widget"] = FastSelect
        self.filters["sort"].extra["widget"] = FastSelect

    def filter_nothing(self, queryset, name, value):
        return queryset


RegistryFilter = type(
    "RegistryFilter",
    (BaseRegistryFilter,),
    {
        **{facet.name: _facet_filter(facet) for facet in FACETS},
        "sort": django_filters.ChoiceFilter(
            label=_("Sort by"), choices=SORTS, method="filter_nothing", empty_label=None
        ),
        "Meta": BaseRegistryFilter.Meta,
    },
)
