"""Importing the secretariat's lists and matching their entries to organisations. An import
checks the whole file before it writes anything, and only proposes matches; a match (or its undoing)
is a staff act, and it is what verifies an organisation's status, through
stakeholders.services.set_verified_status."""

import csv
import io
import unicodedata
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.audit import log_activity
from core.validators import check_size
from reference.models import Country
from stakeholders import services as stakeholders
from stakeholders.enums import EcosocStatus
from stakeholders.models import Organization
from verification.enums import MatchBasis, StatusList
from verification.models import StatusListEntry, StatusListImport

# The ECOSOC list has about 6,500 NGOs, some 1 MB as CSV: a file fifty times that is not the list.
MAX_FILE_SIZE = 10 * 1024 * 1024
COLUMNS = ("name", "country", "website", "status", "profile_number")
REQUIRED = {
    StatusList.ECOSOC: ("name", "country", "status"),
    StatusList.EARLIER: ("name", "country"),
    StatusList.GANHRI: ("name", "country"),
}
ECOSOC_STATUSES = {
    "general": EcosocStatus.GENERAL,
    "general consultative status": EcosocStatus.GENERAL,
    "special": EcosocStatus.SPECIAL,
    "special consultative status": EcosocStatus.SPECIAL,
    "roster": EcosocStatus.ROSTER,
}
MAX_ERRORS_SHOWN = 20
ENTRY_FIELDS = [
    "name",
    "normalized_name",
    "country_id",
    "website",
    "website_host",
    "ecosoc_status",
    "profile_number",
]
TOO_LARGE = gettext_lazy(
    "The file is %(size)s; a list is at most %(limit)s. Upload the list as a CSV file, nothing else."
)


