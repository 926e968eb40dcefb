"""Tests for seikatsu_std.model.meetings: consent, meetings and the disclosure log."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from seikatsu_std.model.base import Record
from seikatsu_std.model.meetings import (
    Consent,
    Disclosure,
    DisclosureBasis,
    InformationCategory,
    Meeting,
    MeetingType,
)
from tests.support import EXAMPLES
from tests.support import load_example as example

RECORDS: list[type[Record]] = [Consent, Meeting, Disclosure]

NPO = "NPO法人なかの就労サポート"


def consent(**changes: Any) -> Consent:
    """The example consent with ``changes`` applied."""
    data = example("consent")
    data.update(changes)
    return Consent.model_validate(data)


@pytest.mark.parametrize("model", RECORDS, ids=lambda m: m.record_type_name())
def test_example_file_validates(model: type[Record]) -> None:
    path = EXAMPLES / f"{model.record_type_name()}.example.json"
    record = model.model_validate_json(path.read_text(encoding="utf-8"))
    assert record.model_dump(mode="json")["record_type"] == model.record_type_name()


def test_example_disclosure_is_covered_by_example_consent() -> None:
    given = Consent.model_validate_json(
        (EXAMPLES / "consent.example.json").read_text(encoding="utf-8")
    )
    disclosure = Disclosure.model_validate_json(
        (EXAMPLES / "disclosure.example.json").read_text(encoding="utf-8")
    )
    assert disclosure.consent_id == given.id
    for category in disclosure.categories:
        assert given.covers(disclosure.recipient, category, disclosure.disclosed_at.date())


# --- Consent validators -------------------------------------------------------


def test_consent_withdrawn_not_before_given() -> None:
    with pytest.raises(ValidationError, match="withdrawn_on before given_on") as info:
        consent(withdrawn_on="2025-05-26")
    assert "撤回日 2025-05-26 が同意日 2025-05-27 より前です" in str(info.value)


def test_consent_withdrawn_on_given_day_allowed() -> None:
    assert consent(withdrawn_on="2025-05-27").withdrawn_on == date(2025, 5, 27)


def test_consent_validity_not_before_given() -> None:
    with pytest.raises(ValidationError, match="consent valid before it was given") as info:
        consent(valid={"start": "2025-05-01", "end": "2026-03-31"})
    assert "有効期間の開始日 2025-05-01 が同意日 2025-05-27 より前です" in str(info.value)


def test_consent_needs_recipients_and_categories() -> None:
    for field in ("recipients", "categories", "purposes"):
        with pytest.raises(ValidationError, match=field):
            consent(**{field: []})


# --- Consent.covers -----------------------------------------------------------


def test_covers_named_recipient_and_category_within_validity() -> None:
    given = consent()
    assert given.covers(NPO, InformationCategory.HEALTH, date(2025, 6, 2))
    assert given.covers("ハローワーク新宿", "employment", date(2026, 3, 31))
    assert given.covers(NPO, "identity", date(2025, 5, 27))


def test_covers_rejects_other_recipient() -> None:
    assert not consent().covers("株式会社なかの不動産", "identity", date(2025, 6, 2))


def test_covers_normalises_width_and_spaces() -> None:
    assert consent().covers(" ＮＰＯ法人なかの就労サポート ", "identity", date(2025, 6, 2))


def test_covers_rejects_category_not_consented() -> None:
    given = consent()
    assert not given.covers(NPO, InformationCategory.INCOME_ASSETS, date(2025, 6, 2))
    assert not given.covers(NPO, "case_record", date(2025, 6, 2))
    assert not given.covers(NPO, "基本情報", date(2025, 6, 2))


def test_covers_rejects_dates_outside_validity() -> None:
    given = consent()
    assert not given.covers(NPO, "identity", date(2025, 5, 26))
    assert not given.covers(NPO, "identity", date(2026, 4, 1))


def test_covers_rejects_before_given_even_if_open_validity() -> None:
    given = consent(valid={"start": "2025-05-27"})
    assert given.covers(NPO, "identity", date(2030, 1, 1))
    assert not given.covers(NPO, "identity", date(2025, 5, 20))


def test_covers_stops_on_withdrawal_day() -> None:
    given = consent(withdrawn_on="2025-09-01")
    assert given.covers(NPO, "health", date(2025, 8, 31))
    assert not given.covers(NPO, "health", date(2025, 9, 1))
    assert not given.covers(NPO, "health", date(2025, 12, 1))


# --- Meeting ------------------------------------------------------------------


def test_support_coordination_meeting_with_cases_needs_consent() -> None:
    data = example("meeting")
    data["consent_ids"] = []
    with pytest.raises(ValidationError, match="consent_ids required") as info:
        Meeting.model_validate(data)
    assert "依拠した本人の同意の記録が必要です" in str(info.value)


def test_support_coordination_meeting_without_cases_needs_no_consent() -> None:
    data = example("meeting")
    data.update(case_ids=[], consent_ids=[])
    assert Meeting.model_validate(data).consent_ids == []


def test_support_meeting_shares_without_consent() -> None:
    data = example("meeting")
    data.update(meeting_type="support_meeting", consent_ids=[])
    meeting = Meeting.model_validate(data)
    assert meeting.meeting_type is MeetingType.SUPPORT_MEETING


def test_case_conference_is_internal() -> None:
    data = example("meeting")
    data["meeting_type"] = "case_conference"
    with pytest.raises(ValidationError, match="no private partners") as info:
        Meeting.model_validate(data)
    assert f"民間団体は参加できません: {NPO}" in str(info.value)


def test_case_conference_with_staff_only() -> None:
    data = example("meeting")
    data["meeting_type"] = "case_conference"
    data["participants"] = [p for p in data["participants"] if not p["is_private_partner"]]
    meeting = Meeting.model_validate(data)
    assert all(not p.is_private_partner for p in meeting.participants)


# --- Disclosure ---------------------------------------------------------------


def test_disclosure_on_consent_needs_consent_id() -> None:
    data = example("disclosure")
    del data["consent_id"]
    with pytest.raises(ValidationError, match="consent_id required for consent basis") as info:
        Disclosure.model_validate(data)
    assert "根拠が本人の同意の場合は同意IDが必要です" in str(info.value)


def test_disclosure_at_support_meeting_needs_meeting_id() -> None:
    data = example("disclosure")
    data.update(legal_basis="support_meeting")
    del data["consent_id"]
    with pytest.raises(ValidationError, match="meeting_id required") as info:
        Disclosure.model_validate(data)
    assert "根拠が支援会議の場合は会議IDが必要です" in str(info.value)
    data["meeting_id"] = "meeting-2025-0610-01"
    assert Disclosure.model_validate(data).consent_id is None


@pytest.mark.parametrize("basis", [DisclosureBasis.LAW, DisclosureBasis.OTHER_STATUTE])
def test_statutory_disclosure_needs_law_reference(basis: DisclosureBasis) -> None:
    data = example("disclosure")
    data.update(legal_basis=basis.value, recipient="中野年金事務所")
    del data["consent_id"]
    with pytest.raises(ValidationError, match="law_reference required") as info:
        Disclosure.model_validate(data)
    assert f"根拠が「{basis.label}」の場合は根拠法令の記載が必要です" in str(info.value)
    data["law_reference"] = "生活保護法第29条第1項"
    assert Disclosure.model_validate(data).law_reference == "生活保護法第29条第1項"


def test_disclosure_time_must_be_aware() -> None:
    data = example("disclosure")
    data["disclosed_at"] = "2025-06-02T14:10:00"
    with pytest.raises(ValidationError, match="timezone"):
        Disclosure.model_validate(data)
