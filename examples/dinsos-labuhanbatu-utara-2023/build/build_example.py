#!/usr/bin/env python3
"""Rebuild the example input workbooks of Dinas Sosial Kabupaten Labuhanbatu Utara, TA 2023.

The seed LAKIP document publishes the LRA per kode rekening and the budget per program,
but not the DPA lines (sub kegiatan x kode rekening) nor the monthly realisasi. This script
reconstructs them deterministically from the data files next to it:

    seed_lra.tsv        the seed's LRA, 133 coded rows copied verbatim (text amounts)
    seed_totals.tsv     totals quoted in the seed's text (pagu murni, perubahan, realisasi)
    programs.tsv        pagu DPA and realisasi per program (table III.A.6)
    structure.tsv       program / kegiatan / sub kegiatan (II.2) with Permendagri 90 codes
    account_hints.tsv   which sub kegiatan an account most plausibly belongs to
    identitas.tsv       the OPD's identity sheet
    pk_sasaran.tsv      IKU rows of the PK workbook (III.A.1-III.A.5)
    pk_program.tsv      program rows of the PK workbook (III.A.7, II.1, II.3)

Accounts are spread over programs and then sub kegiatan with a transportation problem
solved by max-flow (Edmonds-Karp): first the realisasi, then the unspent pagu, so every
line has realisasi <= pagu by construction. Running the script twice gives identical files.

Usage: python examples/dinsos-labuhanbatu-utara-2023/build/build_example.py
Only the standard library and xlsxwriter are used.
"""

from __future__ import annotations

import calendar
import csv
import itertools
import re
import zlib
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import xlsxwriter

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent
YEAR = 2023
PRIOR_YEAR = YEAR - 1
CREATED = datetime(2024, 1, 31)  # fixed workbook "created" date: reproducible files

PEGAWAI = "5.1.01"  # belanja pegawai
BANSOS = "5.1.06"  # belanja bantuan sosial
BANSOS_PROGRAMS = ("1.06.04", "1.06.05")  # Rehabilitasi Sosial, Perlindungan dan Jaminan Sosial
PENUNJANG = "1.06.01"
GAJI_SUB_KEGIATAN = "1.06.01.2.02.0001"  # Penyediaan Gaji dan Tunjangan ASN
MURNI_DELTA_LINES = 3  # the murni-perubahan difference of a program sits on its 3 largest lines
BULAN = (
    "",
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)

# Amounts in the seed that fit no Indonesian notation, and what they mean. 15.000.00 sits
# on 5.1.02.04.01.0005 (paket meeting luar kota): anggaran 15.000.000, 100,00 %, and the
# subtotals above it only add up with 15.000.000.
SEED_TYPOS = {"15.000.00": 15_000_000}

_GROUPED = re.compile(r"^\d{1,3}(?:\.\d{3})*(?:,\d{2})?$")
_PLAIN = re.compile(r"^\d+(?:,\d{2})?$")


# ---------------------------------------------------------------------------------------
# Reading the data files
# ---------------------------------------------------------------------------------------


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a tab-separated data file in this folder, as dicts keyed by its header."""
    with open(HERE / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def parse_amount(text: str) -> int:
    """Whole rupiah from seed notation: `1.234.567`, `1.234.567,00`, `(1.234)`, `0,00`.

    Known typos of the seed are mapped through SEED_TYPOS; anything else that fits no
    notation raises. Non-zero sen are refused (the seed has none).
    """
    text = text.strip()
    if text in SEED_TYPOS:
        return SEED_TYPOS[text]
    negative = text.startswith("(") and text.endswith(")")
    body = text[1:-1] if negative else text
    if not (_GROUPED.match(body) or _PLAIN.match(body)):
        raise ValueError(f"amount {text!r} fits no Indonesian notation")
    whole, _, sen = body.partition(",")
    if sen and int(sen):
        raise ValueError(f"amount {text!r} has sen")
    value = int(whole.replace(".", ""))
    return -value if negative else value


def parse_number(text: str) -> int | float | None:
    """A percent or count written with a decimal point (`16.81`), or None when blank."""
    text = text.strip()
    if not text:
        return None
    return int(text) if text.isdigit() else float(text)


@dataclass(frozen=True)
class Account:
    """One coded row of the seed LRA."""

    code: str
    uraian: str
    anggaran: int
    realisasi: int
    realisasi_lalu: int
    persen: str

    @property
    def level(self) -> int:
        return self.code.count(".") + 1

    @property
    def is_leaf(self) -> bool:
        return self.level == 6


def load_seed_lra() -> list[Account]:
    """The 133 coded rows of the seed's LRA, amounts parsed."""
    return [
        Account(
            row["kode_rekening"],
            row["uraian"],
            parse_amount(row["anggaran"]),
            parse_amount(row["realisasi_2023"]),
            parse_amount(row["realisasi_2022"]),
            row["persen_2023"],
        )
        for row in read_tsv("seed_lra.tsv")
    ]


def load_seed_totals() -> dict[str, str]:
    """Key facts quoted in the seed's text (see seed_totals.tsv)."""
    return {row["key"]: row["value"] for row in read_tsv("seed_totals.tsv")}


