"""Redis as the cache, but a cache that is down is a cache that misses: pages that need only the
database keep working when Redis is unreachable."""

import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)


class FallbackRedisCache(RedisCache):
    def _fallback(self, method, fallback, *args, **kwargs):
        try:
            return getattr(super(), method)(*args, **kwargs)
        except UNAVAILABLE as exc:
            logger.warning("Cache unavailable for %s: %s", method, exc)
            return fallback

    def get(self, key, default=None, version=None):
        return self._fallback("get", default, key, default=default, version=version)

    def get_many(self, keys, version=None):
        return self._fallback("get_many", {}, keys, version=version)

    def set(self, key, value, timeout=None, version=None):
        return self._fallback("set", None, key, value, timeout=timeout, version=version)

    def add(self, key, value, timeout=None, version=None):
        # Rate limits count with add(): with the cache down they let requests through rather
        # than lock everyone out.
        return self._fallback("add", True, key, value, timeout=timeout, version=version)

    def set_many(self, data, timeout=None, version=None):
        return self._fallback("set_many", list(data), data, timeout=timeout, version=version)

    def delete(self, key, version=None):
        return self._fallback("delete", False, key, version=version)

    def delete_many(self, keys, version=None):
        return self._fallback("delete_many", None, keys, version=version)

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta=delta, version=version)
        except UNAVAILABLE as exc:
            logger.warning("Cache unavailable for incr: %s", exc)
            raise ValueError(f"Key {key!r} not found: the cache is unavailable") from exc

    def has_key(self, key, version=None):
        return self._fallback("has_key", False, key, version=version)

    def touch(self, key, timeout=None, version=None):
        return self._fallback("touch", False, key, timeout=timeout, version=version)

    def clear(self):
        return self._fallback("clear", False)
