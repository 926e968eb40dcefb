"""The step library of the decisions on repayments and collections (返還金・徴収金の決定).

Loaded as a pytest plugin by the runner, next to the lifecycle steps. A scenario
drafts a 法63条返還金決定 or a 法78条徴収金決定 of a case of the conformance
dataset and remembers it in ``state.values["claim_decision"]``; the lifecycle
step 「起案されている決定を決裁する」 then approves that decision (it is registered
in :data:`~seikatsu_std.conformance.steps_lifecycle.APPROVALS`), so the rule that
the drafter never approves (REQ-APP-024, REQ-CLM-010) is checked with the same
words as for protection decisions.

Tables name the standard's fields by their titles; two items are written the way
people write them and are converted here: 対象期間 ``2023-01 から 2023-06`` (the
first and last month) and 加算の率 ``40%``. A title the standard does not define
(or a label its enumerations do not have) makes the scenario unverified.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pytest_bdd import given, parsers, then, when

from seikatsu_std.conformance.fields import body_from_rows, drop, field_titled
from seikatsu_std.conformance.scenario import ScenarioState
from seikatsu_std.conformance.steps import staff_of
from seikatsu_std.conformance.steps_lifecycle import APPROVALS, acting_as, established, field_is
from seikatsu_std.model.claims import ClaimBasis, MeansSource
from seikatsu_std.services.claim_models import ClaimDecisionDraft

_KEY = "claim_decision"
#: How scenarios name each kind of decision, and the basis it rests on.
KINDS = {
    "法63条返還金決定": ClaimBasis.ART63,
    "法78条徴収金決定": ClaimBasis.ART78,
}
#: The contents of a decision a scenario does not spell out (the dataset's month is 2023-09):
#: a pension paid retroactively for a repayment, undeclared earnings for a collection.
_DEFAULTS: dict[ClaimBasis, dict[str, Any]] = {
    ClaimBasis.ART63: {
        "period_from": "2023-01",
        "period_to": "2023-06",
        "means_source": MeansSource.RETROACTIVE_BENEFIT.value,
        "means_fact": "障害年金の遡及分が振り込まれた",
        "means_arose_on": "2023-06-15",
        "means_amount": 600_000,
        "assistance_paid": 600_000,
        "repayment_amount": 480_000,
    },
    ClaimBasis.ART78: {
        "period_from": "2023-01",
        "period_to": "2023-06",
        "fraud_fact": "就労収入月額 50,000 円を申告しなかった",
        "collection_amount": 300_000,
        "surcharge_percent": 40,
    },
}
_PERIOD = "対象期間"
_RATE = "加算の率"


@dataclass
class DraftedClaimDecision:
    """The repayment or collection decision the scenario drafted."""

    claim_decision_id: str
    version: int


def _basis(kind: str) -> ClaimBasis:
    if kind not in KINDS:
        raise KeyError(f"unknown kind of decision {kind!r}; known: {', '.join(KINDS)}")
    return KINDS[kind]


def _rows(rows: list[list[str]]) -> list[list[str]]:
    """The table with 対象期間 split into its first and last month and 加算の率 without ``%``."""
    converted: list[list[str]] = []
    for title, text in rows:
        name, value = title.strip(), text.strip()
        if name == _PERIOD and value:
            first, _, last = value.partition(" から ")
            converted += [["対象期間の初月", first.strip()], ["対象期間の末月", last.strip()]]
        elif name == _RATE:
            converted.append([name, value.removesuffix("%")])
        else:
            converted.append([name, value])
    return converted


def claim_decision_body(
    case_id: str, kind: str, rows: list[list[str]] | None = None
) -> dict[str, Any]:
    """The draft of a ``kind`` decision of ``case_id``: the table's items, or the defaults."""
    basis = _basis(kind)
    given_items = body_from_rows(ClaimDecisionDraft, _rows(rows)) if rows is not None else None
    contents = _DEFAULTS[basis] if given_items is None else given_items
    return {"case_id": case_id, "basis": basis.value, **contents}


def _send(state: ScenarioState, body: dict[str, Any]) -> None:
    state.reply = reply = state.target.draft_claim_decision(body)
    if reply.status == 201:
        state.values[_KEY] = DraftedClaimDecision(
            reply.body["claim_decision"]["id"], reply.body["version"]
        )


def _approve_claim_decision(state: ScenarioState) -> None:
    drafted: DraftedClaimDecision = state.values[_KEY]
    state.reply = reply = state.target.approve_claim_decision(
        drafted.claim_decision_id, drafted.version
    )
    if reply.status == 200:
        drafted.version = reply.body["version"]


APPROVALS[_KEY] = _approve_claim_decision


# The kinds are spelled out in the texts (only the two of KINDS), so that the steps of
# protection decisions, 「…の決定を起案する」, never match these.
@given(
    parsers.re(
        r'ケース "(?P<case_id>[^"]+)" の(?P<kind>法63条返還金決定|法78条徴収金決定)が '
        r'"(?P<role>[^"]+)" により起案されている'
    )
)
def drafted_by(state: ScenarioState, case_id: str, kind: str, role: str) -> None:
    with acting_as(state, staff_of(role)):
        _send(state, claim_decision_body(case_id, kind))
        established(state, f"{role}によるケース {case_id} の{kind}の起案")


@when(
    parsers.re(
        r'次の内容でケース "(?P<case_id>[^"]+)" の(?P<kind>法63条返還金決定|法78条徴収金決定)を起案する'
    )
)
def draft(state: ScenarioState, case_id: str, kind: str, datatable: list[list[str]]) -> None:
    _send(state, claim_decision_body(case_id, kind, datatable))


@when(
    parsers.re(
        r'"(?P<title>[^"]+)" を空にしてケース "(?P<case_id>[^"]+)" の'
        r"(?P<kind>法63条返還金決定|法78条徴収金決定)を起案する"
    )
)
def draft_without(state: ScenarioState, title: str, case_id: str, kind: str) -> None:
    body = claim_decision_body(case_id, kind)
    if title == _PERIOD:
        for name in ("対象期間の初月", "対象期間の末月"):
            drop(body, field_titled(ClaimDecisionDraft, name))
    else:
        drop(body, field_titled(ClaimDecisionDraft, title))
    _send(state, body)


@then(parsers.parse('応答の "{title}" は {amount} 円である'))
def reply_amount_is(state: ScenarioState, title: str, amount: str) -> None:
    """An amount of the reply, written as scenarios write amounts (``120,000``)."""
    field_is(state, title, amount)
