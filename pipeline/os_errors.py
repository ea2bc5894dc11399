"""What an operating-system error means, in the officer's words."""

from __future__ import annotations

import errno

REASONS = {
    errno.EACCES: "akses ditolak", errno.EPERM: "tidak diizinkan",
    errno.ENOSPC: "disk penuh", errno.EEXIST: "sudah ada berkas dengan nama itu",
    errno.ENOTDIR: "bukan folder", errno.ENOENT: "tidak ditemukan",
    errno.EROFS: "disk hanya-baca", errno.EISDIR: "nama itu adalah folder",
}


def reason(error: OSError) -> str:
    """`disk penuh` for ENOSPC; the system's own words for an errno we do not know."""
    return REASONS.get(error.errno or 0, error.strerror or str(error))
