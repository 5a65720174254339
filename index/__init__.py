"""Stage 2: chunk the report, embed it into Chroma, keep a jieba BM25 index, retrieve by hybrid fusion."""
