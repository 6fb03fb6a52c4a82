"""Shared fixtures: the GiNZA model (loaded once per session), the gazetteer, stores, seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def nlp():
    """The real GiNZA pipeline, loaded once for the whole test session."""
    from kg.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def gazetteer():
    """The packaged gazetteer."""
    from kg.gazetteer import load_gazetteer

    return load_gazetteer()


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    """The directory of seed articles shipped with the repository."""
    return SEEDS


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """``tests/data``: files the tests read."""
    return DATA


@pytest.fixture
def store(tmp_path):
    """A fresh, empty on-disk store in a temporary directory."""
    from kg.store import KGStore

    s = KGStore(tmp_path / "store")
    yield s
    s.close()
