"""`python -m pipeline`: the same as `python run.py`."""

from pipeline.cli import entry

entry()
