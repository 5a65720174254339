"""Chroma server mode: a real `chroma run` on a free loopback port, used through HttpClient."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from index_support import seeded_settings

from index.service import build_index, open_index
from index.store import get_client

CHROMA = Path(sys.executable).with_name("chroma")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    command = str(CHROMA) if CHROMA.exists() else shutil.which("chroma")
    assert command, "the chromadb package installs a `chroma` command"
    port = _free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    log = (path.parent / "chroma-server.log").open("wb")
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
        yield port, path
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def test_build_and_search_through_a_chroma_server(chroma_server, tmp_path_factory):
    port, server_path = chroma_server
    settings = seeded_settings(tmp_path_factory, "index-http").with_(chroma_host="127.0.0.1", chroma_port=port)
    stats = build_index(settings)
    assert not stats.skipped and stats.embedded == 0
    assert not (settings.data_dir / "chroma").exists()  # nothing went to a local store
    client = get_client(settings)
    assert type(client).__name__ != "PersistentClient"
    assert stats.collection in [c.name for c in client.list_collections()]
    assert client.get_collection(stats.collection).count() == stats.chunks
    assert any(server_path.iterdir())  # the server persisted it
    again = build_index(settings)
    assert again.skipped and again.written == 0 and again.collection == stats.collection
    hits = open_index(settings).search("公務接待費增長原因", k=3)
    assert hits[0].chunk.section_id == "p2.c7.s2.i3"
