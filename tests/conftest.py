import pytest

from tests.factories import ForumFactory, SecretariatUserFactory


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
    from imrf_portal.celery import app

    previous = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = previous


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The production hasher is slow on purpose; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
