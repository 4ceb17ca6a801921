"""The lesson self-test: every step proven on the real daemon (see runner.py)."""
