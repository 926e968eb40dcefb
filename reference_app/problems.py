"""HTTP problem responses (RFC 9457) for the reference app.

One place maps every error to its problem type: service errors, request
validation, malformed bodies, unknown routes, and unexpected failures (which
are logged in English with a correlation id and never leak internals).
"""

from __future__ import annotations

import logging
import uuid

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from seikatsu_std.api.problems import (
    BAD_REQUEST,
    INTERNAL,
    NOT_CALCULABLE,
    NOT_FOUND,
    PROBLEM_MEDIA_TYPE,
    UNAUTHENTICATED,
    Problem,
    ProblemType,
    problem,
    service_problem,
    validation_problem,
)
from seikatsu_std.calc import CalculationError
from seikatsu_std.services.errors import ServiceError

log = logging.getLogger("reference_app")


class UnauthenticatedError(Exception):
    """No valid session token."""


def problem_response(body: Problem, headers: dict[str, str] | None = None) -> Response:
    """A problem as an HTTP response."""
    return Response(
        content=body.model_dump_json(exclude_none=True),
        status_code=body.status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=headers,
    )


def install(app: FastAPI) -> None:
    """Register the problem handlers on ``app``."""

    @app.exception_handler(ServiceError)
    async def service_error(request: Request, exc: ServiceError) -> Response:
        return problem_response(service_problem(exc, instance=request.url.path))

    @app.exception_handler(CalculationError)
    async def calculation_error(request: Request, exc: CalculationError) -> Response:
        return problem_response(
            problem(NOT_CALCULABLE, str(exc), str(exc), instance=request.url.path)
        )

    @app.exception_handler(UnauthenticatedError)
    async def unauthenticated(request: Request, exc: UnauthenticatedError) -> Response:
        body = problem(
            UNAUTHENTICATED,
            "ログインしてください（Authorization: Bearer トークンがないか、期限切れです）",
            "missing, unknown or expired bearer token",
            instance=request.url.path,
        )
        return problem_response(body, {"WWW-Authenticate": "Bearer"})

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        found = validation_problem(exc.errors(), instance=request.url.path)
        malformed = any(e.message_en.startswith("JSON decode error") for e in found.errors) or any(
            str(err.get("type")) == "json_invalid" for err in exc.errors()
        )
        if malformed:
            found = problem(
                BAD_REQUEST,
                "要求の本文を JSON として読めません",
                "request body is not valid JSON",
                instance=request.url.path,
                errors=found.errors,
            )
        return problem_response(found)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            kind, ja, en = NOT_FOUND, "そのURLの機能はありません", "no such endpoint"
        elif exc.status_code == 400:
            # FastAPI raises this when the body cannot even be decoded (e.g. not UTF-8).
            kind, ja, en = BAD_REQUEST, "要求の本文を読み取れません", str(exc.detail)
        elif exc.status_code == 405:
            kind = ProblemType(name="method-not-allowed", status=405, title="その方法は使えません")
            ja, en = "このURLではそのHTTPメソッドは使えません", "method not allowed"
        else:
            kind = ProblemType(
                name="http-error", status=exc.status_code, title="要求を処理できません"
            )
            ja, en = str(exc.detail), str(exc.detail)
        return problem_response(problem(kind, ja, en, instance=request.url.path))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        reference = uuid.uuid4().hex[:12]
        log.exception("unexpected error %s on %s %s", reference, request.method, request.url.path)
        return problem_response(
            problem(
                INTERNAL,
                f"システムの内部で問題が起きました。管理者に参照番号 {reference} を伝えてください",
                f"internal error, reference {reference}",
                instance=request.url.path,
            )
        )
