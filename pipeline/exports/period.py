"""The period a download reports: the as-of date of a cumulative file (`s.d. 31 Maret 2023`)
or the month of a monthly one (`Bulan : Maret`), read from its title rows or its file name.

Pure text functions. A date is taken only where the text says it (a title phrase such as
`s.d.`, `Per Tanggal`, `Sampai Dengan`, `Bulan`, `Periode`, or a date written in the file
name); a month alone stands for its last day. Nothing is ever taken from the file's
timestamp. Several different dates where one is expected are reported, never chosen from.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Sequence

from pipeline.coerce import MONTHS
from pipeline.exports.cells import row_text
from pipeline.months import month_name

# Month names and their usual short forms, longest first so that `maret` wins over `mar`.
_MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
_NAMED = rf"(?<![a-z]){_MONTH}(?![a-z])"
# A date as titles and file names write it; each alternative is one named group set.
_DATE = (
    rf"(?<!\d)(?P<iso_y>\d{{4}})-(?P<iso_m>\d{{1,2}})-(?P<iso_d>\d{{1,2}})(?!\d)"
    rf"|(?<!\d)(?P<dmy_d>\d{{1,2}})\s*[-/._]\s*(?P<dmy_m>\d{{1,2}})\s*[-/._]\s*(?P<dmy_y>\d{{4}})"
    rf"|(?<!\d)(?P<ymd>(?:19|20)\d{{6}})(?!\d)"
    rf"|(?<!\d)(?P<dn_d>\d{{1,2}})[\s_-]*(?P<dn_m>{_NAMED})[\s_-]*(?P<dn_y>\d{{4}})(?!\d)"
    rf"|(?P<mn_m>{_NAMED})[\s_-]*(?P<mn_y>\d{{4}})(?!\d)"
)
_DATE_RE = re.compile(_DATE)
# The phrases after which a title row states its as-of date.
_AS_OF = re.compile(
    r"(?<![a-z])(?:s\s*[./]?\s*d\b\.?|sampai\s+dengan|sampai|hingga|per\s+tanggal|per|posisi)"
    r"\s*(?:tanggal|tgl\.?|bulan)?\s*:?\s*")
_MONTH_LABEL = re.compile(rf"(?<![a-z])bulan\s*:?\s*(?P<month>{_NAMED}|\d{{1,2}})(?!\d)"
                          r"(?:[\s_-]*(?P<year>\d{4}))?")
_PERIOD_LABEL = re.compile(r"(?<![a-z])periode\s*:?\s*")
_YEAR_LABEL = re.compile(r"(?<![a-z])(?:tahun\s+anggaran|tahun|t\.?\s*a\.?)\s*:?\s*(\d{4})(?!\d)")


def title_text(row: Sequence[object]) -> str:
    """One title row as lower-case text (`cells.row_text`: a date cell `dd-mm-yyyy`)."""
    return row_text(row).casefold()


def dates_in(text: str) -> list[dt.date]:
    """Every date written in `text`, in order; a month with its year is its last day."""
    found: list[dt.date] = []
    for match in _DATE_RE.finditer(text.casefold()):
        day = _date_of(match)
        if day is not None:
            found.append(day)
    return found


def as_of_in_titles(rows: Iterable[Sequence[object]]) -> list[dt.date]:
    """The distinct as-of dates the title rows state (`s.d. 31 Maret 2023`,
    `Per Tanggal 31-03-2023`, `Sampai Dengan 31/03/2023`, `s.d. Maret 2023`)."""
    found: list[dt.date] = []
    for row in rows:
        text = title_text(row)
        for phrase in _AS_OF.finditer(text):
            match = _DATE_RE.match(text, phrase.end())
            day = _date_of(match) if match else None
            if day is not None and day not in found:
                found.append(day)
    return found


def as_of_in_name(name: str) -> list[dt.date]:
    """The distinct dates a file name carries (`2023-03-31`, `31-03-2023`, `20230331`,
    `sd_Maret_2023`, `Maret 2023`)."""
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return list(dict.fromkeys(dates_in(stem)))


def month_in_titles(rows: Iterable[Sequence[object]]) -> list[tuple[int, int | None]]:
    """The distinct (month, year or None) the title rows name: `Bulan : Maret`,
    `Periode Maret 2023`, `Periode 1 Maret 2023 s.d. 31 Maret 2023` (its last date)."""
    found: list[tuple[int, int | None]] = []
    for row in rows:
        text = title_text(row)
        for match in _MONTH_LABEL.finditer(text):
            month = _month_number(match.group("month"))
            year = int(match.group("year")) if match.group("year") else None
            if month is not None:
                _add(found, (month, year))
        for label in _PERIOD_LABEL.finditer(text):
            days = dates_in(text[label.end():])
            if days:
                _add(found, (days[-1].month, days[-1].year))
        for day in as_of_in_titles([row]):
            _add(found, (day.month, day.year))
    # A month named without its year is the same month as one named with it.
    return [item for item in found if item[1] is not None or
            not any(other[0] == item[0] and other[1] is not None for other in found)]


def year_in_titles(rows: Iterable[Sequence[object]]) -> int | None:
    """`Tahun Anggaran 2023` in a title row, or None."""
    for row in rows:
        match = _YEAR_LABEL.search(title_text(row))
        if match:
            return int(match.group(1))
    return None


def spoken(day: dt.date) -> str:
    """`31 Maret 2023`."""
    return f"{day.day} {month_name(day.month)} {day.year}"


def last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add(found: list[tuple[int, int | None]], item: tuple[int, int | None]) -> None:
    if item not in found:
        found.append(item)


def _month_number(text: str) -> int | None:
    if text.isdigit():
        number = int(text)
        return number if 1 <= number <= 12 else None
    return MONTHS.get(text)


def _date_of(match: re.Match[str]) -> dt.date | None:
    """The date a match of `_DATE` stands for, or None when it is no calendar date."""
    parts = match.groupdict()
    try:
        if parts["iso_y"]:
            return dt.date(int(parts["iso_y"]), int(parts["iso_m"]), int(parts["iso_d"]))
        if parts["dmy_y"]:
            return dt.date(int(parts["dmy_y"]), int(parts["dmy_m"]), int(parts["dmy_d"]))
        if parts["ymd"]:
            text = parts["ymd"]
            return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
        if parts["dn_y"]:
            return dt.date(int(parts["dn_y"]), MONTHS[parts["dn_m"]], int(parts["dn_d"]))
        if parts["mn_y"]:
            return last_day(int(parts["mn_y"]), MONTHS[parts["mn_m"]])
    except ValueError:  # 31-02-2023, 20231345: digits that are no date
        return None
    return None
