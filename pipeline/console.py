"""What the terminal shows: the findings an officer must fix, named by file, sheet and cell,
in the Indonesian message of the Validasi sheet; and output that survives any console.

Pure text in, lines out, except `safe_console`, which sets the streams up once.
"""

from __future__ import annotations

import sys

from pipeline.findings import Issue, Severity, sort_key

ERRORS_SHOWN = 10  # errors listed before "dan N lainnya"
WARNINGS_SHOWN = 10  # warnings listed one by one up to this many; above it, their count


def safe_console() -> None:
    """A character the console's code page lacks (a legacy Windows code page, cp1252 say)
    prints as `?` instead of stopping the program."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


def finding_line(found: Issue) -> str:
    """`realisasi/real_03.xlsx › Realisasi!F17: Nilai uang … tidak dapat dibaca …`."""
    return f"  {found.location or '(tanpa berkas)'}: {found.message}"


def problem_lines(issues: list[Issue]) -> list[str]:
    """The errors (the first ten, then how many more) and the warnings (each, or their count
    when there are many), in the order of the Validasi sheet."""
    errors = sorted((found for found in issues if found.severity is Severity.ERROR), key=sort_key)
    warnings = sorted((found for found in issues if found.severity is Severity.WARNING),
                      key=sort_key)
    lines: list[str] = []
    if errors:
        lines.append(f"Kesalahan yang harus diperbaiki ({len(errors)}):")
        lines += [finding_line(found) for found in errors[:ERRORS_SHOWN]]
        if len(errors) > ERRORS_SHOWN:
            lines.append(f"  dan {len(errors) - ERRORS_SHOWN} lainnya (lihat sheet Validasi)")
    if len(warnings) > WARNINGS_SHOWN:
        lines.append(f"Peringatan: {len(warnings)} (lihat sheet Validasi)")
    elif warnings:
        lines.append(f"Peringatan ({len(warnings)}):")
        lines += [finding_line(found) for found in warnings]
    return lines
