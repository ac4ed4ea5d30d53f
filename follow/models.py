from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from follow.enums import TopicKind


class Subscription(models.Model):
    """A person's wish to hear, in a weekly digest, what is new on a topic."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="subscriptions", verbose_name=_("account")
    )
    kind = models.CharField(_("kind of topic"), max_length=20, choices=TopicKind.choices)
    key = models.CharField(_("topic"), max_length=40)
    created_at = models.DateTimeField(_("followed since"), default=timezone.now)
    # What the next digest starts from: the last one sent, or when the topic was followed.
    told_until = models.DateTimeField(_("told until"), default=timezone.now)
    # Stopped from a digest's link (one click); kept so that "follow again" restores the list.
    stopped_at = models.DateTimeField(_("digest stopped"), null=True, blank=True)

    class Meta:
        verbose_name = _("followed topic")
        verbose_name_plural = _("followed topics")
        ordering = ["kind", "key"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "key"], name="subscription_once_per_topic"),
        ]

    def __str__(self):
        return f"{self.user} → {self.kind}:{self.key}"
