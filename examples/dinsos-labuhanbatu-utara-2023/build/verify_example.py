#!/usr/bin/env python3
"""Re-check the example workbooks as written, independently of build_example.py.

Reads every workbook back with python-calamine and checks the numbers against the seed:
the LRA rows in seed_lra.tsv (parsed here with its own small parser) and the program
figures of tables III.A.6 and II.3, which are written out below. Exit status 1 on failure.

Usage: python examples/dinsos-labuhanbatu-utara-2023/build/verify_example.py
Needs python-calamine (the pipeline's reader), unlike the builder.
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

from python_calamine import CalamineWorkbook

EXAMPLE = Path(__file__).resolve().parent.parent

# Table III.A.6 (pagu DPA, realisasi) and II.3 (Anggaran in the signed PK), per program.
PROGRAMS = {
    "1.06.01": (3_264_125_367, 3_180_313_397, 3_289_319_117),
    "1.06.02": (642_628_488, 636_022_948, 642_628_488),
    "1.06.04": (393_159_188, 334_317_742, 418_605_438),
    "1.06.05": (529_585_400, 502_979_044, 535_548_400),
    "1.06.06": (595_538_588, 574_785_484, 638_898_588),
}
MURNI_TOTAL = 5_525_037_031  # III.B: "semula sebesar Rp. 5.525.037.031"
MURNI_EXTRA = {"1.06.01": 37_000}  # murni total minus the PK's sum, carried by Penunjang

failures: list[str] = []


def check(condition: bool, message: str) -> None:
    """Record a failed check instead of stopping at the first one."""
    if not condition:
        failures.append(message)


def rupiah(text: str) -> int:
    """Seed notation to whole rupiah; `15.000.00` is the seed's typo for 15.000.000."""
    if text == "15.000.00":
        return 15_000_000
    whole, _, sen = text.partition(",")
    assert not sen or int(sen) == 0, text
    return int(whole.replace(".", ""))


def seed() -> dict[str, tuple[int, int, int]]:
    """Kode rekening → (anggaran, realisasi 2023, realisasi 2022), all 133 rows."""
    with open(EXAMPLE / "build" / "seed_lra.tsv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return {
        r["kode_rekening"]: (
            rupiah(r["anggaran"]),
            rupiah(r["realisasi_2023"]),
            rupiah(r["realisasi_2022"]),
        )
        for r in rows
    }


def sheet(path: Path, name: str) -> list[list]:
    """All rows of one sheet as Python values."""
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name).to_python()


def table(rows: list[list], first: str) -> list[dict]:
    """Rows below the header row (found in the first 20 rows by its first label)."""
    start = next(i for i, row in enumerate(rows[:20]) if row and row[0] == first)
    header = rows[start]
    return [dict(zip(header, row, strict=True)) for row in rows[start + 1 :] if any(row)]


def whole(value: object, where: str) -> int:
    """A money cell must be a whole number."""
    check(isinstance(value, float | int) and float(value).is_integer(), f"{where}: {value!r}")
    return int(value)


def level(code: str) -> int:
    return code.count(".") + 1


