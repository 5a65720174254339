"""What answers are made of: the report's facts, sentences and project tables, indexed once, and the
`Evidence` an answerer hands to composition."""
