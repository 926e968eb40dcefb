"""Transfers to another implementing body (移管) and their handover data, over the memory ports."""

from __future__ import annotations

import hashlib
import json
from datetime import date

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from seikatsu_std.model import Case, CaseStatus, DecisionKind
from seikatsu_std.model.decision import TerminationReason
from seikatsu_std.services.audit import AccessPurpose, AuditAction
from seikatsu_std.services.demo import demo_office
from seikatsu_std.services.errors import (
    ForbiddenError,
    InvalidRequestError,
    RuleViolationError,
    TransitionNotAllowedError,
)
from seikatsu_std.services.exports import exported_files
from seikatsu_std.services.models import CaseEventKind, DecisionDraft
from seikatsu_std.services.transfer_models import TransferDraft
from seikatsu_std.services.transfers import TRANSFER_NOT_REGISTERED, TransferService
from tests.services.conftest import Clock
from tests.support import SCHEMAS

#: case-00007 of the demo office: active since 2021-07-01, with a claim and an assistance policy.
CASE = "case-00007"
SUGINAMI, NAKANO = "131156", "131148"


@pytest.fixture
def transfers(database, calculator) -> TransferService:
    return TransferService(database.unit_of_work, Clock(date(2023, 9, 20)), calculator)


def draft(**changes: object) -> TransferDraft:
    data: dict[str, object] = {
        "transferred_on": date(2023, 9, 30),
        "destination_code": SUGINAMI,
        "handover_notes": "通院中（中野区内の病院）。転居先の家賃は限度額内",
    }
    return TransferDraft.model_validate(data | changes)


def test_a_transfer_is_registered_with_its_destination_and_audited(transfers, database) -> None:
    view = transfers.register("cw-04", CASE, draft())
    transfer = view.transfer
    assert (transfer.destination_code, transfer.transferred_on) == (SUGINAMI, date(2023, 9, 30))
    assert (transfer.office_id, transfer.registered_by, transfer.replaces_id) == (
        "office-nakano",
        "cw-04",
        None,
    )
    assert view.version == 1
    entry = database.audit[-1]
    assert (entry.action, entry.record_type, entry.purpose) == (
        AuditAction.CREATE,
        "transfer",
        AccessPurpose.TRANSFER,
    )
    assert SUGINAMI in entry.detail
    assert "通院" not in entry.detail  # the notes are personal data: not in the audit trail
    assert database.events[-1].kind is CaseEventKind.TRANSFER


@pytest.mark.parametrize(
    ("code", "said"),
    [(None, "必須"), ("", "必須"), ("131157", "正しくありません"), ("481234", "正しくありません")],
)
def test_the_destination_code_is_required_and_checked(transfers, database, code, said) -> None:
    with pytest.raises(InvalidRequestError) as refused:
        transfers.register("cw-04", CASE, draft(destination_code=code))
    assert "全国地方公共団体コード" in refused.value.detail_ja
    assert said in refused.value.detail_ja
    assert not database.tables["transfers"]


def test_every_broken_rule_is_named_and_nothing_is_stored(transfers, database) -> None:
    with pytest.raises(RuleViolationError) as refused:
        transfers.register(
            "cw-04", CASE, draft(transferred_on=date(2021, 6, 30), destination_code=NAKANO)
        )
    assert [v.code for v in refused.value.violations] == ["transfer_after_opening", "another_body"]
    assert "2021-07-01" in refused.value.detail_ja
    assert not database.tables["transfers"]


def _close(database, case_id: str) -> None:
    uow = database.unit_of_work()
    found = uow.cases.get(case_id)
    closed = Case.model_validate(
        {
            **found.record.model_dump(),
            "status": CaseStatus.TERMINATED,
            "closed_on": date(2023, 8, 31),
        }
    )
    uow.cases.replace(closed, found.version)
    uow.commit()


