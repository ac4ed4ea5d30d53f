"""Post-forum summaries: written by staff per session, rendered by Celery to HTML and to PDF,
published within 10 working days of the forum's end. Views, admin and tasks call these."""

import datetime
import hashlib
import json
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from core import cache_versions, mail, rich_text
from core.audit import log_activity, logged
from core.pdf import artifact_margins
from core.queue import after_commit, send_now
from core.roles import SECRETARIAT
from core.storage import generated_storage
from core.transitions import transition
from forums.enums import SessionKind
from forums.models import Forum, Session
from pledges.models import Pledge
from stakeholders.enums import DelegateState
from stakeholders.models import Delegate
from summaries import tasks
from summaries.enums import SummaryState
from summaries.models import Compilation, Holiday, Summary, SummaryMailing
from summaries.working_days import deadline as working_day_deadline
from summaries.working_days import working_days_left

SUMMARISED_KINDS = (
    SessionKind.HEARING,
    SessionKind.ROUND_TABLE,
    SessionKind.POLICY_DEBATE,
    SessionKind.PLENARY_OPENING,
    SessionKind.GENERAL_DEBATE,
    SessionKind.PLENARY_CLOSING,
)


def sanitise(html):
    """Staff write rich text; only harmless tags and http(s)/mailto links survive."""
    return rich_text.sanitise(html)


# --- Deadline ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeadlineStatus:
    deadline: datetime.date
    days_left: int
    unpublished: int

    @property
    def late(self):
        return self.days_left < 0 and self.unpublished > 0

    @property
    def days_left_text(self):
        """ "3 working days left", "due today", "3 working days late": never a negative number."""
        if self.unpublished == 0:
            return _("all distributed")
        if self.days_left > 0:
            return ngettext(
                "%(count)s working day left", "%(count)s working days left", self.days_left
            ) % {"count": self.days_left}
        if self.days_left == 0:
            return _("due today")
        late = -self.days_left
        return ngettext("%(count)s working day late", "%(count)s working days late", late) % {"count": late}


def holidays_around(forum):
    return set(
        Holiday.objects.filter(
            date__range=(forum.end_date, forum.end_date + datetime.timedelta(days=90))
        ).values_list("date", flat=True)
    )


def deadline_status(forum, today=None, holidays=None, unpublished=None):
    today = today or timezone.localdate()
    holidays = holidays_around(forum) if holidays is None else holidays
    due = working_day_deadline(forum.end_date, holidays)
    if unpublished is None:
        unpublished = (
            Summary.objects.filter(session__forum=forum, published_at__isnull=True).count()
        )
    return DeadlineStatus(due, working_days_left(today, due, holidays), unpublished)


# --- State ------------------------------------------------------------------------------------


def set_summary_state(summary, new_state, *, by=None, error=""):
    """The one way a summary's state changes; every change leaves a trace."""
    new_state = SummaryState(new_state)
    if new_state == summary.state:
        return summary
    changes = {"error": error}
    if new_state == SummaryState.PUBLISHED and summary.published_at is None:
        changes["published_at"] = timezone.now()
    transition(
        summary,
        new_state,
        states=SummaryState,
        message=gettext_lazy("A summary cannot go from “%(old)s” to “%(new)s”."),
        action="summary.state",
        by=by,
        note=error[:2000],
        changes=changes,
    )
    return summary


def ensure_summaries(forum):
    """A summary row for every session that gets one; returns the forum's summaries."""
    sessions = Session.objects.filter(forum=forum, kind__in=SUMMARISED_KINDS, summary__isnull=True)
    Summary.objects.bulk_create([Summary(session=session) for session in sessions], ignore_conflicts=True)
    return Summary.objects.filter(session__forum=forum)


def save_notes(summary, *, by, on_delayed=None):
    """After staff save a summary's notes: mark it for regeneration and queue it after the commit.

    When the broker cannot take the task the notes are saved all the same, `on_delayed` is
    called (the admin tells the user), and the daily beat run generates what is pending."""
    if summary.state in (SummaryState.READY, SummaryState.FAILED, SummaryState.PUBLISHED):
        set_summary_state(summary, SummaryState.PENDING, by=by)
    transaction.on_commit(lambda: queue_generation(summary.pk, on_delayed=on_delayed))


