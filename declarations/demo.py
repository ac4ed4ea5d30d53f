"""Demo declaration: IMRF 2026's Progress Declaration as a zero draft, a first revision and the
adopted text (paragraphs illustrative, and saying so), with key messages of the organisations
accredited to IMRF 2026, endorsements between them and the secretariat's marks of what became of
them, taken through the real rules.

Run after stakeholders.demo.seed() (and verification's matching, which approves accreditations):
it uses the organisations accredited to IMRF 2026. Running it twice changes nothing."""

import datetime

from django.db import transaction

from core.audit import log_activity
from declarations import services
from declarations.enums import Fate, KeyMessageState, VersionKind
from declarations.models import DeclarationVersion, Endorsement, KeyMessage, Paragraph
from forums.models import Forum
from reference.models import GuidingPrinciple, Objective
from stakeholders.models import Accreditation

SECTION_1 = "Demo text (illustrative): commitments"
SECTION_2 = "Demo text (illustrative): the way forward"

ZERO_DRAFT = [
    (SECTION_1, "We reaffirm our commitment to safe, orderly and regular migration."),
    (SECTION_1, "We will improve the collection of accurate and disaggregated data on migration."),
    (SECTION_1, "We will expand regular pathways for labour migration in cooperation with employers."),
    (SECTION_1, "We will ensure that migrants have access to basic services."),
    (SECTION_2, "We will review progress at the next forum."),
]
REVISION_1 = [
    (SECTION_1, "We reaffirm our commitment to safe, orderly and regular migration."),
    (
        SECTION_1,
        "We will improve the collection of accurate, timely and disaggregated data on migration, "
        "including with migrant-led organisations.",
    ),
    (SECTION_1, "We will expand regular pathways for labour migration in cooperation with employers and trade unions."),
    (SECTION_1, "We will ensure that all migrants, regardless of status, have access to basic services."),
    (SECTION_2, "We will review progress at the next forum, with the participation of stakeholders."),
]
ADOPTED = [
    (SECTION_1, "We reaffirm our commitment to safe, orderly and regular migration."),
    (
        SECTION_1,
        "We will improve the collection of accurate, timely and disaggregated data on migration, "
        "including with migrant-led organisations and local authorities.",
    ),
    (SECTION_1, "We will expand regular pathways for labour migration in cooperation with employers and trade unions."),
    (SECTION_1, "We will ensure that all migrants, regardless of status, have access to basic services."),
    (SECTION_1, "We will protect the human rights of migrants in vulnerable situations."),
    (SECTION_2, "We will review progress at the next forum, with the meaningful participation of stakeholders."),
]

# title, text, paragraph numbers of the zero draft, objectives, principles, fate in revision 1, landing paragraph
MESSAGES = [
    (
        "Data with migrant-led organisations (demo)",
        "Demo key message (illustrative): data collection should involve migrant-led organisations.",
        [2],
        [1],
        ["g"],
        Fate.REFLECTED,
        2,
    ),
    (
        "Trade unions in labour pathways (demo)",
        "Demo key message (illustrative): name trade unions among the partners of labour pathways.",
        [3],
        [5, 6],
        ["e"],
        Fate.REFLECTED,
        3,
    ),
    (
        "Services regardless of status (demo)",
        "Demo key message (illustrative): access to basic services must not depend on migration status.",
        [4],
        [15],
        ["f", "j"],
        Fate.PARTLY_REFLECTED,
        4,
    ),
    (
        "A review mechanism with stakeholders (demo)",
        "Demo key message (illustrative): set up a standing review mechanism with stakeholders.",
        [5],
        [23],
        ["i"],
        Fate.NOT_REFLECTED,
        None,
    ),
]


def _version(forum, kind, number, date, texts):
    version = DeclarationVersion.objects.create(forum=forum, kind=kind, number=number, date=date, published=True)
    Paragraph.objects.bulk_create(
        Paragraph(version=version, number=index, section=section, text=text)
        for index, (section, text) in enumerate(texts, start=1)
    )
    return version


@transaction.atomic
def seed():
    forum = Forum.objects.get(year=2026)
    if DeclarationVersion.objects.filter(forum=forum).exists():
        return list(KeyMessage.objects.filter(forum=forum))
    organizations = [
        a.organization
        for a in Accreditation.objects.approved().filter(forum=forum).select_related("organization").order_by("pk")
    ]
    zero = _version(forum, VersionKind.ZERO_DRAFT, 0, datetime.date(2026, 2, 10), ZERO_DRAFT)
    revision = _version(forum, VersionKind.REVISION, 1, datetime.date(2026, 3, 24), REVISION_1)
    _version(forum, VersionKind.ADOPTED, 0, datetime.date(2026, 5, 8), ADOPTED)
    if len(organizations) < 2:
        return []
    objectives = {o.number: o for o in Objective.objects.all()}
    principles = {p.letter: p for p in GuidingPrinciple.objects.all()}
    created = []
    for index, (title, text, numbers, objective_numbers, letters, fate, landing) in enumerate(MESSAGES):
        organization = organizations[index % len(organizations)]
        message = KeyMessage.objects.create(
            forum=forum, organization=organization, version=zero, title=title, text=text
        )
        message.paragraphs.set(zero.paragraphs.filter(number__in=numbers))
        message.objectives.set([objectives[n] for n in objective_numbers])
        message.guiding_principles.set([principles[letter] for letter in letters])
        log_activity(message, "key_message.created", new_state=message.state)
        services.set_key_message_state(message, KeyMessageState.SUBMITTED, by=None)
        services.set_key_message_state(message, KeyMessageState.PUBLISHED, by=None)
        for other in organizations:
            if other != organization and len(message.endorsements.all()) < 2:
                Endorsement.objects.create(message=message, organization=other)
                log_activity(message, "key_message.endorsed", note=other.name)
        services.mark_outcome(
            message,
            revision,
            fate=fate,
            paragraph=revision.paragraphs.get(number=landing) if landing else None,
            note="Demo mark (illustrative).",
            by=None,
        )
        created.append(message)
    return created
