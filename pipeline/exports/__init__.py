"""Downloads from SIPD-RI and SIMDA Keuangan, read as they come (see docs/exports.md).

Each layout is one `Export` (`base.py`) in a module of its name (a large one, the DPA print,
keeps its reading in `dpa_print_*` siblings), listed in `registry.EXPORTS`; `recognise`
finds a workbook's layout by content, and `assemble` turns what the downloads hold across
files (budget stages, cumulative snapshots) into the tables the templates give.
"""
