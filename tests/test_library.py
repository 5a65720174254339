"""The report library from the command line and the registry: reports identified by what they state about
themselves, `python -m index add | list | remove`, refusals in Chinese with exit code 2, duplicates, atomic adds
(a failed add leaves the library as it was), removal, and the folder kept in step with the registry."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURE_PDF, FIXTURE_REPORT, PDF_FIXTURES, THIRD_PDF
from index_support import seeded_settings
from library_support import CHENGDU, HOME, LINXI, LINXI_IDS, SUINING, library_settings

from corpus import Settings, parse_report
from index.cli import main as index_main
from index.library import Library, LibraryError
from index.library_store import LibraryStore

BAD = PDF_FIXTURES / "bad"


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return library_settings(tmp_path_factory)


@pytest.fixture()
def empty(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A library of one (the home report), whose adds skip nothing: a fresh data dir with the session's vectors."""
    settings = seeded_settings(tmp_path_factory, "empty-library")
    settings = settings.with_(library=settings.data_dir / "library")
    library = Library(settings)
    library.register_file(library.home, build=False)  # its index is not what these tests are about
    return settings


def state(settings: Settings) -> tuple:
    """Everything an add may change: registry rows, stored facts, folder files, index manifests."""
    library = Library(settings)
    store = library.store
    facts = len(store.facts_of([f.subject for f in parse_report(settings.report).facts], ["决算数"]))
    folder = sorted(p.name for p in settings.library_dir.iterdir()) if settings.library_dir.is_dir() else []
    manifests = sorted(p.name for p in (settings.data_dir / "index" / "manifests").glob("*.json"))
    return [e.id for e in library.entries()], facts, folder, manifests


def test_reports_are_identified_by_body_year_and_kind_they_state(settings: Settings, capsys) -> None:
    assert index_main(["list", "--json"], settings) == 0
    rows = {row["id"]: row for row in json.loads(capsys.readouterr().out)}
    assert set(rows) == {HOME, CHENGDU, SUINING, *LINXI_IDS}
    assert (rows[HOME]["body"], rows[HOME]["year"], rows[HOME]["home"]) == ("四川省大数据中心", 2023, True)
    assert (rows[CHENGDU]["body"], rows[CHENGDU]["year"]) == ("成都市数据资源管理中心", 2022)
    assert (rows[SUINING]["body"], rows[SUINING]["format"]) == ("遂宁市大数据发展中心", "pdf")
    assert {rows[i]["year"] for i in LINXI_IDS} == {2021, 2022, 2023}
    assert all(rows[i]["kind"] == "单位决算" and not rows[i]["home"] for i in LINXI_IDS)
    assert index_main(["list"], settings) == 0
    listed = capsys.readouterr().out
    assert "（默认）" in listed and "青岚市临溪区大数据发展中心" in listed


def test_the_fact_store_quotes_each_report_exactly(settings: Settings) -> None:
    library = Library(settings)
    for entry in library.entries():
        report = library.load(entry.id)
        subjects, measures = {f.subject for f in report.facts}, {f.measure for f in report.facts}
        stored = library.store.facts_of(subjects, measures, [entry.id])
        assert len(stored) == entry.facts > 100
        for item in stored:
            fact = item.fact
            assert report.clean_text[fact.start : fact.start + len(fact.quote)] == fact.quote
            assert item.heading == report.section_at(fact.start).heading


