"""Entry point: `python run.py` processes the bundled example into output/;
`python run.py --input DIR --output DIR` processes a folder."""

import sys

from pipeline.cli import main

if __name__ == "__main__":
    sys.exit(main())
