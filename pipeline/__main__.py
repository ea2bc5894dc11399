"""`python -m pipeline`: the same as `python run.py`."""

import sys

from pipeline.cli import main

sys.exit(main())
