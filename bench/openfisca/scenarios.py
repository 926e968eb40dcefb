"""Hand-built households for the causes the generated caseload never triggers.

``random_inputs`` makes households of at most four members, all at home, with
one income and no pregnancy, hospital stay or second earner, so several of
OpenFisca-Japan's known simplifications never show in the main comparison.
These few households (built with our own ``calculation_input``/``member``
builders, month 2025-06) exercise each of them once; ``compare.py`` runs them
through the same adapter and classification and prints one line per household.
"""

from __future__ import annotations

from typing import Any

from seikatsu_std.calc.synthetic import SAMPLE_MUNICIPALITIES, calculation_input, member

MONTH = "2025-06"
YOKOHAMA = SAMPLE_MUNICIPALITIES[3]  # 1級地-1
NAHA = SAMPLE_MUNICIPALITIES[11]  # 2級地-1


def _lone_parent(
    sid: str, children: list[dict[str, Any]], **kwargs: Any
) -> tuple[str, dict[str, Any]]:
    parent = member(f"{sid}-1", "1985-05-05", **kwargs.pop("parent", {}))
    facts = [{"member_id": f"{sid}-1", "lone_parent": True}]
    return sid, calculation_input(
        sid, MONTH, [parent, *children], facts=facts, municipality=YOKOHAMA, **kwargs
    )


def scenarios() -> list[tuple[str, str, dict[str, Any]]]:
    """(id, what it shows, calculation input) for each hand-built household."""
    out: list[tuple[str, str, dict[str, Any]]] = []

    def add(what: str, built: tuple[str, dict[str, Any]]) -> None:
        out.append((built[0], what, built[1]))

    child = member("sc-a-2", "2015-06-10", relationship="child", school="elementary")
    add(
        "ひとり親本人が障害（1級）: 同一人の原則で障害者加算のみ（両者一致するはず）",
        _lone_parent("sc-a", [child], parent={"disability": {"physical_certificate_grade": 1}}),
    )
    disabled_child = member(
        "sc-b-2",
        "2015-06-10",
        relationship="child",
        school="elementary",
        disability={"physical_certificate_grade": 1},
    )
    add(
        "障害のある子とひとり親: 母子加算と子の障害者加算は併給",
        _lone_parent("sc-b", [disabled_child]),
    )
    add(
        "4月1日生まれの18歳（2007-04-01）: 児童の終期",
        _lone_parent(
            "sc-c", [member("sc-c-2", "2007-04-01", relationship="child", school="not_in_school")]
        ),
    )
    add(
        "5月生まれの18歳の高校3年生: 3月31日まで児童",
        _lone_parent(
            "sc-d", [member("sc-d-2", "2007-05-10", relationship="child", school="high_school")]
        ),
    )
    add(
        "ひとり親・精神障害者保健福祉手帳1級",
        _lone_parent(
            "sc-e",
            [member("sc-e-2", "2016-09-09", relationship="child", school="elementary")],
            parent={"disability": {"mental_certificate_grade": 1}},
        ),
    )
    couple = [
        member("sc-f-1", "1950-02-02", sex="male"),
        member("sc-f-2", "1952-03-03", relationship="spouse", residence="hospital"),
    ]
    out.append(
        (
            "sc-f",
            "高齢夫婦・配偶者が入院中",
            calculation_input(
                "sc-f",
                MONTH,
                couple,
                municipality=YOKOHAMA,
                incomes=[{"member_id": "sc-f-1", "kind": "pension", "amount": 60_000}],
            ),
        )
    )
    six = [
        member("sc-g-1", "1980-01-01", sex="male"),
        member("sc-g-2", "1982-01-01", relationship="spouse"),
    ]
    six += [
        member(f"sc-g-{i}", born, relationship="child", school=school)
        for i, (born, school) in enumerate(
            [
                ("2010-05-05", "junior_high"),
                ("2013-05-05", "elementary"),
                ("2016-05-05", "elementary"),
                ("2020-05-05", "preschool"),
            ],
            start=3,
        )
    ]
    out.append(
        (
            "sc-g",
            "6人世帯（夫婦と子4人）",
            calculation_input("sc-g", MONTH, six, municipality=YOKOHAMA, rent=80_000),
        )
    )
    earners = [
        member("sc-h-1", "1975-01-01", sex="male"),
        member("sc-h-2", "1977-01-01", relationship="spouse"),
    ]
    out.append(
        (
            "sc-h",
            "共働き（2人目の就労者の基礎控除）",
            calculation_input(
                "sc-h",
                MONTH,
                earners,
                municipality=YOKOHAMA,
                incomes=[
                    {"member_id": "sc-h-1", "kind": "earned", "amount": 90_000},
                    {"member_id": "sc-h-2", "kind": "earned", "amount": 60_000},
                ],
            ),
        )
    )
    out.append(
        (
            "sc-i",
            "妊娠6か月以上（2級地）",
            calculation_input(
                "sc-i",
                MONTH,
                [member("sc-i-1", "1995-01-01")],
                municipality=NAHA,
                facts=[{"member_id": "sc-i-1", "pregnancy": "six_months_or_more"}],
            ),
        )
    )
    out.append(
        (
            "sc-j",
            "臨時収入20,000円・新規就労控除・介護保険料加算",
            calculation_input(
                "sc-j",
                MONTH,
                [
                    member("sc-j-1", "1955-01-01"),
                    member("sc-j-2", "1990-01-01", relationship="child"),
                ],
                municipality=YOKOHAMA,
                facts=[{"member_id": "sc-j-1", "care_premium": 3_000}],
                incomes=[
                    {"member_id": "sc-j-1", "kind": "occasional", "amount": 20_000},
                    {
                        "member_id": "sc-j-2",
                        "kind": "earned",
                        "amount": 80_000,
                        "new_job_started_on": "2025-03-01",
                    },
                ],
            ),
        )
    )
    return out
