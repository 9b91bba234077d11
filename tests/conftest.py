"""The only conftest: shared, session-scoped fixtures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from local_http import http_server  # noqa: F401  (fixture: a local HTTP server for fetch tests)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
EVAL = SHARED / "eval"
CASES = Path(__file__).parent / "cases"


@pytest.fixture(scope="session")
def nlp():
    """The full default pipeline (spaCy model + claimgraph components), built once."""
    from claimgraph.annotate.nlp import default_nlp

    return default_nlp()


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    paths = sorted(SEEDS.glob("*.txt"))
    if not paths:
        pytest.skip("../shared/seeds is not beside the checkout")
    return paths


@pytest.fixture(scope="session")
def expected_seeds() -> dict:
    import yaml

    return yaml.safe_load((SEEDS / "expected.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_analysis(seed_paths):
    """The seeds analysed once per session, without a store."""
    from claimgraph.pipeline import analyze

    return analyze([str(p) for p in seed_paths])


@pytest.fixture
def make_doc(nlp):
    """Run the pipeline on one text with a given id and creation time."""
    from claimgraph.annotate.run import make_doc as _make_doc
    from claimgraph.model import Document

    def factory(text: str, dct: dt.date | None = None, doc_id: str = "t"):
        return nlp(_make_doc(nlp, Document(id=doc_id, source="test", text=text, published=dct)))

    return factory


@pytest.fixture
def mem_store(tmp_path):
    from claimgraph.store import Store

    with Store(str(tmp_path / "test.db")) as store:
        yield store


@pytest.fixture(scope="session")
def pg_databases():
    """Fresh PostgreSQL databases on the server CLAIMGRAPH_TEST_PG_URL names (CI sets it), dropped after."""
    import os
    import uuid

    base = os.environ.get("CLAIMGRAPH_TEST_PG_URL")
    if not base:
        pytest.skip("CLAIMGRAPH_TEST_PG_URL is not set: no PostgreSQL server to test against")
    import psycopg
    from sqlalchemy.engine import make_url

    names: list[str] = []

    def make() -> str:
        names.append(f"cg_test_{uuid.uuid4().hex[:12]}")
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {names[-1]}")
        return make_url(base).set(database=names[-1]).render_as_string(hide_password=False)

    yield make
    with psycopg.connect(base, autocommit=True) as conn:
        for name in names:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def pg_url(pg_databases) -> str:
    """A fresh, empty PostgreSQL database for one test."""
    return pg_databases()


def load_cases(name: str) -> list:
    """Parametrize tables live in tests/cases/<name>.yaml."""
    import yaml

    return yaml.safe_load((CASES / f"{name}.yaml").read_text(encoding="utf-8"))


def assert_place(mention, expected: dict) -> None:
    """A geocoded place mention matches a test row: resolved, ``level``, within ``km`` (50) of it."""
    from claimgraph.annotate.places.gazetteer import haversine_km

    assert mention.lat is not None, mention.unresolved_reason
    if "level" in expected:
        assert mention.level == expected["level"]
    if "lat" in expected:
        km = haversine_km(mention.lat, mention.lon, expected["lat"], expected["lon"])
        assert km <= expected.get("km", 50), f"{mention.name} ({mention.country_code}) is {km:.0f} km off"
