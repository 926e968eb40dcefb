"""Request bodies of the lifecycle operations, shared by the API and target tests (plain JSON)."""

from __future__ import annotations

import json
from typing import Any

from tests.support import SCHEMAS

#: The published calculation vector whose household applies and whose input prices the decision.
VECTOR_ID = "place-nakano-family-of-4"
#: Five days before the clock of the API tests (2023-09-20): within the 14 days.
RECEIVED = "2023-09-15"


def vector_case() -> dict[str, Any]:
    """The vector :data:`VECTOR_ID` as published (input and expected amounts)."""
    data = json.loads((SCHEMAS / "vectors/calculation-vectors.json").read_text(encoding="utf-8"))
    found: dict[str, Any] = next(v for v in data["vectors"] if v["id"] == VECTOR_ID)
    return found


def consultation(wish: bool) -> dict[str, Any]:
    return {
        "started_at": "2023-09-15T09:30:00+09:00",
        "interviewer_id": "cw-01",
        "person_name": "高橋 誠",
        "situation": "失職し家賃が払えない",
        "guidance_given": "保護の制度と申請の手続を説明した",
        "wishes_to_apply": "yes" if wish else "no",
    }


def application(vector: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {
        "kind": "start",
        "received_on": RECEIVED,
        "channel": "written_form",
        "place": "counter",
        "applicant_name": "高橋 誠",
        "applicant_relationship": "本人",
        "household": vector["input"]["household"],
        "requested_kinds": ["living", "housing", "education"],
        "reason": "失職により生活に困窮",
        **changes,
    }


def start_decision(
    vector: dict[str, Any], received: dict[str, Any], **changes: Any
) -> dict[str, Any]:
    effective_on = changes.get("effective_on", received["application"]["received_on"])
    # The calculation is for the month the decision takes effect in (the vector's household
    # is in the same age bands in 2023-09 as in its own month, so the amounts are the same).
    calculation = {**vector["input"], "month": str(effective_on)[:7]}
    return {
        "case_id": received["case_id"],
        "application_id": received["application"]["id"],
        "kind": "start",
        "effective_on": effective_on,
        "reasons": ["収入が最低生活費に満たないため"],
        "calculation": calculation,
        **changes,
    }
