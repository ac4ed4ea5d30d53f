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


def test_compose_runs_the_six_services_with_health_checks():
    compose = yaml.safe_load(COMPOSE.read_text())
    services = compose["services"]
    assert set(services) == {"web", "worker", "beat", "postgres", "redis", "cache"}
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


def _redis_options(command):
    words = command.split()
    assert words[0] == "redis-server"
    return {words[i]: words[i + 1] for i in range(1, len(words) - 1) if words[i].startswith("--")}


def test_the_cache_has_a_redis_of_its_own_bounded_in_memory():
    services = yaml.safe_load(COMPOSE.read_text())["services"]
    cache = _redis_options(services["cache"]["command"])
    assert (cache["--maxmemory"], cache["--maxmemory-policy"]) == ("256mb", "allkeys-lru")
    assert (cache["--save"], cache["--appendonly"]) == ('""', "no")
    for name in ("web", "worker", "beat"):
        environment = services[name]["environment"]
        assert environment["CACHE_URL"] == "redis://cache:6379/0"
        assert environment["REDIS_URL"] == "redis://redis:6379/0"
        assert services[name]["depends_on"]["cache"] == {"condition": "service_healthy"}


def test_the_broker_never_evicts_a_task():
    broker = _redis_options(yaml.safe_load(COMPOSE.read_text())["services"]["redis"]["command"])
    assert broker == {"--appendonly": "yes", "--maxmemory-policy": "noeviction"}


def test_the_web_port_is_reachable_from_this_machine_only():
    services = yaml.safe_load(COMPOSE.read_text())["services"]
    assert services["web"]["ports"] == ["127.0.0.1:8000:8000"]
    assert all("ports" not in service for name, service in services.items() if name != "web")


def test_only_the_proxy_is_trusted_with_the_forwarded_headers():
    compose = yaml.safe_load(COMPOSE.read_text())
    web = compose["services"]["web"]["environment"]
    # The proxy on this machine reaches the container from the network's fixed gateway.
    assert compose["networks"]["default"]["ipam"]["config"] == [{"subnet": "10.89.37.0/24", "gateway": "10.89.37.1"}]
    assert web["TRUSTED_PROXIES"] == "${TRUSTED_PROXIES:-10.89.37.1}"
    assert web["FORWARDED_ALLOW_IPS"] == "${TRUSTED_PROXIES:-10.89.37.1}"
    for name in ("worker", "beat"):
        assert "FORWARDED_ALLOW_IPS" not in compose["services"][name]["environment"]
