"""The test suite's settings: the portal's own, except that each pytest-xdist worker (the suite
runs on two, `make test`) gets Redis databases, a versions directory and media files of its own.
Side by side, one worker's emptied cache or flushed broker would otherwise be the other's lost
state in the middle of a test. Subprocesses that tests start inherit the rewritten variables."""

import os
from pathlib import Path

_worker = os.environ.get("PYTEST_XDIST_WORKER", "")  # gw0, gw1, ... under xdist
if _worker.startswith("gw") and "TESTS_WORKER" not in os.environ:
    _n = int(_worker[2:])
    os.environ["TESTS_WORKER"] = _worker
    for _name in ("REDIS_URL", "CACHE_URL"):
        if os.environ.get(_name):
            _base, _db = os.environ[_name].rsplit("/", 1)
            os.environ[_name] = f"{_base}/{int(_db or 0) - _n}"
    # tests/celery_worker.py's brokers: 11 and down unless the run names another.
    os.environ["TEST_BROKER_DB"] = str(int(os.environ.get("TEST_BROKER_DB", "11")) - _n)
    _var = Path(__file__).resolve().parent.parent / "var" / f"tests-{_worker}"
    os.environ.setdefault("MEDIA_ROOT", str(_var / "media"))
    os.environ.setdefault("CACHE_VERSIONS_DIR", str(_var / "cache-versions"))

from imrf_portal.settings import *  # noqa: E402, F403
