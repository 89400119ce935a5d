import os
from pathlib import Path

import pytest
from hypothesis import settings

from sherloc_review.draw import Population

VECTORS = Path(__file__).parent / "vectors"

# CI replays the same examples every run; by hand, hypothesis explores anew.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(scope="session")
def real_population() -> Population:
    """The States of the default profile as of November 2026 (frozen copy)."""
    return Population.from_csv((VECTORS / "states-2026-11.csv").read_text("utf-8"))


@pytest.fixture(scope="session")
def small_population() -> Population:
    return Population.from_csv((VECTORS / "small.csv").read_text("utf-8"))
