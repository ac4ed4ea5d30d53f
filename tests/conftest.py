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
