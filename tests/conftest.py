import pytest
from django.conf import settings as django_settings
from django.utils import translation

import reference.data as reference_data_lists
from imrf_portal.celery import app
from reference.models import Country, GuidingPrinciple, Objective
from reviews import data as review_data
from reviews.models import RegionalCommission
from summaries.models import Holiday
from summaries.working_days import seed_holidays
from tests.core.factories import SecretariatUserFactory
from tests.forums.factories import ForumFactory
from tests.helpers import clear_caches


@pytest.fixture
def forum(db):
    return ForumFactory()


@pytest.fixture
def secretariat_user(db):
    return SecretariatUserFactory()


@pytest.fixture
def secretariat_client(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


@pytest.fixture(autouse=True)
def celery_eager():
    """Tasks run in the test process. Tests of the real worker on Redis opt out explicitly."""
    previous = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = previous


@pytest.fixture(autouse=True)
def english():
    """Each test starts in English: a request in another language leaves it active in the thread."""
    with translation.override(django_settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The production hasher is slow on purpose; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def reference_data(request):
    """Tests on committed transactions (live server, real Celery worker) run in a database that is
    emptied after each test: put back what the data migrations load. The flush's post_migrate
    signal has already recreated content types, permissions and the Secretariat's (core.roles)."""
    marker = request.node.get_closest_marker("django_db")
    transactional = (
        "live_server" in request.fixturenames
        or "transactional_db" in request.fixturenames
        or (marker is not None and marker.kwargs.get("transaction"))
    )
    if not transactional:
        return
    request.getfixturevalue("transactional_db")
    if Objective.objects.exists():
        return
    reference_data_lists.load(Objective, GuidingPrinciple, Country)
    reference_data_lists.load_translations(Objective, GuidingPrinciple, Country)
    review_data.load(RegionalCommission, Country)
    seed_holidays(Holiday)


@pytest.fixture(autouse=True)
def no_page_cache(request, settings):
    """Tests change data inside a transaction that never commits, so the cached pages would not
    be invalidated; the page cache's own tests turn it on."""
    if request.node.get_closest_marker("page_cache") is None:
        settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Delegates' grounds-pass files go to a directory of the test's own, never the checkout's."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: rate-limit counters and cached counts do not leak."""
    clear_caches()
    yield


@pytest.fixture
def web_broker():
    """Point the web process's Celery app at a broker URL; restore it afterwards."""
    saved = (app.conf.broker_url, app.conf.task_always_eager)

    def use(url):
        app.conf.broker_url = url
        app.conf.task_always_eager = False
        app._pool = None
        app.amqp._producer_pool = None

    yield use
    app.conf.broker_url, app.conf.task_always_eager = saved
    app._pool = None
    app.amqp._producer_pool = None
