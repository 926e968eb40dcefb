"""The page of documents submitted online (REQ-APP-031): the caseworker's queue.

Lists the documents awaiting review on the cases the logged-in staff member is in charge
of (:meth:`~seikatsu_std.services.submissions.SubmissionService.pending_for_me`), each with
its submitter, kind, file, time received and paper-equivalent effect, and lets a
caseworker or supervisor record that they looked at it. Forms as in
:mod:`reference_app.web_appeals` (CSRF, the refusal shown with the list again).
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
    Submitted,
    form_version,
    redirect_done,
    status_of,
)
from seikatsu_std.authority import Action
from seikatsu_std.model import StaffMember
from seikatsu_std.services.errors import VersionConflictError

#: Messages shown once after a redirect (``?done=``).
_DONE = {"confirmed": "提出された書類を確認済にしました。"}


def _queue_page(
    request: Request,
    pages: Pages,
    actor: str,
    *,
    form: FormState | None = None,
    failed_id: str | None = None,
    status: int = 200,
    message: str | None = None,
) -> HTMLResponse:
    staff: StaffMember = request.state.staff
    return pages.render(
        request,
        "submissions.html",
        status,
        queue=pages.submissions.pending_for_me(actor),
        can_confirm=_may(request, staff, Action.REVIEW_SUBMISSION, staff.office_id),
        form=form or FormState(),
        failed_id=failed_id,
        message=message,
    )


def submission_routes() -> APIRouter:
    """The routes of the submitted-documents page."""
    router = APIRouter(route_class=PageRoute, include_in_schema=False)

    @router.get("/submissions")
    def submissions(
        request: Request,
        pages: PageContext,
        actor: Actor,
        done: Annotated[str | None, Query(max_length=32)] = None,
    ) -> Response:
        return _queue_page(request, pages, actor, message=_DONE.get(done or ""))

    @router.post("/online-submissions/{submission_id}/confirmation")
    def confirm(
        request: Request, pages: PageContext, actor: Actor, submission_id: str, form: Submitted
    ) -> Response:
        version = form_version(form)
        if not version.isdigit() or int(version) < 1:
            form.fail("version", "画面の版を読み取れません。画面を読み込み直してください")
            return _queue_page(
                request, pages, actor, form=form, failed_id=submission_id, status=422
            )
        try:
            pages.submissions.confirm(actor, submission_id, int(version))
        except REFUSALS as exc:
            form.refused(exc, CONFLICT_NOTE if isinstance(exc, VersionConflictError) else "")
            return _queue_page(
                request, pages, actor, form=form, failed_id=submission_id, status=status_of(exc)
            )
        return redirect_done("/submissions", "confirmed")

    return router
