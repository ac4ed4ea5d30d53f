"""The floor plan: the portal's apps depend only downwards,

    core ← reference ← forums ← stakeholders
        ← {verification, side_events, practices, reviews, declarations, coalitions} ← pledges
        ← summaries ← {portal, api, follow}

and no import inside a function crosses from one app into another (if one seems needed, the code
is on the wrong floor). Every module of every app is parsed; migrations are history and left out.
The project package (imrf_portal) sits above the apps: they may read its settings, its Celery app
and its environment parser, nothing else."""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
FLOORS = {
    "core": 0,
    "reference": 1,
    "forums": 2,
    "stakeholders": 3,
    "verification": 4,
    "side_events": 4,
    "practices": 4,
    "reviews": 4,
    "declarations": 4,
    "coalitions": 4,
    # Pledges sit a floor above the other stakeholder activities: a pledge may build on them
    # (cite a good practice, come from a coalition's work), never the other way round.
    "pledges": 5,
    "summaries": 6,
    "portal": 7,
    "api": 7,
    "follow": 7,
}
PROJECT = "imrf_portal"
PROJECT_ALLOWED = {"imrf_portal.settings", "imrf_portal.celery", "imrf_portal.env"}


def modules(app):
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" not in path.relative_to(ROOT).parts:
            yield path


def imports(path):
    """(line, imported module, inside a function?) for every import of the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []

    def visit(node, in_function):
        for child in ast.iter_child_nodes(node):
            inner = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.Import):
                found.extend((child.lineno, alias.name, in_function) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    parts = list(path.relative_to(ROOT).with_suffix("").parts)
                    base = parts[: len(parts) - child.level]
                    module = ".".join([*base, child.module] if child.module else base)
                else:
                    module = child.module
                found.append((child.lineno, module, in_function))
            visit(child, inner)

    visit(tree, False)
    return found


def app_of(module):
    top = module.split(".")[0]
    return top if top in FLOORS or top == PROJECT else None


def violations():
    found = []
    for app, floor in FLOORS.items():
        for path in modules(app):
            where = path.relative_to(ROOT)
            for line, module, in_function in imports(path):
                target = app_of(module)
                if target is None or target == app:
                    continue
                if target == PROJECT:
                    if not any(module == allowed or module.startswith(allowed + ".") for allowed in PROJECT_ALLOWED):
                        found.append(f"{where}:{line} imports the project's {module}")
                    continue
                if FLOORS[target] > floor or (FLOORS[target] == floor and target != app):
                    found.append(f"{where}:{line} points up: {app} (floor {floor}) imports {module}")
                elif in_function:
                    found.append(f"{where}:{line} imports {module} inside a function")
    return found


def test_every_import_between_apps_points_down_a_floor_and_none_hides_in_a_function():
    assert violations() == []


def test_the_installed_apps_are_listed_floor_by_floor():
    ours = [app for app in settings.INSTALLED_APPS if app in FLOORS]
    assert ours == sorted(FLOORS, key=lambda app: (FLOORS[app], ours.index(app)))
    assert set(ours) == set(FLOORS)


def test_the_contract_sees_what_it_must_refuse(tmp_path):
    # The check itself: an upward import and a function-local one are both reported.
    sample = tmp_path / "sample.py"
    sample.write_text("import os\n\ndef f():\n    from pledges.models import Pledge\n")
    assert imports(sample) == [(1, "os", False), (4, "pledges.models", True)]
