"""`python -m tutor` runs the same entry point as the `docker-tutor` script."""

from tutor.cli import main

raise SystemExit(main())
