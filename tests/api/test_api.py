"""The reference app implements the standard API contract (over in-memory ports)."""

from __future__ import annotations

from seikatsu_std.api.contract import API_PREFIX, OPERATIONS, openapi_document
from seikatsu_std.api.problems import PROBLEM_MEDIA_TYPE


def _problem(response, status: int, kind: str):  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM_MEDIA_TYPE)
    body = response.json()
    assert body["type"] == f"urn:seikatsu-std:problem:{kind}"
    assert body["status"] == status
    assert body["title"]
    return body


def test_the_app_serves_exactly_the_contract(client):
    assert client.get("/openapi.json").json() == openapi_document()


def _api_routes(routes, prefix: str = ""):  # type: ignore[no-untyped-def]
    """(method, path, operation_id) of every route, walking included routers."""
    for route in routes:
        included = getattr(route, "original_router", None)
        if included is not None:
            yield from _api_routes(included.routes, prefix + route.include_context.prefix)
        elif getattr(route, "operation_id", None):
            for method in route.methods:
                yield method.lower(), prefix + route.path, route.operation_id


def test_routes_and_operations_match_both_ways(client):
    routes = {
        (method, path): operation_id
        for method, path, operation_id in _api_routes(client.app.routes)
        if path.startswith(API_PREFIX)
    }
    contract = {(op.method, API_PREFIX + op.path): op.operation_id for op in OPERATIONS}
    assert routes == contract


def test_login_and_logout(client, login):
    assert (
        client.post("/api/v1/sessions", json={"login_id": "cw-01", "password": "wrong"}).status_code
        == 401
    )
    headers = login("cw-01")
    assert client.get("/api/v1/me", headers=headers).json()["id"] == "cw-01"
    assert client.delete("/api/v1/sessions/current", headers=headers).status_code == 204
    body = _problem(client.get("/api/v1/me", headers=headers), 401, "unauthenticated")
    assert "ログイン" in body["detail"]


def test_case_list_and_detail_with_explanation(client, login):
    headers = login("cw-01")
    page = client.get(
        "/api/v1/offices/office-nakano/cases",
        params={"purpose": "casework", "limit": 5},
        headers=headers,
    )
    assert page.status_code == 200
    items = page.json()["items"]
    assert len(items) == 5
    detail = client.get(
        f"/api/v1/cases/{items[0]['id']}", params={"purpose": "casework"}, headers=headers
    ).json()
    assert detail["decision"]["amounts"] == detail["calculation"]["amounts"]
    assert any(line["code"] == "living.main" for line in detail["calculation"]["lines"])


def test_purpose_is_required_and_errors_name_the_field(client, login):
    headers = login("cw-01")
    body = _problem(client.get("/api/v1/cases/case-00001", headers=headers), 422, "invalid-request")
    assert body["errors"][0]["path"] == "purpose"
    assert body["errors"][0]["message_ja"] == "必須です"


def test_other_office_and_outsourced_limits_are_403_with_the_reason(client, login):
    body = _problem(
        client.get(
            "/api/v1/offices/elsewhere/cases",
            params={"purpose": "casework"},
            headers=login("cw-01"),
        ),
        403,
        "forbidden",
    )
    assert body["detail"] == "他の福祉事務所のケースは扱えません"
    body = _problem(
        client.get(
            "/api/v1/cases/case-00001/members/x/personal-number",
            params={"purpose": "casework", "reveal": "true"},
            headers=login("out-01"),
        ),
        404,
        "not-found",
    )


def test_stale_update_is_409_and_never_overwrites(client, login):
    headers = login("sv-01")
    first = client.patch(
        "/api/v1/cases/case-00002", json={"version": 1, "visit_grade_code": "A"}, headers=headers
    )
    assert first.status_code == 200
    assert first.json()["version"] == 2
    stale = client.patch(
        "/api/v1/cases/case-00002", json={"version": 1, "visit_grade_code": "D"}, headers=headers
    )
    body = _problem(stale, 409, "version-conflict")
    assert body["current_version"] == 2
    current = client.get(
        "/api/v1/cases/case-00002", params={"purpose": "supervision"}, headers=headers
    ).json()
    assert current["case"]["visit_grade_code"] == "A"


def test_malformed_and_invalid_bodies(client, login):
    headers = {**login("sv-01"), "content-type": "application/json"}
    _problem(
        client.patch("/api/v1/cases/case-00002", content=b"{not json", headers=headers),
        400,
        "bad-request",
    )
    body = _problem(
        client.patch("/api/v1/cases/case-00002", json={"version": 0}, headers=headers),
        422,
        "invalid-request",
    )
    assert body["errors"][0]["path"] == "$.version"


def test_my_number_masked_then_revealed_by_an_official(client, login, demo):
    case, household = demo.cases[0], demo.households[0]
    url = f"/api/v1/cases/{case.id}/members/{household.head.id}/personal-number"
    masked = client.get(url, params={"purpose": "casework"}, headers=login("cw-01")).json()
    assert masked == {
        "member_id": household.head.id,
        "my_number": "************",
        "revealed": False,
    }
    revealed = client.get(
        url, params={"purpose": "decision", "reveal": "true"}, headers=login("cw-01")
    ).json()
    assert revealed["revealed"] is True
    assert revealed["my_number"] == demo.personal_numbers[0].my_number.reveal()


def test_calculation_endpoint_and_its_errors(client, login):
    from tests.support import load_example

    headers = login("cw-01")
    result = client.post(
        "/api/v1/calculations", json=load_example("calculation_input"), headers=headers
    )
    assert result.status_code == 200
    assert result.json()["record_type"] == "calculation_result"
    winter = load_example("calculation_input")
    winter["month"] = "2022-12"
    body = _problem(
        client.post("/api/v1/calculations", json=winter, headers=headers), 422, "not-calculable"
    )
    assert "winter_addition" in body["detail"]


def test_unknown_route_is_a_problem(client):
    _problem(client.get("/api/v1/nothing-here"), 404, "not-found")


def test_health_needs_no_login(client):
    assert client.get("/api/v1/health").json()["status"] == "ok"
