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
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from core import cache_versions


def _key(name, values, parts):
    place = repr((name, translation.get_language(), values, tuple(parts)))
    return f"fragments:{name}:{hashlib.sha256(place.encode()).hexdigest()}"


def value(name, make, *, versions=(), parts=(), timeout=None):
    """What `make()` returns (anything the cache can pickle: rows, counts), from the cache when it
    was made at the same `versions` (named versions of core.cache_versions) and `parts` (an
    object's id and version, the date, a query), in the active language."""
    values = cache_versions.values(versions) if versions else ()
    if values is None:
        return make()
    key = _key(name, values, parts)
    found = cache.get(key)
    if found is None:
        found = make()
        cache.set(key, found, settings.FRAGMENT_CACHE_SECONDS if timeout is None else timeout)
    return found


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
