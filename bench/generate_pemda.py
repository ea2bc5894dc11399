"""Generate a pemda of 40 OPDs for the scale benchmark (issue 16), with 10- and 20-OPD
subsets made of hard links.

    python bench/generate_pemda.py [--output /tmp/lakip-pemda] [--scale 1.0] [--jobs N]

Writes, under the output folder:

- `pemda40/NN-<opd>/`: one OPD's inputs each, as `bench/generate.py` writes them (a DPA,
  twelve monthly realisasi workbooks, the year before, a PK), for 40 OPDs of one
  kabupaten, "Kabupaten Contoh Raya", all of budget year 2025;
- `pemda20/` and `pemda10/`: the same OPD folders, every file a hard link into
  `pemda40/` (no regeneration, no extra disk), for half and a quarter of the OPDs;
- `manifest.json`: every OPD with its size and the subsets it belongs to.

Each OPD is one call of `generate.generate` with its own `Shape`: the shape's programs and
accounts, but the OPD's own Identitas (the same Pemerintah Daerah for all, its own
Perangkat Daerah, Kepala, NIP), its own SP2D abbreviation and its own seed.

The sizes (`CATALOGUE`, realisasi rows per monthly file) follow a kabupaten's spread:
most OPDs are small, a few are large.

- 4 large OPDs (education, health, the hospital, public works): 20,000–50,000 rows;
- 8 medium OPDs (secretariats, finance, other dinas): 5,000–12,000 rows;
- 13 small badan and dinas: 1,000–3,000 rows;
- 15 kecamatan: 300–800 rows.

About 228,000 rows a month, 2.7 million in the year. The DPA, sub kegiatan and the year
before scale with the rows (`opd_sizes`). One OPD in four has the second shape (text
dates, SP2D numbers repeated across months, kode rekening outside the bundled chart), as
OPDs of one pemda export differently; the others have the first. Which one of each four
(by size rank) rotates, so that every subset holds second-shape OPDs too (`shape_of`).

Subsets: the OPDs ranked by size; `pemda20` holds the even ranks, `pemda10` every fourth
rank (0, 4, 8, …), so each subset has large, medium and small OPDs. Their row totals are
not exactly a half and a quarter (the largest OPD is in all three); the manifest and the
benchmark give each subset's rows.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402 - bench/generate.py, imported as a module

DEFAULT_OUTPUT = Path("/tmp/lakip-pemda")
PEMDA = "Kabupaten Contoh Raya"
PLACE = "Contoh Raya"  # Tempat Laporan
YEAR = 2025
SUBSETS = {"pemda40": 1, "pemda20": 2, "pemda10": 4}  # folder → every n-th size rank

# name, SP2D abbreviation, realisasi rows per monthly file
CATALOGUE: tuple[tuple[str, str, int], ...] = (
    ("Dinas Pendidikan dan Kebudayaan", "DISDIKBUD", 50_000),
    ("Dinas Kesehatan", "DINKES", 40_000),
    ("Rumah Sakit Umum Daerah", "RSUD", 30_000),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR", 20_000),
    ("Sekretariat Daerah", "SETDA", 12_000),
    ("Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD", 10_000),
    ("Sekretariat DPRD", "SETWAN", 8_000),
    ("Dinas Perhubungan", "DISHUB", 6_000),
    ("Dinas Lingkungan Hidup", "DLH", 6_000),
    ("Dinas Sosial", "DINSOS", 5_000),
    ("Dinas Pertanian dan Ketahanan Pangan", "DPKP", 5_000),
    ("Dinas Perumahan dan Kawasan Permukiman", "DISPERKIM", 5_000),
    ("Badan Penanggulangan Bencana Daerah", "BPBD", 3_000),
    ("Badan Perencanaan Pembangunan Daerah", "BAPPEDA", 2_500),
    ("Satuan Polisi Pamong Praja", "SATPOLPP", 2_500),
    ("Inspektorat Daerah", "INSPEKTORAT", 2_000),
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM", 2_000),
    ("Dinas Kependudukan dan Pencatatan Sipil", "DISDUKCAPIL", 1_800),
    ("Dinas Pemberdayaan Masyarakat dan Desa", "DPMD", 1_500),
    ("Dinas Koperasi, Usaha Kecil dan Menengah dan Perdagangan", "DISKOPDAG", 1_500),
    ("Dinas Komunikasi dan Informatika", "DISKOMINFO", 1_500),
    ("Dinas Pariwisata, Pemuda dan Olahraga", "DISPARPORA", 1_200),
    ("Dinas Perikanan", "DISKAN", 1_200),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP", 1_000),
    ("Badan Kesatuan Bangsa dan Politik", "KESBANGPOL", 1_000),
    ("Kecamatan Sukamaju", "KEC-SKMJ", 800),
    ("Kecamatan Sidomulyo", "KEC-SDML", 750),
    ("Kecamatan Tanjung Harapan", "KEC-TJHR", 700),
    ("Kecamatan Pasir Putih", "KEC-PSPT", 650),
    ("Kecamatan Bukit Indah", "KEC-BKID", 600),
    ("Kecamatan Karang Anyar", "KEC-KRAN", 600),
    ("Kecamatan Sungai Raya", "KEC-SGRY", 550),
    ("Kecamatan Padang Sari", "KEC-PDSR", 500),
    ("Kecamatan Mekar Jaya", "KEC-MKJY", 500),
    ("Kecamatan Air Bening", "KEC-AIBN", 450),
    ("Kecamatan Lubuk Tenang", "KEC-LBTN", 400),
    ("Kecamatan Rantau Baru", "KEC-RTBR", 400),
    ("Kecamatan Teluk Damai", "KEC-TLDM", 350),
    ("Kecamatan Batu Ampar", "KEC-BTAP", 300),
    ("Kecamatan Muara Sejuk", "KEC-MRSJ", 300),
)

HEAD_GIVEN = ("Drs.", "Ir.", "Dr.", "H.", "", "", "", "")
HEAD_NAMES = ("AHMAD", "BUDI", "CITRA", "DEWI", "EKO", "FITRI", "GUNAWAN", "HASAN",
              "INDAH", "JOKO", "KARTIKA", "LUKMAN", "MARLINA", "NURDIN", "OKTAVIA", "PUTRA",
              "RAHMAT", "SARI", "TAUFIK", "WULAN")
HEAD_FAMILY = ("SIREGAR", "NASUTION", "LUBIS", "HARAHAP", "SIMANJUNTAK", "PURBA",
               "SARAGIH", "TAMBUNAN", "SIHOMBING", "PANJAITAN", "GINTING", "SEMBIRING")
HEAD_TITLES = (", M.Si", ", S.E., M.M.", ", S.T., M.T.", ", S.Sos", ", M.Kes", ", S.H.", "")
RANKS = ("Pembina Utama Muda (IV/c)", "Pembina Tingkat I (IV/b)", "Pembina (IV/a)")


@dataclass(frozen=True)
class Opd:
    """One OPD of the generated pemda: where it goes and how big it is."""

    number: int  # 1-based position in CATALOGUE
    name: str
    short: str
    rows: int  # realisasi rows per monthly file
    shape: str  # "first" or "second"

    @property
    def folder(self) -> str:
        """`07-sekretariat-dprd`: the number keeps the catalogue's order on disk."""
        slug = re.sub(r"[^0-9a-z]+", "-", self.name.casefold()).strip("-")
        return f"{self.number:02d}-{slug}"

    @property
    def seed(self) -> int:
        return YEAR * 100 + self.number


