from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.storage import generated
from forums.enums import ForumStatus
from forums.models import Forum, Session
from summaries.enums import SummaryState


class Holiday(models.Model):
    """An official holiday at UN Headquarters: no working day for the summaries' deadline."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        db_table = "forums_holiday"
        ordering = ["date"]
        verbose_name = _("UN Headquarters holiday")
        verbose_name_plural = _("UN Headquarters holidays")

    def __str__(self):
        return f"{self.date.isoformat()} {self.name}"


class SummaryQuerySet(models.QuerySet):
    def published(self):
        """What the public may read: published summaries of public forums. Every public page,
        file and compilation reads summaries through this.

        Once distributed, a summary stays public: when staff edit it, its state goes back to
        pending and generating (then published again, or failed), and all that time the public
        keeps the last published files, which generation replaces atomically. Hence published_at,
        not the state, says what is public."""
        return self.filter(published_at__isnull=False, session__forum__status__in=ForumStatus.public_states())


class Summary(models.Model):
    """The summary of one session, written by staff and rendered to HTML and PDF by Celery."""

    session = models.OneToOneField(
        Session, on_delete=models.CASCADE, related_name="summary", verbose_name=_("session")
    )
    key_messages = models.TextField(_("key messages"), blank=True)
    discussion = models.TextField(_("main points of discussion"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=SummaryState.choices, default=SummaryState.PENDING
    )
    error = models.TextField(_("last error"), blank=True)
    html_file = models.FileField(_("HTML"), blank=True, max_length=200, storage=generated)
    pdf_file = models.FileField(_("PDF"), blank=True, max_length=200, storage=generated)
    content_hash = models.CharField(_("fingerprint of the rendered content"), max_length=64, blank=True)
    # language → fingerprint of the files generated in that language (besides English).
    translations = models.JSONField(_("generated in the other languages"), default=dict, blank=True)
    generated_at = models.DateTimeField(_("generated"), null=True, blank=True)
    published_at = models.DateTimeField(_("distributed"), null=True, blank=True)
    updated_at = models.DateTimeField(_("notes saved"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("saved by"),
    )

    objects = SummaryQuerySet.as_manager()

    class Meta:
        db_table = "forums_summary"
        ordering = ["session__starts_at"]
        verbose_name = _("summary")
        verbose_name_plural = _("summaries")

    def __str__(self):
        return str(self.session)

    def get_absolute_url(self):
        return reverse("summaries:detail", kwargs={"year": self.session.forum.year, "slug": self.session.slug})

    @property
    def has_content(self):
        return bool(self.key_messages or self.discussion or self.recommendations)


class SummaryMailing(models.Model):
    """That a delegate was sent a forum's summaries: they are sent once, never twice."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="summary_mailings")
    email = models.EmailField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "forums_summarymailing"
        verbose_name = _("summary mailing")
        verbose_name_plural = _("summary mailings")
        constraints = [models.UniqueConstraint(fields=["forum", "email"], name="summaries_mailed_once")]

    def __str__(self):
        return f"{self.forum.year} → {self.email}"


class Compilation(models.Model):
    """All of a forum's published summaries in one PDF, generated once by Celery when summaries
    are published (and again when a published one changes), and served as a file."""

    forum = models.OneToOneField(Forum, on_delete=models.CASCADE, related_name="compilation")
    pdf_file = models.FileField(_("PDF"), blank=True, max_length=200, storage=generated)
    content_hash = models.CharField(_("fingerprint of the summaries it holds"), max_length=64, blank=True)
    translations = models.JSONField(_("generated in the other languages"), default=dict, blank=True)
    generated_at = models.DateTimeField(_("generated"), null=True, blank=True)

    class Meta:
        verbose_name = _("compilation of summaries")
        verbose_name_plural = _("compilations of summaries")

    def __str__(self):
        return str(self.forum)
