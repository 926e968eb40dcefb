"""The standard HTTP API contract: a valid OpenAPI 3.1 document covering every operation."""

from __future__ import annotations

import json

from openapi_spec_validator import validate

from seikatsu_std.api.contract import API_PREFIX, OPERATIONS, openapi_document
from seikatsu_std.api.problems import PROBLEM_MEDIA_TYPE
from tests.support import SCHEMAS


def test_published_document_is_valid_openapi_and_current():
    published = json.loads((SCHEMAS / "openapi.json").read_text(encoding="utf-8"))
    validate(published)
    assert published == json.loads(json.dumps(openapi_document()))


def test_every_operation_documents_its_statuses_and_problems_are_problem_json():
    document = openapi_document()
    for operation in OPERATIONS:
        entry = document["paths"][API_PREFIX + operation.path][operation.method]
        assert entry["operationId"] == operation.operation_id
        statuses = set(entry["responses"])
        assert str(operation.success) in statuses
        if operation.auth:
            assert "401" in statuses
        for status, response in entry["responses"].items():
            if int(status) >= 400:
                assert list(response["content"]) == [PROBLEM_MEDIA_TYPE]


def test_summaries_are_japanese():
    assert all(any("\u3040" <= ch <= "\u9fff" for ch in op.summary) for op in OPERATIONS)


def test_bodies_and_record_ids_document_their_failures():
    """A body can be unreadable (400) or invalid (422); a record named in the path can be missing (404)."""
    for operation in OPERATIONS:
        statuses = set(operation.responses)
        if operation.body is not None:
            assert {400, 422} <= statuses, operation.operation_id
        ids = [p for p in operation.parameters if p.location == "path" and p.name != "office_id"]
        if ids:
            assert 404 in statuses, operation.operation_id
