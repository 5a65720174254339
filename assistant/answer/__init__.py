"""Answering: the plan executed over the report's facts, sentences and project tables, with every derived
number from the calculator. One capability per module; the router picks which one answers."""
