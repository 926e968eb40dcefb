"""Records for the notice tests: the demo office's first case and decisions of every kind.

The office, case, household, change decision and calculation come from
``seikatsu_std.services.demo.demo_office(5)``; the other decisions and the
application are made on that case from the published examples, so every
record is one the library itself validates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

import pypdf

from seikatsu_std.calc import CalculationResult, Calculator
from seikatsu_std.model import Case, Decision, Household, WelfareOffice
from seikatsu_std.model.common import AssistanceKind
from seikatsu_std.model.intake import Application
from seikatsu_std.model.office import StaffMember
from seikatsu_std.services.demo import demo_office
from tests.support import load_example

RECEIVED = date(2023, 9, 1)
#: 14 days after RECEIVED (the shipped table's notice deadline, counted from the next day).
DUE = date(2023, 9, 15)


@dataclass(frozen=True)
class Records:
    office: WelfareOffice
    case: Case
    household: Household
    change: Decision
    calculation: CalculationResult
    caseworker: StaffMember


@cache
def demo_records() -> Records:
    demo = demo_office(5)
    case = demo.cases[0]
    household = next(h for h in demo.households if h.id == case.household_id)
    change = next(d for d in demo.decisions if d.case_id == case.id)
    calculation_input = next(c for c in demo.calculations if c.id == change.calculation_id)
    caseworker = next(s for s in demo.staff if s.id == case.caseworker_id)
    return Records(
        office=demo.office,
        case=case,
        household=household,
        change=change,
        calculation=Calculator().calculate(calculation_input),
        caseworker=caseworker,
    )


def application(received_on: date = RECEIVED, **changes: Any) -> Application:
    """A start application for the demo household, received on ``received_on``."""
    records = demo_records()
    data = load_example("application") | {
        "id": "app-notice-1",
        "office_id": records.office.id,
        "household_id": records.household.id,
        "received_on": received_on.isoformat(),
        "received_by": "cw-01",
    }
    return Application.model_validate(data | changes)


def decision(kind: str, decided_on: date = date(2023, 9, 8), **changes: Any) -> Decision:
    """An approved decision of ``kind`` on the demo case, decided on ``decided_on``."""
    records = demo_records()
    result = records.calculation
    data: dict[str, Any] = {
        "id": f"dec-notice-{kind}",
        "case_id": records.case.id,
        "kind": kind,
        "status": "approved",
        "decided_on": decided_on.isoformat(),
        "effective_on": "2023-09-01",
        "reasons": ["世帯の収入が最低生活費に満たないため、申請日から保護を開始します。"],
        "drafted_by": "cw-02",
        "drafted_on": decided_on.isoformat(),
        "approved_by": "sv-01",
        "approved_on": decided_on.isoformat(),
        "approvals": [
            {
                "stage": 1,
                "role": "supervisor",
                "kind": "final",
                "approved_by": "sv-01",
                "approved_at": f"{decided_on.isoformat()}T10:00:00+09:00",
            }
        ],
    }
    if kind in ("start", "rejection"):
        data["application_id"] = "app-notice-1"
    if kind in ("start", "change"):
        data |= {
            "amounts": result.amounts.model_dump(),
            "minimum_living_cost": result.minimum_living_cost,
            "recognised_income": result.recognised_income,
            "own_payment": result.own_payment,
            "calculation_id": result.id,
        }
    if kind == "rejection":
        data |= {
            "rejection_reason": "income_sufficient",
            "reasons": ["年金の収入（月額152,000円）が最低生活費（月額144,400円）を上回るため。"],
            "minimum_living_cost": 144400,
            "recognised_income": 152000,
        }
    if kind == "suspension":
        data |= {
            "amounts": {k.value: 0 for k in AssistanceKind},
            "effective_on": "2023-10-01",
            "reasons": ["就労による収入が一時的に最低生活費を上回る見込みのため。"],
        }
    if kind == "termination":
        data |= {
            "effective_on": "2023-09-30",
            "termination_reason": "withdrawal",
            "reasons": ["就職により自立できる見込みとなり、本人から辞退の申出があったため。"],
            "withdrawal": {
                "received_on": "2023-09-04",
                "received_by": "cw-01",
                "signed_by_person": True,
                "original_kept_at": "ケースファイル 第1分冊",
            },
            "free_will_check": {
                "confirmed_by": "sv-01",
                "confirmed_on": "2023-09-05",
                "staff_guidance": False,
                "livelihood_prospect": "10月から月給22万円の常勤の仕事に就く。",
            },
        }
    return Decision.model_validate(data | changes)


def pdf_text(pdf: bytes) -> str:
    """All text of a PDF, extracted with pypdf, with every whitespace removed."""
    import io

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return squeeze("".join(page.extract_text() for page in reader.pages))


def squeeze(text: str) -> str:
    """``text`` without whitespace (line breaks fall anywhere in extracted text)."""
    return re.sub(r"\s+", "", text)
