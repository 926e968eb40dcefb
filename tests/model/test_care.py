"""Tests for seikatsu_std.model.care: the care ticket (介護券)."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from seikatsu_std.model.care import CareTicket
from tests.support import EXAMPLES, load_example


def rejects(data: dict[str, Any], *fragments: str) -> None:
    """Assert that ``data`` is rejected with an error mentioning every fragment."""
    with pytest.raises(ValidationError) as info:
        CareTicket.model_validate(data)
    text = str(info.value)
    for fragment in fragments:
        assert fragment in text


def deemed_second(data: dict[str, Any]) -> dict[str, Any]:
    """The example changed to a みなし2号 member (no insured number, 100%)."""
    data = dict(data, care_insurance="deemed_second", assistance_share_percent=100)
    del data["insured_number"]
    return data


def test_example_file_validates() -> None:
    path = EXAMPLES / "care_ticket.example.json"
    ticket = CareTicket.model_validate_json(path.read_text(encoding="utf-8"))
    assert ticket.record_type == "care_ticket"
    assert ticket.assistance_share_percent == 10


@pytest.mark.parametrize("status", ["first_insured", "second_insured"])
def test_insured_members_share_is_ten_percent(status: str) -> None:
    data = load_example("care_ticket")
    data["care_insurance"] = status
    CareTicket.model_validate(data)
    data["assistance_share_percent"] = 100
    rejects(data, "assistance share must be 10%")


def test_deemed_second_share_is_one_hundred_percent() -> None:
    data = deemed_second(load_example("care_ticket"))
    assert CareTicket.model_validate(data).assistance_share_percent == 100
    data["assistance_share_percent"] = 10
    rejects(data, "assistance share must be 100% for deemed_second", "みなし2号")


def test_share_must_be_ten_or_one_hundred() -> None:
    data = load_example("care_ticket")
    data["assistance_share_percent"] = 90
    rejects(data, "assistance_share_percent")


def test_no_ticket_outside_care_insurance() -> None:
    data = deemed_second(load_example("care_ticket"))
    data["care_insurance"] = "not_applicable"
    rejects(data, "no care ticket for members outside long-term-care insurance")


def test_insured_members_need_an_insured_number() -> None:
    data = load_example("care_ticket")
    del data["insured_number"]
    rejects(data, "insured_number required for insured members")


def test_deemed_second_has_no_insured_number() -> None:
    data = deemed_second(load_example("care_ticket"))
    data["insured_number"] = "0001234567"
    rejects(data, "deemed category-2 members have no insured_number")


def test_valid_days_within_the_month() -> None:
    data = load_example("care_ticket")
    data["valid_to_day"] = 31  # June
    rejects(data, "valid period ends after the last day of 2025-06")
    data.update(valid_from_day=20, valid_to_day=5)
    rejects(data, "valid period starts after it ends")


@pytest.mark.parametrize("number", ["137140012", "13714001234", "137140012X"])
def test_provider_number_is_ten_digits(number: str) -> None:
    data = load_example("care_ticket")
    data["provider_number"] = number
    rejects(data, "provider_number")


def test_payer_number_check_digit() -> None:
    data = load_example("care_ticket")
    data["payer_number"] = "12131149"
    rejects(data, "check digit should be 0")
