"""The casework of the demo office: a policy for every case, claims for some, all deterministic."""

from __future__ import annotations

from seikatsu_std.calc import Calculator
from seikatsu_std.model import CaseStatus
from seikatsu_std.services import demo
from seikatsu_std.services.demo import demo_office
from seikatsu_std.services.demo_casework import has_claim


def test_every_case_has_a_policy_and_every_tenth_a_claim() -> None:
    office = demo_office(30, calculator=Calculator())
    cases = {case.id: case for case in office.cases}
    assert [p.case_id for p in office.assistance_policies] == list(cases)
    assert [c.case_id for c in office.claims] == ["case-00007", "case-00017", "case-00027"]
    assert [has_claim(n) for n in (7, 8, 17, 70)] == [True, False, True, False]
    for policy in office.assistance_policies:
        case = cases[policy.case_id]
        assert case.opened_on is not None
        assert policy.effective.start >= case.opened_on
        assert policy.decided_by_staff_id == case.caseworker_id
        assert len(policy.goals) == len(policy.problems) == len(policy.planned_help) >= 2
    for claim in office.claims:
        assert claim.decided_by == cases[claim.case_id].caseworker_id
        assert claim.assessed_on > cases[claim.case_id].opened_on
    # case-00007, which the transfer scenarios hand over, can be transferred.
    assert cases["case-00007"].status is CaseStatus.ACTIVE


def test_the_casework_is_the_same_every_time_and_leaves_the_cases_as_they_were(
    monkeypatch,
) -> None:
    calculator = Calculator()
    first, again = demo_office(20, calculator=calculator), demo_office(20, calculator=calculator)
    assert first.assistance_policies == again.assistance_policies
    assert first.claims == again.claims
    # Without any casework, the cases, decisions and My Numbers are the very same.
    monkeypatch.setattr(demo, "_add_casework", lambda *args: None)
    bare = demo_office(20, calculator=calculator)
    assert (bare.assistance_policies, bare.claims) == ([], [])
    assert bare.cases == first.cases
    assert bare.decisions == first.decisions
    assert bare.personal_numbers == first.personal_numbers
