"""Settings are validated in one place: a bad value is a Chinese message naming the variable and exit code 2,
in every command line, never a traceback; RATE_LIMIT=0 means no limit."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from index_support import built_settings
from server_support import env_for, run_cli

from corpus.settings import Settings, SettingsError

BAD_VALUES = [
    ("PORT", "abc"),
    ("PORT", "0"),
    ("PORT", "70000"),
    ("CHROMA_PORT", "-1"),
    ("TOP_K", "0"),
    ("TOP_K", "five"),
    ("RATE_LIMIT", "-1"),
    ("RATE_WINDOW_S", "0"),
    ("RATE_WINDOW_S", "nan"),
    ("MAX_BODY_BYTES", "-5"),
    ("MAX_QUESTION_CHARS", "0"),
    ("QUEUE_CONCURRENCY", "0"),
    ("PIPELINE", "fancy"),
    ("EMBEDDER", "word2vec"),
    ("CORS_ORIGINS", "https://www.example.gov.cn/"),
    ("TRUSTED_PROXIES", "my-proxy"),
    ("CHROMA_TIMEOUT_S", "0"),
    ("MAX_IN_FLIGHT", "0"),
    ("REPAIR_INDEX", "maybe"),
]


@pytest.mark.parametrize(("name", "value"), BAD_VALUES)
def test_each_bad_value_is_refused_in_chinese_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv("JUESUAN_" + name, value)
    with pytest.raises(SettingsError) as caught:
        Settings.from_env()
    message = str(caught.value)
    assert f"JUESUAN_{name}" in message and "配置有误" in message and "Traceback" not in message


def test_good_values_are_read_and_blank_ones_mean_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUESUAN_PORT", " 8080 ")
    monkeypatch.setenv("JUESUAN_TOP_K", "")
    monkeypatch.setenv("JUESUAN_RATE_LIMIT", "0")
    monkeypatch.setenv("JUESUAN_CORS_ORIGINS", "https://www.example.gov.cn, http://localhost:8080")
    monkeypatch.setenv("JUESUAN_TRUSTED_PROXIES", "127.0.0.1,10.0.0.0/8")
    monkeypatch.setenv("JUESUAN_REPAIR_INDEX", "false")
    settings = Settings.from_env()
    assert settings.port == 8080 and settings.top_k == Settings().top_k and settings.rate_limit == 0
    assert settings.cors_origins == ("https://www.example.gov.cn", "http://localhost:8080")
    assert settings.trusted_proxies == ("127.0.0.1", "10.0.0.0/8") and settings.repair_index is False


def test_settings_api_is_kept_frozen_and_with_validates() -> None:
    settings = Settings()
    assert Settings() == settings and hash(Settings()) == hash(settings)
    changed = settings.with_(port=9000, cors_origins=("https://a.example.gov.cn",))
    assert changed.port == 9000 and settings.port == 7860 and isinstance(changed, Settings)
    with pytest.raises(Exception):  # noqa: B017  (pydantic's frozen error)
        settings.port = 1  # type: ignore[misc]
    with pytest.raises(SettingsError, match="JUESUAN_PORT"):
        settings.with_(port=0)
    with pytest.raises(SettingsError, match="JUESUAN_NO_SUCH"):
        settings.with_(no_such=1)


CLIS = [
    ["-m", "ui"],
    ["-m", "index", "search", "公务接待费"],
    ["-m", "corpus", "summary"],
    ["-m", "assistant", "ask", "公务接待费是多少"],
    ["-m", "evals", "run", "--limit", "1"],
]


@pytest.mark.parametrize("args", CLIS, ids=lambda a: " ".join(a[1:3]))
def test_every_command_line_exits_2_on_a_bad_setting(tmp_path: Path, args: list[str]) -> None:
    result = run_cli(args, env_for(tmp_path, JUESUAN_PORT="abc", JUESUAN_TOP_K="0"), timeout=120)
    assert result.returncode == 2, result.stderr[-2000:]
    assert "JUESUAN_PORT" in result.stderr and "JUESUAN_TOP_K" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


@pytest.mark.parametrize("content", [None, b"", b"\x00\x01\x02\xff" * 100], ids=["missing", "empty", "binary"])
def test_ui_with_an_unusable_report_exits_2_in_chinese(tmp_path: Path, content: bytes | None) -> None:
    report = tmp_path / "report.txt"
    if content is not None:
        report.write_bytes(content)
    result = run_cli(["-m", "ui"], env_for(tmp_path / "data", JUESUAN_REPORT=str(report), JUESUAN_PORT="1"))
    assert result.returncode == 2, result.stderr[-2000:]
    assert "报告" in result.stderr and "Traceback" not in result.stderr + result.stdout


def test_rate_limit_zero_means_no_limit_never_a_500(tmp_path_factory: pytest.TempPathFactory, assistant) -> None:
    from ui.app import create_app

    settings = built_settings(tmp_path_factory).with_(rate_limit=0, rate_window_s=60)
    with TestClient(create_app(settings, assistant)) as client:
        codes = [client.post("/api/ask", json={"question": "本年收入合计是多少"}).status_code for _ in range(40)]
    assert codes == [200] * 40


@pytest.mark.slow
def test_ui_on_a_port_already_taken_exits_2_in_chinese(tmp_path_factory: pytest.TempPathFactory) -> None:
    import socket

    from server_support import copy_of_built

    data_dir = copy_of_built(tmp_path_factory, "port-taken")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli(["-m", "ui"], env_for(data_dir, JUESUAN_PORT=str(port)))
    assert result.returncode == 2, result.stderr[-2000:]
    assert f"无法在 127.0.0.1:{port} 上启动服务" in result.stderr and "Traceback" not in result.stderr
