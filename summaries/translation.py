"""The summaries staff write, per language; English when a language has none."""

from modeltranslation.translator import TranslationOptions, register

from summaries.models import Summary


@register(Summary)
class SummaryTranslation(TranslationOptions):
    fields = ("key_messages", "discussion", "recommendations")
