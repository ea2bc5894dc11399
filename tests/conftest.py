"""Shared fixtures: the bundled example, run once per test session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from pipeline.run import RunConfig, RunResult, run  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "dinsos-labuhanbatu-utara-2023"


@pytest.fixture(scope="session")
def example_run(tmp_path_factory: pytest.TempPathFactory) -> RunResult:
    """The bundled example processed into a fresh folder."""
    return run(RunConfig(EXAMPLE, tmp_path_factory.mktemp("example-report")))
