import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


def seed_files():
    return sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []


@pytest.fixture
def seeds():
    files = seed_files()
    if not files:
        pytest.skip("../shared/seeds is not beside the checkout")
    return {f.name[:3]: f for f in files}


def pytest_configure(config):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
