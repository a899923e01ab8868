"""`python -m geo.geocoding`: the geocoding command (geo/geocoding/cli.py, docs/geocoding.md)."""

import sys

from geo.geocoding.cli import main

if __name__ == "__main__":
    sys.exit(main())
