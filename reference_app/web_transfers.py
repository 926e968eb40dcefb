"""The pages of the transfer of a case to another implementing body (移管): registering the
transfer from the case, and its handover data (a summary, and the JSON to hand over).

Server-rendered over :class:`~seikatsu_std.services.transfers.TransferService`, with the
forms of :mod:`reference_app.web_lifecycle` (CSRF, errors next to the fields, broken
rules with their legal basis at the top, the input kept on a refusal).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from reference_app.web import Actor, PageContext, PageRoute, Pages
from reference_app.web_lifecycle import (
    REFUSALS,
    FormState,
    Loc,
    Submitted,
    redirect_done,
    status_of,
    validated,
)
from seikatsu_std.services.transfer_models import TransferDraft

_FIELDS: dict[Loc, str] = {
    (name,): name for name in ("transferred_on", "destination_code", "handover_notes")
}
_DONE = {"registered": "移管を登録しました。引継ぎデータを移管先に渡してください。"}


def _form_page(
    request: Request, pages: Pages, case_id: str, form: FormState, status: int = 200
) -> HTMLResponse:
    return pages.render(request, "transfer_form.html", status, case_id=case_id, form=form)


def transfer_routes() -> APIRouter:
    """The routes of the transfer pages."""
    router = APIRouter(route_class=PageRoute, include_in_schema=False)

    @router.get("/cases/{case_id}/transfers/new")
    def new_transfer(request: Request, pages: PageContext, actor: Actor, case_id: str) -> Response:
        return _form_page(request, pages, case_id, FormState())

    @router.post("/cases/{case_id}/transfers")
    def register_transfer(
        request: Request, pages: PageContext, actor: Actor, case_id: str, form: Submitted
    ) -> Response:
        draft = validated(
            TransferDraft,
            {
                "transferred_on": form.value("transferred_on"),
                "destination_code": form.optional("destination_code"),
                "handover_notes": form.value("handover_notes"),
            },
            form,
            _FIELDS,
        )
        if draft is None:
            return _form_page(request, pages, case_id, form, 422)
        try:
            registered = pages.transfers.register(actor, case_id, draft)
        except REFUSALS as exc:
            form.refused(exc)
            return _form_page(request, pages, case_id, form, status_of(exc))
        return redirect_done(f"/transfers/{registered.transfer.id}/handover", "registered")

    @router.get("/transfers/{transfer_id}/handover")
    def handover(
        request: Request,
        pages: PageContext,
        actor: Actor,
        transfer_id: str,
        done: Annotated[str | None, Query(max_length=32)] = None,
    ) -> Response:
        export = pages.transfers.handover(actor, transfer_id)
        records = next(f.records for f in export.files if f.record_type == "transfer")
        transfer = next(r for r in records if r["id"] == transfer_id)
        return pages.render(
            request,
            "transfer_handover.html",
            export=export,
            transfer=transfer,
            message=_DONE.get(done or ""),
        )

    @router.get("/transfers/{transfer_id}/handover.json")
    def handover_file(
        request: Request, pages: PageContext, actor: Actor, transfer_id: str
    ) -> Response:
        export = pages.transfers.handover(actor, transfer_id)
        return Response(
            export.model_dump_json(indent=2),
            media_type="application/json",
            headers={"Content-Disposition": f'attachment; filename="handover-{transfer_id}.json"'},
        )

    return router
