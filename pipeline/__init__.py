"""LAKIP Pipeline: from an OPD's DPA, realisasi and PK workbooks to its LAKIP report."""

__version__ = "0.1.0"