@dataclass
class Unit:
    """A program, kegiatan or sub kegiatan of the DPA's Program sheet."""

    code: str
    nomenklatur: str
    indikator: str
    target: int | float | None
    satuan: str
    rencana: int  # the planning amount of II.2, used as a weight

    @property
    def level(self) -> str:
        return {3: "program", 5: "kegiatan", 6: "sub kegiatan"}[self.code.count(".") + 1]

    @property
    def program(self) -> str:
        return ".".join(self.code.split(".")[:3])


def load_structure() -> list[Unit]:
    """Program → kegiatan → sub kegiatan of II.2 with their Permendagri 90 codes."""
    return [
        Unit(
            row["kode"],
            row["nomenklatur"],
            row["indikator"],
            parse_number(row["target"]),
            row["satuan"],
            parse_amount(row["rencana_ii2"]),
        )
        for row in read_tsv("structure.tsv")
    ]


@dataclass
class Program:
    """Budget facts of one program: DPA (III.A.6) and PK (II.3)."""

    code: str
    name: str
    pagu: int
    realisasi: int
    anggaran_pk: int
    murni: int = 0  # pagu murni the DPA will show

    @property
    def unspent(self) -> int:
        return self.pagu - self.realisasi


def load_programs() -> dict[str, Program]:
    """Programs with their III.A.6 pagu/realisasi and the PK's Anggaran."""
    pk = {
        row["Kode Program"]: parse_amount(row["Anggaran PK"]) for row in read_tsv("pk_program.tsv")
    }
    return {
        row["kode"]: Program(
            row["kode"],
            row["program"],
            parse_amount(row["pagu_dpa_iii_a_6"]),
            parse_amount(row["realisasi_iii_a_6"]),
            pk[row["kode"]],
        )
        for row in read_tsv("programs.tsv")
    }


def load_hints() -> list[tuple[str, list[str]]]:
    """(kode rekening prefix, preferred sub kegiatan), longest prefix first."""
    hints = [
        (row["kode_rekening_prefix"], row["preferred_sub_kegiatan"].split(","))
        for row in read_tsv("account_hints.tsv")
    ]
    return sorted(hints, key=lambda hint: -len(hint[0]))


def preferred_sub_kegiatan(code: str, hints: list[tuple[str, list[str]]]) -> list[str]:
    """The hinted sub kegiatan of an account (longest matching prefix), or []."""
    for prefix, subs in hints:
        if code == prefix or code.startswith(prefix + "."):
            return subs
    return []


def is_under(code: str, prefix: str) -> bool:
    """`5.1.01.01.01.0001` is under `5.1.01`."""
    return code == prefix or code.startswith(prefix + ".")


# ---------------------------------------------------------------------------------------
# Checks on the seed itself
# ---------------------------------------------------------------------------------------


def check_seed(
    accounts: list[Account], totals: dict[str, str], programs: dict[str, Program]
) -> None:
    """The seed LRA is internally consistent: every parent is the sum of its leaves."""
    assert len(accounts) == 133, len(accounts)
    leaves = [a for a in accounts if a.is_leaf]
    for parent in accounts:
        if parent.is_leaf:
            continue
        under = [a for a in leaves if is_under(a.code, parent.code)]
        for attr in ("anggaran", "realisasi", "realisasi_lalu"):
            assert getattr(parent, attr) == sum(getattr(a, attr) for a in under), (
                parent.code,
                attr,
            )
    root = next(a for a in accounts if a.code == "5")
    assert root.anggaran == parse_amount(totals["pagu_perubahan_total"])
    assert root.realisasi == parse_amount(totals["realisasi_2023_total"])
    assert root.realisasi_lalu == parse_amount(totals["realisasi_2022_total"])
    assert root.anggaran == sum(p.pagu for p in programs.values())
    assert root.realisasi == sum(p.realisasi for p in programs.values())
    for a in accounts:  # the printed percentage matches the amounts
        shown = float(a.persen.replace(",", "."))
        computed = round(a.realisasi * 100 / a.anggaran, 2) if a.anggaran else 0.0
        assert abs(shown - computed) <= 0.011, (a.code, a.persen, computed)
    for a in leaves:
        assert a.anggaran >= a.realisasi >= 0, a.code


def set_pagu_murni(programs: dict[str, Program], totals: dict[str, str]) -> int:
    """Pagu murni per program = the PK's Anggaran; the seed's murni total exceeds the PK
    sum by 37.000, which the DPA puts on one program (murni_gap_program). Returns the gap."""
    gap = parse_amount(totals["pagu_murni_total"]) - sum(p.anggaran_pk for p in programs.values())
    assert gap == 37_000, gap
    for program in programs.values():
        program.murni = program.anggaran_pk + (
            gap if program.code == totals["murni_gap_program"] else 0
        )
        assert program.murni >= program.pagu, program.code
    return gap


# ---------------------------------------------------------------------------------------
# Max-flow (Edmonds-Karp) and the transportation problem
# ---------------------------------------------------------------------------------------


