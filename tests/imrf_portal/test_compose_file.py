"""docker-compose.yml, checked against the Compose specification's JSON schema (no Docker engine here)."""

import subprocess
import sys
from pathlib import Path

import yaml

from tests.helpers import ROOT

COMPOSE = ROOT / "docker-compose.yml"


def test_compose_file_is_valid_against_the_compose_specification():
    check = Path(sys.executable).with_name("check-jsonschema")
    result = subprocess.run(
        [str(check), "--builtin-schema", "vendor.compose-spec", str(COMPOSE)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


def test_compose_runs_the_five_services_with_health_checks():
    compose = yaml.safe_load(COMPOSE.read_text())
    services = compose["services"]
    assert set(services) == {"web", "worker", "beat", "postgres", "redis"}
    assert all("healthcheck" in service for service in services.values())
    assert "gunicorn imrf_portal.wsgi" in services["web"]["command"]
    assert services["worker"]["command"].startswith("celery -A imrf_portal worker")
    assert services["beat"]["command"].startswith("celery -A imrf_portal beat")


def test_uploaded_files_live_on_a_volume():
    compose = yaml.safe_load(COMPOSE.read_text())
    assert "media" in compose["volumes"]
    for name in ("web", "worker", "beat"):
        assert "media:/app/media" in compose["services"][name]["volumes"]
    assert compose["services"]["web"]["environment"]["MEDIA_ROOT"] == "/app/media"
