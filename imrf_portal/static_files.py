"""The static files' storage in production: WhiteNoise's compressed manifest, with each file's
address worked out once per process.

`{% static %}` asks the storage for an address on every page (the stylesheet, the icon, the
sharing image): each time a manifest lookup, a URL split, a join and an unquote, several percent
of a page served from its fragments. The manifest does not change while a process runs (a
deployment collects the files, then starts new processes), so neither do the addresses.
"""

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Keyed by what templates name: a few dozen files, never a visitor's input.
        self._urls = {}

    def url(self, name, force=False):
        key = (name, force, settings.DEBUG)
        found = self._urls.get(key)
        if found is None:
            # A file missing from the manifest raises here, every time, as before.
            found = self._urls[key] = super().url(name, force)
        return found
