"""Domain rules of the Progress Declaration tracker. Views, admin pages and the demo all go
through these functions; every change is logged, and the proposing organisation is mailed."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import cache_versions
from core.audit import log_activity
from core.transitions import check, transition
from declarations import imports, mail, permissions
from declarations.enums import Fate, KeyMessageState
from declarations.models import DeclarationVersion, Endorsement, KeyMessage, MessageOutcome, Paragraph

CANNOT_GO = gettext_lazy("A key message cannot go from “%(old)s” to “%(new)s”.")


def public_changed():
    """What the public pages show changed: the cached pages are stale once this commits."""
    cache_versions.bump_after_commit(cache_versions.DECLARATIONS)


# --- Versions and their paragraphs -------------------------------------------------------------


def current_version(forum):
    """The latest published version: the one new key messages address."""
    return DeclarationVersion.objects.published().filter(forum=forum).order_by("-date", "-pk").first()


def previous_version(version):
    """The version published before this one, whose messages are marked against it."""
    return (
        DeclarationVersion.objects.filter(forum_id=version.forum_id, date__lte=version.date)
        .exclude(pk=version.pk)
        .exclude(date=version.date, pk__gt=version.pk)
        .order_by("-date", "-pk")
        .first()
    )


def import_paragraphs(version, upload, *, by):
    """Replace the version's paragraphs by those of the file, all of them or none: any error in
    the file (its type, a gap or a duplicate in the numbering) changes nothing."""
    parsed = imports.parse(imports.read_lines(upload))
    with transaction.atomic():
        version = DeclarationVersion.objects.select_for_update().get(pk=version.pk)
        if KeyMessage.objects.filter(version=version).exists() or MessageOutcome.objects.filter(
            paragraph__version=version
        ).exists():
            raise ValidationError(
                _(
                    "Key messages already address this version or landed in it: its paragraphs can no "
                    "longer be replaced by an import. Correct them one by one instead."
                ),
                code="version_in_use",
            )
        removed = version.paragraphs.count()
        version.paragraphs.all().delete()
        Paragraph.objects.bulk_create(
            Paragraph(version=version, number=number, section=section, text=text) for number, section, text in parsed
        )
        log_activity(
            version,
            "declaration_version.imported",
            actor=by,
            note=_("%(count)s paragraphs imported from %(name)s (%(removed)s replaced).")
            % {"count": len(parsed), "name": upload.name, "removed": removed},
        )
        public_changed()
    return len(parsed)


# --- Key messages -------------------------------------------------------------------------------


def save_key_message(form, *, by, forum=None):
    """Save a key message from its form. A new one is the user's organisation's, on the forum's
    current version; an existing one is changed by its proposer while a draft."""
    with transaction.atomic():
        message = form.save(commit=False)
        created = message.pk is None
        if created:
            membership = permissions.accredited_focal_point(by, forum)
            if membership is None:
                raise PermissionDenied(permissions.NOT_FOCAL_POINT)
            version = current_version(forum)
            if version is None:
                raise ValidationError(_("No version of the declaration is published yet."))
            message.forum, message.organization, message.version = forum, membership.organization, version
            message.created_by = by
        elif not permissions.can_edit_key_message(by, message):
            raise PermissionDenied(_("Only the proposing organisation changes its key message, while it is a draft."))
        message.save()
        form.save_m2m()
        if created:
            log_activity(message, "key_message.created", actor=by, new_state=message.state)
        else:
            log_activity(message, "key_message.edited", actor=by)
    return message


def set_key_message_state(message, new_state, *, by, reason=""):
    """The one way a key message changes state."""
    old_state, new_state = check(KeyMessageState, message.state, new_state, message=CANNOT_GO)
    if by is not None and not permissions.can_change_key_message_state(by, message, new_state):
        if new_state in KeyMessageState.owner_states():
            raise PermissionDenied(_("Only the proposing organisation's focal points can do this."))
        raise PermissionDenied(_("Only the secretariat can do this."))
    if new_state == KeyMessageState.SUBMITTED and not message.paragraphs.exists():
        raise ValidationError(_("Choose at least one paragraph the key message addresses before submitting it."))
    changes = {}
    if new_state == KeyMessageState.PUBLISHED:
        changes["published_at"] = message.published_at or timezone.now()
    with transaction.atomic():
        entry = transition(
            message,
            new_state,
            states=KeyMessageState,
            message=CANNOT_GO,
            action="key_message.state",
            by=by,
            note=(reason or "").strip(),
            changes=changes,
        )
        mail.state_changed(message, entry)
        if KeyMessageState.PUBLISHED in (old_state, new_state):
            public_changed()
    return message


def endorse(message, *, by):
    """The user's organisation endorses the message: always their own organisation (whatever a
    form says), never the proposer, once per organisation."""
    if not permissions.can_endorse(by, message):
        raise PermissionDenied(
            _("Only focal points of another organisation accredited to the forum endorse a published key message.")
        )
    organization = permissions.accredited_focal_point(by, message.forum).organization
    try:
        with transaction.atomic():
            endorsement = Endorsement.objects.create(message=message, organization=organization, endorsed_by=by)
            log_activity(message, "key_message.endorsed", actor=by, note=organization.name)
            mail.endorsed(endorsement)
            public_changed()
    except IntegrityError:
        raise ValidationError(
            _("%(organization)s already endorses this key message.") % {"organization": organization.name},
            code="already_endorsed",
        ) from None
    return endorsement


def withdraw_endorsement(message, *, by):
    membership = permissions.accredited_focal_point(by, message.forum)
    if membership is None:
        raise PermissionDenied(permissions.NOT_FOCAL_POINT)
    with transaction.atomic():
        deleted, _rows = Endorsement.objects.filter(message=message, organization_id=membership.organization_id).delete()
        if deleted:
            log_activity(message, "key_message.endorsement_withdrawn", actor=by, note=membership.organization.name)
            public_changed()
    return bool(deleted)


# --- What became of each message ----------------------------------------------------------------


def messages_to_mark(version):
    """The published messages that addressed the previous version, for the secretariat to mark."""
    previous = previous_version(version)
    if previous is None:
        return KeyMessage.objects.none()
    return (
        KeyMessage.objects.published()
        .filter(version=previous)
        .select_related("organization", "forum")
        .prefetch_related("paragraphs", "objectives")
        .order_by("pk")
    )


def mark_outcome(message, version, *, fate, paragraph=None, note="", by):
    """Record (or correct) the fate of a message in a new version, and where it landed."""
    if by is not None and not permissions.can_manage_declarations(by):
        raise PermissionDenied(_("Only the secretariat can do this."))
    fate = Fate(fate)
    if fate in Fate.landed() and paragraph is None:
        raise ValidationError(_("Say in which paragraph of the new version the message landed."), code="paragraph")
    if fate == Fate.NOT_REFLECTED:
        paragraph = None
    if paragraph is not None and paragraph.version_id != version.pk:
        raise ValidationError(_("The paragraph must be one of the new version."), code="paragraph")
    if message.version_id == version.pk or (previous_version(version) or version).pk != message.version_id:
        raise ValidationError(_("A key message is marked against the version that follows the one it addressed."))
    with transaction.atomic():
        outcome = MessageOutcome.objects.select_for_update().filter(message=message, version=version).first()
        old_fate = outcome.fate if outcome else ""
        if outcome is None:
            outcome = MessageOutcome(message=message, version=version)
        outcome.fate, outcome.paragraph, outcome.note = fate, paragraph, (note or "").strip()
        outcome.marked_by, outcome.marked_at = by, timezone.now()
        outcome.save()
        log_activity(
            outcome,
            "message_outcome.fate",
            actor=by,
            old_state=old_fate,
            new_state=fate,
            note=_("paragraph %(number)s") % {"number": paragraph.number} if paragraph else "",
        )
        mail.outcome_marked(outcome)
        public_changed()
    return outcome
