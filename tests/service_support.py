"""PostgreSQL and Redis from Debian's packages (`make service-deps`), started by a test as its own processes on free
loopback ports in temporary dirs, and stopped after it. As root, PostgreSQL runs as the `postgres` user (initdb
refuses root); otherwise as the current user."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from server_support import free_port, stop

PG_BIN = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
REDIS = shutil.which("redis-server")


def require_services() -> None:
    if not PG_BIN or not REDIS:
        pytest.fail("PostgreSQL or Redis is missing: run `make service-deps` (apt-get install postgresql redis-server)")


def _as_db_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@contextmanager
def postgres_server() -> Iterator[str]:
    """A fresh PostgreSQL cluster; yields the SQLAlchemy URL of its database `juesuan` (trust auth on loopback)."""
    require_services()
    bin_dir = Path(PG_BIN[-1])
    root = Path(tempfile.mkdtemp(prefix="juesuan-pg-"))
    os.chmod(root, 0o755)
    data, sockets, log = root / "data", root / "sockets", root / "postgres.log"
    sockets.mkdir()
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        for path in (root, sockets):
            os.chown(path, user.pw_uid, user.pw_gid)
    port = free_port()
    env = {**os.environ, "LC_ALL": "C", "LANG": "C"}

    def run(*command: str) -> None:
        subprocess.run(_as_db_user([str(bin_dir / command[0]), *command[1:]]), check=True, env=env, capture_output=True)

    try:
        run("initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale")
        options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off"
        run("pg_ctl", "-D", str(data), "-o", options, "-l", str(log), "-w", "-t", "60", "start")
        run("createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "juesuan")
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/juesuan"
    finally:
        subprocess.run(
            _as_db_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
            env=env,
            capture_output=True,
        )
        shutil.rmtree(root, ignore_errors=True)


@contextmanager
def redis_server() -> Iterator[str]:
    """A Redis on a free loopback port, persisting nothing; yields its URL."""
    require_services()
    root = Path(tempfile.mkdtemp(prefix="juesuan-redis-"))
    port = free_port()
    command = [REDIS or "redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    log = (root / "redis.log").open("wb")
    proc = subprocess.Popen([*command, "--dir", str(root)], stdout=log, stderr=subprocess.STDOUT)
    try:
        import redis

        client = redis.Redis(host="127.0.0.1", port=port, socket_timeout=1)
        deadline = time.monotonic() + 30
        while True:
            assert proc.poll() is None, (root / "redis.log").read_text()
            try:
                if client.ping():
                    break
            except redis.RedisError:
                pass
            assert time.monotonic() < deadline, "redis-server did not answer"
            time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        stop(proc)
        log.close()
        shutil.rmtree(root, ignore_errors=True)
