"""Stage 5: the gold Q&A set and the evaluation runner."""
