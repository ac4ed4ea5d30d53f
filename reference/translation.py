"""The official texts in the six languages (django-modeltranslation: a column per language,
English when a language has none)."""

from modeltranslation.translator import TranslationOptions, register

from reference.models import Country, GuidingPrinciple, Objective


@register(Objective)
class ObjectiveTranslation(TranslationOptions):
    fields = ("title", "short_label")


@register(GuidingPrinciple)
class GuidingPrincipleTranslation(TranslationOptions):
    fields = ("name",)


@register(Country)
class CountryTranslation(TranslationOptions):
    fields = ("name",)
