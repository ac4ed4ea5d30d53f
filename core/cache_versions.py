"""Named versions of what the public sees, kept in the cache.

- `pages`: any public page (the anonymous page cache, core.page_cache);
- `registry`: the pledge registry's facet index and counts;
- `reference`: the labels that filters and pages take from the reference data and the forums.

The domain bumps a version when something *public* changed (a publication, an approval, a
programme edit), after the commit, so that nothing rendered from the old data is stored under
the new version. A change nobody outside can see (a draft, a join request, an audit row) bumps
nothing. With the cache down there is no version (None): callers then do not cache."""

import datetime
import time

from django.core.cache import cache
from django.db import transaction

PAGES = "pages"
REGISTRY = "registry"
REFERENCE = "reference"
NAMES = (PAGES, REGISTRY, REFERENCE)


def key(name):
    if name not in NAMES:
        raise ValueError(f"No cache version is called {name!r}.")
    return f"versions:{name}"


def current(name):
    """The version's value, created if the cache has none; None when the cache cannot say."""
    value = cache.get(key(name))
    if value is None:
        cache.add(key(name), f"{time.time():.6f}", None)
        value = cache.get(key(name))
    return value


def changed_at(name):
    """When the version was last bumped, as a datetime (a version is the time of its bump); None
    when the cache cannot say. A version created because the cache had none is later than the
    real change: a client then downloads again, never keeps a stale copy."""
    value = current(name)
    if value is None:
        return None
    return datetime.datetime.fromtimestamp(float(value), tz=datetime.UTC)


def bump(*names):
    value = f"{time.time():.6f}"
    cache.set_many({key(name): value for name in names}, None)
    return value


def bump_after_commit(*names):
    transaction.on_commit(lambda: bump(*names))
