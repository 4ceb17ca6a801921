"""docker-tutor (도커 튜터): a Korean Docker tutor that reads the real daemon's state."""

import logging

__version__ = "0.1.0"

# Library-style logging: silent unless `--debug` (tutor.cli) attaches a handler.
logging.getLogger(__name__).addHandler(logging.NullHandler())
