"""Measuring the assistant: golden-set runs and their metrics and reports, and BEIR retrieval benchmarks."""
