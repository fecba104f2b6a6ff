"""Shared fixtures: paths to the bundled examples and, when present, ../shared material."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def shared_dir() -> Path:
    """The ../shared folder (seed, dev corpus, checkers); tests that need it skip without it."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture
def examples() -> list[Path]:
    return sorted(p for p in EXAMPLES.iterdir() if p.suffix in {".html", ".htm", ".txt"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Slow tests run only with CLEARREAD_SLOW=1 or when asked for with ``-m slow``."""
    if os.environ.get("CLEARREAD_SLOW") or "slow" in (config.getoption("-m") or ""):
        return
    skip = pytest.mark.skip(reason="slow: set CLEARREAD_SLOW=1 to run")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
