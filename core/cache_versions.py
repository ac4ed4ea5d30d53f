"""Named versions of what the public sees, kept in the cache.

- `pages`: any public page (the anonymous page cache, core.page_cache), bumped with every other;
- `registry`: the pledges: the registry's facet index and counts, what pages list of them;
- `reference`: the labels that filters and pages take from the reference data and the forums;
- `programme`: the forums' programme (sessions, round tables, statements, side events);
- `organizations`, `practices`, `reviews`, `declarations`, `coalitions`, `summaries`: what the
  public sees of each of those domains;
- `organization:<pk>`, `member-state:<pk>` (`of(ORGANIZATION, pk)`): what the members of one
  organisation, or the focal points of one Member State, see of it signed in (the dashboard, "my
  pledges"): its records in any state, drafts and requests included. Bumped by `bump_own` after
  every change of what those pages show, and without `pages`: no public page depends on them.

A fragment of a page (core.fragments) is cached under the versions of the domains it shows, so a
publication in one domain keeps the fragments of the others; the page cache, which holds whole
pages, depends on everything, so every bump bumps `pages` too.

The domain bumps a version when something *public* changed (a publication, an approval, a
programme edit), after the commit, so that nothing rendered from the old data is stored under
the new version. A change nobody outside can see (a draft, a join request, an audit row) bumps
nothing. With the cache down there is no version (None): callers then do not cache.

The versions live in the `versions` cache, which every process of the installation shares: Redis
in production, files in embedded mode (where the default cache is each process's memory)."""

import contextvars
import datetime
import time

from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save

PAGES = "pages"
REGISTRY = "registry"
REFERENCE = "reference"
PROGRAMME = "programme"
ORGANIZATIONS = "organizations"
PRACTICES = "practices"
REVIEWS = "reviews"
DECLARATIONS = "declarations"
COALITIONS = "coalitions"
SUMMARIES = "summaries"
NAMES = (PAGES, REGISTRY, REFERENCE, PROGRAMME, ORGANIZATIONS, PRACTICES, REVIEWS, DECLARATIONS, COALITIONS, SUMMARIES)
# One version per object of these kinds, named by `of`.
ORGANIZATION = "organization"
MEMBER_STATE = "member-state"
KEYED = (ORGANIZATION, MEMBER_STATE)


def store():
    return caches["versions"]


def of(kind, pk):
    """The name of one object's own version (an organisation's, a Member State's)."""
    if kind not in KEYED or pk is None:
        raise ValueError(f"No cache version is kept per {kind!r}.")
    return f"{kind}:{int(pk)}"


def on_every_write(models, receiver, *, uid):
    """Call `receiver` (a signal receiver that bumps own versions) after every save and delete
    of these models: whatever writes them (a service, the admin, a cascade), the pages that show
    them are fresh at once."""
    for model in models:
        for signal, name in ((post_save, "save"), (post_delete, "delete")):
            signal.connect(receiver, sender=model, dispatch_uid=f"{uid}_{name}_{model._meta.label}")


def key(name):
    kind, _colon, pk = name.partition(":")
    if name not in NAMES and not (kind in KEYED and pk.isdigit()):
        raise ValueError(f"No cache version is called {name!r}.")
    return f"versions:{name}"


# The versions a request has read, so that the parts of one page (the facet index, the labels,
# each fragment) ask the cache once, not once each; None outside a request (RequestVersions).
_read = contextvars.ContextVar("cache_versions_read", default=None)


class RequestVersions:
    """Middleware: each request reads a version from the cache at most once. A bump during the
    request is seen by the rest of it; one by another process, from the next request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _read.set({})
        try:
            return self.get_response(request)
        finally:
            _read.reset(token)


def current(name):
    """The version's value, created if the cache has none; None when the cache cannot say."""
    read = _read.get()
    if read is not None and name in read:
        return read[name]
    versions = store()
    value = versions.get(key(name))
    if value is None:
        versions.add(key(name), f"{time.time():.6f}", None)
        value = versions.get(key(name))
    if read is not None and value is not None:
        read[name] = value
    return value


def changed_at(name):
    """When the version was last bumped, as a datetime (a version is the time of its bump); None
    when the cache cannot say. A version created because the cache had none is later than the
    real change: a client then downloads again, never keeps a stale copy."""
    value = current(name)
    if value is None:
        return None
    return datetime.datetime.fromtimestamp(float(value), tz=datetime.UTC)


def values(names):
    """The current values of these versions, in one round trip, created where the cache has none;
    None when the cache cannot say."""
    read = _read.get()
    if read is not None and all(name in read for name in names):
        return tuple(read[name] for name in names)
    keys = [key(name) for name in names]
    found = store().get_many(keys)
    if len(found) < len(keys):
        for name in names:
            if key(name) not in found:
                found[key(name)] = current(name)
    result = tuple(found[k] for k in keys)
    if None in result:
        return None
    if read is not None:
        read.update(zip(names, result, strict=True))
    return result


def bump(*names):
    """A public change: these versions and the pages' (whole pages show every domain)."""
    value = f"{time.time():.6f}"
    store().set_many({key(name): value for name in {PAGES, *names}}, None)
    read = _read.get()
    if read is not None:
        read.update(dict.fromkeys({PAGES, *names}, value))
    return value


def bump_after_commit(*names):
    transaction.on_commit(lambda: bump(*names))


def bump_own(*names):
    """A change that only the object's own people see: these keyed versions (`of`), not `pages`."""
    if not names:
        return None
    value = f"{time.time():.6f}"
    store().set_many({key(name): value for name in names}, None)
    read = _read.get()
    if read is not None:
        read.update(dict.fromkeys(names, value))
    return value


def bump_own_after_commit(names):
    """`bump_own` once the transaction commits; `names` may be a callable that returns them then
    (what the change concerns is read after the commit, outside the writer's queries)."""
    transaction.on_commit(lambda: bump_own(*(names() if callable(names) else names)))
