"""core.ratelimit counts in the cache, and in the database while the cache is down (a real closed
Redis port): the limit holds either way, and every process would see the same count."""

import pytest

from core import ratelimit
from core.models import RateLimitCounter
from tests.helpers import cache_at, closed_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def cache_down(settings):
    settings.CACHES = cache_at(f"redis://127.0.0.1:{closed_port()}/0")


def test_the_limit_holds_in_the_cache():
    counts = [ratelimit.hit("join:user:1", limit=3, period=60) for _ in range(5)]
    assert [bool(hit) for hit in counts] == [True, True, True, False, False]
    assert [hit.count for hit in counts] == [1, 2, 3, 4, 5]
    assert {hit.store for hit in counts} == {"cache"}
    assert RateLimitCounter.objects.count() == 0


def test_the_limit_holds_in_the_database_while_the_cache_is_down(cache_down):
    counts = [ratelimit.hit("join:user:1", limit=3, period=60) for _ in range(5)]
    assert [bool(hit) for hit in counts] == [True, True, True, False, False]
    assert {hit.store for hit in counts} == {"database"}
    assert list(RateLimitCounter.objects.values_list("count", flat=True)) == [5]


def test_keys_and_periods_are_counted_apart(cache_down):
    ratelimit.hit("a", limit=1, period=60)
    assert bool(ratelimit.hit("b", limit=1, period=60)) is True
    assert bool(ratelimit.hit("a", limit=1, period=3600)) is True
    assert bool(ratelimit.hit("a", limit=1, period=60)) is False


def test_the_database_keeps_no_key_in_clear(cache_down):
    ratelimit.hit("login-failed:address:someone@example.org", limit=5, period=300)
    (key,) = RateLimitCounter.objects.values_list("key", flat=True)
    assert len(key) == 64
    assert "example" not in key


def test_a_window_that_is_over_starts_again(cache_down):
    for _ in range(3):
        ratelimit.hit("k", limit=2, period=60)
    RateLimitCounter.objects.update(expires_at="2000-01-01T00:00:00Z")
    assert (bool(again := ratelimit.hit("k", limit=2, period=60)), again.count) == (True, 1)


@pytest.mark.parametrize("down", [False, True])
def test_undo_and_clear_take_attempts_back(settings, down):
    if down:
        settings.CACHES = cache_at(f"redis://127.0.0.1:{closed_port()}/0")
    first = ratelimit.hit("k", limit=1, period=60)
    first.undo()
    assert bool(ratelimit.hit("k", limit=1, period=60)) is True
    assert bool(ratelimit.hit("k", limit=1, period=60)) is False
    ratelimit.clear("k", 60)
    assert bool(ratelimit.hit("k", limit=1, period=60)) is True


def test_state_says_where_limits_are_counted(settings):
    assert ratelimit.state() == "cache"
    settings.CACHES = cache_at(f"redis://127.0.0.1:{closed_port()}/0")
    assert ratelimit.state() == "database: the cache cannot count"
