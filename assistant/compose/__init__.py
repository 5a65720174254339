"""Composition: evidence in, the answer text with numbered citation markers out."""