class FlowNetwork:
    """A directed network with integer capacities and an Edmonds-Karp max-flow."""

    def __init__(self) -> None:
        self.capacity: dict[tuple, int] = {}  # original capacity of forward edges
        self.residual: dict[tuple, int] = {}
        self.adjacent: dict[object, list] = defaultdict(list)

    def add_edge(self, u: object, v: object, capacity: int) -> None:
        """Add the forward edge u→v (and its residual twin v→u)."""
        assert (u, v) not in self.residual, (u, v)
        self.adjacent[u].append(v)
        self.adjacent[v].append(u)
        self.capacity[(u, v)] = capacity
        self.residual[(u, v)] = capacity
        self.residual[(v, u)] = 0

    def _shortest_augmenting_path(self, source: object, sink: object) -> list | None:
        """Breadth-first search in the residual network: the path as a node list."""
        parent = {source: None}
        queue = deque([source])
        while queue:
            u = queue.popleft()
            for v in self.adjacent[u]:
                if v not in parent and self.residual[(u, v)] > 0:
                    parent[v] = u
                    if v == sink:
                        path = [v]
                        while parent[path[-1]] is not None:
                            path.append(parent[path[-1]])
                        return path[::-1]
                    queue.append(v)
        return None

    def max_flow(self, source: object, sink: object) -> int:
        """Augment along shortest paths until none is left; returns the total flow."""
        total = 0
        while (path := self._shortest_augmenting_path(source, sink)) is not None:
            pairs = list(itertools.pairwise(path))
            bottleneck = min(self.residual[pair] for pair in pairs)
            for u, v in pairs:
                self.residual[(u, v)] -= bottleneck
                self.residual[(v, u)] += bottleneck
            total += bottleneck
        return total

    def flow(self, u: object, v: object) -> int:
        """Flow on forward edge u→v (the networks here have no antiparallel edges)."""
        return self.capacity[(u, v)] - self.residual[(u, v)]


class Infeasible(Exception):
    """No allocation ships every supply along the given edges."""


Edge = tuple[str, str, int | None]  # (supply key, demand key, capacity; None = unbounded)
Phase = Callable[[dict[str, int], dict[str, int]], list[Edge]]  # (supply, demand) left → edges


def ship(
    supply: dict[str, int], demand: dict[str, int], edges: list[Edge]
) -> dict[tuple[str, str], int]:
    """One max-flow S → supplies → demands → T over `edges`: what moves along each edge."""
    net = FlowNetwork()
    used = {}
    for src, dst, capacity in edges:
        if supply.get(src) and demand.get(dst) and (src, dst) not in used:
            used[(src, dst)] = None
            net.add_edge(("s", src), ("d", dst), supply[src] if capacity is None else capacity)
    for src in dict.fromkeys(s for s, _ in used):
        net.add_edge("S", ("s", src), supply[src])
    for dst in dict.fromkeys(d for _, d in used):
        net.add_edge(("d", dst), "T", demand[dst])
    net.max_flow("S", "T")
    return {(s, d): net.flow(("s", s), ("d", d)) for s, d in used if net.flow(("s", s), ("d", d))}


def transport(
    supplies: dict[str, int], demands: dict[str, int], phases: list[Phase]
) -> tuple[dict[tuple[str, str], int], set[int]]:
    """Ship every supply to the demands (a transportation problem), phase by phase.

    Each phase proposes edges for what is left; a max-flow over them is committed before
    the next phase, so earlier (preferred) edges keep their flow. Demands are upper
    bounds; when they add up to the supplies, every demand is met exactly. Returns the
    flows and the indexes of the phases that moved something.
    """
    assert all(v >= 0 for v in supplies.values()) and all(v >= 0 for v in demands.values())
    supply, demand = dict(supplies), dict(demands)
    flows: dict[tuple[str, str], int] = defaultdict(int)
    active: set[int] = set()
    for index, phase in enumerate(phases):
        if not any(supply.values()):
            break
        for (src, dst), amount in ship(supply, demand, phase(supply, demand)).items():
            flows[(src, dst)] += amount
            supply[src] -= amount
            demand[dst] -= amount
            active.add(index)
    if any(supply.values()):
        raise Infeasible(f"{sum(supply.values())} of {sum(supplies.values())} not shipped")
    return dict(flows), active


