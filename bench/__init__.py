"""Benchmarks for docker-tutor on the real daemon: `python -m bench` (see docs/performance.md)."""
