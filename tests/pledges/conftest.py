import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def empty_cache():
    """Facet counts and reference data are cached; each test starts from a cold cache."""
    cache.clear()
    yield
    cache.clear()
