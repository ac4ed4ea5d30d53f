"""The non-objection list that the secretariat shares with Member States, as CSV and PDF."""

import csv
import io

from django.conf import settings
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.csv_cells import safe_dict
from core.open_data import Column
from core.pdf import artifact_margins
from forums.enums import ForumStatus
from stakeholders.enums import AccreditationState
from stakeholders.models import Accreditation, Organization

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


# --- Open data: the directory of accredited organisations ----------------------------------------

DIRECTORY_COLUMNS = [
    Column("name", "string", gettext_lazy("The organisation's name.")),
    Column("acronym", "string or empty", gettext_lazy("Its acronym.")),
    Column("category", "code", gettext_lazy("Its stakeholder category.")),
    Column("country", "code", gettext_lazy("ISO 3166 alpha-3 code of the country of its headquarters.")),
    Column("url", "string (URL)", gettext_lazy("Its page on the portal.")),
    Column(
        "website", "string (URL) or empty", gettext_lazy("Its website, if the organisation agreed to publish it.")
    ),
    Column(
        "description",
        "string or empty",
        gettext_lazy("Its description, if the organisation agreed to publish it."),
    ),
    Column("forums", "list of integers", gettext_lazy("The forums it is accredited to (years).")),
]


def directory_organizations():
    """The organisations the public directory lists: listed by their own choice, with an approved
    accreditation to a public forum. Two queries, whatever the rows."""
    accreditations = Accreditation.objects.filter(
        state=AccreditationState.APPROVED, forum__status__in=ForumStatus.public_states()
    ).select_related("forum")
    return (
        Organization.objects.filter(
            listed_in_directory=True,
            accreditations__state=AccreditationState.APPROVED,
            accreditations__forum__status__in=ForumStatus.public_states(),
        )
        .distinct()
        .select_related("country")
        .prefetch_related(Prefetch("accreditations", queryset=accreditations, to_attr="public_accreditations"))
        .order_by("name", "pk")
    )


def directory_record(organization):
    # Only what each organisation agreed to publish (its publish_* choices).
    return {
        "name": organization.name,
        "acronym": organization.acronym,
        "category": organization.category,
        "country": organization.country.iso3 if organization.country_id else None,
        "url": settings.SITE_URL + organization.get_absolute_url(),
        "website": organization.website if organization.publish_website and organization.website else None,
        "description": organization.description if organization.publish_description else None,
        "forums": sorted({a.forum.year for a in organization.public_accreditations}),
    }


def directory_records():
    for organization in directory_organizations().iterator(chunk_size=2000):
        yield directory_record(organization)
