"""Open data across the portal's domains: the list of every dataset (the /open-data/ page), the
Table Schemas of the lists, and the nightly full dump (one zip: every CSV, the schemas, a README
with the licence), built by portal.tasks.build_open_data_dump and served as a file."""

import json
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import open_data
from core.storage import save_with_checksum, stored_checksum
from declarations import exports as declaration_exports
from declarations import queries as declaration_queries
from forums import exports as forum_exports
from forums.enums import ForumStatus
from forums.models import Forum
from pledges import exports as pledge_exports
from pledges.registry import query as registry_query
from pledges.registry.labels import labels as current_labels
from practices import exports as practice_exports
from practices import queries as practice_queries
from side_events import exports as side_event_exports
from stakeholders import exports as stakeholder_exports
from summaries import exports as summary_exports

DUMP_NAME = "open-data/imrf-open-data.zip"
CHECKSUM_NAME = DUMP_NAME + ".sha256"


@dataclass(frozen=True)
class Dataset:
    name: str  # the file's name in the dump, and its schema's
    title: object
    description: object
    csv_url: str  # a path; {year} for a forum's list
    json_url: str
    schema_url: str
    json_schema_url: str = ""
    dictionary_url: str = ""
    # Which forums have a list of their own: every public forum, or those with a declaration.
    forums: str = "public"

    def links(self, years):
        """(year or None, CSV, JSON) for the whole list, or for each forum's (`years` by
        `forums`: {"public": [...], "declaration": [...]})."""
        if "{year}" not in self.csv_url:
            return [(None, self.csv_url, self.json_url)]
        return [
            (year, self.csv_url.format(year=year), self.json_url.format(year=year)) for year in years[self.forums]
        ]


def pledge_records_csv():
    """Every pledge on record, published or left the registry (flagged), by reference."""
    selection = registry_query.select(QueryDict("former=on&sort=reference"), off_request=True)
    return pledge_exports.csv_stream(selection.ids(), selection.labels)


def organization_schema():
    return open_data.table_schema(
        stakeholder_exports.DIRECTORY_COLUMNS,
        title=_("IMRF accredited organisations"),
        required=("name", "category", "url"),
    )


def side_event_schema():
    return open_data.table_schema(
        side_event_exports.COLUMNS,
        title=_("IMRF side events"),
        required=("forum", "title", "url", "starts_at", "ends_at", "organizer"),
        primary_key=("url",),
    )


def programme_schema():
    return open_data.table_schema(
        forum_exports.COLUMNS,
        title=_("IMRF programme: the forums' sessions"),
        required=("forum", "kind", "title", "url", "starts_at", "ends_at"),
        primary_key=("url",),
    )


def summary_schema():
    return open_data.table_schema(
        summary_exports.COLUMNS,
        title=_("IMRF summaries: their metadata"),
        required=("forum", "session", "kind", "starts_at", "url", "published_at"),
        primary_key=("url",),
    )


def key_message_schema():
    return open_data.table_schema(
        declaration_exports.COLUMNS,
        title=_("IMRF Progress Declaration: key messages"),
        required=("id", "forum", "url", "organization", "text", "version", "published_at"),
        primary_key=("id",),
    )


def declaration_paragraph_schema():
    return open_data.table_schema(
        declaration_exports.PARAGRAPH_COLUMNS,
        title=_("IMRF Progress Declaration: the paragraphs of its versions"),
        required=("forum", "version", "version_date", "number", "text", "url"),
        primary_key=("url",),
    )


# The Table Schemas served at /open-data/<name>.schema.json (the pledges' and the practices'
# beside their registries; in the dump, every one under schemas/).
SCHEMAS = {
    "programme": programme_schema,
    "side-events": side_event_schema,
    "organizations": organization_schema,
    "summaries": summary_schema,
    "key-messages": key_message_schema,
    "declaration-paragraphs": declaration_paragraph_schema,
}


def forum_years():
    """The forums each per-forum dataset is listed for, as Dataset.links reads them."""
    return {
        "public": list(Forum.objects.public().order_by("-year").values_list("year", flat=True)),
        "declaration": declaration_queries.declaration_years(),
    }


def datasets():
    return [
        Dataset(
            "pledges",
            _("Pledges"),
            _(
                "The registry of pledges; in the dump, also the pledges that left the registry, "
                "as their public record (flagged in the left_registry column)."
            ),
            "/pledges/export.csv",
            "/pledges/export.json",
            "/pledges/table-schema.json",
            "/pledges/schema.json",
            "/pledges/data-dictionary/",
        ),
        Dataset(
            "practices",
            _("Good practices"),
            _("The published good practices of the registry, with the calls they answer."),
            "/practices/export.csv",
            "/practices/export.json",
            "/practices/export.table-schema.json",
            "/practices/export.schema.json",
            "/practices/data/",
        ),
        Dataset(
            "programme",
            _("Programme"),
            _("The sessions of a forum: hearings, round tables, debates, plenary segments."),
            "/forums/{year}/programme.csv",
            "/forums/{year}/programme.json",
            "/open-data/programme.schema.json",
        ),
        Dataset(
            "organizations",
            _("Accredited organisations"),
            _("Every organisation that chose to be listed, accredited to a published forum."),
            "/organizations/export.csv",
            "/organizations/export.json",
            "/open-data/organizations.schema.json",
        ),
        Dataset(
            "side-events",
            _("Side events"),
            _("The accepted and announced side events of a forum (in the dump: of every forum)."),
            "/forums/{year}/side-events/export.csv",
            "/forums/{year}/side-events/export.json",
            "/open-data/side-events.schema.json",
        ),
        Dataset(
            "summaries",
            _("Summaries"),
            _("The distributed summaries of a forum's sessions: their pages, PDFs and languages."),
            "/forums/{year}/summaries/export.csv",
            "/forums/{year}/summaries/export.json",
            "/open-data/summaries.schema.json",
        ),
        Dataset(
            "key-messages",
            _("Key messages on the Progress Declaration"),
            _(
                "The published key messages of stakeholders on a forum's Progress Declaration: the "
                "paragraphs they address, who endorses them and what became of them."
            ),
            "/forums/{year}/declaration/key-messages.csv",
            "/forums/{year}/declaration/key-messages.json",
            "/open-data/key-messages.schema.json",
            forums="declaration",
        ),
        Dataset(
            "declaration-paragraphs",
            _("Progress Declaration paragraphs"),
            _("Every paragraph of each published version of a forum's Progress Declaration."),
            "/forums/{year}/declaration/paragraphs.csv",
            "/forums/{year}/declaration/paragraphs.json",
            "/open-data/declaration-paragraphs.schema.json",
            forums="declaration",
        ),
    ]


