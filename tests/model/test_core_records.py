"""Validators of the household, case, intake, investigation and decision records.

Each test starts from the published example and breaks one thing, so it fails
if the rule it names is removed.
"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from seikatsu_std.model import (
    Application,
    AssetInquiry,
    Case,
    Consultation,
    Decision,
    Household,
    SupportInquiry,
)


def _error(model, data) -> str:
    with pytest.raises(ValidationError) as excinfo:
        model.model_validate(data)
    return str(excinfo.value)


# ---------------------------------------------------------------- household


def test_household_needs_exactly_one_head(example):
    data = example("household")
    data["members"][1]["relationship"] = "head"
    assert "世帯主はちょうど1人必要です（2人）" in _error(Household, data)
    data["members"] = [m for m in data["members"] if m["relationship"] != "head"]
    assert "（0人）" in _error(Household, data)


def test_household_member_ids_are_unique(example):
    data = example("household")
    data["members"][2]["id"] = data["members"][1]["id"]
    assert "世帯員IDが重複しています" in _error(Household, data)


def test_rent_only_and_always_for_rentals(example):
    data = example("household")
    del data["housing"]["monthly_rent"]
    assert "借家の場合は家賃（月額）が必要です" in _error(Household, data)
    data = example("household")
    data["housing"]["tenure"] = "owned"
    assert "住居の形態「持家」に家賃は記録できません" in _error(Household, data)


def test_unknown_member_is_a_clear_key_error(example):
    household = Household.model_validate(example("household"))
    assert household.head.name == "鈴木 由美"
    with pytest.raises(KeyError, match="has no member m-x"):
        household.member("m-x")


def test_municipality_code_check_digit_is_enforced(example):
    data = example("household")
    data["municipality_code"] = "131149"
    assert "全国地方公共団体コードの形式または検査数字が正しくありません" in _error(Household, data)


def test_records_are_frozen(example):
    household = Household.model_validate(example("household"))
    with pytest.raises(ValidationError, match="frozen"):
        household.id = "other"


def test_unknown_fields_are_rejected(example):
    data = example("case")
    data["caseworker_name"] = "x"
    assert "Extra inputs are not permitted" in _error(Case, data)


# ---------------------------------------------------------------- case


def test_closed_case_needs_closed_on_and_open_case_must_not_have_it(example):
    data = example("case")
    data["status"] = "terminated"
    assert "終結日が必要です" in _error(Case, data)
    data = example("case")
    data["closed_on"] = "2025-12-31"
    assert "終結日は記録できません" in _error(Case, data)


def test_active_case_needs_opened_on_and_dates_in_order(example):
    data = example("case")
    del data["opened_on"]
    assert "保護開始日が必要です" in _error(Case, data)
    data = example("case")
    data.update(status="terminated", closed_on="2025-01-01")
    assert "終結日が保護開始日より前です" in _error(Case, data)


# ---------------------------------------------------------------- consultation


def test_wish_to_apply_cannot_end_as_advice_only(example):
    data = example("consultation")
    data.update(outcome="advice_only", application_id=None)
    assert "申請の意思を示した相談は申請受付以外の結果で終えられません" in _error(
        Consultation, data
    )


def test_an_open_consultation_may_record_the_wish_before_the_application(example):
    data = example("consultation")
    data.update(outcome="continuing", application_id=None)
    assert Consultation.model_validate(data).wishes_to_apply.label == "あり"
    data.update(outcome="referred_to_other_measures")
    assert "申請の意思を示した相談は申請受付以外の結果で終えられません" in _error(
        Consultation, data
    )


def test_application_taken_needs_the_application(example):
    data = example("consultation")
    data["application_id"] = None
    assert "申請受付の相談には申請IDが必要です" in _error(Consultation, data)
    data = example("consultation")
    data.update(wishes_to_apply="no", wish_expressed_on=None, outcome="referred_to_other_measures")
    assert "申請受付でない相談に申請IDは記録できません" in _error(Consultation, data)


def test_consultation_without_wish_may_end_with_advice(example):
    data = example("consultation")
    data.update(
        wishes_to_apply="no", wish_expressed_on=None, outcome="advice_only", application_id=None
    )
    assert Consultation.model_validate(data).outcome.label == "助言のみで終了"


def test_a_wish_not_confirmed_needs_the_circumstances(example):
    data = example("consultation")
    data.update(wishes_to_apply="unconfirmed", wish_expressed_on=None)
    data.update(outcome="continuing", application_id=None)
    assert "確認できない事情" in _error(Consultation, data)
    data["wish_unconfirmed_reason"] = "体調不良のため途中で相談を終えた"
    assert Consultation.model_validate(data).wishes_to_apply.label == "確認できず"
    data.update(wishes_to_apply="no")
    assert "「確認できず」の場合に記録します" in _error(Consultation, data)


def test_the_application_form_handed_or_why_not(example):
    data = example("consultation")
    data["form_handed_on"] = None
    assert "交付日" in _error(Consultation, data)
    data.update(application_form="not_handed")
    assert "交付しなかった理由が必要です" in _error(Consultation, data)
    data["form_not_handed_reason"] = "口頭で申請を受け付け、職員が代筆した"
    assert Consultation.model_validate(data).application_form.label == "交付しなかった"


def test_an_application_without_the_form_is_an_application(example):
    data = example("application")
    data.update(channel="oral", place="visit")
    assert Application.model_validate(data).channel.label == "口頭"
    data.update(place="mail")
    assert "郵送" in _error(Application, data)
    data.update(channel="electronic")
    assert "電子申請に受付の場所は記録できません" in _error(Application, data)
    data.update(channel="other_writing", place=None)
    assert "受付の場所が必要です" in _error(Application, data)


def test_consultation_time_must_carry_a_time_zone(example):
    data = example("consultation")
    data["started_at"] = "2025-03-18T10:05:00"
    assert "timezone" in _error(Consultation, data).lower()


# ---------------------------------------------------------------- application


def test_change_application_names_its_case(example):
    data = example("application")
    data["kind"] = "change"
    assert "変更申請には対象のケースIDが必要です" in _error(Application, data)
    data["case_id"] = "case-2025-0001"
    assert Application.model_validate(data).kind.label == "保護変更申請"


def test_requested_kinds_are_unique(example):
    data = example("application")
    data["requested_kinds"] = ["living", "living"]
    assert "申請する扶助が重複しています" in _error(Application, data)


# ---------------------------------------------------------------- investigations


def test_asset_inquiry_links_and_dates(example):
    data = example("asset_inquiry")
    del data["application_id"]
    assert "申請IDかケースIDのどちらかが必要です" in _error(AssetInquiry, data)
    data = example("asset_inquiry")
    data["answered_on"] = "2025-03-01"
    assert "回答日が照会日より前です" in _error(AssetInquiry, data)
    data = example("asset_inquiry")
    del data["answered_on"]
    assert "回答日のない照会に回答内容は記録できません" in _error(AssetInquiry, data)


@pytest.mark.parametrize(
    ("missing", "label"),
    [
        ("skip_reason", "照会しない理由"),
        ("skip_reason_detail", "照会しない理由の具体的内容"),
        ("applicant_view", "申請者の意向"),
    ],
)
def test_skipped_support_inquiry_needs_reason_detail_and_view(example, missing, label):
    data = example("support_inquiry")
    del data[missing]
    message = _error(SupportInquiry, data)
    assert "照会しない場合は" in message
    assert label in message


def test_skip_reason_must_come_from_the_allowed_list(example):
    data = example("support_inquiry")
    data["skip_reason"] = "caseworker_thinks_it_pointless"
    assert "skip_reason" in _error(SupportInquiry, data)


def test_sent_support_inquiry_has_no_skip_reason_and_a_sent_date(example):
    data = example("support_inquiry")
    data["status"] = "sent"
    message = _error(SupportInquiry, data)
    assert "照会する場合に照会しない理由は記録できません" in message
    data = {
        k: v
        for k, v in example("support_inquiry").items()
        if k not in ("skip_reason", "skip_reason_detail")
    }
    data["status"] = "sent"
    assert "照会済・回答ありには照会日が必要です" in _error(SupportInquiry, data)
    data["sent_on"] = "2025-03-20"
    assert SupportInquiry.model_validate(data).status.label == "照会済"
    data["answered_on"] = "2025-03-25"
    assert "回答日は「回答あり」の場合に限り記録します" in _error(SupportInquiry, data)


# ---------------------------------------------------------------- decision


def test_drafter_cannot_approve_own_draft(example):
    data = example("decision")
    data["approved_by"] = data["drafted_by"]
    assert "起案者が自らの起案を決裁することはできません" in _error(Decision, data)


def test_draft_has_no_approval_and_approved_has_all(example):
    data = example("decision")
    data.update(status="draft", notified_on=None)
    assert "起案中の決定に決裁者・決裁日・決定日は記録できません" in _error(Decision, data)
    data = example("decision")
    data["approved_on"] = None
    assert "決裁者・決裁日・決定日が必要です" in _error(Decision, data)


def test_approval_and_notice_dates_are_in_order(example):
    data = example("decision")
    data["approved_on"] = "2025-03-20"
    assert "決裁日が起案日より前です" in _error(Decision, data)
    data = example("decision")
    data["notified_on"] = "2025-03-27"
    assert "通知日が決裁日より前です" in _error(Decision, data)
    data = example("decision")
    data["status"] = "approved"
    assert "通知日は通知済の決定に限り記録します" in _error(Decision, data)


def test_start_change_and_suspension_carry_amounts_others_do_not(example):
    data = example("decision")
    del data["amounts"]
    assert "扶助別の額は開始・変更・停止の決定に限り" in _error(Decision, data)
    data = example("decision")
    data.update(kind="suspension", application_id=None, amounts=None)
    assert "扶助別の額は開始・変更・停止の決定に限り" in _error(Decision, data)
    data = example("decision")
    data.update(kind="termination", termination_reason="death", application_id=None)
    assert "扶助別の額は開始・変更・停止の決定に限り" in _error(Decision, data)


def test_rejection_needs_its_reason_category(example):
    data = example("decision")
    data.update(kind="rejection", amounts=None)
    assert "却下の理由の区分" in _error(Decision, data)
    data["rejection_reason"] = "income_sufficient"
    assert Decision.model_validate(data).rejection_reason is not None


def _termination(example, **changes):
    data = example("decision")
    data.update(kind="termination", amounts=None, termination_reason="withdrawal", **changes)
    return data


WITHDRAWAL = {
    "received_on": "2025-09-01",
    "received_by": "staff-cw-01",
    "signed_by_person": True,
    "original_kept_at": "ケースファイル 第2分冊",
}
FREE_WILL = {
    "confirmed_by": "staff-sv-01",
    "confirmed_on": "2025-09-02",
    "staff_guidance": False,
    "livelihood_prospect": "10月から正社員として就職が決まり、月収22万円の見込み。",
}


def test_withdrawal_needs_the_persons_own_declaration(example):
    message = _error(Decision, _termination(example))
    assert "本人が署名した辞退届" in message
    assert "任意性の確認" in message
    decision = Decision.model_validate(
        _termination(example, withdrawal=WITHDRAWAL, free_will_check=FREE_WILL)
    )
    assert decision.withdrawal is not None


def test_withdrawal_signed_by_someone_else_is_refused(example):
    declaration = {**WITHDRAWAL, "signed_by_person": False}
    data = _termination(example, withdrawal=declaration, free_will_check=FREE_WILL)
    assert "本人が署名した辞退届" in _error(Decision, data)


def test_withdrawal_induced_by_staff_is_refused(example):
    check = {**FREE_WILL, "staff_guidance": True}
    data = _termination(example, withdrawal=WITHDRAWAL, free_will_check=check)
    assert "本人の自由な意思" in _error(Decision, data)


def test_withdrawal_declaration_only_for_withdrawal(example):
    data = _termination(example, withdrawal=WITHDRAWAL, free_will_check=FREE_WILL)
    data["termination_reason"] = "death"
    assert "辞退による廃止に限り記録します" in _error(Decision, data)


def test_amounts_total_over_the_eight_kinds(example):
    decision = Decision.model_validate(example("decision"))
    assert decision.amounts is not None
    assert decision.amounts.total() == 187320 + 3800 + 64000 + 12000 + 5300