def verify_dpa() -> dict[tuple[str, str], tuple[int, int]]:
    """dpa_2023.xlsx; returns (sub kegiatan, kode rekening) → (murni, perubahan)."""
    path = EXAMPLE / "dpa_2023.xlsx"
    names = CalamineWorkbook.from_path(str(path)).sheet_names
    check(names == ["Identitas", "Program", "Anggaran"], f"DPA sheets {names}")
    identitas = {row[0]: row[1] for row in sheet(path, "Identitas")}
    expected = {
        "Pemerintah Daerah": "Kabupaten Labuhanbatu Utara",
        "Perangkat Daerah": "Dinas Sosial",
        "Tahun Anggaran": 2023,
        "Kepala Perangkat Daerah": "JHON FERRY, S.STP, MM",
        "NIP": "197807141998101001",
        "Pangkat/Golongan": "Pembina Utama Muda",
        "Tempat Laporan": "Damuli Kebun",
    }
    check(identitas == expected, f"Identitas {identitas}")

    program_rows = table(sheet(path, "Program"), "Kode")
    check(
        list(program_rows[0]) == ["Kode", "Nomenklatur", "Indikator", "Target", "Satuan"],
        "Program header",
    )
    codes = [r["Kode"] for r in program_rows]
    check(all(isinstance(c, str) for c in codes), "Program codes are text")
    check(len(codes) == len(set(codes)), "Program codes unique")
    subs = {c for c in codes if level(c) == 6}
    for code in codes:
        parent = ".".join(code.split(".")[: {3: 3, 5: 3, 6: 5}[level(code)]])
        check(parent in codes, f"Program {code}: parent {parent} missing")
    check(sorted(c for c in codes if level(c) == 3) == sorted(PROGRAMS), "programs")

    rows = table(sheet(path, "Anggaran"), "Kode Sub Kegiatan")
    check(
        list(rows[0])
        == [
            "Kode Sub Kegiatan",
            "Kode Rekening",
            "Uraian",
            "Pagu Murni",
            "Pagu Perubahan",
            "Sumber Dana",
        ],
        "Anggaran header",
    )
    lines: dict[tuple[str, str], tuple[int, int]] = {}
    declared: dict[str, tuple[int, int]] = {}
    current = None
    for i, r in enumerate(rows):
        sub, code = r["Kode Sub Kegiatan"], r["Kode Rekening"]
        where = f"Anggaran row {i + 5}"
        check(isinstance(sub, str) and isinstance(code, str), f"{where}: codes not text")
        check(sub in subs, f"{where}: sub kegiatan {sub} not in Program")
        murni = whole(r["Pagu Murni"], f"{where} murni")
        pagu = whole(r["Pagu Perubahan"], f"{where} perubahan")
        if code == "5":
            check(sub not in declared, f"{where}: second subtotal for {sub}")
            declared[sub] = (murni, pagu)
            current = sub
            continue
        check(level(code) == 6, f"{where}: {code} is not a leaf")
        check(current == sub, f"{where}: leaf before its sub kegiatan's subtotal")
        check(0 < pagu <= murni, f"{where}: murni {murni} perubahan {pagu}")
        check(r["Sumber Dana"] in ("DAU", "PAD"), f"{where}: sumber dana")
        check((sub, code) not in lines, f"{where}: duplicate line")
        lines[(sub, code)] = (murni, pagu)
    for sub, (murni, pagu) in declared.items():
        mine = [v for (s, _), v in lines.items() if s == sub]
        check(murni == sum(m for m, _ in mine), f"subtotal murni {sub}")
        check(pagu == sum(p for _, p in mine), f"subtotal perubahan {sub}")
    check(set(declared) == {s for s, _ in lines}, "one subtotal per sub kegiatan")
    return lines


def verify_realisasi(lines: dict, lra: dict) -> dict[tuple[str, str], int]:
    """The twelve monthly workbooks; returns (sub kegiatan, kode rekening) → realisasi."""
    header = [
        "Tahun",
        "Bulan",
        "Kode Sub Kegiatan",
        "Kode Rekening",
        "Uraian",
        "Realisasi",
        "Nomor SP2D",
        "Tanggal",
    ]
    realised: dict[tuple[str, str], int] = defaultdict(int)
    for month in range(1, 13):
        path = EXAMPLE / "realisasi" / f"realisasi_2023_{month:02d}.xlsx"
        check(CalamineWorkbook.from_path(str(path)).sheet_names == ["Realisasi"], path.name)
        rows = table(sheet(path, "Realisasi"), "Tahun")
        check(list(rows[0]) == header, f"{path.name} header")
        for i, r in enumerate(rows):
            where = f"{path.name} row {i + 2}"
            check(r["Tahun"] == 2023 and r["Bulan"] == month, f"{where}: tahun/bulan")
            day = r["Tanggal"]
            check(
                isinstance(day, date) and (day.year, day.month) == (2023, month),
                f"{where}: tanggal {day!r}",
            )
            check(day.weekday() < 5, f"{where}: SP2D on a weekend")
            check(isinstance(r["Kode Rekening"], str), f"{where}: code not text")
            check(str(r["Nomor SP2D"]).endswith("/2023"), f"{where}: SP2D number")
            amount = whole(r["Realisasi"], where)
            check(amount > 0, f"{where}: amount {amount}")
            key = (r["Kode Sub Kegiatan"], r["Kode Rekening"])
            check(key in lines, f"{where}: {key} has no DPA line")
            realised[key] += amount
    for key, amount in realised.items():
        check(amount <= lines.get(key, (0, 0))[1], f"{key}: realisasi above pagu perubahan")
    return realised


def verify_prior_year(lra: dict) -> dict[str, int]:
    """realisasi_2022.xlsx: leaf accounts, Bulan and Kode Sub Kegiatan blank."""
    path = EXAMPLE / "realisasi" / "realisasi_2022.xlsx"
    rows = table(sheet(path, "Realisasi"), "Tahun")
    by_code: dict[str, int] = defaultdict(int)
    for i, r in enumerate(rows):
        where = f"{path.name} row {i + 2}"
        check(r["Tahun"] == 2022 and r["Bulan"] == "" and r["Kode Sub Kegiatan"] == "", where)
        check(level(r["Kode Rekening"]) == 6, f"{where}: not a leaf")
        by_code[r["Kode Rekening"]] += whole(r["Realisasi"], where)
    expected = {c: v[2] for c, v in lra.items() if level(c) == 6 and v[2]}
    check(dict(by_code) == expected, "2022 rows = seed REALISASI 2022 per leaf")
    return by_code


