"""Legal references cited by the calculation rules.

Statuses follow ../shared/domain/FACTS.md: only what was checked in a source
is VERIFIED; the rest is UNVERIFIED and listed on the docs' open-questions page.
"""

from __future__ import annotations

from seikatsu_std.model.legal import LegalRef, Verification

_KIJUN = "生活保護法による保護の基準（昭和38年厚生省告示第158号）"
_YORYO_JIKAN = "生活保護法による保護の実施要領について（昭和36年厚生省発社第123号 事務次官通知）"
_YORYO_KYOKUCHO = "生活保護法による保護の実施要領について（昭和38年社発第246号 社会局長通知）"
_UNCHECKED = "一般的な理解（条文・通知の該当箇所は未照合）"


def _kijun(article: str, summary: str) -> LegalRef:
    return LegalRef(
        law=_KIJUN,
        article=article,
        summary=summary,
        status=Verification.UNVERIFIED,
        source=_UNCHECKED,
    )


ACT_STANDARD_AND_DEGREE = LegalRef(
    law="生活保護法",
    article="第8条",
    summary="保護は厚生労働大臣の定める基準により測定した需要のうち、その者の金銭・物品で満たせない不足分を補う程度で行う",
    status=Verification.UNVERIFIED,
    source=_UNCHECKED,
)
ACT_HOUSEHOLD_UNIT = LegalRef(
    law="生活保護法",
    article="第10条",
    summary="保護の要否・程度は世帯を単位として定める",
    status=Verification.UNVERIFIED,
    source=_UNCHECKED,
)
LIVING_CLASS1 = _kijun(
    "別表第1 第1章 1(1)", "第1類費（個人単位の飲食物費・被服費等）を年齢別・級地別に定める"
)
LIVING_REDUCTION = _kijun("別表第1 第1章 1(1)", "第1類費の合計に世帯人員別の逓減率を乗じる")
LIVING_CLASS2 = _kijun(
    "別表第1 第1章 1(1)", "第2類費（世帯単位の光熱水費・家具什器費等）を世帯人員別・級地別に定める"
)
LIVING_BASIS_CHOICE = _kijun(
    "別表第1 第1章（平成30年改正附則の経過措置）",
    "基準額①に所定の率を乗じた額と基準額②のいずれか多い額を生活扶助本体とする",
)
LIVING_ROUNDING = _kijun(
    "別表第1 第1章 注", "第1類費の合計に逓減率を乗じた額等の10円未満の端数は10円に切り上げる"
)
TRANSITIONAL = _kijun("別表第1（平成30年改正附則）", "基準の見直しによる減額を緩和する経過的加算")
SPECIAL_ADDITION = _kijun(
    "別表第1（令和5年改正附則）", "令和5年10月からの特例加算（1人当たり月額）"
)
WINTER = LegalRef(
    law=_KIJUN,
    article="別表第1 第1章 1(2)",
    summary="冬季加算: 地区（Ⅰ〜Ⅵ区）・世帯人員・級地別の額を、Ⅰ・Ⅱ区は10月〜4月、Ⅲ〜Ⅵ区は11月〜3月に加える",
    status=Verification.VERIFIED,
    source="../shared/domain/FACTS.md（地区区分と月）",
)
WINTER_SPECIAL = LegalRef(
    law=_YORYO_KYOKUCHO,
    article="第7",
    summary="常時在宅せざるを得ない者・乳児のいる世帯の冬季加算の特別基準（基準額の1.3倍）",
    status=Verification.UNVERIFIED,
    source="第三者の資料のみ（FACTS.md）",
)
YEAR_END = LegalRef(
    law=_KIJUN,
    article="別表第1 第1章 3",
    summary="期末一時扶助: 12月に世帯人員・級地別の額を支給する",
    status=Verification.VERIFIED,
    source="OpenFisca-Japan による転記（FACTS.md）",
)
INPATIENT = _kijun("別表第1 第1章 2", "入院患者日用品費: 病院等に入院している者の基準生活費")
CARE_FACILITY_LIVING = _kijun("別表第1 第1章 4", "介護施設入所者基本生活費")
OTHER_FACILITY = _kijun("別表第1 第3章", "救護施設等に入所している者の基準")
DISABILITY = _kijun(
    "別表第1 第2章 2",
    "障害者加算: 障害の程度（身体障害者手帳1・2級又は障害年金1級 / 3級又は障害年金2級）と級地別の額",
)
SEVERE_DISABILITY = _kijun(
    "別表第1 第2章 2", "重度障害者加算: 常時介護を要する重度の障害者に加える額"
)
SINGLE_PARENT = _kijun(
    "別表第1 第2章 3", "母子加算: 配偶者のいない者が児童を養育する場合に児童数・級地別の額を加える"
)
SAME_PERSON = _kijun(
    "別表第1 第2章 注",
    "同一人について母子加算と障害者加算の両方に該当するときは、いずれか高い方のみを算定する（世帯の他の者の障害者加算には影響しない）",
)
CHILD_REARING = _kijun(
    "別表第1 第2章 5",
    "児童養育加算: 18歳に達した日以後の最初の3月31日までの間にある児童1人につき加える",
)
CHILD_REARING_TRANSITIONAL = _kijun(
    "別表第1（平成30年改正附則）", "児童養育加算に係る経過的加算（3つの場合）"
)
PREGNANCY = _kijun(
    "別表第1 第2章 1", "妊産婦加算: 妊娠6か月未満・6か月以上・産後の区分と級地別の額"
)
HOME_PATIENT = _kijun("別表第1 第2章 4", "在宅患者加算: 在宅で療養に専念している患者に加える額")
RADIATION = _kijun("別表第1 第2章 6", "放射線障害者加算: 現に障害の状態にある者 / 治った者の区分")
CARE_FACILITY_ADDITION = _kijun("別表第1 第2章 7", "介護施設入所者加算")
CARE_PREMIUM = _kijun(
    "別表第1 第2章 8", "介護保険料加算: 第1号被保険者が納付すべき介護保険料の実費"
)
HOUSING = _kijun(
    "別表第3",
    "住宅扶助: 家賃・間代等の実費を、都道府県・指定都市等別、級地別、世帯人員別の上限額の範囲で認める",
)
EDUCATION = _kijun(
    "別表第2", "教育扶助: 小学校・中学校の基準額と、学校給食費・教材代・通学交通費の実費"
)
HIGH_SCHOOL = _kijun("別表第7（生業扶助）", "高等学校等就学費: 基本額と教材代・通学交通費等の実費")
MEDICAL = LegalRef(
    law="生活保護法",
    article="第15条・第34条",
    summary="医療扶助は原則として現物給付（指定医療機関への委託）",
    status=Verification.UNVERIFIED,
    source=_UNCHECKED,
)
CARE = LegalRef(
    law="生活保護法",
    article="第15条の2・第34条の2",
    summary="介護扶助は原則として現物給付",
    status=Verification.UNVERIFIED,
    source=_UNCHECKED,
)
CHILDBIRTH = _kijun("別表第6", "出産扶助: 上限額の範囲内の実費")
FUNERAL = _kijun("別表第8", "葬祭扶助: 大人・小人と級地別の上限額の範囲内の実費")
OCCUPATIONAL = _kijun("別表第7", "生業扶助（生業費・技能修得費・就職支度費）: 上限額の範囲内の実費")
BASIC_DEDUCTION = LegalRef(
    law=_YORYO_JIKAN,
    article="第8 3(4) 別表",
    summary="勤労に伴う必要経費（基礎控除）: 収入金額別の表。世帯で2人目以降の就労者は別の額",
    status=Verification.VERIFIED,
    source="実施要領 別表の第三者による転記（FACTS.md）",
)
FIRST_EARNER = LegalRef(
    law=_YORYO_JIKAN,
    article="第8 3(4)",
    summary="基礎控除の「1人目」は世帯で最も収入の多い就労者とする",
    status=Verification.UNVERIFIED,
    source=_UNCHECKED,
)
NECESSARY_EXPENSES = LegalRef(
    law=_YORYO_JIKAN,
    article="第8 3(2)",
    summary="社会保険料・所得税・住民税・通勤費等の実費を収入から控除する",
    status=Verification.UNVERIFIED,
    source=_UNCHECKED,
)
NEW_JOB = LegalRef(
    law=_YORYO_JIKAN,
    article="第8 3(4)",
    summary="新規就労控除: 新たに継続性のある職業に従事した場合、6か月間控除する",
    status=Verification.CONFLICT,
    source="額は資料間で相違（11,700円 / 12,900円）: FACTS.md",
)
MINOR = LegalRef(
    law=_YORYO_JIKAN,
    article="第8 3(4)",
    summary="未成年者控除: 20歳未満の就労者（単身世帯の者、配偶者・自らの子のみと暮らす者を除く）",
    status=Verification.CONFLICT,
    source="額は資料間で相違（11,600円 / 11,900円）: FACTS.md",
)
UNEARNED = LegalRef(
    law=_YORYO_JIKAN,
    article="第8 3(2)",
    summary="年金・手当・仕送り等は実際の受給額を収入として認定する",
    status=Verification.UNVERIFIED,
    source=_UNCHECKED,
)
OCCASIONAL = LegalRef(
    law=_YORYO_JIKAN,
    article="第8 3(3)",
    summary="臨時的な収入は世帯合算で月額8,000円を超える部分を収入として認定する",
    status=Verification.VERIFIED,
    source="実施要領の第三者による転記（FACTS.md）",
)
INCOME_ALLOCATION = LegalRef(
    law=_YORYO_KYOKUCHO,
    article="第10",
    summary="収入充当額は生活扶助、住宅扶助、教育扶助 … の順に充て、医療扶助・介護扶助を超える分は本人支払額とする",
    status=Verification.UNVERIFIED,
    source=_UNCHECKED,
)
NEED_TEST = LegalRef(
    law=_YORYO_KYOKUCHO,
    article="第10",
    summary="要否判定では勤労控除のうち基礎控除のみを適用する（新規就労控除・未成年者控除を適用しない）",
    status=Verification.UNVERIFIED,
    source="FACTS.md: 要否判定と程度の決定で適用する控除の違いは未確認",
)
PRORATION = LegalRef(
    law=_YORYO_KYOKUCHO,
    article="第10",
    summary="月の途中の開始・廃止は日割計算（月額×日数÷その月の日数、1円未満切り上げ）",
    status=Verification.UNVERIFIED,
    source=_UNCHECKED,
)
