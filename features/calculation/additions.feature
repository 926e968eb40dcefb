# language: ja
機能: 加算と入院・施設入所者の基準
  障害者加算・母子加算・児童養育加算・妊産婦加算・在宅患者加算・放射線障害者加算・介護保険料加算を、
  それぞれの対象要件と級地で算定する。同一人が母子加算と障害者加算の対象のときは高い方だけを算定する。

  背景:
    前提 適合性確認用のデータが登録されている
    かつ 現業員としてログインしている

  @REQ-CAL-011 @mandatory
  シナリオアウトライン: 障害の程度と級地による障害者加算
    前提 計算ベクトル "<vector>" の入力がある
    もし 保護費を計算する
    ならば 計算結果は計算ベクトルの期待値と一致する

    例:
      | vector |
      | disabled-child-grade-1 |
      | disabled-child-grade-3 |
      | disabled-child-mental-2 |
      | disabled-child-grade-4 |

  @REQ-CAL-012 @mandatory
  シナリオアウトライン: 同一人の母子加算と障害者加算は高い方だけ
    前提 計算ベクトル "<vector>" の入力がある
    もし 保護費を計算する
    ならば 計算結果は計算ベクトルの期待値と一致する

    例:
      | vector |
      | single-parent-same-person-grade-1-one-child |
      | single-parent-same-person-grade-3-one-child |
      | single-parent-same-person-grade-1-three-children |
      | single-parent-same-person-grade-1-four-children |
      | single-parent-same-person-pension-2-one-child |
      | single-parent-same-person-mental-1-two-children |
      | single-parent-disabled-child |
      | single-parent-transitional-when-disability-wins |

  @REQ-CAL-013 @mandatory
  シナリオアウトライン: 児童養育加算は18歳に達した日以後の最初の3月31日まで
    前提 計算ベクトル "<vector>" の入力がある
    もし 保護費を計算する
    ならば 計算結果は計算ベクトルの期待値と一致する

    例:
      | vector |
      | child-18-feb-birthday-march-in-hospital |
      | child-18-feb-birthday-april |
      | child-18-may-birthday-october |
      | child-18-may-birthday-april |
      | child-18-april-2-birthday-june |
      | child-18-april-2-birthday-april-2024 |
      | child-18-april-1-birthday-march-in-hospital |
      | child-18-may-birthday-october-lone-parent |
      | child-18-may-birthday-april-lone-parent |
      | child-18-april-1-birthday-april |
      | child-rearing-transitional-under-3-size-4 |
      | child-rearing-transitional-under-3-size-3 |
      | child-rearing-transitional-third-child-preschool |
      | child-rearing-transitional-third-child-elementary |
      | child-rearing-transitional-third-child-junior-high |
      | child-rearing-transitional-second-child-preschool |
      | child-rearing-transitional-under-3-in-hospital |
      | child-rearing-transitional-third-child-not-in-school-15 |
      | inpatient-child-and-parent |

  @REQ-CAL-014 @mandatory
  シナリオアウトライン: 母子加算とその経過措置
    前提 計算ベクトル "<vector>" の入力がある
    もし 保護費を計算する
    ならば 計算結果は計算ベクトルの期待値と一致する

    例:
      | vector |
      | single-parent-1-children-1-1 |
      | single-parent-1-children-2-1 |
      | single-parent-1-children-3-1 |
      | single-parent-2-children-1-1 |
      | single-parent-3-children-1-1 |
      | single-parent-4-children-1-1 |
      | single-parent-2-children-2-2 |
      | single-parent-4-children-3-2 |
      | single-parent-transitional-child-8-size-3-1-1 |
      | single-parent-transitional-child-13-size-3-2-2 |
      | single-parent-transitional-child-16-size-3-1-1 |
      | single-parent-transitional-child-4-size-4-3-2 |
      | single-parent-transitional-child-1-size-5-2-1 |
      | single-parent-parent-in-hospital |
      | single-parent-no-child |

  @REQ-CAL-014 @mandatory
  シナリオアウトライン: 妊産婦・在宅患者・放射線障害者・介護保険料の加算
    前提 計算ベクトル "<vector>" の入力がある
    もし 保護費を計算する
    ならば 計算結果は計算ベクトルの期待値と一致する

    例:
      | vector |
      | pregnancy-under-6-months-1-1 |
      | pregnancy-six-months-or-more-1-1 |
      | pregnancy-postnatal-1-1 |
      | pregnancy-under-6-months-1-2 |
      | pregnancy-six-months-or-more-1-2 |
      | pregnancy-postnatal-1-2 |
      | pregnancy-under-6-months-2-1-error |
      | pregnancy-six-months-or-more-2-2-error |
      | pregnancy-postnatal-3-1-error |
      | pregnancy-six-months-or-more-3-2-error |
      | home-patient-1-1 |
      | home-patient-1-2 |
      | home-patient-2-1-error |
      | home-patient-3-2-error |
      | home-patient-in-hospital |
      | radiation-current-1-1 |
      | radiation-former-1-1 |
      | radiation-current-3-2 |
      | radiation-former-2-2 |
      | care-premium-first-insured |
      | care-premium-second-insured |
      | care-premium-couple |
      | care-premium-in-hospital |

  @REQ-CAL-010 @mandatory
  シナリオアウトライン: 入院中の世帯員は第1類・第2類に代えて入院患者日用品費
    前提 計算ベクトル "<vector>" の入力がある
    もし 保護費を計算する
    ならば 計算結果は計算ベクトルの期待値と一致する

    例:
      | vector |
      | housing-size-band-excludes-inpatient |
      | inpatient-single-owned |
      | inpatient-single-owned-error |
      | inpatient-spouse-at-home-head |

  @REQ-CAL-010 @mandatory
  シナリオアウトライン: 基準表のない施設入所・入院の組合せは計算できないと示す
    前提 計算ベクトル "<vector>" の入力がある
    もし 保護費を計算する
    ならば 計算結果は計算ベクトルの期待値と一致する

    例:
      | vector |
      | no-table-care-facility-member |
      | no-table-other-facility-member |
      | no-table-severe-disability |
      | no-table-inpatient-disability |
      | no-table-all-members-in-hospital-with-rent |
