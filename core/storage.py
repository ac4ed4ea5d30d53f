"""Where generated documents (summaries, compilations, data dumps) are stored.

A generated document keeps its name when it is regenerated, and a reader must see the old file
or the new one whole, never half of one. The app code writes through the storage API
(`generated_storage().save(name, content)`); this storage makes that save a replacement: the
content goes to a temporary file beside the target, which is renamed over it."""

import os
import tempfile

from django.core.files.storage import FileSystemStorage


class ReplacingFileSystemStorage(FileSystemStorage):
    """Saving under a name that exists replaces that file atomically (a rename on one disk)."""

    # Public documents: readable by the web server's and the workers' users alike.
    FILE_MODE = 0o644

    def get_available_name(self, name, max_length=None):
        return name

    def _save(self, name, content):
        target = self.path(name)
        directory = os.path.dirname(target)
        os.makedirs(directory, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{os.path.basename(target)}.", suffix=".part")
        try:
            with os.fdopen(handle, "wb") as stream:
                for chunk in content.chunks():
                    stream.write(chunk)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temporary, self.FILE_MODE)
            os.replace(temporary, target)
        except BaseException:
            if os.path.exists(temporary):
                os.unlink(temporary)
            raise
        return name


# MEDIA_ROOT is read when first needed, and again whenever the setting changes (tests).
generated_storage = ReplacingFileSystemStorage()


def generated():
    """For FileField(storage=generated)."""
    return generated_storage
