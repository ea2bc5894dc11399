"""Writing the LAKIP document: template, placeholders, the DRAF mark, the chapters, and an
atomic save beside the workbook (`saving.save_atomically`, as the workbook is saved).

The same report and template give the same bytes: the document's dates and the dates of
its zip entries are the report's created date, never the clock.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from docx.document import Document

from pipeline.document import template
from pipeline.document.notation import percent, rupiah
from pipeline.document.outline import outline
from pipeline.document.render import render
from pipeline.money import percent as ratio
from pipeline.report.cover import signing_date, spaced_nip
from pipeline.report.model import Report
from pipeline.report.saving import KEEP, Saved, save_atomically
from pipeline.report.writer import report_name

ZIP_EPOCH = dt.datetime(1980, 1, 1)  # the earliest date a zip entry can carry


def document_name(report: Report) -> str:
    """`LAKIP_2023_dinas-sosial.docx`, beside the workbook of the same name."""
    return Path(report_name(report)).with_suffix(".docx").name


def draft_line(report: Report) -> str:
    return f"DRAF – {report.errors} kesalahan data"


def placeholders(report: Report) -> dict[str, str]:
    """The values of the template's `{{…}}` placeholders."""
    identitas = report.identitas
    belanja = report.belanja()
    anggaran, realisasi = (belanja.anggaran, belanja.realisasi) if belanja else (0, 0)
    with_sen = report.money_with_sen
    return {
        "perangkat_daerah": report.opd, "pemerintah_daerah": report.pemda,
        "tahun": str(report.year), "kepala": identitas.get("kepala", ""),
        "pangkat": identitas.get("pangkat", ""), "nip": spaced_nip(identitas.get("nip", "")),
        "tempat": identitas.get("tempat", ""), "tanggal": signing_date(report),
        "pagu_murni": rupiah(report.pagu_murni, with_sen),
        "pagu_perubahan": rupiah(anggaran, with_sen), "realisasi": rupiah(realisasi, with_sen),
        "persen_realisasi": percent(ratio(realisasi, anggaran)),
    }


def mark_draft(document: Document, line: str) -> None:
    """`DRAF – N kesalahan data` at the top of the cover and of the header of every page
    after it (a cover with a header of its own shows the line once, in the body)."""
    body = document.paragraphs
    if body:
        body[0].insert_paragraph_before(line, template.DRAFT)
    else:
        document.add_paragraph(line, template.DRAFT)
    for index, section in enumerate(document.sections):
        header = section.header
        if index and header.is_linked_to_previous:
            continue  # it shows the previous section's header, marked already
        if header.paragraphs:
            header.paragraphs[0].insert_paragraph_before(line, template.DRAFT)
        else:
            header.add_paragraph(line, template.DRAFT)


def build_document(report: Report, template_data: bytes | None) -> Document:
    document = template.open_template(template_data)
    template.fill(document, placeholders(report))
    if report.errors:
        mark_draft(document, draft_line(report))
    render(document, outline(report))
    properties = document.core_properties
    properties.title = f"LAKIP {report.opd} {report.year}".replace("  ", " ")
    properties.subject = "Laporan Akuntabilitas Kinerja Instansi Pemerintah"
    properties.author = properties.last_modified_by = "LAKIP Pipeline"
    properties.created = properties.modified = report.created
    properties.revision = 1
    return document


def document_bytes(report: Report, template_data: bytes | None) -> bytes:
    """The .docx, its zip entries dated with the report's created date."""
    buffer = io.BytesIO()
    build_document(report, template_data).save(buffer)
    moment = max(report.created.replace(tzinfo=None), ZIP_EPOCH)
    fixed = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, \
            zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            dated = zipfile.ZipInfo(entry.filename, moment.timetuple()[:6])
            dated.compress_type = zipfile.ZIP_DEFLATED
            dated.external_attr = 0o644 << 16
            target.writestr(dated, source.read(entry.filename))
    return fixed.getvalue()


def save_document(report: Report, folder: Path, template_data: bytes | None,
                  now: dt.datetime, keep: int = KEEP) -> Saved:
    """Write the document atomically into `folder`; an earlier, different one is kept as
    `…sebelum-<waktu>.docx`, and one open in Word leaves its name to `…(2).docx`."""
    data = document_bytes(report, template_data)

    def write(path: Path) -> None:
        path.write_bytes(data)

    folder.mkdir(parents=True, exist_ok=True)
    return save_atomically(folder / document_name(report), write, now, keep)
