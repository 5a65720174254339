"""A writer killed mid-transaction leaves a hot journal: the store check must recover it, not call it damage.

Found by the clean-clone run: an index build killed while Chroma wrote its SQLite file left `chroma.sqlite3-journal`;
the read-only check then failed with "attempt to write a readonly database" and `index verify` reported the
previous, complete index as damaged (and a repair would have moved it aside).
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from index.store import sqlite_damage

_KILLED_WRITER = """
import os, signal, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("PRAGMA journal_mode=DELETE")
db.execute("CREATE TABLE t(x)")
db.executemany("INSERT INTO t VALUES (?)", [(i,) for i in range(1000)])
db.commit()
db.execute("BEGIN")
db.executemany("INSERT INTO t VALUES (?)", [(i,) for i in range(100000)])
db.execute("UPDATE t SET x = x + 1")
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_hot_journal_from_a_killed_writer_is_recovered_with_the_committed_rows(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    proc = subprocess.run([sys.executable, "-c", _KILLED_WRITER, str(path)], check=False)
    assert proc.returncode == -signal.SIGKILL
    assert path.with_name(path.name + "-journal").exists()  # the crash left a hot journal

    assert sqlite_damage(path) == ""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert db.execute("SELECT count(*), sum(x) FROM t").fetchone() == (1000, sum(range(1000)))
    finally:
        db.close()  # a read-only reader works again: the journal is no longer hot


def test_a_file_that_is_not_a_database_is_still_reported(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    path.write_bytes(b"not a database at all" * 100)
    assert "not a database" in sqlite_damage(path)
