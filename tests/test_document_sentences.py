"""The document's sentences and notation, as pure functions of a small report built inline:
the budget with and without perubahan, amounts with sen, polarity, a national standard,
no PK at all."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pipeline.document import notation, sentences
from pipeline.document.table_sentences import TABLE_SENTENCES, table_sentence
from pipeline.lra import LraRow
from pipeline.pk import Iku, Pk
from pipeline.report.model import Report

D = Decimal
IDENTITAS = {"perangkat_daerah": "Dinas Contoh", "pemerintah_daerah": "Kabupaten Contoh"}
BELANJA = LraRow("account", "5", "BELANJA DAERAH", 1, 1_400_000_00, 350_000_00, 0,
                 ("5.1", "5.2"))
LRA = [
    BELANJA,
    LraRow("account", "5.1", "BELANJA OPERASI", 2, 1_300_000_00, 300_000_00, 0, ("5.1.02",)),
    LraRow("account", "5.1.02", "Belanja Barang dan Jasa", 3, 1_300_000_00, 300_000_00, 0),
    LraRow("account", "5.2", "BELANJA MODAL", 2, 100_000_00, 50_000_00, 0),
]


def iku(indikator: str = "Persentase A", target: str = "10", realisasi: str = "8",
        negative: bool = False, **changes: object) -> Iku:
    base = Iku("1", "Sasaran A", indikator, "%", negative, D(target), D(realisasi), None, None,
               None, None, "", "", "", ("1.06.01",))
    return base._replace(**changes)


def report(*ikus: Iku, lra: list[LraRow] | None = None, pagu_murni: int = 1_500_000_00
           ) -> Report:
    return Report(IDENTITAS, 2023, LRA if lra is None else lra, dt.datetime(2000, 1, 1),
                  pagu_murni=pagu_murni, pk=Pk(ikus=ikus))


def test_notation_is_indonesian() -> None:
    assert notation.rupiah(5_425_037_031_00) == "5.425.037.031"
    assert notation.rupiah(-5_425_037_031_00) == "(5.425.037.031)"
    assert notation.rupiah(1_250_50, with_sen=True) == "1.250,50"
    assert notation.rupiah(1_250_00, with_sen=True) == "1.250,00"
    assert notation.percent(D("96.38")) == "96,38"
    assert notation.percent(D("100")) == "100,00"
    assert notation.percent(D("-17.95")) == "-17,95"
    assert [notation.number(D(text)) for text in ("60.0", "16.81", "1250", "0.50")] == [
        "60", "16,81", "1.250", "0,5"]


def test_series_joins_as_indonesian_does() -> None:
    assert sentences.series([]) == ""
    assert sentences.series(["a"]) == "a"
    assert sentences.series(["a", "b"]) == "a dan b"
    assert sentences.series(["a", "b", "c"]) == "a, b dan c"
    assert sentences.series(["a", "b", "c"], "; ") == "a; b dan c"


def test_budget_sentence_with_perubahan() -> None:
    assert sentences.budget_sentence(report()) == (
        "Dalam tahun anggaran 2023 Dinas Contoh Kabupaten Contoh memperoleh dana dari Anggaran "
        "Pendapatan dan Belanja Daerah Kabupaten Contoh semula sebesar Rp. 1.500.000 setelah "
        "perubahan menjadi Rp. 1.400.000 terealisasi sebesar Rp. 350.000 atau 25,00%.")


def test_budget_sentence_without_perubahan_names_one_budget() -> None:
    text = sentences.budget_sentence(report(pagu_murni=1_400_000_00))
    assert "memperoleh dana dari Anggaran Pendapatan dan Belanja Daerah Kabupaten Contoh " \
           "sebesar Rp. 1.400.000 terealisasi sebesar Rp. 350.000 atau 25,00%." in text
    assert "semula" not in text


def test_budget_sentence_without_belanja() -> None:
    assert sentences.budget_sentence(report(lra=[])) == (
        "Dalam tahun anggaran 2023 belum ada anggaran belanja Dinas Contoh Kabupaten Contoh "
        "yang tercatat.")
    assert sentences.spending_sentence(report(lra=[])) == ""


def test_amounts_with_sen_show_their_sen() -> None:
    with_sen = [BELANJA._replace(realisasi=350_000_50)]
    assert "terealisasi sebesar Rp. 350.000,50 atau 25,00%" in sentences.budget_sentence(
        report(lra=with_sen, pagu_murni=1_400_000_00))


def test_spending_breaks_belanja_operasi_into_jenis_and_keeps_other_kelompok_whole() -> None:
    assert [row.code for row in sentences.spending_rows(report())] == ["5.1.02", "5.2"]
    assert sentences.spending_sentence(report()) == (
        "Alokasi dana untuk Belanja Barang dan Jasa sebesar Rp. 1.300.000 dengan realisasi "
        "Rp. 300.000 atau 23,08% dan Belanja Modal sebesar Rp. 100.000 dengan realisasi "
        "Rp. 50.000 atau 50,00%. Total anggaran belanja Dinas Contoh Kabupaten Contoh tahun "
        "anggaran 2023 sebesar Rp. 1.400.000 dengan realisasi Rp. 350.000 atau 25,00%.")


def test_iii_a_1_names_predikat_and_shortfall_by_how_much() -> None:
    text = table_sentence("III.A.1", report(
        iku("Persentase A", "10", "12"), iku("Jumlah kasus", "10", "25", negative=True)))
    assert text == (
        "Dari 2 indikator kinerja utama, 1 indikator berpredikat Sangat Tinggi (Persentase A "
        "120,00%) dan 1 indikator berpredikat Sangat Rendah (Jumlah kasus 0,00%). Indikator "
        "yang belum mencapai target: Jumlah kasus (target 10, realisasi 25, selisih 15; "
        "capaian 0,00%).")


def test_iii_a_1_all_reached_and_unmeasured() -> None:
    text = table_sentence("III.A.1", report(
        iku("Persentase A", "10", "10"), iku("Persentase B", realisasi="0")._replace(
            realisasi=None)))
    assert text == ("Dari 2 indikator kinerja utama, 1 indikator berpredikat Sangat Tinggi "
                    "(Persentase A 100,00%). Semua indikator mencapai atau melampaui targetnya. "
                    "Target atau realisasi belum diisi untuk: Persentase B.")


def test_iii_a_2_lower_is_better_for_a_negative_indicator() -> None:
    text = table_sentence("III.A.2", report(
        iku("Jumlah kasus", "10", "8", negative=True, realisasi_lalu=D(12)),
        iku("Persentase A", "10", "8", realisasi_lalu=D(9)),
        iku("Persentase B", "10", "8", realisasi_lalu=D(8))))
    assert text == ("Dibandingkan tahun 2022, kinerja membaik pada 1 indikator (Jumlah kasus: "
                    "12 menjadi 8), tetap pada 1 indikator (Persentase B: 8) dan menurun pada "
                    "1 indikator (Persentase A: 9 menjadi 8).")


def test_iii_a_4_with_a_national_standard() -> None:
    text = table_sentence("III.A.4", report(
        iku("Persentase A", realisasi="8", standar=D(5)),
        iku("Jumlah kasus", realisasi="8", negative=True, standar=D(5)), iku("Persentase C")))
    assert text == ("Dari 2 indikator yang memiliki standar nasional, 1 indikator memenuhi "
                    "standar nasional (Persentase A (realisasi 8, standar 5)) dan 1 indikator "
                    "belum memenuhi standar nasional (Jumlah kasus (realisasi 8, standar 5)).")
    assert table_sentence("III.A.4", report(iku())) == (
        "Untuk realisasi kinerja tahun 2023 tidak ada standar nasional.")


def test_without_a_pk_every_performance_sentence_says_so() -> None:
    empty = report()
    assert sentences.capaian_overview(empty) == [sentences.NO_PK]
    assert {table_sentence(number, empty) for number in TABLE_SENTENCES} \
        == {sentences.NO_PK}
    assert sentences.conclusion_lists(empty) == []
