"""Chroma server mode: a real `chroma run` on a free loopback port, used through HttpClient."""

from __future__ import annotations

import pytest
import server_support
from index_support import seeded_settings

from index.service import build_index, open_index
from index.store import get_client


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    path = tmp_path_factory.mktemp("chroma-server")
    with server_support.chroma_server(path) as (port, _proc):
        yield port, path


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