def queue_generation(summary_id, *, on_delayed=None):
    """Queue one summary's generation; when the broker cannot take it, say so through
    `on_delayed` (the daily run generates what is pending)."""
    queued = send_now(tasks.generate_summary, summary_id=summary_id)
    if not queued and on_delayed is not None:
        on_delayed()
    return queued


# --- Rendering --------------------------------------------------------------------------------


def facts(summary):
    """What the portal already knows about the session: fixed number of queries, none per pledge."""
    session = (
        Session.objects.select_related("forum", "room", "roundtable")
        .prefetch_related(
            "roundtable__objectives", "roundtable__co_chairs", "statements__member_state", "topics"
        )
        .get(pk=summary.session_id)
    )
    round_table = session.roundtable if session.kind == SessionKind.ROUND_TABLE else None
    objectives = list(round_table.objectives.all()) if round_table else []
    pledges = []
    if objectives:
        pledges = list(
            Pledge.objects.published()
            .filter(forum=session.forum, objectives__in=objectives)
            .distinct()
            .order_by("reference")
            .values_list("reference", "title")
        )
    return {
        "session": session,
        "forum": session.forum,
        "round_table": round_table,
        "objectives": objectives,
        "co_chairs": list(round_table.co_chairs.all()) if round_table else [],
        "statements": list(session.statements.all()),
        "topics": list(session.topics.all()),
        "pledges": pledges,
    }


def render_html(summary, context_facts=None, standalone=True, for_print=False):
    """The summary as HTML. For print, pledge references are plain text with one link to the
    registry: a thousand links would cost WeasyPrint seconds and a reader nothing."""
    context = {
        "summary": summary,
        **(context_facts or facts(summary)),
        "site_url": settings.SITE_URL,
        "standalone": standalone,
        "for_print": for_print,
    }
    return render_to_string("summaries/document.html", context)


def fingerprint(html):
    return hashlib.sha256(html.encode()).hexdigest()


def _portal_file(url):
    """The file behind one of our own static or media URLs, or None."""
    static_prefix, media_prefix = "file:///static/", "file:///media/"
    if url.startswith(static_prefix):
        found = finders.find(url[len(static_prefix) :])
        return Path(found) if found else None
    if url.startswith(media_prefix):
        root = Path(settings.MEDIA_ROOT).resolve()
        candidate = (root / url[len(media_prefix) :]).resolve()
        return candidate if root in candidate.parents and candidate.is_file() else None
    return None


class PortalURLFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that reads our own static and media files and nothing else."""

    def fetch(self, url, headers=None):
        path = _portal_file(url)
        if path is None:
            raise ValueError(f"WeasyPrint may not fetch {url}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})


def portal_url_fetcher():
    return PortalURLFetcher(allowed_protocols={"file"})


def render_pdf(html):
    return HTML(string=html, base_url="file:///", url_fetcher=portal_url_fetcher()).write_pdf(
        pdf_variant="pdf/ua-1", finisher=artifact_margins
    )


def file_stem(summary):
    session = summary.session
    return f"summaries/imrf-{session.forum.year}/{session.slug}"


def other_languages():
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def in_language(name, language):
    """summaries/imrf-2026/round-table-1.pdf in French: …/round-table-1.fr.pdf (English: as it is)."""
    if language == settings.LANGUAGE_CODE:
        return name
    stem, _dot, extension = name.rpartition(".")
    return f"{stem}.{language}.{extension}"


def stored_in_language(field_file, language):
    """The stored file's name in the language, or the English one when that language's is missing."""
    name = in_language(field_file.name, language)
    return name if name == field_file.name or generated_storage.exists(name) else field_file.name


@translation.override(settings.LANGUAGE_CODE)
def generate(summary_id, *, by=None):
    """Render one summary to HTML and PDF in English and store both; its other languages follow
    (generate_translations). Running it twice gives one summary."""
    summary = Summary.objects.select_related("session__forum").get(pk=summary_id)
    known = facts(summary)
    html = render_html(summary, known)
    digest = fingerprint(html)
    stem = file_stem(summary)
    if (
        summary.state in (SummaryState.READY, SummaryState.PUBLISHED)
        and summary.content_hash == digest
        and summary.pdf_file
        and summary.pdf_file.storage.exists(summary.pdf_file.name)
    ):
        return summary
    if summary.state != SummaryState.GENERATING:
        set_summary_state(summary, SummaryState.GENERATING, by=by)
    pdf = render_pdf(render_html(summary, known, for_print=True))
    was_published = summary.published_at is not None
    summary.html_file.name = generated_storage.save(f"{stem}.html", ContentFile(html.encode()))
    summary.pdf_file.name = generated_storage.save(f"{stem}.pdf", ContentFile(pdf))
    summary.content_hash = digest
    summary.generated_at = timezone.now()
    summary.save(update_fields=["html_file", "pdf_file", "content_hash", "generated_at"])
    set_summary_state(summary, SummaryState.PUBLISHED if was_published else SummaryState.READY, by=by)
    after_commit(tasks.generate_summary_translations, summary_id=summary.pk)
    if was_published:
        # A published summary changed: its page, and the compilation that holds it, follow.
        cache_versions.bump_after_commit(cache_versions.SUMMARIES)
        after_commit(tasks.generate_compilation, forum_id=summary.session.forum_id)
    return summary


def generate_translations(summary_id):
    """The summary's HTML and PDF in each other language, from its text in that language (English
    where staff gave none) and the portal's labels in it. Running it twice gives one of each."""
    summary = Summary.objects.select_related("session__forum").get(pk=summary_id)
    if not summary.pdf_file:
        return []
    done, hashes = [], dict(summary.translations)
    for language in other_languages():
        with translation.override(language):
            known = facts(summary)
            html = render_html(summary, known)
            digest = fingerprint(html)
            pdf_name = in_language(summary.pdf_file.name, language)
            if hashes.get(language) == digest and generated_storage.exists(pdf_name):
                continue
            pdf = render_pdf(render_html(summary, known, for_print=True))
        generated_storage.save(in_language(summary.html_file.name, language), ContentFile(html.encode()))
        generated_storage.save(pdf_name, ContentFile(pdf))
        hashes[language] = digest
        done.append(language)
    if done:
        Summary.objects.filter(pk=summary.pk).update(translations=hashes)
    return done


def record_failure(summary_id, error):
    summary = Summary.objects.get(pk=summary_id)
    if summary.state == SummaryState.GENERATING:
        set_summary_state(summary, SummaryState.FAILED, error=error)


def compilation_html(forum, summaries):
    parts = [render_html(summary, standalone=False, for_print=True) for summary in summaries]
    return render_to_string(
        "summaries/compilation.html",
        {"forum": forum, "summaries": summaries, "parts": parts, "status": deadline_status(forum)},
    )


def generate_compilation(forum_id):
    """All the forum's published summaries in one PDF with a table of contents, in each language,
    stored for the public to download. Running it twice for the same summaries gives one file."""
    with translation.override(settings.LANGUAGE_CODE):
        compilation = _generate_compilation(forum_id)
    if compilation.pdf_file:
        hashes = dict(compilation.translations)
        summaries = _published_of(compilation.forum)
        for language in other_languages():
            with translation.override(language):
                html = compilation_html(compilation.forum, summaries)
                digest = fingerprint(html)
                name = in_language(compilation.pdf_file.name, language)
                if hashes.get(language) == digest and generated_storage.exists(name):
                    continue
                generated_storage.save(name, ContentFile(render_pdf(html)))
            hashes[language] = digest
        if hashes != compilation.translations:
            compilation.translations = hashes
            compilation.save(update_fields=["translations"])
    return compilation


def _published_of(forum):
    return list(
        Summary.objects.published().filter(session__forum=forum).select_related("session").order_by("session__starts_at")
    )


