"""Execution: a plan's steps run in order over the catalogue, the fact table and the calculator."""
