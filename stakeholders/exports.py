"""The non-objection list that the secretariat shares with Member States, as CSV and PDF."""

import csv
import io

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from core.csv_cells import safe_dict
from core.pdf import artifact_margins

COLUMNS = [
    ("organization", _("Organisation")),
    ("acronym", _("Acronym")),
    ("category", _("Category")),
    ("country", _("Country of headquarters")),
    ("website", _("Website")),
    ("ecosoc_status", _("ECOSOC status")),
    ("mission", _("Mission and main activities")),
    ("migration_work", _("Work on migration")),
]


def _rows(accreditations):
    for a in accreditations:
        o = a.organization
        yield {
            "organization": o.name,
            "acronym": o.acronym,
            "category": o.get_category_display(),
            "country": o.country.name,
            "website": o.website,
            "ecosoc_status": o.get_verified_ecosoc_status_display(),
            "mission": a.mission,
            "migration_work": a.migration_work,
        }


def non_objection_csv(accreditations):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[key for key, _label in COLUMNS])
    writer.writerow(safe_dict({key: label for key, label in COLUMNS}))
    # Applicants type these cells; the list goes to Member States, who open it in a spreadsheet.
    writer.writerows(safe_dict(row) for row in _rows(accreditations))
    return buffer.getvalue()


def non_objection_pdf(forum, accreditations):
    from weasyprint import HTML

    html = render_to_string(
        "stakeholders/non_objection_list_pdf.html",
        {"forum": forum, "rows": list(_rows(accreditations)), "generated": timezone.now()},
    )
    # Nothing to fetch: the template carries its own styles and no images or links to load.
    return HTML(string=html, url_fetcher=_refuse_fetch).write_pdf(
        pdf_variant="pdf/ua-1", finisher=artifact_margins
    )


def _refuse_fetch(url, *args, **kwargs):
    raise ValueError(f"The non-objection list fetches nothing: {url}")
