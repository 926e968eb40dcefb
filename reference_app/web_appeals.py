"""The pages of requests for review (審査請求): the office's list with the ruling deadlines,
registering a request against a decision of a case, and recording the ruling.

Server-rendered over :class:`~seikatsu_std.services.appeals.AppealService`, with the
forms of :mod:`reference_app.web_lifecycle` (CSRF, errors next to the fields, broken
rules with their legal basis at the top, the input kept on a refusal).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from reference_app.web import Actor, PageContext, PageRoute, Pages, _may
from reference_app.web_lifecycle import (
    CONFLICT_NOTE,
    REFUSALS,
    FormState,
    Loc,
    Submitted,
    form_version,
    redirect_done,
    status_of,
    validated,
)
from seikatsu_std.authority import Action
from seikatsu_std.model import ReviewRuling, StaffMember
from seikatsu_std.model.decision import DecisionStatus
from seikatsu_std.services.errors import VersionConflictError
from seikatsu_std.services.models import ReviewRequestDraft, RulingRecord

#: Messages shown once after a redirect (``?done=``).
_DONE = {
    "registered": "審査請求を登録しました。裁決の期限を管理します。",
    "ruled": "裁決を記録しました。",
}
_DRAFT_FIELDS: dict[Loc, str] = {
    (name,): name
    for name in ("decision_id", "requested_on", "reviewing_authority", "consults_board")
}
_RULING_FIELDS: dict[Loc, str] = {
    (name,): name for name in ("ruled_on", "ruling", "further_review")
}


def _yes_no(form: FormState, name: str) -> bool | None:
    """A あり／なし choice of the form (None, and an error next to the field, if none was made)."""
    chosen = form.value(name)
    if chosen not in ("yes", "no"):
        form.fail(name, "「あり」か「なし」を選んでください")
        return None
    return chosen == "yes"


def _list_page(
    request: Request,
    pages: Pages,
    actor: str,
    *,
    overdue_only: bool = False,
    form: FormState | None = None,
    failed_id: str | None = None,
    status: int = 200,
    message: str | None = None,
) -> HTMLResponse:
    staff: StaffMember = request.state.staff
    found = pages.appeals.list_for_office(actor, staff.office_id, overdue_only=overdue_only)
    return pages.render(
        request,
        "review_requests.html",
        status,
        requests=found,
        overdue_only=overdue_only,
        can_record=_may(request, staff, Action.RECORD_APPEAL, staff.office_id),
        rulings=[(r.value, r.label) for r in ReviewRuling],
        form=form or FormState(),
        empty_form=FormState(),
        failed_id=failed_id,
        message=message,
    )


def _form_page(
    request: Request,
    pages: Pages,
    actor: str,
    case_id: str,
    form: FormState,
    status: int = 200,
) -> HTMLResponse:
    decided = [
        d
        for d in pages.lifecycle.case_decisions(actor, case_id)
        if d.status is not DecisionStatus.DRAFT
    ]
    return pages.render(
        request,
        "review_request_form.html",
        status,
        case_id=case_id,
        decisions=[(d.id, f"{d.kind.label}の決定（決定日 {d.decided_on}）") for d in decided],
        form=form,
    )


def appeal_routes() -> APIRouter:
    """The routes of the review-request pages."""
    router = APIRouter(route_class=PageRoute, include_in_schema=False)

    @router.get("/review-requests")
    def review_requests(
        request: Request,
        pages: PageContext,
        actor: Actor,
        overdue: Annotated[bool, Query()] = False,
        done: Annotated[str | None, Query(max_length=32)] = None,
    ) -> Response:
        return _list_page(
            request, pages, actor, overdue_only=overdue, message=_DONE.get(done or "")
        )

    @router.get("/cases/{case_id}/review-requests/new")
    def new_review_request(
        request: Request, pages: PageContext, actor: Actor, case_id: str
    ) -> Response:
        return _form_page(request, pages, actor, case_id, FormState())

    @router.post("/cases/{case_id}/review-requests")
    def register_review_request(
        request: Request, pages: PageContext, actor: Actor, case_id: str, form: Submitted
    ) -> Response:
        draft = validated(
            ReviewRequestDraft,
            {
                "decision_id": form.value("decision_id"),
                "requested_on": form.value("requested_on"),
                "reviewing_authority": form.value("reviewing_authority"),
                "consults_board": _yes_no(form, "consults_board"),
            },
            form,
            _DRAFT_FIELDS,
        )
        if draft is None:
            return _form_page(request, pages, actor, case_id, form, 422)
        try:
            pages.appeals.register(actor, case_id, draft)
        except REFUSALS as exc:
            form.refused(exc)
            return _form_page(request, pages, actor, case_id, form, status_of(exc))
        return redirect_done("/review-requests", "registered")

    @router.post("/review-requests/{review_request_id}/ruling")
    def record_ruling(
        request: Request,
        pages: PageContext,
        actor: Actor,
        review_request_id: str,
        form: Submitted,
    ) -> Response:
        ruling = validated(
            RulingRecord,
            {
                "version": form_version(form),
                "ruled_on": form.value("ruled_on"),
                "ruling": form.value("ruling"),
                "further_review": _yes_no(form, "further_review"),
            },
            form,
            _RULING_FIELDS,
        )
        if ruling is None:
            return _list_page(
                request, pages, actor, form=form, failed_id=review_request_id, status=422
            )
        try:
            pages.appeals.record_ruling(actor, review_request_id, ruling)
        except REFUSALS as exc:
            form.refused(exc, CONFLICT_NOTE if isinstance(exc, VersionConflictError) else "")
            return _list_page(
                request, pages, actor, form=form, failed_id=review_request_id, status=status_of(exc)
            )
        return redirect_done("/review-requests", "ruled")

    return router
