import pytest

from tests.helpers import clear_caches


@pytest.fixture(autouse=True)
def empty_cache():
    """Facet counts and reference data are cached; each test starts from a cold cache."""
    clear_caches()
    yield
    clear_caches()