def verify_lra(lines: dict, realised: dict, prior: dict, lra: dict) -> None:
    """Every one of the 133 seed rows, at every level, from the workbooks' leaves."""
    for code, (anggaran, real, real_prior) in lra.items():
        under = lambda c, code=code: c == code or c.startswith(code + ".")  # noqa: E731
        got = (
            sum(p for (_, c), (_, p) in lines.items() if under(c)),
            sum(v for (_, c), v in realised.items() if under(c)),
            sum(v for c, v in prior.items() if under(c)),
        )
        check(got == (anggaran, real, real_prior), f"LRA {code}: {got} != seed")
    idle = {c for c, v in lra.items() if level(c) == 6 and v[0] == 0 and v[1] == 0}
    check(not any(c in idle for _, c in lines), "an idle account has a DPA line")


def verify_programs(lines: dict, realised: dict) -> None:
    """Per program: pagu and realisasi of III.A.6, murni = PK Anggaran (+37.000)."""
    for program, (pagu, real, pk) in PROGRAMS.items():
        mine = {k: v for k, v in lines.items() if k[0].startswith(program + ".")}
        check(sum(p for _, p in mine.values()) == pagu, f"{program} pagu perubahan")
        check(
            sum(m for m, _ in mine.values()) == pk + MURNI_EXTRA.get(program, 0), f"{program} murni"
        )
        got = sum(v for k, v in realised.items() if k[0].startswith(program + "."))
        check(got == real, f"{program} realisasi {got} != {real}")
    check(sum(m for m, _ in lines.values()) == MURNI_TOTAL, "murni total")
    for sub, code in lines:
        if code.startswith("5.1.01."):
            check(sub == "1.06.01.2.02.0001", f"pegawai {code} outside Gaji dan Tunjangan")
        if code.startswith("5.1.06."):
            check(sub[:7] in ("1.06.04", "1.06.05"), f"bansos {code} in {sub}")


def verify_pk(dpa_programs: set[str]) -> None:
    """pk_2023.xlsx: Sasaran (5 IKU) and Program, no Kriteria."""
    path = EXAMPLE / "pk_2023.xlsx"
    check(CalamineWorkbook.from_path(str(path)).sheet_names == ["Sasaran", "Program"], "PK sheets")
    sasaran = table(sheet(path, "Sasaran"), "No")
    check(len(sasaran) == 5, "5 IKU")
    check([r["No"] for r in sasaran] == [1, 1, 1, 1, 2], "sasaran numbers")
    check([bool(r["Sasaran Strategis"]) for r in sasaran] == [1, 0, 0, 0, 1], "sasaran text")
    check([r["Realisasi"] for r in sasaran] == [60, 16.81, 55.46, 100, 97.43], "IKU realisasi")
    check([r["Target"] for r in sasaran] == [60, 18, 72, 100, 100], "IKU target")
    lalu = [r["Realisasi Tahun Lalu"] for r in sasaran]
    check(lalu == [55, 3.17, 53.92, 100, 91.85], "IKU tahun lalu")
    akhir = [r["Target Akhir Renstra"] for r in sasaran]
    check(akhir == [75, 35, 80, 100, 100], "IKU Renstra")
    check(all(r["Kode Program"] in dpa_programs for r in sasaran), "IKU program codes")
    program = table(sheet(path, "Program"), "Kode Program")
    check({r["Kode Program"] for r in program} == set(PROGRAMS), "PK programs")
    pk = {r["Kode Program"]: r["Anggaran PK"] for r in program}
    check(pk == {p: v[2] for p, v in PROGRAMS.items()}, "Anggaran PK")


def main() -> int:
    lra = seed()
    check(len(lra) == 133, "133 seed rows")
    lines = verify_dpa()
    realised = verify_realisasi(lines, lra)
    prior = verify_prior_year(lra)
    verify_lra(lines, realised, prior, lra)
    verify_programs(lines, realised)
    verify_pk({s[:7] for s, _ in lines})
    for failure in failures:
        print("FAIL", failure)
    months = sum(
        len(
            table(
                sheet(EXAMPLE / "realisasi" / f"realisasi_2023_{m:02d}.xlsx", "Realisasi"), "Tahun"
            )
        )
        for m in range(1, 13)
    )
    print(
        f"{len(lines)} DPA lines in {len({s for s, _ in lines})} sub kegiatan, "
        f"{months} realisasi rows 2023, {len(prior)} rows 2022, 133 LRA rows re-derived: "
        + ("OK" if not failures else f"{len(failures)} FAILURES")
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
