"""The registry's filter form, one field per facet declared in facets.py, plus the search and the
sort. Every value is checked against the facet's choices; a value that is not one of them makes
the form invalid, and the page answers 400 with the reason."""

import copy
import functools
from collections import OrderedDict

import django_filters
import django_filters.fields
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


class SharedChoices:
    """A form deep-copies its fields; their choices (244 countries, labels in six languages),
    which no form changes, are shared rather than copied each request."""

    def __deepcopy__(self, memo):
        result = forms.Field.__deepcopy__(self, memo)
        result._choices = self._choices
        return result


class SharedMultipleChoiceField(SharedChoices, django_filters.fields.MultipleChoiceField):
    pass


class SharedChoiceField(SharedChoices, django_filters.fields.ChoiceField):
    pass


class MultipleChoiceFilter(django_filters.MultipleChoiceFilter):
    field_class = SharedMultipleChoiceField


class ChoiceFilter(django_filters.ChoiceFilter):
    field_class = SharedChoiceField


def _facet_filter(facet):
    if facet.boolean:
        return django_filters.BooleanFilter(
            label=facet.label, method="filter_nothing", widget=forms.CheckboxInput
        )
    # Several values per facet (?objective=3&objective=5): any of them.
    return MultipleChoiceFilter(label=facet.label, method="filter_nothing")


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

    def get_form_class(self):
        """One form class per process and labels (a language, a reference version): building
        its 17 fields from the filters costs as much as validating the query string."""
        found = _form_classes.get(id(self.labels))
        if found is None or found[0] is not self.labels:
            if len(_form_classes) >= 32:
                _form_classes.clear()
            found = _form_classes[id(self.labels)] = (self.labels, super().get_form_class())
        return found[1]

    def filter_nothing(self, queryset, name, value):
        return queryset


_form_classes = {}


class ShallowFilters(OrderedDict):
    """The declared filters, which django-filters deep-copies for every FilterSet: a copy of each
    with its own `extra` (what __init__ sets per request) is all an instance changes."""

    def __deepcopy__(self, memo):
        copies = OrderedDict()
        for name, declared in self.items():
            copied = copy.copy(declared)
            copied.extra = dict(declared.extra)
            copied.__dict__.pop("_field", None)
            copies[name] = copied
        return copies


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
        "sort": ChoiceFilter(
            label=_("Sort by"), choices=SORTS, method="filter_nothing", empty_label=None
        ),
        "Meta": BaseRegistryFilter.Meta,
    },
)
RegistryFilter.base_filters = ShallowFilters(RegistryFilter.base_filters)
