"""My Number never leaks: repr, str, f-strings, logs, JSON, pickling, errors."""

from __future__ import annotations

import logging
import pickle

import pytest
from pydantic import ValidationError

from seikatsu_std.model.identifiers import MyNumber
from seikatsu_std.model.personal_number import PersonalNumberRecord

DIGITS = "983205673214"


def _record() -> PersonalNumberRecord:
    return PersonalNumberRecord.model_validate(
        {
            "id": "pn-1",
            "member_id": "m-1",
            "my_number": DIGITS,
            "obtained_on": "2025-04-01",
            "identity_document": "my_number_card",
            "obtained_by": "staff-1",
        }
    )


def test_text_forms_are_masked():
    number = MyNumber(DIGITS)
    record = _record()
    for text in (
        repr(number),
        str(number),
        f"{number}",
        f"{number:>20}",
        repr(record),
        str(record),
    ):
        assert DIGITS not in text
    assert str(number) == "************"


def test_logging_a_record_does_not_leak(caplog):
    with caplog.at_level(logging.INFO):
        logging.getLogger("test").info("record %s / %r", _record(), _record())
    assert DIGITS not in caplog.text
    assert "************" in caplog.text


def test_json_is_masked_unless_revealing_is_requested():
    record = _record()
    assert DIGITS not in record.model_dump_json()
    assert DIGITS in record.model_dump_json(context={"reveal_my_number": True})
    assert record.my_number.reveal() == DIGITS


def test_revealed_json_round_trips():
    record = _record()
    again = PersonalNumberRecord.model_validate_json(
        record.model_dump_json(context={"reveal_my_number": True})
    )
    assert again == record


def test_invalid_check_digit_is_rejected_without_echoing_the_digits():
    wrong = DIGITS[:-1] + "5"
    with pytest.raises(ValidationError) as excinfo:
        PersonalNumberRecord.model_validate({**_record().model_dump(), "my_number": wrong})
    message = str(excinfo.value)
    assert "個人番号の形式または検査数字が正しくありません" in message
    assert wrong not in message


def test_cannot_be_pickled():
    with pytest.raises(TypeError, match="cannot be pickled"):
        pickle.dumps(MyNumber(DIGITS))


def test_equality_compares_digits():
    assert MyNumber(DIGITS) == MyNumber(DIGITS)
    assert len({MyNumber(DIGITS), MyNumber(DIGITS)}) == 1
