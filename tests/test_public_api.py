"""The public surface is curated: ``__all__`` lists exactly the public names, sorted."""

from __future__ import annotations

import importlib
import types

import pytest

import claimgraph
from claimgraph.pipeline import STAGES

PACKAGES = ["claimgraph", "claimgraph.ingest", "claimgraph.clean", "claimgraph.store", "claimgraph.report"]


@pytest.mark.parametrize("name", PACKAGES)
def test_public_api_all_is_sorted_and_importable(name):
    module = importlib.import_module(name)
    assert module.__all__ == sorted(module.__all__), f"{name}.__all__ is not sorted"
    for attr in module.__all__:
        assert hasattr(module, attr), f"{name}.{attr} is listed but missing"


def test_public_api_top_level_exports_everything_public():
    public = {
        n
        for n, v in vars(claimgraph).items()
        if not n.startswith("_") and not isinstance(v, types.ModuleType)
    }
    assert public == set(claimgraph.__all__)


@pytest.mark.parametrize("stage", [s for s in STAGES if s != "report"] + ["report"])
def test_public_api_one_package_per_stage(stage):
    module = importlib.import_module(f"claimgraph.{stage}")
    assert module.__doc__, f"claimgraph.{stage} has no docstring saying what the stage does"


def test_public_api_stage_order():
    assert STAGES == ("ingest", "clean", "annotate", "claims", "align", "store", "report")
