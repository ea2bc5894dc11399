"""Downloads from SIPD-RI and SIMDA Keuangan, read as they come (see docs/exports.md).

Each layout lives in one module of this package as an `Export` (`base.py`), listed in
`registry.EXPORTS`; `recognise` finds a workbook's layout by content, and `assemble` turns
what the downloads hold across files (budget stages, cumulative snapshots) into the tables
the templates give.
"""
