"""Benchmarks and the synthetic-report generator: tools for measuring, never imported by the product."""
