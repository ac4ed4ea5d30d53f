"""core.fragments keeps a part of a page under the versions of the domains it shows: made once,
made again when its own domain changes, kept when another domain changes, per language, and
made every time while the cache is down (a real closed Redis port), never served stale. Each
process keeps the fragments it used last in its memory too, bounded in bytes, never beyond a
bump or the cache's own timeout."""

import time

from django.core.cache import cache
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


def stored_key(name, versions, parts=()):
    return fragments._key(name, cache_versions.values(versions), parts, prefix="fragment")


def test_a_fragment_used_again_comes_from_the_process_memory_until_a_bump():
    make = Maker()
    fragments.html("programme", make, versions=(cache_versions.PROGRAMME,))
    fragments.html("programme", make, versions=(cache_versions.PROGRAMME,))
    # Gone from the cache (evicted), still in this process: no need to make it again.
    cache.delete(stored_key("programme", (cache_versions.PROGRAMME,)))
    assert (fragments.html("programme", make, versions=(cache_versions.PROGRAMME,)), make.made) == ("<p>made 1</p>", 1)
    cache_versions.bump(cache_versions.PROGRAMME)
    assert fragments.html("programme", make, versions=(cache_versions.PROGRAMME,)) == "<p>made 2</p>"


def test_another_process_s_bump_is_seen_at_the_next_request():
    make = Maker()
    token = cache_versions._read.set({})  # one request (core.cache_versions.RequestVersions)
    fragments.html("programme", make, versions=(cache_versions.PROGRAMME,))
    cache_versions._read.reset(token)
    # Another process bumps the version in the shared cache.
    cache_versions.store().set(cache_versions.key(cache_versions.PROGRAMME), "elsewhere", None)
    token = cache_versions._read.set({})
    assert fragments.html("programme", make, versions=(cache_versions.PROGRAMME,)) == "<p>made 2</p>"
    cache_versions._read.reset(token)


def test_the_memory_is_bounded_in_bytes_least_recently_used_out_first(settings):
    settings.FRAGMENT_MEMO_BYTES = 40_000
    made = []

    def make(n):
        def body():
            made.append(n)
            return f"{n:02d}" * 2_500
        return body

    for _use in range(2):
        for n in range(12):
            fragments.value("row", make(n), versions=(cache_versions.REGISTRY,), parts=(n,))
    assert 35_000 <= fragments.memo.bytes <= 40_000
    for n in range(12):
        cache.delete(stored_key("row", (cache_versions.REGISTRY,), (n,)))
    for n in (11, 0):
        fragments.value("row", make(n), versions=(cache_versions.REGISTRY,), parts=(n,))
    # The newest is still in memory, the oldest was dropped and is made again.
    assert made[12:] == [0]


def test_one_entry_never_takes_most_of_the_memory(settings):
    settings.FRAGMENT_MEMO_BYTES = 40_000
    for _use in range(2):
        fragments.value("big", lambda: "x" * 20_000, versions=(cache_versions.REGISTRY,))
    assert fragments.memo.bytes == 0


def test_a_fragment_used_once_is_not_kept_in_memory():
    # A long tail (every pledge page once) would otherwise push out the pages asked all the time.
    for n in range(10):
        fragments.value("pledge", lambda: "<p>once</p>", versions=(cache_versions.REGISTRY,), parts=(n,))
    assert fragments.memo.bytes == 0


def test_without_versions_a_fragment_is_not_kept_in_memory():
    make = Maker()
    fragments.value("pledge", make, parts=(1,))
    fragments.value("pledge", make, parts=(1,))
    cache.clear()
    fragments.value("pledge", make, parts=(1,))
    assert make.made == 2


def test_a_fragment_taken_from_the_cache_is_kept_no_longer_than_the_cache_keeps_it():
    make = Maker()
    fragments.value("clock", make, versions=(cache_versions.PROGRAMME,), timeout=1)
    time.sleep(0.5)
    # Kept in memory from the cache's copy, which expires in half a second.
    fragments.value("clock", make, versions=(cache_versions.PROGRAMME,), timeout=1)
    time.sleep(0.6)
    fragments.value("clock", make, versions=(cache_versions.PROGRAMME,), timeout=1)
    assert make.made == 2


def test_parts_that_are_lists_still_work_outside_the_memory():
    make = Maker()
    for _use in range(3):
        fragments.value("query", make, versions=(cache_versions.REGISTRY,), parts=(["objective", 5],))
    assert (make.made, fragments.memo.bytes) == (1, 0)
