"""`python -m index add | list | remove`: the report library from the command line (messages in Chinese)."""

from __future__ import annotations

import argparse
import json
import sys

from corpus.settings import Settings
from index.library import Library, LibraryError

EXIT_BAD_INPUT = 2


def run_library_command(settings: Settings, args: argparse.Namespace) -> int:
    library = Library(settings)
    try:
        if args.command == "add":
            return _add(library, args.files)
        if args.command == "remove":
            entry = library.remove(args.id)
            print(f"已从报告库删除：{entry.id}（{entry.title}）")
            return 0
        return _list(library, args.json)
    except LibraryError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _add(library: Library, files: list) -> int:
    library.register_file(library.home)  # the home report is always a member (a no-op when registered)
    failed = 0
    for path in files:
        try:
            print(library.add(path).summary())
        except LibraryError as exc:
            failed += 1
            print(f"错误：{exc}", file=sys.stderr)
    return EXIT_BAD_INPUT if failed else 0


def _list(library: Library, as_json: bool) -> int:
    entries = library.entries()
    registered = {library.path_of(e) for e in entries}
    waiting = [p for p in [library.home, *library.folder_files()] if p not in registered]
    home = library.home_entry()
    if as_json:
        rows = [{**e.to_json(), "home": home is not None and e.id == home.id} for e in entries]
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    print(f"报告库：{library.folder}（{len(entries)} 份）")
    for e in entries:
        mark = "（默认）" if home is not None and e.id == home.id else ""
        print(f"  {e.id}  {e.year}  {e.kind}  {e.body}  {e.facts} 条数据  {e.source_format}{mark}")
    for path in waiting:
        print(f"  （未登记，服务启动时加入）{path}")
    return 0