def normalize_name(name):
    """Case, accents, punctuation and spacing ignored: how two spellings of a name are compared."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    letters = "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    return " ".join(letters.split())


def website_host(url):
    url = url.strip().lower()
    if not url:
        return ""
    if "://" not in url:
        url = "https://" + url
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def _header(names):
    return [(name or "").strip().lower().replace(" ", "_").replace("-", "_") for name in names]


def _countries():
    lookup = {}
    for pk, iso3, iso2, name in Country.objects.values_list("pk", "iso3", "iso2", "name_en"):
        lookup[iso3.lower()] = lookup[iso2.lower()] = pk
        if name:
            lookup[normalize_name(name)] = pk
    return lookup


def parse_list(kind, upload):
    """Every row of the uploaded CSV, checked; a ValidationError with every problem found
    (line by line) otherwise. Reads nothing beyond the size limit and writes nothing."""
    kind = StatusList(kind)
    check_size(upload, MAX_FILE_SIZE, TOO_LARGE)
    upload.seek(0)
    raw = upload.read(MAX_FILE_SIZE + 1)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            _("The file is not UTF-8 text. Save the list as CSV (UTF-8) and upload it again.")
        ) from None
    if "\x00" in text:
        raise ValidationError(
            _("This file is not a CSV file. Save the list as CSV (UTF-8) and upload it again.")
        )
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        header = _header(next(reader, []))
    except csv.Error:
        raise ValidationError(
            _("This file is not a CSV file. Save the list as CSV (UTF-8) and upload it again.")
        ) from None
    if not any(header):
        raise ValidationError(_("The file is empty: it has no header row."))
    missing = [c for c in REQUIRED[kind] if c not in header]
    unknown = [c for c in header if c not in COLUMNS]
    repeated = sorted({c for c in header if header.count(c) > 1})
    if missing or unknown or repeated:
        raise ValidationError(
            _(
                "The first row must name the columns %(required)s (and may add %(optional)s). Missing: %(missing)s. Not expected: %(unknown)s."
            )
            % {
                "required": ", ".join(REQUIRED[kind]),
                "optional": ", ".join(c for c in COLUMNS if c not in REQUIRED[kind]),
                "missing": ", ".join(missing) or "—",
                "unknown": ", ".join(unknown + repeated) or "—",
            }
        )
    countries = _countries()
    rows, errors, seen = [], [], {}
    try:
        for values in reader:
            line = reader.line_num
            if not any(v.strip() for v in values):
                continue
            if len(values) > len(header):
                errors.append(_("Line %(line)s has more fields than the first row names.") % {"line": line})
                continue
            row = dict(zip(header, (v.strip() for v in values), strict=False))
            name = row.get("name", "")
            if not name or len(name) > 300:
                errors.append(
                    _("Line %(line)s: give the organisation's name (at most 300 characters).")
                    % {"line": line}
                )
                continue
            country = countries.get(row.get("country", "").lower()) or countries.get(
                normalize_name(row.get("country", ""))
            )
            if country is None:
                errors.append(
                    _(
                        "Line %(line)s: “%(value)s” is not a country we know; give its ISO 3166 code or its English name."
                    )
                    % {"line": line, "value": row.get("country", "")[:100]}
                )
                continue
            status = ""
            if kind == StatusList.ECOSOC:
                status = ECOSOC_STATUSES.get(" ".join(row.get("status", "").lower().split()))
                if status is None:
                    errors.append(
                        _("Line %(line)s: “%(value)s” is not an ECOSOC status (General, Special or Roster).")
                        % {"line": line, "value": row.get("status", "")[:100]}
                    )
                    continue
            profile_number = row.get("profile_number", "")
            website = row.get("website", "")
            if len(profile_number) > 20 or len(website) > 300:
                errors.append(
                    _("Line %(line)s: the profile number or the website is too long.") % {"line": line}
                )
                continue
            normalized = normalize_name(name)
            key = f"profile:{profile_number}" if profile_number else f"name:{normalized}|{country}"
            if key in seen:
                errors.append(
                    _(
                        "Line %(line)s repeats line %(first)s (the same profile number, or the same name in the same country)."
                    )
                    % {"line": line, "first": seen[key]}
                )
                continue
            seen[key] = line
            rows.append(
                {
                    "key": key,
                    "name": name,
                    "normalized_name": normalized,
                    "country_id": country,
                    "website": website,
                    "website_host": website_host(website),
                    "ecosoc_status": status,
                    "profile_number": profile_number,
                }
            )
    except csv.Error as exc:
        errors.append(
            _("Line %(line)s cannot be read as CSV: %(error)s") % {"line": reader.line_num, "error": exc}
        )
    if errors:
        shown = errors[:MAX_ERRORS_SHOWN]
        if len(errors) > MAX_ERRORS_SHOWN:
            more = len(errors) - MAX_ERRORS_SHOWN
            shown.append(
                ngettext("… and %(count)s more problem.", "… and %(count)s more problems.", more)
                % {"count": more}
            )
        raise ValidationError([_("Nothing was imported.")] + shown)
    if not rows:
        raise ValidationError(_("The file has a header row but no organisations."))
    return rows


def import_list(kind, rows, *, by, filename):
    """Replace the list of this kind by `rows` (from parse_list): entries kept by their key, so
    their matches stay; entries no longer on the list are removed unless matched, in which case staff
    see them flagged and decide. A matched ECOSOC entry whose status changed changes the verified
    status with it. Candidates are proposed for every unmatched entry. Only what changed is
    written, row by row (Django's bulk_update builds one CASE per row and field, which took minutes
    at the list's size)."""
    kind = StatusList(kind)
    with transaction.atomic():
        batch = StatusListImport.objects.create(kind=kind, filename=filename[:255], rows=len(rows), uploaded_by=by)
        existing = {entry.key: entry for entry in StatusListEntry.objects.filter(kind=kind)}
        # Every entry still on the list now belongs to this import; those that left are handled below.
        StatusListEntry.objects.filter(kind=kind).update(last_import=batch, on_latest_list=True)
        new, kept, status_changed = [], [], []
        for row in rows:
            entry = existing.pop(row["key"], None)
            if entry is None:
                new.append(StatusListEntry(kind=kind, last_import=batch, **row))
                continue
            kept.append(entry)
            changes = {field: row[field] for field in ENTRY_FIELDS if getattr(entry, field) != row[field]}
            if not changes:
                continue
            if entry.organization_id and "ecosoc_status" in changes and kind == StatusList.ECOSOC:
                status_changed.append(entry)
            for field, value in changes.items():
                setattr(entry, field, value)
            StatusListEntry.objects.filter(pk=entry.pk).update(**changes)
            batch.updated += 1
        gone = list(existing.values())
        StatusListEntry.objects.filter(pk__in=[e.pk for e in gone if e.organization_id is None]).delete()
        StatusListEntry.objects.filter(pk__in=[e.pk for e in gone if e.organization_id]).update(on_latest_list=False)
        unmatched = [entry for entry in kept if entry.organization_id is None]
        _save_candidates(_propose(new + unmatched, kind))
        StatusListEntry.objects.bulk_create(new, batch_size=1000)
        batch.added, batch.dropped = len(new), len(gone)
        batch.save(update_fields=["added", "updated", "dropped"])
        log_activity(
            batch,
            "status_list.imported",
            actor=by,
            new_state=kind,
            note=f"{batch.rows} rows: {batch.added} new, {batch.updated} updated, {batch.dropped} no longer on the list",
        )
        for entry in status_changed:
            stakeholders.set_verified_status(
                entry.organization, by=by, reason=_match_reason(entry, batch), **verified_values(entry)
            )
    return batch


def propose_candidates(entries):
    """Propose, for each unmatched entry of `entries` (a queryset), the organisation with its
    ECOSOC profile number, else the same name in the same country, else the same website (when
    one organisation alone has it). A proposal changes nothing until staff confirm it. Returns
    how many entries have one."""
    entries = list(entries.filter(organization__isnull=True))
    kinds = {entry.kind for entry in entries}
    for kind in kinds:
        _save_candidates(_propose([e for e in entries if e.kind == kind], kind))
    return sum(entry.candidate_id is not None for entry in entries)


def _propose(entries, kind):
    """Set each entry's candidate; return the saved entries whose candidate changed."""
    taken = set(
        StatusListEntry.objects.filter(kind=kind, organization__isnull=False).values_list("organization_id", flat=True)
    )
    by_profile, by_name, by_host, shared_hosts = {}, {}, {}, set()
    for pk, name, country_id, website, profile in Organization.objects.values_list(
        "pk", "name", "country_id", "website", "ecosoc_profile_number"
    ):
        if pk in taken:
            continue
        if profile:
            by_profile[profile.strip()] = pk
        by_name[(normalize_name(name), country_id)] = pk
        host = website_host(website)
        if host:
            if host in by_host:
                shared_hosts.add(host)
            by_host[host] = pk
    changed = []
    for entry in entries:
        candidate, basis = None, ""
        options = (
            (MatchBasis.PROFILE_NUMBER, entry.profile_number and by_profile.get(entry.profile_number)),
            (MatchBasis.NAME_AND_COUNTRY, by_name.get((entry.normalized_name, entry.country_id))),
            (
                MatchBasis.WEBSITE,
                entry.website_host and entry.website_host not in shared_hosts and by_host.get(entry.website_host),
            ),
        )
        for option_basis, pk in options:
            if pk:
                candidate, basis = pk, option_basis
                break
        if (entry.candidate_id, entry.candidate_basis) != (candidate, basis):
            entry.candidate_id, entry.candidate_basis = candidate, basis
            if entry.pk is not None:
                changed.append(entry)
    return changed


def _save_candidates(entries):
    for entry in entries:
        StatusListEntry.objects.filter(pk=entry.pk).update(
            candidate_id=entry.candidate_id, candidate_basis=entry.candidate_basis
        )


def verified_values(entry, *, matched=True):
    """The verified status a match to `entry` gives (or, unmatched, takes away)."""
    kind = StatusList(entry.kind)
    if kind == StatusList.ECOSOC:
        return {"verified_ecosoc_status": entry.ecosoc_status if matched else EcosocStatus.NONE}
    if kind == StatusList.EARLIER:
        return {"verified_previous_accreditation": matched}
    return {"verified_nhri": matched}


def _match_reason(entry, batch):
    return _("Matched to “%(name)s” on the %(list)s imported on %(date)s.") % {
        "name": entry.name,
        "list": StatusList(entry.kind).label,
        "date": timezone.localtime(batch.uploaded_at).date().isoformat(),
    }


def check_match(entry, organization):
    """An organisation is matched to one entry per list: refuse a second."""
    other = StatusListEntry.objects.filter(kind=entry.kind, organization=organization).exclude(pk=entry.pk).first()
    if other is not None:
        raise ValidationError(
            _("%(organization)s is already matched to “%(entry)s” on this list.")
            % {"organization": organization.name, "entry": other.name}
        )


def match(entry, organization, *, by):
    """Staff confirm that `entry` is `organization`: its status is verified from the entry."""
    with transaction.atomic():
        entry = StatusListEntry.objects.select_for_update(of=("self",)).select_related("last_import").get(pk=entry.pk)
        if entry.organization_id == organization.pk:
            return entry
        if entry.organization_id is not None:
            raise ValidationError(
                _("“%(entry)s” is already matched to %(organization)s; undo that match first.")
                % {"entry": entry.name, "organization": entry.organization.name}
            )
        check_match(entry, organization)
        entry.organization, entry.matched_by, entry.matched_at = organization, by, timezone.now()
        entry.save(update_fields=["organization", "matched_by", "matched_at"])
        log_activity(entry, "status_list.match", actor=by, old_state="", new_state=organization.name)
        stakeholders.set_verified_status(
            organization, by=by, reason=_match_reason(entry, entry.last_import), **verified_values(entry)
        )
    return entry


def unmatch(entry, *, by):
    """Staff undo a match: the status it verified is no longer verified."""
    with transaction.atomic():
        entry = StatusListEntry.objects.select_for_update(of=("self",)).select_related("organization").get(pk=entry.pk)
        organization = entry.organization
        if organization is None:
            return entry
        entry.organization, entry.matched_by, entry.matched_at = None, None, None
        entry.save(update_fields=["organization", "matched_by", "matched_at"])
        log_activity(entry, "status_list.match", actor=by, old_state=organization.name, new_state="")
        stakeholders.set_verified_status(
            organization,
            by=by,
            reason=_("The match to “%(name)s” on the %(list)s was undone.")
            % {"name": entry.name, "list": StatusList(entry.kind).label},
            **verified_values(entry, matched=False),
        )
    return entry
