"""Redis as the cache, but a cache that is down is a cache that misses: pages that need only the
database keep working when Redis is unreachable."""

import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)


class ReusedClientRedisCacheClient(RedisCacheClient):
    """One redis.Redis per connection pool, made once: Django's client makes a new one for every
    cache call, and redis-py fills some 170 response callbacks into each (a third of a
    millisecond, several times a page). A client is safe to share between threads: each command
    takes a connection from the pool."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client


class FallbackRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

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
