"""Verification: every number an answer shows is checked against its cited facts and the calculator."""
