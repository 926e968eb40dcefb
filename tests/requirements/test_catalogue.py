"""The requirement catalogue: complete, well-formed, and carrying the users' guardrails."""

from __future__ import annotations

from collections import Counter
from importlib import resources

import jsonschema
import pytest
import yaml
from pydantic import ValidationError

from seikatsu_std import STANDARD_VERSION
from seikatsu_std.requirements import (
    RequirementArea,
    RequirementLevel,
    load_catalogue,
    parse_catalogue,
)
from seikatsu_std.schema_export import catalogue_schema


def _raw() -> str:
    return (
        resources.files("seikatsu_std.requirements")
        .joinpath("catalogue.yaml")
        .read_text(encoding="utf-8")
    )


def test_catalogue_is_large_enough_and_covers_every_area_and_level():
    catalogue = load_catalogue()
    assert len(catalogue.requirements) >= 120
    per_area = Counter(r.area for r in catalogue.requirements)
    assert set(per_area) == set(RequirementArea)
    assert min(per_area.values()) >= 8
    assert {r.level for r in catalogue.requirements} == set(RequirementLevel)
    assert catalogue.standard_version == STANDARD_VERSION


def test_catalogue_file_validates_against_its_published_schema():
    jsonschema.Draft202012Validator(catalogue_schema()).validate(yaml.safe_load(_raw()))


def test_ids_are_contiguous_within_each_area():
    by_area: dict[str, list[int]] = {}
    for requirement in load_catalogue().requirements:
        by_area.setdefault(requirement.area.value, []).append(int(requirement.id[-3:]))
    for area, numbers in by_area.items():
        assert numbers == list(range(1, len(numbers) + 1)), area


@pytest.mark.parametrize(
    ("requirement_id", "level", "words"),
    [
        # No application refused at the consultation stage (seed 003, 法7条).
        ("REQ-APP-004", "not_allowed", ["申請の意思"]),
        # Outsourced staff never decide or demand repayment (seed 000).
        ("REQ-APP-025", "not_allowed", ["委託"]),
        ("REQ-CLM-011", "not_allowed", ["委託"]),
        # A drafter never approves their own draft.
        ("REQ-APP-024", "not_allowed", ["起案"]),
        # Improper 63条 claims on savings from benefits (seed 000, 最高裁 2004-03-16).
        ("REQ-CLM-004", "not_allowed", ["63条"]),
        # Withdrawal only on the person's own declaration.
        ("REQ-APP-029", "not_allowed", ["辞退"]),
        # My Number never in logs.
        ("REQ-SEC-012", "not_allowed", ["個人番号"]),
        # 受給者番号 not fixed per person (社援保第41号).
        ("REQ-MED-007", "not_allowed", ["受給者番号"]),
    ],
)
def test_guardrails_from_the_seeds_are_in_the_catalogue(requirement_id, level, words):
    requirement = load_catalogue().by_id()[requirement_id]
    assert requirement.level.value == level
    text = requirement.title + requirement.description
    assert all(word in text for word in words), text


def test_caseload_against_the_standard_number_is_required():
    texts = [
        r
        for r in load_catalogue().requirements
        if any(ref.law == "社会福祉法" and "16条" in (ref.article or "") for ref in r.legal_basis)
    ]
    assert any(r.level is RequirementLevel.MANDATORY for r in texts)


def test_decision_deadline_cites_the_verified_paragraphs():
    deadline_paragraphs = ("第24条第5項", "第24条第7項")
    cited = [
        ref
        for r in load_catalogue().requirements
        for ref in r.legal_basis
        if ref.law == "生活保護法" and (ref.article or "").startswith(deadline_paragraphs)
    ]
    assert cited
    assert all(ref.status.value == "verified" for ref in cited)


def _catalogue_text(*requirements: str) -> str:
    body = "".join(requirements)
    return f'standard_version: "1.0"\nrequirements:\n{body}'


def _requirement(requirement_id: str, area: str, since: str = "1.0") -> str:
    return (
        f"  - id: {requirement_id}\n"
        f"    area: {area}\n"
        "    title: 試験\n"
        "    description: 試験用の要件。\n"
        "    level: mandatory\n"
        "    legal_basis:\n"
        "      - law: 生活保護法\n"
        "        status: verified\n"
        f'    since: "{since}"\n'
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            _catalogue_text(_requirement("REQ-APP-001", "APP"), _requirement("REQ-APP-001", "APP")),
            "要件IDが重複しています: REQ-APP-001",
        ),
        (
            _catalogue_text(_requirement("REQ-APP-002", "APP"), _requirement("REQ-APP-001", "APP")),
            "要件はID順に並べてください",
        ),
        (
            _catalogue_text(_requirement("REQ-APP-001", "PAY")),
            "要件ID REQ-APP-001 の領域記号 APP が業務領域 PAY と一致しません",
        ),
        (
            _catalogue_text(_requirement("REQ-APP-001", "APP", since="2.0")),
            "標準仕様の版より新しい版の要件があります: REQ-APP-001",
        ),
        (_catalogue_text(_requirement("REQ-XYZ-001", "APP")), "String should match pattern"),
    ],
)
def test_malformed_catalogues_are_refused_with_a_clear_reason(text, message):
    with pytest.raises(ValidationError) as excinfo:
        parse_catalogue(text)
    assert message in str(excinfo.value)


def test_a_requirement_without_legal_basis_is_refused():
    text = _catalogue_text(_requirement("REQ-APP-001", "APP")).replace(
        "    legal_basis:\n      - law: 生活保護法\n        status: verified\n",
        "    legal_basis: []\n",
    )
    with pytest.raises(ValidationError, match="legal_basis"):
        parse_catalogue(text)