def apportion(total: int, weights: list[int]) -> list[int]:
    """Split an integer total proportionally to integer weights (largest remainder)."""
    weight_sum = sum(weights)
    if weight_sum == 0:
        weights, weight_sum = [1] * len(weights), len(weights)
    quotas = [total * w // weight_sum for w in weights]
    remainders = [(total * w % weight_sum, -i) for i, w in enumerate(weights)]
    for _, negative_index in sorted(remainders, reverse=True)[: total - sum(quotas)]:
        quotas[-negative_index] += 1
    return quotas


def proportional(
    destinations: dict[str, list[str]],
    weight_of: Callable[[str, str, dict], int],
    sources: Callable[[str], bool],
) -> Phase:
    """Phase: each source split over its destinations in proportion to a weight (capped
    edges), so a source is spread instead of poured into the first destination found."""

    def edges(supply: dict[str, int], demand: dict[str, int]) -> list[Edge]:
        out: list[Edge] = []
        for src, dsts in most_specific_first(destinations):
            if sources(src) and dsts and supply.get(src):
                shares = apportion(supply[src], [weight_of(src, d, demand) for d in dsts])
                out += [(src, d, share) for d, share in zip(dsts, shares, strict=True) if share]
        return out

    return edges


def unbounded(destinations: dict[str, list[str]], sources: Callable[[str], bool]) -> Phase:
    """Phase: every listed edge, without a capacity."""

    def edges(supply: dict[str, int], demand: dict[str, int]) -> list[Edge]:
        return [
            (src, d, None)
            for src, dsts in most_specific_first(destinations)
            if sources(src)
            for d in dsts
        ]

    return edges


def most_specific_first(destinations: dict[str, list[str]]) -> list[tuple[str, list[str]]]:
    """Sources with fewer destinations first: the max-flow saturates the first paths it
    finds, so an account that fits one place only claims that place before the
    all-rounders (perjalanan dinas, makan minum rapat) do."""
    return sorted(destinations.items(), key=lambda item: (len(item[1]), item[0]))


# ---------------------------------------------------------------------------------------
# Allocation: accounts → programs → sub kegiatan
# ---------------------------------------------------------------------------------------


def allowed_program(code: str, program: str) -> bool:
    """Hard rules: pegawai only in Penunjang, bantuan sosial only in Rehabilitasi or
    Perlindungan dan Jaminan Sosial, everything else anywhere."""
    if is_under(code, PEGAWAI):
        return program == PENUNJANG
    if is_under(code, BANSOS):
        return program in BANSOS_PROGRAMS
    return True


def allowed_sub_kegiatan(code: str, sub: str) -> bool:
    """Hard rule within a program: pegawai only, and exclusively, in Penyediaan Gaji dan
    Tunjangan ASN."""
    return is_under(code, PEGAWAI) == (sub == GAJI_SUB_KEGIATAN)


def is_restricted(code: str) -> bool:
    """Accounts with hard rules are shipped first, so the free ones cannot crowd them out."""
    return is_under(code, PEGAWAI) or is_under(code, BANSOS)


def allocation_phases(
    hinted: dict[str, list[str]],
    allowed: dict[str, list[str]],
    follow: dict[str, dict[str, int]] | None,
) -> list[Phase]:
    """The edge phases of one stage, from most to least preferred.

    For the restricted accounts first, then for all: follow the account's realisasi
    (unspent stage only; proportionally, then unbounded), the hinted destinations
    (proportionally to their open demand, then unbounded), every allowed destination.
    The last phase, every edge at all, is a relaxation that the caller reports.
    """

    def by_demand(src: str, dst: str, demand: dict[str, int]) -> int:
        return demand.get(dst, 0)

    def by_realisasi(src: str, dst: str, demand: dict[str, int]) -> int:
        return follow[src][dst]

    phases: list[Phase] = []
    for sources in (is_restricted, lambda code: True):
        if follow is not None:
            followed = {src: list(dsts) for src, dsts in follow.items()}
            phases += [proportional(followed, by_realisasi, sources), unbounded(followed, sources)]
        phases += [
            proportional(hinted, by_demand, sources),
            unbounded(hinted, sources),
            unbounded(allowed, sources),
        ]
    everything = {src: sorted({d for dsts in allowed.values() for d in dsts}) for src in allowed}
    return phases + [unbounded(everything, lambda code: True)]


def two_stage(
    label: str,
    realisasi: dict[str, int],
    unspent: dict[str, int],
    demand_realisasi: dict[str, int],
    demand_unspent: dict[str, int],
    hinted: dict[str, list[str]],
    allowed: dict[str, list[str]],
    notes: list[str],
) -> dict[tuple[str, str], list[int]]:
    """Allocate each account's realisasi, then its unspent pagu, to destinations.

    Returns {(account, destination): [realisasi, pagu]}; pagu = realisasi + unspent, so
    realisasi <= pagu on every pair by construction.
    """
    phases = allocation_phases(hinted, allowed, None)
    spent, active = transport(realisasi, demand_realisasi, phases)
    if len(phases) - 1 in active:
        notes.append(
            f"{label}, realisasi: infeasible with the allowed edges, solved with relaxed edges"
        )
    follow: dict[str, dict[str, int]] = defaultdict(dict)
    for (src, dst), amount in sorted(spent.items()):
        follow[src][dst] = amount
    phases = allocation_phases(hinted, allowed, follow)
    left, active = transport(unspent, demand_unspent, phases)
    if len(phases) - 1 in active:
        notes.append(
            f"{label}, unspent pagu: infeasible with the allowed edges, solved with relaxed edges"
        )
    result: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for key, amount in spent.items():
        result[key][0] += amount
        result[key][1] += amount
    for key, amount in left.items():
        result[key][1] += amount
    return dict(sorted(result.items()))


def allocate_to_programs(
    leaves: list[Account],
    programs: dict[str, Program],
    structure: list[Unit],
    hints: list,
    notes: list[str],
) -> dict:
    """Account × program amounts {(code, program): [realisasi, pagu]}; each program's
    realisasi and unspent pagu are met exactly (table III.A.6)."""
    sub_program = {u.code: u.program for u in structure if u.level == "sub kegiatan"}
    hinted, allowed = {}, {}
    for a in leaves:
        wanted = [sub_program[sub] for sub in preferred_sub_kegiatan(a.code, hints)]
        hinted[a.code] = [p for p in dict.fromkeys(wanted) if allowed_program(a.code, p)]
        allowed[a.code] = [p for p in programs if allowed_program(a.code, p)]
    return two_stage(
        "programs",
        {a.code: a.realisasi for a in leaves},
        {a.code: a.anggaran - a.realisasi for a in leaves},
        {p.code: p.realisasi for p in programs.values()},
        {p.code: p.unspent for p in programs.values()},
        hinted,
        allowed,
        notes,
    )


def sub_kegiatan_realisasi(subs: list[Unit], in_program: dict[str, list[int]]) -> dict[str, int]:
    """Realisasi each sub kegiatan should get: the Gaji sub kegiatan exactly the
    program's belanja pegawai; the others the rest, weighted by II.2's planning amounts."""
    total = sum(r for r, _ in in_program.values())
    pinned = sum(r for code, (r, _) in in_program.items() if is_under(code, PEGAWAI))
    free = [u for u in subs if u.code != GAJI_SUB_KEGIATAN]
    shares = apportion(total - pinned, [u.rencana for u in free])
    targets = {u.code: share for u, share in zip(free, shares, strict=True)}
    if len(free) < len(subs):
        targets[GAJI_SUB_KEGIATAN] = pinned
    assert pinned == 0 or GAJI_SUB_KEGIATAN in targets
    return targets


@dataclass
class Line:
    """One DPA line: a kode rekening in a sub kegiatan."""

    sub: str
    account: Account
    realisasi: int = 0
    pagu: int = 0
    murni: int = 0

    @property
    def program(self) -> str:
        return ".".join(self.sub.split(".")[:3])


def allocate_to_sub_kegiatan(
    program: str,
    subs: list[Unit],
    in_program: dict[str, list[int]],
    accounts: dict[str, Account],
    hints: list,
    notes: list[str],
) -> list[Line]:
    """Lines of one program: its account amounts spread over its sub kegiatan. The
    realisasi meets weighted targets; the unspent pagu follows the realisasi (sub
    kegiatan pagu has no target of its own, so that stage's demands are open)."""
    codes = [u.code for u in subs]
    hinted = {
        c: [
            s for s in preferred_sub_kegiatan(c, hints) if s in codes and allowed_sub_kegiatan(c, s)
        ]
        for c in in_program
    }
    allowed = {c: [s for s in codes if allowed_sub_kegiatan(c, s)] for c in in_program}
    unspent = {c: p - r for c, (r, p) in in_program.items()}
    open_demand = {s: sum(unspent.values()) for s in codes}
    amounts = two_stage(
        program,
        {c: r for c, (r, _) in in_program.items()},
        unspent,
        sub_kegiatan_realisasi(subs, in_program),
        open_demand,
        hinted,
        allowed,
        notes,
    )
    return [
        Line(sub, accounts[code], realisasi=r, pagu=p) for (code, sub), (r, p) in amounts.items()
    ]


def apply_murni_delta(lines: list[Line], programs: dict[str, Program]) -> None:
    """Pagu murni = pagu perubahan, except on each program's largest non-pegawai lines,
    which carry the program's murni − perubahan difference (cut in the APBD-P)."""
    for line in lines:
        line.murni = line.pagu
    for program in programs.values():
        delta = program.murni - program.pagu
        if not delta:
            continue
        candidates = [
            ln
            for ln in lines
            if ln.program == program.code and not is_under(ln.account.code, PEGAWAI)
        ]
        candidates.sort(key=lambda ln: (-ln.pagu, ln.sub, ln.account.code))
        chosen = candidates[:MURNI_DELTA_LINES]
        for line, extra in zip(chosen, apportion(delta, [ln.pagu for ln in chosen]), strict=True):
            line.murni += extra


def build_lines(
    leaves: list[Account],
    programs: dict[str, Program],
    structure: list[Unit],
    hints: list,
    notes: list[str],
) -> list[Line]:
    """All DPA lines, sorted by sub kegiatan and kode rekening."""
    budgeted = [a for a in leaves if a.anggaran or a.realisasi]
    by_program = allocate_to_programs(budgeted, programs, structure, hints, notes)
    accounts = {a.code: a for a in budgeted}
    lines: list[Line] = []
    for program in programs:
        subs = [u for u in structure if u.level == "sub kegiatan" and u.program == program]
        in_program = {c: v for (c, p), v in sorted(by_program.items()) if p == program}
        lines += allocate_to_sub_kegiatan(program, subs, in_program, accounts, hints, notes)
    apply_murni_delta(lines, programs)
    return sorted(lines, key=lambda ln: (ln.sub, ln.account.code))


# ---------------------------------------------------------------------------------------
# Realisasi over the months
# ---------------------------------------------------------------------------------------


def stable_hash(*parts: str) -> int:
    """A hash that is the same on every run and machine (unlike hash())."""
    return zlib.crc32("|".join(parts).encode("utf-8"))


def weekday_on_or_before(year: int, month: int, day: int) -> int:
    """The day itself, or the Friday before when it falls on a weekend."""
    while date(year, month, day).weekday() >= 5:
        day -= 1
    return day


def first_weekday(year: int, month: int, start: int) -> int:
    """The first Monday-Friday on or after `start`."""
    day = start
    while date(year, month, day).weekday() >= 5:
        day += 1
    return day


def spread_over_months(line: Line) -> list[tuple[int, int, int]]:
    """(month, day, amount) payments of a line's yearly realisasi, never negative.

    Belanja pegawai: evenly every month, the remainder in December, paid on the first
    working day from the 2nd. Other accounts: 1-4 payments in months chosen by a stable
    hash, amounts rounded to thousands, the remainder on the last payment.
    """
    total = line.realisasi
    if total == 0:
        return []
    if is_under(line.account.code, PEGAWAI):
        base = total // 12
        amounts = [base] * 11 + [base + total % 12]
        return [
            (m, first_weekday(YEAR, m, 2), amt)
            for m, amt in zip(range(1, 13), amounts, strict=True)
            if amt
        ]
    h = stable_hash(line.sub, line.account.code)
    count = 1 if total < 5_000_000 else 1 + h % 4
    first = 2 + (h >> 4) % (12 - count)  # leave room for `count` months up to December
    last = first + count - 1 + (h >> 16) % (14 - count - first)  # first+count-1 .. December
    months = sorted({first + (i * (last - first)) // max(count - 1, 1) for i in range(count)})
    weights = [1 + (h >> (8 + 2 * i)) % 3 for i in range(len(months))]
    amounts = [share // 1000 * 1000 for share in apportion(total, weights)]
    amounts[-1] += total - sum(amounts)
    payments = []
    for i, (month, amount) in enumerate(zip(months, amounts, strict=True)):
        day = 5 + (h >> (3 * i)) % 22
        payments.append((month, weekday_on_or_before(YEAR, month, day), amount))
    return [p for p in payments if p[2] > 0]


@dataclass
class Payment:
    """One row of a monthly Realisasi workbook."""

    sub: str
    account: Account
    month: int
    day: int
    amount: int
    sp2d: str = ""


def build_payments(lines: list[Line]) -> list[Payment]:
    """All 2023 realisasi rows, with SP2D numbers: one SP2D per sub kegiatan, date and
    kind (LS-GAJI for belanja pegawai, LS otherwise), numbered through the year."""
    payments = [
        Payment(ln.sub, ln.account, m, d, amt)
        for ln in lines
        for m, d, amt in spread_over_months(ln)
    ]
    kind = lambda p: "LS-GAJI" if is_under(p.account.code, PEGAWAI) else "LS"  # noqa: E731
    payments.sort(key=lambda p: (p.month, p.day, p.sub, kind(p), p.account.code))
    numbers: dict[tuple, str] = {}
    for p in payments:
        key = (p.month, p.day, p.sub, kind(p))
        if key not in numbers:
            numbers[key] = f"{len(numbers) + 1:04d}/SP2D/{kind(p)}/DINSOS/{YEAR}"
        p.sp2d = numbers[key]
    return payments


# ---------------------------------------------------------------------------------------
# Checks on the reconstruction
# ---------------------------------------------------------------------------------------


def check_lines(
    lines: list[Line],
    payments: list[Payment],
    leaves: list[Account],
    programs: dict[str, Program],
    structure: list[Unit],
) -> None:
    """Every number the brief requires, on the in-memory data."""
    subs = {u.code for u in structure if u.level == "sub kegiatan"}
    pagu, real = defaultdict(int), defaultdict(int)
    for ln in lines:
        assert ln.sub in subs, ln.sub
        assert 0 <= ln.realisasi <= ln.pagu <= ln.murni, (ln.sub, ln.account.code)
        assert ln.pagu > 0, (ln.sub, ln.account.code)
        assert allowed_program(ln.account.code, ln.program), (ln.sub, ln.account.code)
        assert allowed_sub_kegiatan(ln.account.code, ln.sub), (ln.sub, ln.account.code)
        pagu[ln.account.code] += ln.pagu
        assert sum(amount for _, _, amount in spread_over_months(ln)) == ln.realisasi
    for p in payments:
        assert p.amount > 0 and 1 <= p.day <= calendar.monthrange(YEAR, p.month)[1]
        real[p.account.code] += p.amount
    for a in leaves:
        assert pagu[a.code] == a.anggaran, a.code
        assert real[a.code] == a.realisasi, a.code
    for program in programs.values():
        in_program = [ln for ln in lines if ln.program == program.code]
        assert sum(ln.pagu for ln in in_program) == program.pagu, program.code
        assert sum(ln.realisasi for ln in in_program) == program.realisasi, program.code
        assert sum(ln.murni for ln in in_program) == program.murni, program.code
        paid = sum(p.amount for p in payments if p.sub.startswith(program.code + "."))
        assert paid == program.realisasi, program.code
    assert len({(ln.sub, ln.account.code) for ln in lines}) == len(lines)


# ---------------------------------------------------------------------------------------
# Writing the workbooks
# ---------------------------------------------------------------------------------------


class Book:
    """An xlsxwriter workbook with the formats the example uses and a fixed created date."""

    def __init__(self, path: Path, title: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.workbook = xlsxwriter.Workbook(str(path))
        self.workbook.set_properties(
            {
                "title": title,
                "author": "LAKIP Pipeline example builder",
                "company": "Dinas Sosial Kabupaten Labuhanbatu Utara",
                "created": CREATED,
            }
        )
        add = self.workbook.add_format
        self.header = add(
            {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "top"}
        )
        self.title = add({"bold": True, "font_size": 13, "align": "center"})
        self.subtitle = add({"bold": True, "align": "center"})
        self.money = add({"num_format": "#,##0"})
        self.money_bold = add({"num_format": "#,##0", "bold": True})
        self.bold = add({"bold": True})
        self.number = add({"num_format": "0.##"})
        self.date = add({"num_format": "dd/mm/yyyy"})
        self.wrap = add({"text_wrap": True, "valign": "top"})

    def table(self, name: str, columns: list[tuple[str, int]], first_row: int = 0):
        """A worksheet with its header row at `first_row` and column widths set."""
        sheet = self.workbook.add_worksheet(name)
        for col, (label, width) in enumerate(columns):
            sheet.set_column(col, col, width)
            sheet.write_string(first_row, col, label, self.header)
        sheet.freeze_panes(first_row + 1, 0)
        return sheet

    def cell(self, sheet, row: int, col: int, value, fmt=None) -> None:
        """Write text as text, numbers as numbers, dates as dates, None as nothing."""
        if value is None or value == "":
            return
        if isinstance(value, str):
            sheet.write_string(row, col, value, fmt)
        elif isinstance(value, datetime):
            sheet.write_datetime(row, col, value, fmt or self.date)
        else:
            sheet.write_number(row, col, value, fmt)

    def close(self) -> None:
        self.workbook.close()


def write_dpa(path: Path, identitas: list[dict], structure: list[Unit], lines: list[Line]) -> int:
    """dpa_2023.xlsx: Identitas, Program, Anggaran (title rows, one declared subtotal
    `5` per sub kegiatan before its leaf lines). Returns the Anggaran row count."""
    book = Book(path, f"DPA Dinas Sosial Kabupaten Labuhanbatu Utara TA {YEAR}")
    sheet = book.workbook.add_worksheet("Identitas")
    sheet.set_column(0, 0, 26)
    sheet.set_column(1, 1, 40)
    for row, item in enumerate(identitas):
        sheet.write_string(row, 0, item["field"], book.bold)
        value = item["value"]
        book.cell(sheet, row, 1, int(value) if item["field"] == "Tahun Anggaran" else value)

    sheet = book.table(
        "Program",
        [("Kode", 20), ("Nomenklatur", 60), ("Indikator", 60), ("Target", 9), ("Satuan", 12)],
    )
    for row, unit in enumerate(structure, start=1):
        fmt = book.bold if unit.level != "sub kegiatan" else None
        book.cell(sheet, row, 0, unit.code, fmt)
        book.cell(sheet, row, 1, unit.nomenklatur, fmt)
        book.cell(sheet, row, 2, unit.indikator)
        book.cell(sheet, row, 3, unit.target, book.number)
        book.cell(sheet, row, 4, unit.satuan)

    columns = [
        ("Kode Sub Kegiatan", 20),
        ("Kode Rekening", 19),
        ("Uraian", 60),
        ("Pagu Murni", 16),
        ("Pagu Perubahan", 16),
        ("Sumber Dana", 12),
    ]
    sheet = book.table("Anggaran", columns, first_row=3)
    sheet.merge_range(0, 0, 0, len(columns) - 1, "DOKUMEN PELAKSANAAN ANGGARAN", book.title)
    sheet.merge_range(
        1,
        0,
        1,
        len(columns) - 1,
        f"Dinas Sosial Kabupaten Labuhanbatu Utara - Tahun Anggaran {YEAR}",
        book.subtitle,
    )
    row = 4
    for sub in sorted({ln.sub for ln in lines}):
        in_sub = [ln for ln in lines if ln.sub == sub]
        for col, value in enumerate((sub, "5", "BELANJA DAERAH")):
            book.cell(sheet, row, col, value, book.bold)
        book.cell(sheet, row, 3, sum(ln.murni for ln in in_sub), book.money_bold)
        book.cell(sheet, row, 4, sum(ln.pagu for ln in in_sub), book.money_bold)
        row += 1
        for ln in in_sub:
            book.cell(sheet, row, 0, ln.sub)
            book.cell(sheet, row, 1, ln.account.code)
            book.cell(sheet, row, 2, ln.account.uraian)
            book.cell(sheet, row, 3, ln.murni, book.money)
            book.cell(sheet, row, 4, ln.pagu, book.money)
            book.cell(sheet, row, 5, sumber_dana(ln))
            row += 1
    book.close()
    return row - 4


def sumber_dana(line: Line) -> str:
    """Illustrative funding source: DAU for belanja pegawai and the technical programs,
    PAD for the other lines of Program Penunjang."""
    if is_under(line.account.code, PEGAWAI) or line.program != PENUNJANG:
        return "DAU"
    return "PAD"


REALISASI_COLUMNS = [
    ("Tahun", 7),
    ("Bulan", 7),
    ("Kode Sub Kegiatan", 20),
    ("Kode Rekening", 19),
    ("Uraian", 60),
    ("Realisasi", 16),
    ("Nomor SP2D", 30),
    ("Tanggal", 12),
]


def write_realisasi_month(path: Path, month: int, payments: list[Payment]) -> int:
    """realisasi_2023_MM.xlsx: the SP2D rows of one month (amounts of that month only)."""
    book = Book(path, f"Realisasi Belanja Dinas Sosial {BULAN[month]} {YEAR}")
    sheet = book.table("Realisasi", REALISASI_COLUMNS)
    rows = [p for p in payments if p.month == month]
    for row, p in enumerate(rows, start=1):
        values = (
            YEAR,
            month,
            p.sub,
            p.account.code,
            p.account.uraian,
            p.amount,
            p.sp2d,
            datetime(YEAR, month, p.day),
        )
        for col, value in enumerate(values):
            book.cell(sheet, row, col, value, book.money if col == 5 else None)
    book.close()
    return len(rows)


def write_realisasi_prior_year(path: Path, leaves: list[Account]) -> int:
    """realisasi_2022.xlsx: one row per leaf account with realisasi in 2022; Bulan and
    Kode Sub Kegiatan blank (the LRA's prior-year column only needs the account)."""
    book = Book(path, f"Realisasi Belanja Dinas Sosial {PRIOR_YEAR}")
    sheet = book.table("Realisasi", REALISASI_COLUMNS)
    rows = [a for a in leaves if a.realisasi_lalu]
    for row, a in enumerate(rows, start=1):
        book.cell(sheet, row, 0, PRIOR_YEAR)
        book.cell(sheet, row, 3, a.code)
        book.cell(sheet, row, 4, a.uraian)
        book.cell(sheet, row, 5, a.realisasi_lalu, book.money)
    book.close()
    return len(rows)


def write_pk(path: Path) -> tuple[int, int]:
    """pk_2023.xlsx: sheets Sasaran and Program from pk_sasaran.tsv / pk_program.tsv."""
    book = Book(path, f"Perjanjian Kinerja Dinas Sosial Kabupaten Labuhanbatu Utara {YEAR}")
    counts = []
    for sheet_name, source, money_cols, widths in (
        (
            "Sasaran",
            "pk_sasaran.tsv",
            (),
            {"Sasaran Strategis": 45, "Indikator Kinerja": 45, "Analisis": 45, "Solusi": 40},
        ),
        ("Program", "pk_program.tsv", ("Anggaran PK",), {"Indikator Program": 55, "Analisis": 45}),
    ):
        rows = read_tsv(source)
        labels = list(rows[0].keys())
        sheet = book.table(sheet_name, [(label, widths.get(label, 13)) for label in labels])
        for r, item in enumerate(rows, start=1):
            for c, label in enumerate(labels):
                text = item[label]
                if label in money_cols:
                    book.cell(sheet, r, c, parse_amount(text), book.money)
                elif label in ("Kode Program",) or not re.fullmatch(r"\d+(\.\d+)?", text):
                    book.cell(sheet, r, c, text, book.wrap if len(text) > 40 else None)
                else:
                    book.cell(sheet, r, c, parse_number(text), book.number)
        counts.append(len(rows))
    book.close()
    return counts[0], counts[1]


# ---------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------


def rupiah(value: int) -> str:
    """5425037031 → 5.425.037.031"""
    return f"{value:,}".replace(",", ".")


def print_summary(
    lines: list[Line],
    payments: list[Payment],
    programs: dict[str, Program],
    gap: int,
    counts: dict[str, int],
    notes: list[str],
) -> None:
    """What was built, per program, and any relaxation of the allocation."""

    def row(label: str, mine: list[Line]) -> str:
        murni, pagu = sum(ln.murni for ln in mine), sum(ln.pagu for ln in mine)
        realisasi = sum(ln.realisasi for ln in mine)
        return (
            f"{label:9} {rupiah(murni):>15} {rupiah(pagu):>15} {rupiah(realisasi):>15}"
            f" {len(mine):>6} {len({ln.sub for ln in mine}):>7}"
        )

    header = ("program", "pagu murni", "pagu perubahan", "realisasi", "lines", "sub keg")
    print("{:9} {:>15} {:>15} {:>15} {:>6} {:>7}".format(*header))
    for p in programs.values():
        print(row(p.code, [ln for ln in lines if ln.program == p.code]))
    print(row("total", lines))
    print(
        f"PK Anggaran total {rupiah(sum(p.anggaran_pk for p in programs.values()))};"
        f" DPA murni carries +{rupiah(gap)} on {PENUNJANG}"
    )
    print(
        f"realisasi 2023: {len(payments)} SP2D rows, {len({p.sp2d for p in payments})} SP2D numbers"
    )
    for name, count in counts.items():
        print(f"  {name}: {count} rows")
    for note in notes or ["allocation solved without relaxing any edge rule"]:
        print("note:", note)


def main() -> None:
    accounts = load_seed_lra()
    totals = load_seed_totals()
    programs = load_programs()
    structure = load_structure()
    hints = load_hints()
    check_seed(accounts, totals, programs)
    gap = set_pagu_murni(programs, totals)
    leaves = [a for a in accounts if a.is_leaf]
    notes: list[str] = []
    lines = build_lines(leaves, programs, structure, hints, notes)
    payments = build_payments(lines)
    check_lines(lines, payments, leaves, programs, structure)

    counts = {
        "dpa_2023.xlsx Anggaran": write_dpa(
            EXAMPLE / "dpa_2023.xlsx", read_tsv("identitas.tsv"), structure, lines
        )
    }
    for month in range(1, 13):
        name = f"realisasi/realisasi_{YEAR}_{month:02d}.xlsx"
        counts[name] = write_realisasi_month(EXAMPLE / name, month, payments)
    name = f"realisasi/realisasi_{PRIOR_YEAR}.xlsx"
    counts[name] = write_realisasi_prior_year(EXAMPLE / name, leaves)
    sasaran, program_rows = write_pk(EXAMPLE / f"pk_{YEAR}.xlsx")
    counts[f"pk_{YEAR}.xlsx Sasaran"] = sasaran
    counts[f"pk_{YEAR}.xlsx Program"] = program_rows
    print_summary(lines, payments, programs, gap, counts, notes)


if __name__ == "__main__":
    main()
