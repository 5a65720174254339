"""The report library on the answering side: which report(s) a question is about, and steps across reports."""
