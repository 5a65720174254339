"""Calculator checks as people read them (the wording lives with the assistant's composer, shared with the
command line): re-exported here for the staff chat and the widget."""

from assistant.compose.formulas import Label, describe_check, fact_name, humanize_text, labels_for, plain_signs

__all__ = ["Label", "describe_check", "fact_name", "humanize_text", "labels_for", "plain_signs"]
