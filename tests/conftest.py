"""Shared fixtures: the bundled example, run once per test session."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from pipeline.run import RunConfig, RunResult, run  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "dinsos-labuhanbatu-utara-2023"


@pytest.fixture
def soffice() -> str:
    """The LibreOffice binary; a test that needs it is skipped without it, except in CI
    (CI=true), where LibreOffice is installed and its absence is a failure."""
    from libreoffice import soffice_path

    path = soffice_path()
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) is required in CI but was not found")
        pytest.skip("LibreOffice (soffice) is not installed")
    return path


@pytest.fixture(scope="session")
def example_run(tmp_path_factory: pytest.TempPathFactory) -> RunResult:
    """The bundled example processed into a fresh folder."""
    return run(RunConfig(EXAMPLE, tmp_path_factory.mktemp("example-report")))
