"""The fault suite's own servers: a Redis (and a PostgreSQL) started by the test on a spare port
in a temporary directory, so that they can be stopped, frozen and restored from a snapshot
without touching the servers other tests share.

- ``RedisServer``: ``redis-server`` with its data directory; ``save()`` writes the snapshot a
  restart loads (``dump.rdb``), ``stop()`` ends it without saving, ``freeze()``/``thaw()`` send
  SIGSTOP/SIGCONT (a Redis that accepts connections and never answers).
- ``PostgresServer``: a cluster made by ``initdb`` (as the ``postgres`` user when run as root:
  PostgreSQL refuses to run as root), started and stopped with ``pg_ctl``.

Without ``redis-server`` or the PostgreSQL binaries the tests that need them are skipped with the
reason (CI installs both, see ``.ci/run``).
"""

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest


def _newest_pg_bin():
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda path: int(path.parts[-3]) if path.parts[-3].isdigit() else 0,
    )
    return found[-1].parent if found else Path("/usr/lib/postgresql/15/bin")


# Debian's server binaries (the newest installed), or PORTAL_PG_BIN.
PG_BIN = Path(os.environ.get("PORTAL_PG_BIN") or _newest_pg_bin())


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/faults/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.faults)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {seconds} s")
        time.sleep(0.05)


class RedisServer:
    def __init__(self, directory):
        self.directory = Path(directory)
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self):
        import redis

        return redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=2)

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 - fixed arguments
            [
                shutil.which("redis-server"),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(self.directory),
                "--dbfilename",
                "dump.rdb",
                # Snapshots only when the test asks (SAVE), as Debian's default would at exit.
                "--save",
                "",
                "--appendonly",
                "no",
                "--maxmemory",
                "64mb",
                "--maxmemory-policy",
                "allkeys-lru",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(self._answers, 10, "redis-server start")

    def _answers(self):
        import redis

        try:
            return self.client().ping()
        except redis.RedisError:
            return False

    def save(self):
        self.client().save()

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
            self.process.kill()  # no save: the snapshot on disk stays the one save() wrote
            self.process.wait(10)
        self.process = None

    def freeze(self):
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self):
        self.process.send_signal(signal.SIGCONT)


@pytest.fixture
def own_redis(tmp_path):
    if not shutil.which("redis-server"):
        if os.environ.get("CI"):
            pytest.fail("redis-server is needed by the fault suite in CI")
        pytest.skip("needs redis-server (apt-get install redis-server)")
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def cache_on_own_redis(own_redis, settings):
    """The default cache in the suite's own Redis, as production configures it (short socket
    timeouts), with the page cache and the API's response cache on."""
    from portal_site import cache as portal_cache

    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "portal_site.cache.RedisCache",
            "LOCATION": own_redis.url,
            "KEY_PREFIX": "faults",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
    }
    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    settings.PORTAL_API_RESPONSE_CACHE = True
    portal_cache.reset()
    yield own_redis
    portal_cache.reset()


class PostgresServer:
    def __init__(self, directory):
        self.directory = Path(directory)
        self.data = self.directory / "data"
        self.port = free_port()
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def _run(self, *args, **kwargs):
        return subprocess.run(  # noqa: S603 - fixed arguments
            [*self.as_user, *args], check=True, capture_output=True, timeout=120, **kwargs
        )

    def init(self):
        if self.as_user:
            shutil.chown(self.directory, user="postgres")
        self._run(
            str(PG_BIN / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )

    def start(self):
        self._run(
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off",
            "-l",
            str(self.directory / "server.log"),
            "-w",
            "start",
        )

    def stop(self):
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def url(self, name="portal"):
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"


def postgres_unavailable_reason():
    if not (PG_BIN / "initdb").exists():
        return f"needs PostgreSQL's server binaries in {PG_BIN} (PORTAL_PG_BIN)"
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "runs as root without runuser: PostgreSQL cannot be started as root"
    if os.geteuid() == 0:
        try:
            import pwd

            pwd.getpwnam("postgres")
        except KeyError:
            return "runs as root and there is no postgres user to start PostgreSQL as"
    return None
