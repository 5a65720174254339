"""Real servers for the hardening tests: `python -m ui` as a subprocess (the way it is deployed) and
`chroma run`, each on a free loopback port, with their output in a log file the tests can read."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from index_support import built_settings

ROOT = Path(__file__).resolve().parent.parent
CHROMA = Path(sys.executable).with_name("chroma")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def copy_of_built(factory: pytest.TempPathFactory, name: str) -> Path:
    """A private copy of the session's built data dir (a second process must not share a local Chroma store)."""
    target = factory.mktemp(name) / "data"
    shutil.copytree(built_settings(factory).data_dir, target)
    return target


def env_for(data_dir: Path, **values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUESUAN_")}
    env.update(JUESUAN_DATA_DIR=str(data_dir), GRADIO_ANALYTICS_ENABLED="False", HF_HUB_OFFLINE="1")
    env.update(values)
    return env


def run_cli(args: list[str], env: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout)


@dataclass
class Served:
    base: str
    proc: subprocess.Popen
    log: Path

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def rss_kb(self) -> int:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        return 0


@contextmanager
def ui_server(data_dir: Path, log: Path, timeout_s: float = 300, **env: str) -> Iterator[Served]:
    """`python -m ui` on a free port; waits until /api/health answers (liveness, so it works on any version)."""
    port = free_port()
    handle = log.open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "ui"],
        env=env_for(data_dir, JUESUAN_HOST="127.0.0.1", JUESUAN_PORT=str(port), **env),
        cwd=ROOT,
        stdout=handle,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            assert proc.poll() is None, f"python -m ui exited with {proc.returncode}:\n{log.read_text()[-3000:]}"
            try:
                if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "python -m ui did not start:\n" + log.read_text()[-3000:]
            time.sleep(0.3)
        yield Served(base, proc, log)
    finally:
        stop(proc)
        handle.close()


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGCONT)  # a stopped process cannot act on SIGTERM
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextmanager
def chroma_server(path: Path) -> Iterator[tuple[int, subprocess.Popen]]:
    """A real `chroma run` on a free loopback port, persisting under `path`."""
    command = str(CHROMA) if CHROMA.exists() else shutil.which("chroma")
    assert command, "the chromadb package installs a `chroma` command"
    port = free_port()
    log = (path.parent / f"chroma-{port}.log").open("wb")
    proc = subprocess.Popen(
        [command, "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, "chroma server exited early"
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "chroma server did not answer its heartbeat"
            time.sleep(0.2)
        yield port, proc
    finally:
        stop(proc)
        log.close()


def client_from(address: str, base: str) -> httpx.Client:
    """An HTTP client whose connections come from another loopback address: its own rate-limit bucket."""
    return httpx.Client(base_url=base, transport=httpx.HTTPTransport(local_address=address), timeout=60)
