"""File digests: a digest the command line took already is reused while the file is
unchanged (on a shared folder each read crosses the network), and taken again once the
file's size or modification time differs."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from pipeline.digest import Known, digests, known_digests


def test_an_unchanged_file_is_not_read_again(tmp_path: Path) -> None:
    path = tmp_path / "real_01.xlsx"
    path.write_bytes(b"isi berkas")
    status = path.stat()
    # A digest no hash of the content gives: only a reuse can return it.
    known = {path: Known(status.st_size, status.st_mtime_ns, "diambil-sebelumnya")}
    assert digests([path], known) == {path: "diambil-sebelumnya"}


def test_a_file_changed_since_is_hashed_again(tmp_path: Path) -> None:
    path = tmp_path / "real_01.xlsx"
    path.write_bytes(b"isi berkas")
    known = known_digests([path])
    assert known[path].digest == hashlib.sha256(b"isi berkas").hexdigest()
    path.write_bytes(b"isi BERKAS")  # the same size: the modification time tells
    os.utime(path, ns=(known[path].modified + 1_000_000_000,) * 2)
    assert digests([path], known) == {path: hashlib.sha256(b"isi BERKAS").hexdigest()}


def test_unreadable_and_missing_files_are_left_out_of_the_known_digests(tmp_path: Path) -> None:
    present = tmp_path / "dpa.xlsx"
    present.write_bytes(b"x")
    missing = tmp_path / "hilang.xlsx"
    assert set(known_digests([present, missing])) == {present}
    assert digests([missing]) == {missing: ""}