def test_add_lists_and_removes_a_report(empty: Settings, capsys) -> None:
    before = state(empty)
    assert index_main(["add", str(FIXTURE_REPORT)], empty) == 0
    assert "已加入报告库" in capsys.readouterr().out
    library = Library(empty)
    entry = library.store.by_identity("成都市数据资源管理中心", 2022, "单位决算")
    assert entry is not None and (empty.library_dir / f"{entry.id}.txt").is_file()
    assert any(p.name.startswith(entry.id) for p in (empty.data_dir / "index" / "manifests").iterdir())
    # The same file again changes nothing; the same report as a PDF is a duplicate.
    assert index_main(["add", str(FIXTURE_REPORT)], empty) == 0
    assert "已在库中" in capsys.readouterr().out
    assert index_main(["add", str(FIXTURE_PDF)], empty) == 2
    err = capsys.readouterr().err
    assert "库中已有2022年度成都市数据资源管理中心单位决算" in err and f"python -m index remove {entry.id}" in err
    assert index_main(["remove", entry.id], empty) == 0
    assert "已从报告库删除" in capsys.readouterr().out
    assert state(empty) == before
    assert index_main(["remove", entry.id], empty) == 2
    assert "库中没有编号为" in capsys.readouterr().err
    home = library.home_entry()
    assert home is not None and index_main(["remove", home.id], empty) == 2
    assert "默认报告" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("path", "says"),
    [
        (BAD / "scanned.pdf", "不支持 OCR"),
        (BAD / "not_a_pdf.pdf", "不是 PDF 文件"),
        (BAD / "encrypted.pdf", "加密"),
        (BAD / "not_juesuan.pdf", "不是决算报告"),
        (Path(__file__), "只能加入 PDF 或文本"),
    ],
)
def test_files_that_are_no_report_are_refused_in_chinese(empty: Settings, path: Path, says: str, capsys) -> None:
    before = state(empty)
    assert index_main(["add", str(path)], empty) == 2
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err
    assert state(empty) == before


def test_size_cap_and_empty_files(empty: Settings, tmp_path: Path) -> None:
    library = Library(empty.with_(max_upload_bytes=100_000))
    with pytest.raises(LibraryError, match="文件过大"):
        library.add(THIRD_PDF)
    blank = tmp_path / "空.txt"
    blank.write_text("", encoding="utf-8")
    with pytest.raises(LibraryError, match="文件是空的"):
        library.add(blank)


def test_a_failed_add_leaves_the_library_as_it_was(empty: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    library = Library(empty)
    before = state(empty)

    def broken_build(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("index.service.build_index", broken_build)
    with pytest.raises(OSError):
        library.add(LINXI[0])
    assert state(empty) == before
    monkeypatch.undo()

    def broken_put(*args, **kwargs):  # the registry fails after the index was built and the file moved in
        raise RuntimeError("database went away")

    monkeypatch.setattr(LibraryStore, "put", broken_put)
    with pytest.raises(RuntimeError):
        library.add(LINXI[0])
    assert state(empty) == before  # the file is gone from the folder again, the index dropped


def test_sync_follows_the_folder(empty: Settings) -> None:
    library = Library(empty)
    empty.library_dir.mkdir(parents=True, exist_ok=True)
    dropped = empty.library_dir / LINXI[1].name
    shutil.copyfile(LINXI[1], dropped)
    assert library.sync() == []
    assert LINXI_IDS[1] in [e.id for e in library.entries()]
    dropped.unlink()
    library.sync(build=False)
    assert LINXI_IDS[1] not in [e.id for e in library.entries()]
    assert library.home_entry() is not None  # the home report stays, it is not in the folder


def test_a_report_without_body_or_year_cannot_join(empty: Settings, tmp_path: Path) -> None:
    text = FIXTURE_REPORT.read_text(encoding="utf-8")
    anonymous = tmp_path / "anonymous.txt"
    anonymous.write_text(text.replace("成都市数据资源管理中心", "中心").replace("2022", "二〇二二"), encoding="utf-8")
    with pytest.raises(LibraryError, match="无法从报告中读出单位名称和年度"):
        Library(empty).add(anonymous)


def test_the_home_report_read_from_another_place_stays_the_same_member(empty: Settings, tmp_path: Path) -> None:
    """A service started from another checkout (the same report at another path) keeps its library: the member is
    re-pointed, its facts kept, no duplicate refused at start."""
    before = Library(empty).home_entry()
    moved = tmp_path / "elsewhere" / empty.report.name
    moved.parent.mkdir()
    shutil.copyfile(empty.report, moved)
    library = Library(empty.with_(report=moved))
    result = library.register_file(library.home, build=False)
    assert not result.added and result.entry.id == before.id
    assert library.home_entry().id == before.id and library.path_of(library.home_entry()) == moved.resolve()
    assert [e.id for e in library.entries()] == [e.id for e in Library(empty).entries()]
    assert len(library.store.facts_of([f.subject for f in parse_report(moved).facts], ["决算数"])) > 0
