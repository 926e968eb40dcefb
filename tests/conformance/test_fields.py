"""Scenarios name fields by their Japanese titles: finding the field, reading and writing it."""

from __future__ import annotations

import pytest
from pydantic import ConfigDict, Field

from seikatsu_std.conformance.fields import (
    body_from_rows,
    field_titled,
    json_value,
    same,
    shown,
    value_at,
)
from seikatsu_std.conformance.targets import UnsupportedStepError
from seikatsu_std.model.base import StdModel
from seikatsu_std.notices import DecisionNotice
from seikatsu_std.services.models import (
    ApplicationView,
    ConsultationDraft,
    DecisionDraft,
    PendingApplication,
    WithdrawalRequest,
)


def test_a_title_finds_the_plain_value_before_the_record_of_the_same_title() -> None:
    # ApplicationView.clock is titled 処理期限 too; the date is what a scenario compares.
    due = field_titled(ApplicationView, "処理期限")
    assert due.path == ("clock", "notice_due_on")
    assert due.json_path == "$.clock.notice_due_on"
    assert field_titled(PendingApplication, "残日数").path == ("clock", "days_left")
    # The nearest field wins: 申請日 of the notice, not of its deadline extension.
    assert field_titled(DecisionNotice, "申請日").path == ("application_received_on",)
    assert field_titled(DecisionNotice, "審査請求先").path == ("appeal", "authority")


def test_a_title_the_standard_does_not_define_is_unverifiable_not_a_failure() -> None:
    with pytest.raises(
        UnsupportedStepError, match="「面接相談の登録」に「勤務先」の項目はありません"
    ):
        field_titled(ConsultationDraft, "勤務先")


def test_an_ambiguous_title_is_an_error_of_the_kit() -> None:
    class Twice(StdModel):
        model_config = ConfigDict(title="二重")

        first: str = Field(title="同じ", description="1つ目。")
        second: str = Field(title="同じ", description="2つ目。")

    with pytest.raises(ValueError, match="ambiguous"):
        field_titled(Twice, "同じ")


def test_values_are_written_the_way_the_standard_defines_them() -> None:
    kind = field_titled(DecisionDraft, "決定の種類")
    assert json_value(kind, "変更") == "change"
    with pytest.raises(UnsupportedStepError, match="「光熱」はありません"):
        json_value(kind, "光熱")
    assert json_value(field_titled(ConsultationDraft, "申請の意思"), "確認できず") == "unconfirmed"
    signed = field_titled(WithdrawalRequest, "本人の署名")
    assert json_value(signed, "あり") is True
    assert json_value(signed, "なし") is False
    with pytest.raises(UnsupportedStepError, match="あり／なし"):
        json_value(signed, "不明")
    assert json_value(field_titled(DecisionDraft, "生活扶助"), "76,420") == 76420
    assert json_value(field_titled(DecisionDraft, "決定の理由"), "理由") == ["理由"]


def test_a_table_becomes_a_body_blank_cells_left_out_and_records_nested() -> None:
    body = body_from_rows(
        DecisionDraft,
        [
            ["決定の種類", "開始"],
            ["適用日", "2023-09-01"],
            ["却下の理由の区分", ""],
            ["生活扶助", "76,420"],
        ],
    )
    assert body == {"kind": "start", "effective_on": "2023-09-01", "amounts": {"living": 76420}}


def test_reading_compares_labels_and_amounts_as_scenarios_write_them() -> None:
    document = {"application": {"kind": "change"}, "clock": {"days_left": -1, "state": "overdue"}}
    state, left, kind = (
        field_titled(ApplicationView, title) for title in ("状況", "残日数", "申請の種類")
    )
    assert shown(value_at(document, state), state) == "14日を経過（延長の理由なし）"
    assert same(value_at(document, left), left, "-1")
    assert same(value_at(document, kind), kind, "保護変更申請")
    assert not same(value_at(document, kind), kind, "変更")
    assert value_at(document, field_titled(ApplicationView, "処理期限")) is None
