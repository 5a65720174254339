"""The assistant as ui/ and evals/ import it: `Assistant` and `get_assistant` (see assistant.pipeline)."""

from assistant.pipeline import Assistant, get_assistant

__all__ = ["Assistant", "get_assistant"]
