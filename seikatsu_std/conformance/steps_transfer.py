"""The step library of transfers to another implementing body (移管, REQ-APP-032) and of the
records of an export in the standard format (REQ-DAT-007's form).

Loaded as a pytest plugin by the runner. A registered transfer is remembered in
``state.values`` by case id, so the handover data asked for is that of the
scenario's own registration (an HTTP target keeps what earlier scenarios made).
The checks of an export read any reply in the export format (files of records
with their record type): they name record types as scenarios do (世帯, 決定 …) and
validate every record with the published JSON Schemas shipped with the kit.
"""

from __future__ import annotations

from typing import Any

from pytest_bdd import given, parsers, then, when

from seikatsu_std.conformance.fields import body_from_rows, model_title
from seikatsu_std.conformance.scenario import ScenarioState
from seikatsu_std.conformance.steps import record_validator
from seikatsu_std.conformance.targets import UnsupportedStepError
from seikatsu_std.model import RECORD_MODELS
from seikatsu_std.services.transfer_models import TransferDraft

#: Record types by the names scenarios and the requirement catalogue use for them: the
#: title of each record of the standard, and the short names of REQ-DAT-007's list.
RECORD_NAMES: dict[str, str] = {
    **{model_title(model): model.record_type_name() for model in RECORD_MODELS},
    "決定": "decision",
    "相談": "consultation",
    "申請": "application",
    "計算明細": "calculation_result",
}


def _transfers(state: ScenarioState) -> dict[str, str]:
    made: dict[str, str] = state.values.setdefault("transfers", {})
    return made


def _register(state: ScenarioState, case_id: str, rows: list[list[str]]) -> None:
    body = body_from_rows(TransferDraft, rows)
    state.reply = reply = state.target.register_transfer(case_id, body)
    if reply.status == 201:
        _transfers(state)[case_id] = reply.body["transfer"]["id"]


@when(parsers.parse('次の内容でケース "{case_id}" の移管を登録する'))
def register(state: ScenarioState, case_id: str, datatable: list[list[str]]) -> None:
    _register(state, case_id, datatable)


@given(parsers.parse('次の内容でケース "{case_id}" の移管が登録されている'))
def registered(state: ScenarioState, case_id: str, datatable: list[list[str]]) -> None:
    _register(state, case_id, datatable)
    reply = state.last()
    state.expect(f"前提: ケース {case_id} の移管を登録できる（HTTP 201）")
    assert reply.status == 201, f"transfer not registered: {reply.status} {reply.body}"


@when(parsers.parse('ケース "{case_id}" の移管のための引継ぎデータを出力する'))
def handover(state: ScenarioState, case_id: str) -> None:
    transfer_id = _transfers(state).get(case_id)
    if transfer_id is None:
        raise KeyError(f"この場面でケース「{case_id}」の移管は登録していません")
    state.reply = state.target.transfer_handover(transfer_id)


# ---------------------------------------------------------------- then: an export's records


def _files(state: ScenarioState) -> list[dict[str, Any]]:
    reply = state.last()
    assert reply.status == 200, f"no export: HTTP {reply.status} {reply.body}"
    files = reply.body.get("files") if isinstance(reply.body, dict) else None
    assert isinstance(files, list), "the reply is not in the export format (no files)"
    return files


@then(parsers.parse('出力に "{name}" の記録が含まれる'))
def export_has(state: ScenarioState, name: str) -> None:
    if name not in RECORD_NAMES:
        raise UnsupportedStepError(f"標準に「{name}」の記録の種類はありません")
    record_type = RECORD_NAMES[name]
    state.expect(f"出力に {record_type}.jsonl があり、記録が1件以上で件数と一致する")
    found = [f for f in _files(state) if f.get("record_type") == record_type]
    assert found, f"no {record_type} file among {[f.get('name') for f in _files(state)]}"
    records = found[0].get("records") or []
    assert records, f"the {record_type} file holds no record"
    assert found[0].get("count") == len(records), (
        f"{record_type}: count {found[0].get('count')} for {len(records)} records"
    )


@then("出力のすべての記録が標準仕様の JSON Schema に適合する")
def export_conforms(state: ScenarioState) -> None:
    state.expect("出力の各記録が、その record_type の公開された JSON Schema に適合する")
    errors: list[str] = []
    checked = 0
    for file in _files(state):
        for index, record in enumerate(file.get("records") or []):
            record_type = record.get("record_type") if isinstance(record, dict) else None
            where = f"{file.get('name')}[{index}]"
            if record_type != file.get("record_type"):
                errors.append(f"{where}: record_type {record_type!r} in {file.get('record_type')}")
                continue
            try:
                validator = record_validator(str(record_type))
            except FileNotFoundError:
                errors.append(f"{where}: the standard has no record type {record_type!r}")
                continue
            errors += [f"{where} {e.json_path}: {e.message}" for e in validator.iter_errors(record)]
            checked += 1
    assert checked, "the export holds no record"
    assert not errors, f"{len(errors)} schema errors: {errors[:5]}"
