"""The six languages' catalogues are complete: every string of ours is translated in each (no
empty, no fuzzy entry), keeps its placeholders, and makemessages finds nothing that is not there."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings as django_settings
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ["fr", "es", "ar", "zh_Hans", "ru"]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]|\{\d*\}")
# Every app of ours (whatever a later change adds), the project, the templates.
SOURCES = [
    *(app for app in django_settings.INSTALLED_APPS if (ROOT / app).is_dir()),
    "imrf_portal",
    "templates",
    "manage.py",
]


def catalogue(language):
    with (ROOT / "locale" / language / "LC_MESSAGES" / "django.po").open("rb") as handle:
        return read_po(handle, locale=language)


def strings(message):
    return list(message.string) if isinstance(message.string, tuple) else [message.string]


def ids(message):
    return list(message.id) if isinstance(message.id, tuple) else [message.id]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated_and_none_is_fuzzy(language):
    entries = [m for m in catalogue(language) if m.id]
    assert len(entries) > 1000
    assert [m.id for m in entries if m.fuzzy] == []
    assert [m.id for m in entries if not all(s.strip() for s in strings(m))] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_translation_keeps_its_placeholders(language):
    wrong = []
    for message in catalogue(language):
        if not message.id:
            continue
        wanted = {p for text in ids(message) for p in PLACEHOLDER.findall(text) if p}
        forms = strings(message)
        for n, text in enumerate(forms):
            found = set(PLACEHOLDER.findall(text)) - {""}
            # A plural form for few items may say the number in words ("one pledge", "تعهدان")
            # and leave a placeholder out; the last form, and every singular message, keep them all.
            may_omit = isinstance(message.id, tuple) and n < len(forms) - 1
            if found - wanted or (not may_omit and wanted - found):
                wrong.append((message.id, text))
    assert wrong == []


def test_makemessages_finds_no_string_that_the_catalogues_lack(tmp_path):
    for name in SOURCES:
        source = ROOT / name
        target = tmp_path / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy(source, target)
    shutil.copytree(ROOT / "locale", tmp_path / "locale")
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "fr", "--no-obsolete", "--no-location"],
        cwd=tmp_path,
        # The copy holds the portal, not the tests' settings module.
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "imrf_portal.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    fresh = {m.id for m in catalogue_at(tmp_path / "locale" / "fr" / "LC_MESSAGES" / "django.po") if m.id}
    committed = {m.id for m in catalogue("fr") if m.id}
    assert sorted(map(str, fresh - committed)) == []


def catalogue_at(path):
    with path.open("rb") as handle:
        return read_po(handle, locale="fr")


@pytest.mark.parametrize(("language", "expected"), [("fr", "Engagements"), ("ar", "التعهدات"), ("zh-hans", "承诺")])
def test_the_compiled_catalogues_are_the_ones_in_use(language, expected):
    with translation.override(language):
        assert translation.gettext("Pledges") == expected
