from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ActivityLogQuerySet(models.QuerySet):
    def for_object(self, obj):
        """Every entry about one object, oldest first."""
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False), object_id=obj.pk
        ).order_by("timestamp", "pk")

    def about(self, *querysets):
        """Entries about any object of these querysets, in one query: each model is matched by
        its content type's natural key (a join, not a cached lookup), its objects by a subquery."""
        condition = models.Q(pk__in=[])
        for queryset in querysets:
            meta = queryset.model._meta
            condition |= models.Q(
                content_type__app_label=meta.app_label,
                content_type__model=meta.model_name,
                object_id__in=queryset.values("pk"),
            )
        return self.filter(condition)


class ActivityLog(models.Model):
    """The trace every state change leaves: who, when, from which state to which."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    timestamp = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    action = models.CharField(_("action"), max_length=100)
    old_state = models.CharField(_("from"), max_length=40, blank=True)
    new_state = models.CharField(_("to"), max_length=40, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = ActivityLogQuerySet.as_manager()

    class Meta:
        # The table of the app that held the log before core existed: every entry stays.
        db_table = "forums_activitylog"
        ordering = ["-timestamp", "-pk"]
        verbose_name = _("activity log entry")
        verbose_name_plural = _("activity log")
        indexes = [models.Index(fields=["content_type", "object_id"], name="forums_acti_content_239472_idx")]

    def __str__(self):
        return f"{self.action}: {self.old_state} → {self.new_state}"


class OutboxMessageQuerySet(models.QuerySet):
    def unsent(self):
        return self.filter(sent_at__isnull=True)

    def due(self, now=None):
        """Unsent, and not claimed by a delivery that may still be running."""
        now = now or timezone.now()
        return self.unsent().filter(models.Q(claimed_until__isnull=True) | models.Q(claimed_until__lt=now))


class OutboxMessage(models.Model):
    """One e-mail to one recipient, written in the same transaction as the change it reports, so
    that a change is never committed without its mail nor its mail sent without the change. A
    Celery task sends it after the commit; a beat sweep sends whatever that task could not."""

    template = models.CharField(_("mail"), max_length=100)
    recipient = models.EmailField(_("recipient"), max_length=254)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    created_at = models.DateTimeField(_("queued"), default=timezone.now, db_index=True)
    claimed_until = models.DateTimeField(_("being sent until"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    objects = OutboxMessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [
            models.Index(
                fields=["created_at"], name="outbox_unsent", condition=models.Q(sent_at__isnull=True)
            )
        ]

    def __str__(self):
        return f"{self.recipient}: {self.subject}"


class Profile(models.Model):
    """What the portal keeps about a person beyond Django's user: the language they read, in which
    their e-mails are written (chosen at sign-up, changeable in their account)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile", verbose_name=_("user")
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self):
        return str(self.user)


class RateLimitCounter(models.Model):
    """A rate limit's count while the cache is down (core.ratelimit): in the database, so that every
    web process counts the same attempts. Keyed by a hash: no address or IP is stored. Not shown
    anywhere, hence no translated names."""

    key = models.CharField(max_length=64, primary_key=True)
    count = models.PositiveIntegerField()
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.key[:12]}…: {self.count}"


class LastVisit(models.Model):
    """When a person last looked at a page about one object (their organisation's dashboard), so
    that the page can say what changed since. A visit is a sitting, not a request: a reload within
    VISIT_GAP keeps the same "previous visit", so the changes do not vanish on the first refresh."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("about"))
    object_id = models.PositiveBigIntegerField()
    visited_at = models.DateTimeField(_("last seen"))
    previous_visit_at = models.DateTimeField(_("visit before"), null=True, blank=True)

    class Meta:
        verbose_name = _("last visit")
        verbose_name_plural = _("last visits")
        constraints = [
            models.UniqueConstraint(fields=["user", "content_type", "object_id"], name="last_visit_once_per_object")
        ]

    def __str__(self):
        return f"{self.user_id} @ {self.content_type_id}/{self.object_id}: {self.visited_at:%Y-%m-%d %H:%M}"