def test_only_a_running_case_can_be_transferred(transfers, database) -> None:
    _close(database, CASE)
    with pytest.raises(TransitionNotAllowedError) as refused:
        transfers.register("cw-04", CASE, draft())
    assert refused.value.violations[0].code == "state"
    assert not database.tables["transfers"]


def test_outsourced_staff_cannot_register_or_export(transfers, database) -> None:
    with pytest.raises(ForbiddenError) as refused:
        transfers.register("out-01", CASE, draft())
    assert "移管" in refused.value.detail_ja
    assert database.audit[-1].action is AuditAction.DENIED
    registered = transfers.register("cw-04", CASE, draft()).transfer
    with pytest.raises(ForbiddenError):
        transfers.handover("out-01", registered.id)


def test_registering_again_replaces_the_current_transfer(transfers) -> None:
    first = transfers.register("cw-04", CASE, draft()).transfer
    second = transfers.register("cw-04", CASE, draft(transferred_on=date(2023, 10, 15))).transfer
    assert second.replaces_id == first.id
    with pytest.raises(TransitionNotAllowedError) as refused:
        transfers.handover("cw-04", first.id)
    assert second.id in refused.value.detail_ja
    export = transfers.handover("cw-04", second.id)
    assert [f.count for f in export.files if f.record_type == "transfer"] == [2]


def _schema(record_type: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / "records" / f"{record_type}.schema.json").read_text())
    return Draft202012Validator(schema, format_checker=FormatChecker())


def test_the_handover_holds_the_case_in_the_standard_format(transfers, database) -> None:
    transfer = transfers.register("cw-04", CASE, draft()).transfer
    export = transfers.handover("sv-01", transfer.id)
    assert (export.transfer_id, export.case_id, export.destination_code) == (
        transfer.id,
        CASE,
        SUGINAMI,
    )
    assert [f.record_type for f in export.files] == [
        "household",
        "case",
        "decision",
        "transfer",
        "assistance_policy",
        "claim",
    ]
    for file in export.files:
        assert file.name == f"{file.record_type}.jsonl"
        assert file.count == len(file.records)
        content = "".join(
            json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in file.records
        )
        assert hashlib.sha256(content.encode()).hexdigest() == file.sha256
        for record in file.records:
            assert not list(_schema(file.record_type).iter_errors(record))
    entry = database.audit[-1]
    assert (entry.action, entry.record_type, entry.purpose, entry.actor_id) == (
        AuditAction.READ,
        "transfer_handover",
        AccessPurpose.TRANSFER,
        "sv-01",
    )
    assert "claim=1" in entry.detail


def test_the_handover_never_holds_a_my_number(transfers, calculator) -> None:
    transfer = transfers.register("cw-04", CASE, draft()).transfer
    text = transfers.handover("cw-04", transfer.id).model_dump_json()
    # The database holds the My Numbers of this same (deterministic) demo office.
    stored = demo_office(8, calculator=calculator).personal_numbers
    numbers = [record.my_number.reveal() for record in stored]
    assert numbers
    assert not [number for number in numbers if number in text]
    assert "personal_number" not in text
    with pytest.raises(ValueError, match="My Number"):
        exported_files(stored)


def test_a_termination_by_transfer_is_warned_until_the_transfer_is_registered(
    transfers, service
) -> None:
    def drafted_warnings() -> list[str]:
        view = service.draft_decision(
            "cw-04",
            DecisionDraft(
                case_id=CASE,
                kind=DecisionKind.TERMINATION,
                effective_on=date(2023, 9, 30),
                reasons=["杉並区へ転居したため"],
                termination_reason=TerminationReason.TRANSFER,
                transferred_to="office-suginami",
            ),
        )
        return [w.code for w in view.warnings]

    assert TRANSFER_NOT_REGISTERED in drafted_warnings()
    transfers.register("cw-04", CASE, draft())
    assert TRANSFER_NOT_REGISTERED not in drafted_warnings()
