"""What staff write about a forum and its programme, per language; English when a language has none."""

from modeltranslation.translator import TranslationOptions, register

from forums.models import Forum, RoundTable, Session, Topic


@register(Forum)
class ForumTranslation(TranslationOptions):
    fields = ("title", "venue")


@register(Session)
class SessionTranslation(TranslationOptions):
    fields = ("title", "description")


@register(RoundTable)
class RoundTableTranslation(TranslationOptions):
    fields = ("theme", "background_note")


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("title",)
