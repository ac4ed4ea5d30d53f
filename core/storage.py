"""Where generated documents (summaries, compilations, data dumps) are stored.

A generated document keeps its name when it is regenerated, and a reader must see the old file
or the new one whole, never half of one. The app code writes through the storage API
(`generated_storage().save(name, content)`); this storage makes that save a replacement: the
content goes to a temporary file beside the target, which is renamed over it."""

import hashlib
import io
import os
import tempfile

from django.conf import settings
from django.core.files import File
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


def save_with_checksum(name, write):
    """Write a generated file through `write(binary file)`, save it under `name` and its SHA-256
    beside it (`name.sha256`, in sha256sum's format), each replaced whole; returns the digest's
    bytes. The file is saved before its checksum, so a checksum always names a complete file."""
    digest = hashlib.sha256()
    with tempfile.TemporaryFile() as spool:
        write(spool)
        spool.seek(0)
        for block in iter(lambda: spool.read(1 << 20), b""):
            digest.update(block)
        spool.seek(0)
        generated_storage.save(name, File(spool))
    line = f"{digest.hexdigest()}  {name.rsplit('/', 1)[-1]}\n".encode()
    generated_storage.save(name + ".sha256", File(io.BytesIO(line)))
    return digest.digest()


def stored_checksum(name):
    """The SHA-256 (bytes) that `name.sha256` records, or None before the file was first saved."""
    if not generated_storage.exists(name + ".sha256"):
        return None
    with generated_storage.open(name + ".sha256", "rb") as stream:
        recorded = stream.read().split(b" ", 1)[0].decode("ascii")
    return bytes.fromhex(recorded) if recorded else None


def generated():
    """For FileField(storage=generated)."""
    return generated_storage


class PrivateFileSystemStorage(FileSystemStorage):
    """Uploads that only the secretariat may read (delegates' grounds-pass documents), kept under
    settings.PRIVATE_MEDIA_ROOT. They have no URL: a view that checks permission serves them
    (core.downloads), so a template can never link one by mistake."""

    FILE_MODE = 0o600

    @property
    def base_location(self):
        # Read each time: tests and deployments point it elsewhere.
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def file_permissions_mode(self):
        return self.FILE_MODE

    def url(self, name):
        raise ValueError("A private file has no URL; serve it through a view that checks permission.")


private_storage = PrivateFileSystemStorage()


def private():
    """For FileField(storage=private)."""
    return private_storage
