"""In embedded mode (SQLite, each process's cache in its own memory) a second process that
publishes a pledge (a management command, a second server) is noticed at once by the registry of
the first: the registry's version lives where every process reads it. A real second process
writes; this process's registry, already built, counts again."""

import pytest
from django.conf import settings
from django.db import connection

from pledges.enums import PledgeState
from tests.helpers import django_env, run_python
from tests.pledges.factories import PledgeFactory, published

pytestmark = pytest.mark.django_db(transaction=True)


def registry_total(client):
    response = client.get("/pledges/")
    assert response.status_code == 200
    return response.context["registry"].total


@pytest.mark.skipif(
    connection.vendor != "sqlite" or not settings.CACHES["default"]["BACKEND"].endswith("LocMemCache"),
    reason="embedded mode: SQLite and each process's cache in its memory",
)
def test_a_publication_by_another_process_updates_the_counts(client):
    published(title="Published here")
    waiting = PledgeFactory(
        state=PledgeState.SUBMITTED, check_in_scope=True, check_measurable=True, check_objectives=True
    )
    assert registry_total(client) == 1  # this process has built its index

    result = run_python(
        "from pledges import services\n"
        "from pledges.models import Pledge\n"
        f"services.set_pledge_state(Pledge.objects.get(pk={waiting.pk}), 'published', by=None)\n",
        django_env(
            SQLITE_PATH=connection.settings_dict["NAME"],
            CACHE_VERSIONS_DIR=settings.CACHES["versions"]["LOCATION"],
        ),
    )
    assert result.returncode == 0, result.stderr

    assert registry_total(client) == 2
    assert client.get("/pledges/?q=Published").context["registry"].total == 1
