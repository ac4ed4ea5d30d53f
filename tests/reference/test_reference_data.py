"""The official texts, loaded by data migrations, exactly as A/RES/73/195 gives them."""

import pytest

from reference.models import GuidingPrinciple, Objective

pytestmark = pytest.mark.django_db

EXPECTED_OBJECTIVES = [
    (1, "Collect and utilize accurate and disaggregated data as a basis for evidence-based policies", "Data"),
    (
        2,
        "Minimize the adverse drivers and structural factors that compel people to leave their country of origin",
        "Minimize adverse drivers",
    ),
    (3, "Provide accurate and timely information at all stages of migration", "Information provision"),
    (
        4,
        "Ensure that all migrants have proof of legal identity and adequate documentation",
        "Legal identity and documentation",
    ),
    (5, "Enhance availability and flexibility of pathways for regular migration", "Regular pathways"),
    (
        6,
        "Facilitate fair and ethical recruitment and safeguard conditions that ensure decent work",
        "Recruitment and decent work",
    ),
    (7, "Address and reduce vulnerabilities in migration", "Reduce vulnerabilities"),
    (8, "Save lives and establish coordinated international efforts on missing migrants", "Save lives"),
    (9, "Strengthen the transnational response to smuggling of migrants", "Counter smuggling"),
    (
        10,
        "Prevent, combat and eradicate trafficking in persons in the context of international migration",
        "Eradicate trafficking",
    ),
    (11, "Manage borders in an integrated, secure and coordinated manner", "Manage borders"),
    (
        12,
        "Strengthen certainty and predictability in migration procedures for appropriate screening, assessment and referral",
        "Screening and referral",
    ),
    (
        13,
        "Use migration detention only as a measure of last resort and work towards alternatives",
        "Alternatives to detention",
    ),
    (
        14,
        "Enhance consular protection, assistance and cooperation throughout the migration cycle",
        "Consular protection",
    ),
    (15, "Provide access to basic services for migrants", "Access to basic services"),
    (
        16,
        "Empower migrants and societies to realize full inclusion and social cohesion",
        "Inclusion and social cohesion",
    ),
    (
        17,
        "Eliminate all forms of discrimination and promote evidence-based public discourse to shape perceptions of migration",
        "Eliminate discrimination",
    ),
    (
        18,
        "Invest in skills development and facilitate mutual recognition of skills, qualifications and competences",
        "Skills development and recognition",
    ),
    (
        19,
        "Create conditions for migrants and diasporas to fully contribute to sustainable development in all countries",
        "Migrant and diaspora contributions",
    ),
    (
        20,
        "Promote faster, safer and cheaper transfer of remittances and foster financial inclusion of migrants",
        "Remittances",
    ),
    (
        21,
        "Cooperate in facilitating safe and dignified return and readmission, as well as sustainable reintegration",
        "Dignified return and reintegration",
    ),
    (
        22,
        "Establish mechanisms for the portability of social security entitlements and earned benefits",
        "Social protection",
    ),
    (
        23,
        "Strengthen international cooperation and global partnerships for safe, orderly and regular migration",
        "International cooperation",
    ),
]

EXPECTED_PRINCIPLES = [
    ("a", "People-centred"),
    ("b", "International cooperation"),
    ("c", "National sovereignty"),
    ("d", "Rule of law and due process"),
    ("e", "Sustainable development"),
    ("f", "Human rights"),
    ("g", "Gender-responsive"),
    ("h", "Child-sensitive"),
    ("i", "Whole-of-government approach"),
    ("j", "Whole-of-society approach"),
]


def test_the_23_objectives_with_their_official_titles_and_labels():
    assert list(Objective.objects.values_list("number", "title", "short_label")) == EXPECTED_OBJECTIVES


def test_the_10_guiding_principles():
    assert list(GuidingPrinciple.objects.values_list("letter", "name")) == EXPECTED_PRINCIPLES
