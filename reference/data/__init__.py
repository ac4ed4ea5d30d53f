"""The GCM's 23 objectives (A/RES/73/195, para. 16), its 10 guiding principles (para. 15) and
the countries and territories with their M49 regions, 193 of them Member States (countries.json,
checked against country-converter in the tests). Loaded by a data migration, and again by the
tests that empty the database."""

import json
from pathlib import Path

from babel import Locale

OBJECTIVES = [
    (1, "Collect and utilize accurate and disaggregated data as a basis for evidence-based policies", "Data"),
    (2, "Minimize the adverse drivers and structural factors that compel people to leave their country of origin", "Minimize adverse drivers"),
    (3, "Provide accurate and timely information at all stages of migration", "Information provision"),
    (4, "Ensure that all migrants have proof of legal identity and adequate documentation", "Legal identity and documentation"),
    (5, "Enhance availability and flexibility of pathways for regular migration", "Regular pathways"),
    (6, "Facilitate fair and ethical recruitment and safeguard conditions that ensure decent work", "Recruitment and decent work"),
    (7, "Address and reduce vulnerabilities in migration", "Reduce vulnerabilities"),
    (8, "Save lives and establish coordinated international efforts on missing migrants", "Save lives"),
    (9, "Strengthen the transnational response to smuggling of migrants", "Counter smuggling"),
    (10, "Prevent, combat and eradicate trafficking in persons in the context of international migration", "Eradicate trafficking"),
    (11, "Manage borders in an integrated, secure and coordinated manner", "Manage borders"),
    (12, "Strengthen certainty and predictability in migration procedures for appropriate screening, assessment and referral", "Screening and referral"),
    (13, "Use migration detention only as a measure of last resort and work towards alternatives", "Alternatives to detention"),
    (14, "Enhance consular protection, assistance and cooperation throughout the migration cycle", "Consular protection"),
    (15, "Provide access to basic services for migrants", "Access to basic services"),
    (16, "Empower migrants and societies to realize full inclusion and social cohesion", "Inclusion and social cohesion"),
    (17, "Eliminate all forms of discrimination and promote evidence-based public discourse to shape perceptions of migration", "Eliminate discrimination"),
    (18, "Invest in skills development and facilitate mutual recognition of skills, qualifications and competences", "Skills development and recognition"),
    (19, "Create conditions for migrants and diasporas to fully contribute to sustainable development in all countries", "Migrant and diaspora contributions"),
    (20, "Promote faster, safer and cheaper transfer of remittances and foster financial inclusion of migrants", "Remittances"),
    (21, "Cooperate in facilitating safe and dignified return and readmission, as well as sustainable reintegration", "Dignified return and reintegration"),
    (22, "Establish mechanisms for the portability of social security entitlements and earned benefits", "Social protection"),
    (23, "Strengthen international cooperation and global partnerships for safe, orderly and regular migration", "International cooperation"),
]

GUIDING_PRINCIPLES = [
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

COUNTRIES = Path(__file__).resolve().parent / "countries.json"


def countries():
    return json.loads(COUNTRIES.read_text(encoding="utf-8"))


def load(Objective, GuidingPrinciple, Country):
    """Put the official lists into these models (historical ones in a migration)."""
    for number, title, label in OBJECTIVES:
        Objective.objects.update_or_create(number=number, defaults={"title": title, "short_label": label})
    for letter, name in GUIDING_PRINCIPLES:
        GuidingPrinciple.objects.update_or_create(letter=letter, defaults={"name": name})
    for row in countries():
        Country.objects.update_or_create(
            iso3=row["iso3"],
            defaults={
                "iso2": row["iso2"],
                "m49_code": row["m49"],
                "name": row["name"],
                "region": row["region"],
                "subregion": row["subregion"],
                "un_member": row["un_member"],
            },
        )


# The languages the reference texts are kept in besides English, as Babel names their locales.
LANGUAGES = {"fr": "fr", "es": "es", "ar": "ar", "zh_hans": "zh_Hans", "ru": "ru"}
TRANSLATIONS = Path(__file__).resolve().parent / "i18n"


def translations(language):
    """The objectives' and principles' official texts in one language (i18n/<language>.json)."""
    path = TRANSLATIONS / f"{LANGUAGES[language]}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"objectives": {}, "principles": {}}


def country_name(iso2, language):
    """The country's name in a language, from the Unicode CLDR (Babel); None if it has none."""
    return Locale.parse(LANGUAGES[language]).territories.get(iso2)


def load_translations(Objective, GuidingPrinciple, Country):
    """Put the texts in every language into the translated columns of these models (historical
    ones in a migration): `title_fr`, `name_zh_hans`..."""
    for language in LANGUAGES:
        texts = translations(language)
        for number, text in texts["objectives"].items():
            Objective.objects.filter(number=int(number)).update(
                **{f"title_{language}": text["title"], f"short_label_{language}": text["short_label"]}
            )
        for letter, name in texts["principles"].items():
            GuidingPrinciple.objects.filter(letter=letter).update(**{f"name_{language}": name})
    for country in Country.objects.all():
        names = {f"name_{language}": country_name(country.iso2, language) for language in LANGUAGES}
        Country.objects.filter(pk=country.pk).update(**{field: name for field, name in names.items() if name})
