"""Identifier schemes and types for the data model, each validating its check digit.

An :class:`IdentifierScheme` describes one identifier: its length, how its
check digit is computed (:mod:`seikatsu_std.formats.checkdigits`), the JSON
Schema ``format`` name under which data validators check it, and how sure we
are of the rule (a :class:`~seikatsu_std.model.legal.LegalRef`).

In JSON Schema each identifier is a string with a ``pattern`` and a custom
``format`` (e.g. ``jp-local-government-code``); :mod:`seikatsu_std.validation`
registers :data:`IDENTIFIER_SCHEMES` for those formats, so data files are
checked exactly as the models check them.

My Number (個人番号) is not a string type: :class:`MyNumber` keeps the digits
private, never shows them in ``repr``/``str``/logs, and serialises them only
when the caller explicitly asks (``context={"reveal_my_number": True}``).
It lives in its own record (:class:`~seikatsu_std.model.personal_number.PersonalNumberRecord`),
stored apart from case data.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import attrs
from pydantic import AfterValidator, Field, GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from seikatsu_std.formats.checkdigits import (
    corporate_number_check_digit,
    is_digits,
    local_government_code_check_digit,
    mod10_21_check_digit,
    my_number_check_digit,
)
from seikatsu_std.model.legal import LegalRef, Verification

_PREFECTURE_CODES = frozenset(f"{n:02d}" for n in range(1, 48))
#: 点数表 digit of a medical institution code: 1 医科, 3 歯科, 4 調剤.
_FEE_SCHEDULE_DIGITS = frozenset("134")


@attrs.frozen
class IdentifierScheme:
    """One identifier scheme: its shape, check digit and legal status."""

    #: JSON Schema ``format`` name (checked by :mod:`seikatsu_std.validation`).
    format_name: str
    title: str
    length: int
    #: Extra structural check on the whole value (beyond length and digits).
    structure: Callable[[str], bool]
    #: Computes the expected check digit from the whole value.
    expected_check_digit: Callable[[str], str]
    #: Index of the check digit in the value (0 = first, -1 = last).
    check_index: int
    reference: LegalRef

    def is_valid(self, value: str) -> bool:
        """True when ``value`` has the right shape and check digit."""
        if not is_digits(value, self.length) or not self.structure(value):
            return False
        return value[self.check_index] == self.expected_check_digit(value)

    def explain(self, value: str) -> str:
        """Why ``value`` is invalid (English, for logs); empty string if valid."""
        if not is_digits(value, self.length):
            return f"{self.format_name}: expected {self.length} ASCII digits"
        if not self.structure(value):
            return f"{self.format_name}: invalid structure"
        expected = self.expected_check_digit(value)
        if value[self.check_index] != expected:
            return f"{self.format_name}: check digit should be {expected}"
        return ""


def _any(_value: str) -> bool:
    return True


def _prefecture_prefix(value: str) -> bool:
    return value[:2] in _PREFECTURE_CODES


def _medical_institution_structure(value: str) -> bool:
    return value[:2] in _PREFECTURE_CODES and value[2] in _FEE_SCHEDULE_DIGITS


MY_NUMBER = IdentifierScheme(
    format_name="jp-my-number",
    title="個人番号（マイナンバー）",
    length=12,
    structure=_any,
    expected_check_digit=lambda v: my_number_check_digit(v[:11]),
    check_index=-1,
    reference=LegalRef(
        law="行政手続における特定の個人を識別するための番号の利用等に関する法律施行令第八条に規定する総務省令で定める方法",
        article="第5条",
        summary="個人番号の検査用数字の算式",
        status=Verification.VERIFIED,
        source="総務省令第85号",
    ),
)

CORPORATE_NUMBER = IdentifierScheme(
    format_name="jp-corporate-number",
    title="法人番号",
    length=13,
    structure=_any,
    expected_check_digit=lambda v: corporate_number_check_digit(v[1:]),
    check_index=0,
    reference=LegalRef(
        law="法人番号の指定等に関する省令",
        article="第2条",
        summary="法人番号の検査用数字（先頭1桁）の算式",
        status=Verification.VERIFIED,
        source="財務省令第70号",
    ),
)

LOCAL_GOVERNMENT_CODE = IdentifierScheme(
    format_name="jp-local-government-code",
    title="全国地方公共団体コード",
    length=6,
    structure=_prefecture_prefix,
    expected_check_digit=lambda v: local_government_code_check_digit(v[:5]),
    check_index=-1,
    reference=LegalRef(
        law="全国地方公共団体コード仕様",
        summary="都道府県2桁＋市区町村3桁＋検査数字（重み6,5,4,3,2、モジュラス11）",
        status=Verification.VERIFIED,
        source="総務省 全国地方公共団体コード",
    ),
)

PUBLIC_PAYER_NUMBER = IdentifierScheme(
    format_name="jp-public-payer-number",
    title="公費負担者番号",
    length=8,
    structure=_any,
    expected_check_digit=lambda v: mod10_21_check_digit(v[:7]),
    check_index=-1,
    reference=LegalRef(
        law="公費負担者番号の構成（法別番号・都道府県番号・実施機関番号・検査番号）",
        summary="法別番号2桁＋都道府県2桁＋実施機関3桁＋検査数字（保険者番号と同じ2-1方式）",
        status=Verification.VERIFIED,
        source="../shared/domain/FORMATS.md",
    ),
)

RECIPIENT_NUMBER = IdentifierScheme(
    format_name="jp-recipient-number",
    title="受給者番号",
    length=7,
    structure=_any,
    expected_check_digit=lambda v: mod10_21_check_digit(v[:6]),
    check_index=-1,
    reference=LegalRef(
        law="生活保護法による医療扶助運営要領",
        summary=(
            "6桁＋検査数字。検査数字の算式は公費負担者番号と同じ2-1方式と仮定している"
            "（出典未確認。差し替え可能な規則として実装）。"
        ),
        status=Verification.UNVERIFIED,
        source="社援保第41号（番号を個人・世帯で固定しないこと）",
    ),
)

MEDICAL_INSTITUTION_CODE = IdentifierScheme(
    format_name="jp-medical-institution-code",
    title="医療機関コード（10桁）",
    length=10,
    structure=_medical_institution_structure,
    expected_check_digit=lambda v: mod10_21_check_digit(v[:9]),
    check_index=-1,
    reference=LegalRef(
        law="医療機関コードの構成（地方厚生局が付番）",
        summary="都道府県2桁＋点数表1桁（1医科・3歯科・4調剤）＋郡市区2桁＋番号4桁＋検査数字（2-1方式、前9桁で計算）",
        status=Verification.VERIFIED,
        source="../shared/domain/FORMATS.md",
    ),
)

#: Every scheme, by its JSON Schema ``format`` name.
IDENTIFIER_SCHEMES: dict[str, IdentifierScheme] = {
    scheme.format_name: scheme
    for scheme in (
        MY_NUMBER,
        CORPORATE_NUMBER,
        LOCAL_GOVERNMENT_CODE,
        PUBLIC_PAYER_NUMBER,
        RECIPIENT_NUMBER,
        MEDICAL_INSTITUTION_CODE,
    )
}


def _checked_by(scheme: IdentifierScheme) -> AfterValidator:
    def check(value: str) -> str:
        problem = scheme.explain(value)
        if problem:
            raise PydanticCustomError(
                "identifier_check_digit",
                "{title}の形式または検査数字が正しくありません ({problem})",
                {"title": scheme.title, "problem": problem},
            )
        return value

    return AfterValidator(check)


def _identifier_field(scheme: IdentifierScheme, pattern: str) -> Any:
    return Field(
        pattern=pattern,
        json_schema_extra={"format": scheme.format_name},
    )


LocalGovernmentCode = Annotated[
    str,
    _identifier_field(LOCAL_GOVERNMENT_CODE, r"^(0[1-9]|[1-3][0-9]|4[0-7])[0-9]{4}$"),
    _checked_by(LOCAL_GOVERNMENT_CODE),
]
"""全国地方公共団体コード (6 digits, check digit last)."""

PublicPayerNumber = Annotated[
    str,
    _identifier_field(PUBLIC_PAYER_NUMBER, r"^12[0-9]{6}$"),
    _checked_by(PUBLIC_PAYER_NUMBER),
]
"""公費負担者番号 of public assistance: 法別番号 12 + 6 digits (check digit last)."""

RecipientNumber = Annotated[
    str,
    _identifier_field(RECIPIENT_NUMBER, r"^[0-9]{7}$"),
    _checked_by(RECIPIENT_NUMBER),
]
"""受給者番号 (7 digits; the check-digit rule is UNVERIFIED, see formats.checkdigits)."""

MedicalInstitutionCode = Annotated[
    str,
    _identifier_field(MEDICAL_INSTITUTION_CODE, r"^(0[1-9]|[1-3][0-9]|4[0-7])[134][0-9]{7}$"),
    _checked_by(MEDICAL_INSTITUTION_CODE),
]
"""医療機関コード, 10-digit form (check digit over the 9 preceding digits)."""


class MyNumber:
    """個人番号 (特定個人情報): digits kept private, shown masked.

    ``str()``, ``repr()`` and f-strings show ``************``; :meth:`reveal`
    returns the digits and should be called only where the law allows and the
    access is logged with its purpose (the application's audit port does that).
    """

    __slots__ = ("_digits",)
    MASK = "*" * 12

    def __init__(self, digits: str) -> None:
        problem = MY_NUMBER.explain(digits)
        if problem:
            # The message must not echo the digits (they may be a real number).
            raise ValueError(f"invalid My Number ({problem})")
        self._digits = digits

    def reveal(self) -> str:
        """The 12 digits. Only for lawful use; log the access with its purpose."""
        return self._digits

    def __repr__(self) -> str:
        return f"MyNumber({self.MASK})"

    def __str__(self) -> str:
        return self.MASK

    def __format__(self, format_spec: str) -> str:
        return format(self.MASK, format_spec)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MyNumber) and other._digits == self._digits

    def __hash__(self) -> int:
        return hash((MyNumber, self._digits))

    def __reduce__(self) -> Any:
        raise TypeError("MyNumber cannot be pickled (特定個人情報 must not leave its store)")

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source_type: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        def parse(value: str) -> MyNumber:
            try:
                return cls(value)
            except ValueError as exc:
                raise PydanticCustomError(
                    "my_number_invalid",
                    "個人番号の形式または検査数字が正しくありません",
                ) from exc

        from_string = core_schema.no_info_after_validator_function(parse, core_schema.str_schema())
        return core_schema.json_or_python_schema(
            json_schema=from_string,
            python_schema=core_schema.union_schema(
                [core_schema.is_instance_schema(cls), from_string]
            ),
            serialization=core_schema.plain_serializer_function_ser_schema(
                _serialize_my_number, info_arg=True
            ),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"type": "string", "pattern": r"^[0-9]{12}$", "format": MY_NUMBER.format_name}


def _serialize_my_number(value: MyNumber, info: core_schema.SerializationInfo) -> str:
    context = info.context
    if isinstance(context, dict) and context.get("reveal_my_number") is True:
        return value.reveal()
    return MyNumber.MASK
