"""No visitor's request builds the registry's facet index (issue 19): the build task does, after a
publication and when a worker starts, and so does each web worker at start (gunicorn's
post_worker_init). A request loads the last built index (the cache's, or this process's previous
copy); with none at all it queues the build and answers 503 with Retry-After. The builder counts
its builds (`index.builds`): nothing real is patched."""

import runpy
from pathlib import Path

import pytest
from django.conf import settings

from core import cache_versions
from pledges import tasks
from pledges.registry import index
from portal.tasks import build_open_data_dump
from tests.helpers import clear_caches
from tests.pledges.factories import published

pytestmark = pytest.mark.django_db

GUNICORN_CONF = Path(settings.BASE_DIR) / "imrf_portal" / "gunicorn.conf.py"


@pytest.fixture
def no_worker(web_broker):
    """Tasks go to a broker nobody reads, as when the worker has not run them yet."""
    index.forget()
    web_broker("memory://")
    yield
    index.forget()


def test_a_cold_cache_and_no_index_answer_503_without_building(client, no_worker):
    published(title="Waiting for its index")
    before = index.builds
    response = client.get("/pledges/")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert response.content.decode() == (
        "The pledge registry is being prepared. Please try again in a few seconds."
    )
    assert index.builds == before


def test_the_build_task_after_a_publication_serves_the_next_request(client, no_worker):
    published(title="First")
    tasks.warm_registry_index()  # what the worker runs after the publication
    built = index.builds
    index.forget()  # another process: it loads the shared index
    response = client.get("/pledges/")
    assert response.status_code == 200
    assert response.context["registry"].total == 1
    assert index.builds == built

    published(title="Second")
    cache_versions.bump(cache_versions.REGISTRY)  # the publication, its task not run yet
    response = client.get("/pledges/")
    assert response.context["registry"].total == 1  # the last built index, not a build
    assert index.builds == built

    tasks.warm_registry_index()
    assert index.builds == built + 1
    index.forget()
    response = client.get("/pledges/")
    assert response.context["registry"].total == 2
    assert index.builds == built + 1


def test_a_new_process_after_the_cache_emptied_keeps_its_previous_copy(client, no_worker):
    published(title="Kept")
    tasks.warm_registry_index()
    built = index.builds
    clear_caches()  # Redis restarted or evicted everything
    response = client.get("/pledges/")
    assert response.status_code == 200
    assert response.context["registry"].total == 1
    assert index.builds == built


def test_the_celery_worker_start_queues_the_build(client):
    index.forget()
    published(title="Built at start")
    before = index.builds
    tasks.build_registry_index_at_start()  # worker_ready; Celery is eager in tests
    assert index.builds == before + 1
    assert index.current().size == 1


def test_each_gunicorn_worker_loads_or_builds_it_at_start(client):
    index.forget()
    published(title="Built by gunicorn")
    before = index.builds
    hooks = runpy.run_path(str(GUNICORN_CONF))
    hooks["post_worker_init"](worker=None)
    assert index.builds == before + 1
    index.forget()
    hooks["post_worker_init"](worker=None)  # the next worker loads the shared one
    assert index.builds == before + 1
    response = client.get("/pledges/")
    assert response.context["registry"].total == 1
    assert index.builds == before + 1


def test_the_exports_built_off_the_request_build_the_index_they_need(no_worker):
    # The nightly dump after a quiet day (the shared index expired) and seed_demo with a broker but
    # no worker (bench/load.sh) found no index and stopped on IndexNotReady.
    published(title="Exported without a visitor")
    cache_versions.bump(cache_versions.REGISTRY)
    before = index.builds
    assert len(build_open_data_dump()) == 64
    assert index.builds == before + 1
