"""A real Celery worker on Redis for the tests that need one, on the tests' own database."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import redis
from celery import Celery
from django.db import connection

from tests.helpers import ROOT, django_env

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")


def broker_url(db=None):
    """A Redis database of its own, emptied, so that no other queue interferes (TEST_BROKER_DB
    gives test runs side by side databases of their own)."""
    db = int(os.environ.get("TEST_BROKER_DB", "11")) if db is None else db
    base = REDIS_URL.rsplit("/", 1)[0]
    url = f"{base}/{db}"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).flushdb()
    except redis.ConnectionError:
        raise AssertionError(f"These tests need Redis at {url} (start it with redis-server).") from None
    return url


def worker_env(broker, media_root, **extra):
    db = connection.settings_dict
    env = django_env(REDIS_URL=broker, MEDIA_ROOT=str(media_root), CELERY_VISIBILITY_TIMEOUT="4", **extra)
    if db["ENGINE"].endswith("sqlite3"):
        env["SQLITE_PATH"] = str(db["NAME"])
    else:
        user = quote(db["USER"] or "")
        password = f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
        env["DATABASE_URL"] = (
            f"postgres://{user}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        )
    return env


class Worker:
    def __init__(self, env, log_path, name="worker"):
        celery = Path(sys.executable).with_name("celery")
        self.log = Path(log_path).open("ab")
        self.process = subprocess.Popen(
            [
                str(celery),
                "-A",
                "imrf_portal",
                "worker",
                "--pool",
                "solo",
                "--loglevel",
                "INFO",
                "--hostname",
                f"{name}@%h",
                "--without-mingle",
                "--without-gossip",
                "--without-heartbeat",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)
        self.log.close()

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.log.close()


def sender(broker):
    """A Celery app of the test's own that only sends, to the worker's broker."""
    return Celery("tests", broker=broker, set_as_current=False)


def wait_for(condition, timeout=90, interval=0.05, message="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"Timed out after {timeout}s waiting for {message}")


def pdftotext(path):
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is needed: bash .ci/system-packages"
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PrivateRedis:
    def __init__(self, port):
        self.port = port
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )
        wait_for(lambda: self._pings(), timeout=10, message="redis-server to start")

    def _pings(self):
        try:
            return redis.Redis(port=self.port, socket_connect_timeout=0.2).ping()
        except redis.ConnectionError:
            return False

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
