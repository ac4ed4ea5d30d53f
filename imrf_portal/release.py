"""Which release of the code a process runs: part of the cache's keys (settings.RELEASE).

Fragments, whole pages and shared tables are kept under the versions of the data they show,
which a deployment does not change: without the release in their keys the new code would serve,
for up to a day, markup and pickled shapes that the previous code made. The RELEASE variable
names it where the deployment knows it (a commit); otherwise the files of the code say it: their
names, sizes and modification times, the same for every process started from one checkout or one
image (web, worker and beat), different after any change to them.
"""

import hashlib
import os
from pathlib import Path

# What the code consists of; its tests, benchmarks and data directories are not part of it.
SUFFIXES = {".py", ".html", ".txt", ".xml", ".po", ".mo", ".css", ".js", ".svg", ".json"}
SKIPPED = {"media", "var", "staticfiles", "node_modules", "tests", "bench", "test-artifacts", "__pycache__"}


def fingerprint(root):
    root = Path(root)
    digest = hashlib.sha256()
    for directory, subdirectories, files in os.walk(root):
        subdirectories[:] = sorted(d for d in subdirectories if not d.startswith(".") and d not in SKIPPED)
        for name in sorted(files):
            if os.path.splitext(name)[1] in SUFFIXES:
                path = os.path.join(directory, name)
                stat = os.stat(path)
                digest.update(f"{os.path.relpath(path, root)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:12]