def _generate_compilation(forum_id):
    forum = Forum.objects.get(pk=forum_id)
    summaries = _published_of(forum)
    compilation, _created = Compilation.objects.get_or_create(forum=forum)
    if not summaries:
        if compilation.pdf_file:
            compilation.pdf_file.delete(save=False)
            compilation.content_hash = ""
            compilation.save(update_fields=["pdf_file", "content_hash"])
        return compilation
    html = compilation_html(forum, summaries)
    digest = fingerprint(html)
    if compilation.content_hash == digest and compilation.pdf_file and generated_storage.exists(compilation.pdf_file.name):
        return compilation
    name = generated_storage.save(f"summaries/imrf-{forum.year}/all.pdf", ContentFile(render_pdf(html)))
    compilation.pdf_file.name = name
    compilation.content_hash = digest
    compilation.generated_at = timezone.now()
    compilation.save(update_fields=["pdf_file", "content_hash", "generated_at"])
    cache_versions.bump_after_commit(cache_versions.SUMMARIES)
    return compilation


# --- Publishing and the daily run ------------------------------------------------------------


def publish(forum, *, by):
    """Make the forum's ready summaries public, mail the confirmed delegates once (in the same
    transaction, through the outbox), and generate the compilation after the commit."""
    published = 0
    with transaction.atomic():
        for summary in ready_to_publish(forum).select_for_update():
            set_summary_state(summary, SummaryState.PUBLISHED, by=by)
            published += 1
        if published:
            mail_delegates(forum)
            cache_versions.bump_after_commit(cache_versions.SUMMARIES)
            after_commit(tasks.generate_compilation, forum_id=forum.pk)
    return published


def delegates_to_mail(forum):
    """The addresses of the forum's confirmed delegates not yet told of its summaries (what
    publishing will mail, as the confirmation page says)."""
    already = set(SummaryMailing.objects.filter(forum=forum).values_list("email", flat=True))
    return sorted(
        {
            email.lower()
            for email in Delegate.objects.filter(
                accreditation__forum=forum, state=DelegateState.CONFIRMED
            ).values_list("email", flat=True)
        }
        - already
    )


def ready_to_publish(forum):
    return Summary.objects.filter(session__forum=forum, state=SummaryState.READY)


def mail_delegates(forum):
    """Queue the news of the published summaries to every confirmed delegate of the forum not yet
    told; a delegate is told once per forum."""
    emails = delegates_to_mail(forum)
    if not emails:
        return 0
    try:
        with transaction.atomic():
            SummaryMailing.objects.bulk_create([SummaryMailing(forum=forum, email=email) for email in emails])
            mail.queue("summaries/email/published", {"forum": forum}, emails)
    except IntegrityError:
        # Another publication marked some of them meanwhile; the next one tells those still unmarked.
        return 0
    return len(emails)


def daily(today=None):
    """What beat does each day for every forum between its end and its deadline: generate what
    is pending, remind the secretariat, flag lateness, and bring the compilations up to date."""
    today = today or timezone.localdate()
    report = []
    for forum in Forum.objects.public().filter(end_date__lt=today):
        status = deadline_status(forum, today)
        if status.days_left >= 0:
            summaries = ensure_summaries(forum)
            for summary in summaries.filter(state__in=SummaryState.needs_generation()):
                send_now(tasks.generate_summary, summary_id=summary.pk)
            for summary in summaries.filter(state__in=(SummaryState.READY, SummaryState.PUBLISHED)):
                if set(summary.translations) != set(other_languages()):
                    send_now(tasks.generate_summary_translations, summary_id=summary.pk)
            if status.days_left == 3 and not logged(forum, "summaries.reminder"):
                _remind_secretariat(forum, status)
        elif status.late and not logged(forum, "summaries.late"):
            log_activity(
                forum,
                "summaries.late",
                note=_("Summaries not published by %(date)s.") % {"date": status.deadline.isoformat()},
            )
        if Summary.objects.published().filter(session__forum=forum).exists():
            send_now(tasks.generate_compilation, forum_id=forum.pk)
        report.append((forum.year, status))
    return report


def _remind_secretariat(forum, status):
    recipients = (
        get_user_model()
        .objects.filter(groups__name=SECRETARIAT, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    unpublished = [
        str(s)
        for s in Summary.objects.filter(session__forum=forum, published_at__isnull=True).select_related("session")
    ]
    with transaction.atomic():
        log_activity(forum, "summaries.reminder", note=json.dumps(unpublished))
        mail.queue(
            "summaries/email/reminder", {"forum": forum, "status": status, "unpublished": unpublished}, recipients
        )
