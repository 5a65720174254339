"""Stage 2: chunk the report, embed it into Chroma, keep a jieba BM25 index, retrieve by hybrid fusion.

Public API: `index.service.build_index`, `index.service.open_index` → `SearchIndex.search(query, k, mode)`,
records `index.records.Chunk` / `Hit` / `BuildStats`, `index.normalize.normalize_query`.
CLI: ``python -m index build|search|bench``. Modules import heavy libraries lazily from here on purpose:
``import index`` stays cheap.
"""
