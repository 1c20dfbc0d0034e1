"""Run the command line: ``python -m tipcorpus``."""

import sys

from tipcorpus.cli import main

sys.exit(main())
