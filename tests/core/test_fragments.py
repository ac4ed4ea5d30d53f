"""core.fragments keeps a part of a page under the versions of the domains it shows: made once,
made again when its own domain changes, kept when another domain changes, per language, and
made every time while the cache is down (a real closed Redis port), never served stale."""

from django.utils import translation

from core import cache_versions, fragments
from tests.helpers import cache_at, closed_port


class Maker:
    def __init__(self):
        self.made = 0

    def __call__(self):
        self.made += 1
        return f"<p>made {self.made}</p>"


def test_a_fragment_is_made_once_per_version_of_its_domain():
    make = Maker()
    first = fragments.html("programme", make, versions=(cache_versions.PROGRAMME,))
    again = fragments.html("programme", make, versions=(cache_versions.PROGRAMME,))
    assert (first, again, make.made) == ("<p>made 1</p>", "<p>made 1</p>", 1)
    cache_versions.bump(cache_versions.PROGRAMME)
    assert fragments.html("programme", make, versions=(cache_versions.PROGRAMME,)) == "<p>made 2</p>"


def test_a_change_in_another_domain_keeps_the_fragment():
    make = Maker()
    fragments.html("programme", make, versions=(cache_versions.PROGRAMME,))
    cache_versions.bump(cache_versions.REGISTRY)
    fragments.html("programme", make, versions=(cache_versions.PROGRAMME,))
    assert make.made == 1


def test_every_bump_empties_the_whole_page_cache():
    before = cache_versions.current(cache_versions.PAGES)
    cache_versions.bump(cache_versions.PRACTICES)
    assert cache_versions.current(cache_versions.PAGES) != before


def test_parts_and_language_are_part_of_the_key():
    make = Maker()
    fragments.value("pledge", make, parts=(1, "2026-12-01"))
    fragments.value("pledge", make, parts=(2, "2026-12-01"))
    fragments.value("pledge", make, parts=(1, "2026-12-02"))
    with translation.override("fr"):
        fragments.value("pledge", make, parts=(1, "2026-12-01"))
    fragments.value("pledge", make, parts=(1, "2026-12-01"))
    assert make.made == 4


def test_markup_comes_back_safe_to_print():
    assert hasattr(fragments.html("x", lambda: "<b>bold</b>"), "__html__")


def test_with_the_cache_down_every_fragment_is_made_each_time(settings):
    settings.CACHES = cache_at(f"redis://127.0.0.1:{closed_port()}/0")
    make = Maker()
    fragments.html("programme", make, versions=(cache_versions.PROGRAMME,))
    fragments.html("programme", make, versions=(cache_versions.PROGRAMME,))
    assert make.made == 2
