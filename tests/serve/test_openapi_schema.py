"""The JSON API against its own OpenAPI schema (schemathesis): no server errors, and every
response matches the schema it declares. Few examples per operation, so it runs in seconds."""

from __future__ import annotations

import copy
import warnings

import pytest
from hypothesis import HealthCheck, given, settings

from conftest import load_cases

with warnings.catch_warnings():
    warnings.simplefilter("ignore", UserWarning)  # starlette's test client, imported by schemathesis
    import schemathesis
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from claimgraph.report.load import analysis_from_json
from claimgraph.serve import ServeOptions, create_app
from claimgraph.store import Store


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory, nlp):
    db = str(tmp_path_factory.mktemp("api") / "api.db")
    analysis = analysis_from_json(copy.deepcopy(load_cases("report_story")))
    with Store(db) as store:
        for da in analysis.documents:
            store.save_document(da)
        store.save_alignment(analysis.stories, analysis.relations)
    # every host resolves to loopback: any generated URL is refused without touching the network
    options = ServeOptions(nlp=nlp, max_upload=20_000, resolver=lambda host, port: ["127.0.0.1"])
    app = create_app(db, options)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def _operations():
    """Operation labels, for one test per operation (the schema itself is built in a fixture)."""
    return [
        "GET /api/stories",
        "GET /api/stories/{story_id}/report",
        "GET /api/documents",
        "GET /api/documents/{doc_id}",
        "GET /api/relations",
        "POST /api/documents",
        "POST /api/documents/upload",
        "POST /api/documents/{doc_id}/reanalyse",
        "POST /api/review/relation",
        "POST /api/review/mention",
        "GET /api/review/audit",
    ]


def test_schema_lists_every_operation(api_schema):
    # schemathesis' own pytest plugin does not run on this pytest; drive hypothesis directly instead
    assert sorted(op.ok().label for op in api_schema.get_all_operations()) == sorted(_operations())


@pytest.mark.parametrize("label", _operations())
def test_api_conforms_to_its_schema(api_schema, label):
    operation = next(op.ok() for op in api_schema.get_all_operations() if op.ok().label == label)

    @given(case=operation.as_strategy())
    @settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def check(case):
        case.call_and_validate(
            checks=[not_a_server_error, response_schema_conformance, content_type_conformance]
        )

    check()
