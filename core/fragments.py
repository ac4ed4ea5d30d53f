"""Parts of pages kept in the cache under the versions of what they show.

The page cache (core.page_cache) keeps whole pages, for anonymous visitors, until anything
public changes. A fragment is what a page shows of one domain or one object, rendered once and
kept under the versions it depends on: a pledge's body under that pledge's own version and the
reference labels, the programme under the programme's version. A publication elsewhere keeps it;
a signed-in visitor, a new query string or a crawler asking for a page nobody asked for since the
last publication still gets the parts that did not change without rendering them again.

A fragment must not depend on who asks (the per-user parts of a page stay outside it); it
depends on the language, which is part of every key. With the cache down there are no versions,
and every fragment is rendered each time.

In front of the cache each process keeps the fragments it used last (`_Memo`, at most
FRAGMENT_MEMO_BYTES): a fragment's key holds the values of its versions, so a kept entry is never
stale (a bump changes the key, and the old entry only ages out), and a hit costs a dict lookup
instead of a round trip to Redis, the transfer and the unpickling of a page's body. Only
fragments under versions are kept there (one without versions may be emptied by a cache clear
only), from their second use (a long tail asked once each keeps out), each no longer than the
cache would keep it.
"""

import hashlib
import pickle
import sys
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from core import cache_versions


def _place(name, values, parts):
    return (name, translation.get_language(), values, tuple(parts))


def _key(name, values, parts, *, place=None, prefix="fragments"):
    place = repr(place or _place(name, values, parts))
    return f"{prefix}:{name}:{hashlib.sha256(place.encode()).hexdigest()}"


def _size(found):
    """About what an entry holds in memory: a string's own size; anything else, twice its pickle
    (objects take more room than their pickle; the bound need not be exact, only bounded)."""
    if isinstance(found, (str, bytes)):
        return sys.getsizeof(found)
    return 2 * len(pickle.dumps(found, pickle.HIGHEST_PROTOCOL))


# How many fragments' first uses the memo remembers (their hashes), to take in only those used
# again: a long tail of pages asked once each (a crawler's pledge pages) never pushes out the pages
# everyone asks for.
SEEN = 4096


class _Memo:
    """The fragments this process used last, least recently used out first, bounded in bytes
    (settings.FRAGMENT_MEMO_BYTES; 0 keeps none); a fragment comes in at its second use among
    the last SEEN. Keyed by the fragment's place (name, language, versions' values, parts), so a
    bump never finds an old entry; each entry also expires when the cache's copy does. Threads
    may share it (a lock around each step)."""

    def __init__(self):
        self._entries = OrderedDict()
        self._seen = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, place):
        with self._lock:
            entry = self._entries.get(place)
            if entry is None:
                return None
            found, size, expires = entry
            if expires <= time.monotonic():
                del self._entries[place]
                self._bytes -= size
                return None
            self._entries.move_to_end(place)
            return found

    def put(self, place, found, seconds):
        limit = settings.FRAGMENT_MEMO_BYTES
        if found is None or seconds <= 0 or limit <= 0:
            return
        with self._lock:
            seen = hash(place)
            if seen not in self._seen:
                self._seen[seen] = None
                if len(self._seen) > SEEN:
                    self._seen.popitem(last=False)
                return
        size = _size(found)
        if size > limit // 4:  # one page's body must not push out most of the others
            return
        with self._lock:
            previous = self._entries.pop(place, None)
            if previous is not None:
                self._bytes -= previous[1]
            self._entries[place] = (found, size, time.monotonic() + seconds)
            self._bytes += size
            while self._bytes > limit:
                _place, (_found, dropped, _expires) = self._entries.popitem(last=False)
                self._bytes -= dropped

    def clear(self):
        with self._lock:
            self._entries.clear()
            self._seen.clear()
            self._bytes = 0

    @property
    def bytes(self):
        return self._bytes


memo = _Memo()


def value(name, make, *, versions=(), parts=(), timeout=None):
    """What `make()` returns (anything the cache can pickle: rows, counts), from the cache when it
    was made at the same `versions` (named versions of core.cache_versions) and `parts` (an
    object's id and version, the date, a query), in the active language.

    Under versions it comes from this process's memo when it is there: the caller must not change
    what it gets (a string, a tuple, or a dict or list it only reads)."""
    values = cache_versions.values(versions) if versions else ()
    if values is None:
        return make()
    seconds = settings.FRAGMENT_CACHE_SECONDS if timeout is None else timeout
    place = _place(name, values, parts)
    kept = bool(versions) and _hashable(place)
    if kept:
        found = memo.get(place)
        if found is not None:
            return found
    # Kept with its deadline (so that a process that takes it from the cache keeps it in its memo
    # no longer than the cache does), under a prefix of its own: a process of the previous
    # release, which keeps the bare value under "fragments", never reads the pair.
    key = _key(name, values, parts, place=place, prefix="fragment")
    stored = cache.get(key)
    if stored is None:
        found = make()
        if found is not None:  # nothing there: made again next time, as before
            cache.set(key, (time.time() + seconds, found), seconds)
    else:
        deadline, found = stored
        seconds = deadline - time.time()
    if kept:
        memo.put(place, found, seconds)
    return found


def _hashable(place):
    # Parts need only print the same way for the cache's key; a list among them keeps the
    # fragment out of the memo rather than failing.
    try:
        hash(place)
    except TypeError:
        return False
    return True


def values_of(name, parts_list, make, *, versions=(), timeout=None):
    """`value` for many objects at once (the rows of a list), in one round trip: `make(missing)`
    is called once with the parts the cache lacks and returns their values in the same order.
    A value of None (an object no longer there) is returned and not kept."""
    values = cache_versions.values(versions) if versions else ()
    if values is None:
        return make(list(parts_list))
    keys = [_key(name, values, parts) for parts in parts_list]
    found = cache.get_many(keys)
    missing = [(parts, key) for parts, key in zip(parts_list, keys, strict=True) if key not in found]
    if missing:
        made = dict(zip((key for _parts, key in missing), make([parts for parts, _k in missing]), strict=True))
        kept = {key: made_value for key, made_value in made.items() if made_value is not None}
        if kept:
            cache.set_many(kept, settings.FRAGMENT_CACHE_SECONDS if timeout is None else timeout)
        found.update(made)
    return [found[key] for key in keys]


def html(name, render, *, versions=(), parts=(), timeout=None):
    """Markup `render()` makes (render_to_string), kept as `value` keeps it; safe to print.

        body = fragments.html("pledge", lambda: render_to_string("pledges/_body.html", {...}),
                              versions=(cache_versions.REFERENCE,), parts=(pledge.pk, pledge.updated_at))
    """
    return mark_safe(value(name, lambda: str(render()), versions=versions, parts=parts, timeout=timeout))


def rendered(name, template, make_context, *, request=None, versions=(), parts=()):
    """A template rendered with the context `make_context()` returns, kept as `html` keeps it: the
    context's queries run only when the fragment is made.

        body = fragments.rendered("objective", "portal/_objective_detail_body.html",
                                  lambda: {"objective": objective, ...}, request=request,
                                  versions=(cache_versions.REGISTRY, ...), parts=(objective.number,))
    """
    return html(name, lambda: render_to_string(template, make_context(), request), versions=versions, parts=parts)
