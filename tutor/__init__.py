"""docker-tutor (도커 튜터): a Korean Docker tutor that reads the real daemon's state."""

__version__ = "0.1.0"

# Exit codes shared by every command (documented in README and --help).
EXIT_OK = 0
EXIT_FAILED = 1  # some check failed
EXIT_BAD_INPUT = 2  # unknown id, lesson error, missing --answer, bad arguments
EXIT_NO_DAEMON = 3  # the Docker daemon cannot be reached
