"""`python -m assistant ask|audit`: the JSON contract, bad input → Chinese message and exit code 2."""

from __future__ import annotations

import json

import pytest
from assistant_support import ANSWER_KEYS
from index_support import built_settings

from assistant.cli import main


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory):
    return built_settings(tmp_path_factory)


def test_ask_json(settings, capsys):
    assert main(["ask", "2022年公务接待费是多少", "--json"], settings) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == "answered" and "1.33" in data["answer"]
    assert set(data) == ANSWER_KEYS
    assert all(n["verified"] for n in data["numbers"])


def test_ask_with_history_file(settings, tmp_path, capsys):
    history = tmp_path / "history.json"
    history.write_text(
        json.dumps([{"role": "user", "content": "三公经费是多少？"}, {"role": "assistant", "content": "17.25 万元"}]),
        encoding="utf-8",
    )
    assert main(["ask", "其中公务接待费呢？", "--history", str(history)], settings) == 0
    out = capsys.readouterr().out
    assert "2.81" in out and "来源：" in out


@pytest.mark.parametrize("content", [b"{not json", b"\xff\xfe\x00", b'{"role": "user"}'])
def test_bad_history_file(settings, tmp_path, capsys, content):
    history = tmp_path / "history.json"
    history.write_bytes(content)
    assert main(["ask", "三公经费是多少", "--history", str(history)], settings) == 2
    captured = capsys.readouterr()
    assert "错误" in captured.err and "Traceback" not in captured.err


def test_empty_question_exits_2(settings, capsys):
    assert main(["ask", "  "], settings) == 2
    assert "问题是空的" in capsys.readouterr().out


def test_missing_history_file(settings, tmp_path, capsys):
    assert main(["ask", "三公经费", "--history", str(tmp_path / "nope.json")], settings) == 2
    assert "无法读取" in capsys.readouterr().err


def test_audit(settings, capsys):
    assert main(["audit"], settings) == 0
    assert "一致" in capsys.readouterr().out


def test_audit_of_a_file_that_is_not_a_report(tmp_path, capsys):
    path = tmp_path / "x.txt"
    path.write_text("hello", encoding="utf-8")
    assert main(["audit", str(path)]) == 2
    assert "错误" in capsys.readouterr().err


def test_unknown_command(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["frobnicate"])
    assert exc.value.code == 2
    assert "错误" in capsys.readouterr().err