def public_practices():
    """The published practices, by number (the dump's order)."""
    return list(practice_queries.published().order_by("pk").values_list("pk", flat=True))


def public_key_messages():
    """The published key messages of every public forum."""
    return declaration_queries.public_messages().filter(forum__status__in=ForumStatus.public_states())


def dump_csvs():
    """(file name, CSV chunks) of every dataset, as the dump holds them."""
    return [
        ("pledges.csv", pledge_records_csv()),
        (
            "programme.csv",
            open_data.csv_stream(
                forum_exports.COLUMNS, forum_exports.records(forum_exports.public_sessions())
            ),
        ),
        (
            "organizations.csv",
            open_data.csv_stream(
                stakeholder_exports.DIRECTORY_COLUMNS, stakeholder_exports.directory_records()
            ),
        ),
        (
            "side-events.csv",
            open_data.csv_stream(
                side_event_exports.COLUMNS,
                side_event_exports.records(side_event_exports.public_side_events()),
            ),
        ),
        (
            "summaries.csv",
            open_data.csv_stream(
                summary_exports.COLUMNS, summary_exports.records(summary_exports.published_summaries())
            ),
        ),
        ("practices.csv", open_data.csv_stream(practice_exports.COLUMNS, practice_exports.records(public_practices()))),
        (
            "key-messages.csv",
            open_data.csv_stream(declaration_exports.COLUMNS, declaration_exports.records(public_key_messages())),
        ),
        (
            "declaration-paragraphs.csv",
            open_data.csv_stream(
                declaration_exports.PARAGRAPH_COLUMNS,
                declaration_exports.paragraph_records(declaration_queries.public_paragraphs()),
            ),
        ),
    ]


README = """IMRF Stakeholder Portal: open data
====================================

Generated {generated} from {site}.

Licence: Creative Commons Attribution 4.0 International (CC BY 4.0),
{licence_url}
Attribute as: "IMRF Stakeholder Portal, {site}".

Files
-----
pledges.csv            every pledge published, and those that left the registry
                       (withdrawn or unpublished) as their public record,
                       flagged in the left_registry column
programme.csv          the sessions of every published forum
organizations.csv      accredited organisations listed in the directory
side-events.csv        the accepted and announced side events of every forum
summaries.csv          the distributed summaries (metadata, links to the PDFs)
practices.csv          the published good practices
key-messages.csv       the published key messages on each forum's Progress
                       Declaration, their endorsements and what became of them
declaration-paragraphs.csv
                       every paragraph of each published version of a
                       forum's Progress Declaration
schemas/*.json         a Frictionless Table Schema per CSV, and the JSON Schemas of
                       the JSON exports of the pledges (pledges.schema.json), the
                       practices (practices.schema.json) and the declarations
                       (declarations.schema.json)

Every CSV is UTF-8 with a byte order mark; a cell that would begin with = + - @
is prefixed with a single quote, so that no spreadsheet runs it as a formula.
Columns of the pledges: {site}/pledges/data-dictionary/
Columns of the practices: {site}/practices/data/
"""


def write_dump(target):
    """The zip into an open binary file."""
    labels = current_labels()
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, chunks in dump_csvs():
            with archive.open(name, "w") as member:
                for chunk in chunks:
                    member.write(chunk.encode("utf-8"))
        schemas = {
            "schemas/pledges.table-schema.json": pledge_exports.table_schema(labels),
            "schemas/pledges.schema.json": pledge_exports.json_schema(labels),
            **{f"schemas/{name}.table-schema.json": build() for name, build in SCHEMAS.items()},
            "schemas/practices.table-schema.json": practice_exports.csv_table_schema(),
            "schemas/practices.schema.json": practice_exports.json_schema(),
            "schemas/declarations.schema.json": declaration_exports.json_schema(),
        }
        for name, schema in schemas.items():
            archive.writestr(name, json.dumps(schema, ensure_ascii=False, indent=2))
        archive.writestr(
            "README.txt",
            README.format(
                generated=open_data.utc(timezone.now()),
                site=settings.SITE_URL,
                licence_url=open_data.LICENCE_URL,
            ),
        )


def build_dump():
    """Write the dump and its checksum to the generated documents' storage, each replaced whole
    (core.storage): a download never reads half a zip. Returns the SHA-256."""
    return save_with_checksum(DUMP_NAME, write_dump).hex()


def dump_checksum():
    """The dump's SHA-256 as its .sha256 file says, or None before the first dump."""
    recorded = stored_checksum(DUMP_NAME)
    return recorded.hex() if recorded else None
