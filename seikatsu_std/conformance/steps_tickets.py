"""The step library of the benefits given on a decision: tickets and ad-hoc payments.

Loaded as a pytest plugin by the runner, next to the lifecycle steps. A step
gives a benefit on the decision the scenario drafted (REQ-APP-022), for the
household head of that decision's case, for the dataset's month, as the staff
whose work it is in the office (the medical clerk issues tickets, the
accounting clerk makes payments). The institution is the dataset's demo clinic
(:data:`~seikatsu_std.services.demo.DEMO_INSTITUTIONS`); the care provider, the
insured number and the amount of a payment are invented values of the kit,
named below.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from pytest_bdd import when

from seikatsu_std.conformance.scenario import ScenarioState
from seikatsu_std.conformance.steps import staff_of
from seikatsu_std.conformance.steps_lifecycle import (
    acting_as,
    case_detail,
    drafted_decision,
    established,
)
from seikatsu_std.conformance.targets import INPROCESS_NOW, Reply
from seikatsu_std.model.care import CareServiceKind
from seikatsu_std.model.common import AssistanceKind
from seikatsu_std.model.medical import TreatmentSetting
from seikatsu_std.model.payments import PaymentMethod
from seikatsu_std.services.demo import DEMO_CLINIC_ID, DEMO_MONTH

#: The care provider of a care ticket (invented: 介護保険事業所番号 and name).
CARE_PROVIDER = ("1370100011", "なかの訪問介護ステーション（適合性確認用）")
#: The 介護保険被保険者番号 of the member of a care ticket (invented, 10 digits).
INSURED_NUMBER = "0000123456"
#: The amount of an ad-hoc payment (yen) and its basis (invented).
AD_HOC_AMOUNT = (12_000, "冬季の布団の購入（一時扶助）")


def _on_drafted_decision(
    state: ScenarioState, role: str, give: Callable[[str, dict[str, Any]], Reply]
) -> None:
    """Give a benefit on the drafted decision, as ``role``: ``give(case_id, body)``."""
    decision_id = drafted_decision(state).decision_id
    with acting_as(state, staff_of(role)):
        state.reply = state.target.get_decision(decision_id)
        established(state, f"起案した決定 {decision_id} の読取り")
        case_id = str(state.last().body["decision"]["case_id"])
        head = case_detail(state, case_id)["household"]["members"][0]["id"]
        body = {"decision_id": decision_id, "member_id": head, "month": DEMO_MONTH}
        state.reply = give(case_id, body)


@when("起案されている決定に基づいて医療券を発行する")
def medical_ticket_on_draft(state: ScenarioState) -> None:
    def give(case_id: str, body: dict[str, Any]) -> Reply:
        body |= {"institution_id": DEMO_CLINIC_ID, "setting": TreatmentSetting.OUTPATIENT.value}
        return state.target.issue_medical_ticket(case_id, body)

    _on_drafted_decision(state, "医療事務の職員", give)


@when("起案されている決定に基づいて介護券を発行する")
def care_ticket_on_draft(state: ScenarioState) -> None:
    def give(case_id: str, body: dict[str, Any]) -> Reply:
        number, name = CARE_PROVIDER
        body |= {
            "provider_number": number,
            "provider_name": name,
            "service_kind": CareServiceKind.HOME_CARE.value,
            "insured_number": INSURED_NUMBER,
        }
        return state.target.issue_care_ticket(case_id, body)

    _on_drafted_decision(state, "医療事務の職員", give)


@when("起案されている決定に基づいて随時支給を作成する")
def ad_hoc_payment_on_draft(state: ScenarioState) -> None:
    def give(case_id: str, body: dict[str, Any]) -> Reply:
        amount, basis = AD_HOC_AMOUNT
        del body["member_id"]
        body |= {
            "lines": [
                {"assistance_kind": AssistanceKind.LIVING.value, "amount": amount, "basis": basis}
            ],
            "method": PaymentMethod.COUNTER_CASH.value,
            "scheduled_on": INPROCESS_NOW.date().isoformat(),
            "idempotency_key": f"ad-hoc/{case_id}/{uuid.uuid4().hex}",
        }
        return state.target.create_ad_hoc_payment(case_id, body)

    _on_drafted_decision(state, "経理事務の職員", give)