def shape_of(rank: int) -> str:
    """The shape of the OPD of this size rank (0: the largest): in each group of four
    ranks, one has the second shape, the first of group 0, the second of group 1, and so
    on (ranks 0, 5, 10, 15, 16, 21, …), so that the subsets of every second and every
    fourth rank hold their share of it."""
    return "second" if (rank // 4) % 4 == rank % 4 else "first"


def catalogue(scale: float = 1.0) -> list[Opd]:
    """The 40 OPDs; `scale` multiplies every OPD's rows (for quick trials of the bench).
    CATALOGUE is in size order, so an OPD's position is its size rank."""
    return [Opd(number, name, short, max(int(rows * scale), 100), shape_of(number - 1))
            for number, (name, short, rows) in enumerate(CATALOGUE, start=1)]


def opd_sizes(rows: int) -> dict[str, int]:
    """DPA lines, sub kegiatan and rows of the year before for an OPD of `rows` realisasi
    rows a month, in the proportions of the 50,000-row benchmark year (6,000 lines over
    200 sub kegiatan, 3,000 prior rows), with floors so small OPDs stay well formed."""
    lines = min(max(round(rows * 0.12), 300), generate.DEFAULT_LINES)
    return {"lines": lines,
            "sub_kegiatan": min(max(lines // 30, 30), 200),
            "prior_rows": min(max(rows // 16, 150), generate.DEFAULT_PRIOR_ROWS)}


def head_of(opd: Opd) -> tuple[str, str, str]:
    """A made-up Kepala Perangkat Daerah (name, NIP, pangkat), fixed by the OPD's number."""
    n = opd.number
    given = HEAD_GIVEN[n % len(HEAD_GIVEN)]
    name = (f"{given} {HEAD_NAMES[n % len(HEAD_NAMES)]} "
            f"{HEAD_FAMILY[(n * 7) % len(HEAD_FAMILY)]}{HEAD_TITLES[n % len(HEAD_TITLES)]}")
    born = 1966 + n % 12
    nip = f"{born}{(n % 12) + 1:02d}{(n * 3) % 28 + 1:02d}{born + 24}03{1 + n % 2}{n:03d}"
    return name.strip(), nip, RANKS[n % len(RANKS)]


def opd_shape(opd: Opd) -> generate.Shape:
    """The generator's shape with this OPD's identity, region and SP2D abbreviation."""
    base = generate.SHAPES[opd.shape]
    head, nip, rank = head_of(opd)
    identitas = (
        ("Pemerintah Daerah", PEMDA),
        ("Perangkat Daerah", opd.name),
        ("Tahun Anggaran", None),
        ("Kepala Perangkat Daerah", head),
        ("NIP", nip),
        ("Pangkat/Golongan", rank),
        ("Tempat Laporan", PLACE),
    )
    return dataclasses.replace(base, opd_name=opd.name, opd_short=opd.short, region=PEMDA,
                               identitas=identitas, year=YEAR, seed=opd.seed)


def generate_opd(opd: Opd, folder: Path, jobs: int | None) -> dict[str, int]:
    """One OPD's workbooks into `folder`; returns path → data rows written."""
    sizes = opd_sizes(opd.rows)
    return generate.generate(folder, rows=opd.rows, lines=sizes["lines"],
                             subs=sizes["sub_kegiatan"], prior_rows=sizes["prior_rows"],
                             year=YEAR, seed=opd.seed, jobs=jobs, echo=lambda line: None,
                             shape=opd_shape(opd))


def subset_members(opds: list[Opd]) -> dict[str, list[Opd]]:
    """Subset folder → its OPDs: every n-th OPD by size rank (largest first)."""
    ranked = sorted(opds, key=lambda opd: (-opd.rows, opd.number))
    return {name: sorted(ranked[::step], key=lambda opd: opd.number)
            for name, step in SUBSETS.items()}


def link_tree(source: Path, target: Path) -> int:
    """Hard-link every file under `source` into the same place under `target`."""
    count = 0
    for path in sorted(source.rglob("*")):
        if path.is_file():
            destination = target / path.relative_to(source)
            destination.parent.mkdir(parents=True, exist_ok=True)
            os.link(path, destination)
            count += 1
    return count


def make_subset(output: Path, name: str, members: list[Opd]) -> None:
    """`output/name/`: the members' folders, hard-linked from `output/pemda40/`."""
    folder = output / name
    if folder.exists():
        shutil.rmtree(folder)
    for opd in members:
        link_tree(output / "pemda40" / opd.folder, folder / opd.folder)


def manifest(opds: list[Opd], members: dict[str, list[Opd]], scale: float) -> dict:
    """What was generated: each OPD, its size and shape, and each subset's totals."""
    return {
        "pemda": PEMDA, "year": YEAR, "scale": scale,
        "opds": [{**dataclasses.asdict(opd), "folder": opd.folder, **opd_sizes(opd.rows),
                  "subsets": [name for name, group in members.items() if opd in group]}
                 for opd in opds],
        "subsets": {name: {"opds": len(group),
                           "rows_per_month": sum(opd.rows for opd in group),
                           "realisasi_rows": sum(12 * opd.rows for opd in group)}
                    for name, group in members.items()},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT,
                        help=f"folder to write into (default {DEFAULT_OUTPUT})")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="multiply every OPD's rows (default 1; e.g. 0.05 for a quick "
                             "trial of the benchmark)")
    parser.add_argument("--jobs", type=int, default=None,
                        help="writer processes per OPD (default: the core count)")
    args = parser.parse_args(argv)
    opds = catalogue(args.scale)
    start = time.perf_counter()
    for opd in opds:
        began = time.perf_counter()
        folder = args.output / "pemda40" / opd.folder
        if folder.exists():
            shutil.rmtree(folder)  # no stale files of an earlier generation
        written = generate_opd(opd, folder, args.jobs)
        print(f"  {opd.folder}: {opd.rows:,} rows a month, {len(written)} workbooks, "
              f"{opd.shape} shape ({time.perf_counter() - began:.1f} s)", flush=True)
    members = subset_members(opds)
    for name, group in members.items():
        if name != "pemda40":
            make_subset(args.output, name, group)
    described = manifest(opds, members, args.scale)
    (args.output / "manifest.json").write_text(json.dumps(described, indent=2))
    for name, totals in described["subsets"].items():
        print(f"{args.output / name}: {totals['opds']} OPDs, "
              f"{totals['rows_per_month']:,} realisasi rows a month")
    print(f"generated in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
