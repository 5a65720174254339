"""Stage 3: answer questions with citations and verify every number with the calculator."""
