import pytest

from tests.helpers import clear_caches


@pytest.fixture(autouse=True)
def empty_cache():
    """Facet counts and reference data are cached; each test starts from a cold cache."""
    clear_caches()
    yield
    clear_caches()


@pytest.fixture(autouse=True)
def generated_media(settings, tmp_path):
    """The unfiltered CSV export is a generated file: each test writes its own, never the checkout's."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return settings.MEDIA_ROOT
