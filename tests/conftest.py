from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"


@pytest.fixture(scope="session")
def seeds() -> dict[str, str]:
    """The four real seed pages, keyed by their three-digit prefix ("000" … "003")."""
    return {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(SAMPLE.glob("*.txt"))}
