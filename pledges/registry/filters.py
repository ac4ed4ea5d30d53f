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
FILTER_PARAMS = ("q", *(facet.name for facet in FACETS), "former")
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


class FastSelectMultiple(forms.SelectMultiple):
    """A list box of several values (the countries), rendered in Python like FastSelect."""

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        chosen = {str(v) for v in value or ()}
        options = "".join(
            f'<option value="{_escaped(str(v))}"{" selected" if str(v) in chosen else ""}>{_escaped(str(label))}</option>'
            for v, label in self.choices
        )
        return mark_safe(f"<select multiple{flatatt(final)}>{options}</select>")  # noqa: S308 - every part escaped


class FastCheckboxes(forms.CheckboxSelectMultiple):
    """One checkbox per value, each with its label, ticked when the query string has it: several
    values of a facet select the pledges with any of them."""

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        base = final.get("id", f"id_{name}")
        chosen = {str(v) for v in value or ()}
        items = []
        for n, (v, label) in enumerate(self.choices):
            v = str(v)
            items.append(
                f'<li><input type="checkbox" name="{_escaped(name)}" value="{_escaped(v)}" id="{_escaped(base)}_{n}"'
                f'{" checked" if v in chosen else ""}> <label for="{_escaped(base)}_{n}">{_escaped(str(label))}</label></li>'
            )
        return mark_safe(f'<ul class="choices">{"".join(items)}</ul>')  # noqa: S308 - every part escaped


@functools.lru_cache(maxsize=4096)
def _escaped(text):
    return escape(text)


def _facet_filter(facet):
    if facet.boolean:
        return django_filters.BooleanFilter(
            label=facet.label, method="filter_nothing", widget=forms.CheckboxInput
        )
    # Several values per facet (?objective=3&objective=5): any of them.
    return django_filters.MultipleChoiceFilter(label=facet.label, method="filter_nothing")


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
                self.filters[facet.name].extra["widget"] = (
                    FastCheckboxes if facet.linked else FastSelectMultiple
                )
        self.filters["sort"].extra["widget"] = FastSelect

    def filter_nothing(self, queryset, name, value):
        return queryset


RegistryFilter = type(
    "RegistryFilter",
    (BaseRegistryFilter,),
    {
        **{facet.name: _facet_filter(facet) for facet in FACETS},
        # Widens the selection rather than narrowing it: pledges published once keep a record.
        "former": django_filters.BooleanFilter(
            label=_("Include withdrawn and unpublished pledges"),
            method="filter_nothing",
            widget=forms.CheckboxInput,
            help_text=_("Pledges that were published and left the registry, shown as their public record."),
        ),
        "sort": django_filters.ChoiceFilter(
            label=_("Sort by"), choices=SORTS, method="filter_nothing", empty_label=None
        ),
        "Meta": BaseRegistryFilter.Meta,
    },
)
