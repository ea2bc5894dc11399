"""Every xlsxwriter format of the report, defined in one place.

Money prints as an Indonesian reader expects: thousands grouped, a negative amount in
parentheses, zero as `-`; percentages always with two decimals. The codes are the usual
`#,##0` and `0.00` with the locale tag `[$-421]` (Indonesian) in front: LibreOffice takes
the separators from the format's locale and shows `1.234.567` and `96,52` on any PC; Excel
takes them from the PC's regional settings whatever the tag (`1.234.567` on a PC set to
Indonesian, `1,234,567` otherwise) and keeps the value a number either way (README,
"Numbers in the report").
"""

from __future__ import annotations

from dataclasses import dataclass

from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook

FONT = {"font_name": "Arial", "font_size": 10}
INDONESIAN = "[$-421]"  # the locale tag of Indonesian (LCID 0x0421)
MONEY = INDONESIAN + '#,##0;(#,##0);"-"'
MONEY_SEN = INDONESIAN + '#,##0.00;(#,##0.00);"-"'
PERCENT = INDONESIAN + "0.00"
BORDER = {"border": 1, "border_color": "#808080"}


@dataclass(frozen=True)
class Formats:
    title: Format
    subtitle: Format
    header: Format
    header_number: Format
    text: Format
    text_bold: Format
    code: Format
    code_bold: Format
    money: Format
    money_bold: Format
    percent: Format
    percent_bold: Format
    number: Format
    total_label: Format
    total_money: Format
    total_percent: Format
    cover_title: Format
    centred: Format
    signer: Format
    banner_draft: Format
    banner_ok: Format
    label: Format
    wrap: Format
    indents: tuple[Format, ...]
    indents_bold: tuple[Format, ...]


def make_formats(workbook: Workbook, money_with_sen: bool = False) -> Formats:
    """Create the report's formats on a workbook."""
    money = MONEY_SEN if money_with_sen else MONEY

    def add(**props: object) -> Format:
        return workbook.add_format({**FONT, **props})

    cell = {**BORDER, "valign": "top"}
    return Formats(
        title=add(bold=True, font_size=12, align="center", text_wrap=True),
        subtitle=add(align="center", text_wrap=True),
        header=add(bold=True, align="center", valign="vcenter", text_wrap=True,
                   bg_color="#D9E1F2", **BORDER),
        header_number=add(italic=True, align="center", font_size=9, **BORDER),
        text=add(text_wrap=True, **cell),
        text_bold=add(text_wrap=True, bold=True, **cell),
        code=add(num_format="@", **cell),
        code_bold=add(num_format="@", bold=True, **cell),
        money=add(num_format=money, **cell),
        money_bold=add(num_format=money, bold=True, **cell),
        percent=add(num_format=PERCENT, **cell),
        percent_bold=add(num_format=PERCENT, bold=True, **cell),
        number=add(num_format="General", **cell),
        total_label=add(bold=True, align="center", bg_color="#F2F2F2", **cell),
        total_money=add(num_format=money, bold=True, bg_color="#F2F2F2", **cell),
        total_percent=add(num_format=PERCENT, bold=True, bg_color="#F2F2F2", **cell),
        cover_title=add(bold=True, font_size=14, align="center", valign="vcenter",
                        text_wrap=True),
        centred=add(align="center"),
        signer=add(align="center", bold=True, underline=1),
        banner_draft=add(bold=True, font_size=14, font_color="#FFFFFF", bg_color="#C00000",
                         align="center", valign="vcenter"),
        banner_ok=add(bold=True, font_size=12, font_color="#FFFFFF", bg_color="#548235",
                      align="center", valign="vcenter"),
        label=add(bold=True),
        wrap=add(text_wrap=True, valign="top"),
        indents=tuple(add(text_wrap=True, indent=level, **cell) for level in range(6)),
        indents_bold=tuple(add(text_wrap=True, indent=level, bold=True, **cell)
                           for level in range(6)),
    )


def shown_money(sen: int, with_sen: bool = False) -> str:
    """The text a money cell shows (`MONEY`/`MONEY_SEN`), to size its column: `1.234.567`,
    `(1.234.567,50)`, `-` for zero."""
    if sen == 0:
        return "-"
    whole, rest = divmod(abs(sen), 100)
    text = f"{whole:,}".replace(",", ".") + (f",{rest:02d}" if with_sen else "")
    return f"({text})" if sen < 0 else text
