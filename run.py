"""Entry point: `python run.py` processes the bundled example into output/;
`python run.py --input DIR --output DIR` processes a folder."""

from pipeline.cli import entry

if __name__ == "__main__":
    entry()
