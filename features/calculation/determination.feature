# language: ja
機能: 程度の決定・日割・本人支払額・再現性
  保護費は最低生活費から収入充当額を引いた額とし、医療扶助・介護扶助は現物給付として本人支払額を算定する。
  どの額も日付のある基準表から計算され、同じ入力と版からは1円の差もなく同じ結果が得られる。

  背景:
    前提 適合性確認用のデータが登録されている
    かつ 現業員としてログインしている

  @REQ-CAL-026 @mandatory
  シナリオアウトライン: 月の途中の開始・廃止は暦日数で日割りする
    前提 計算ベクトル "<vector>" の入力がある
    もし 保護費を計算する
    ならば 計算結果は計算ベクトルの期待値と一致する
    かつ 日割りの日数とその月の暦日数が入力の期間のとおり示される

    例:
      | vector |
      | proration-june-start-16 |
      | proration-june-stop-10 |
      | proration-june-start-11-stop-20 |
      | proration-june-one-day |
      | proration-june-full-by-dates |
      | proration-may-start-17 |
      | proration-july-stop-15 |
      | proration-august-start-2 |
      | proration-september-stop-29 |
      | proration-october-2023-start-10 |
      | proration-february-28-days-inpatient |
      | proration-february-28-days-at-home-error |
      | proration-february-29-days-inpatient |
      | proration-february-29-days-at-home-error |
      | proration-rounding-exact |
      | proration-rounding-just-above |

  @REQ-CAL-028 @mandatory
  シナリオアウトライン: 現物給付と本人支払額
    前提 計算ベクトル "<vector>" の入力がある
    もし 保護費を計算する
    ならば 計算結果は計算ベクトルの期待値と一致する

    例:
      | vector |
      | in-kind-medical-only |
      | in-kind-medical-and-care |
      | in-kind-pension-below-cash-part |
      | in-kind-own-payment |
      | in-kind-own-payment-care-first |
      | in-kind-income-above-everything |

  @REQ-CAL-001 @mandatory
  シナリオアウトライン: 算定月に有効な基準表の版を選ぶ（暫定版を含む）
    前提 計算ベクトル "<vector>" の入力がある
    もし 保護費を計算する
    ならば 計算結果は計算ベクトルの期待値と一致する

    例:
      | vector |
      | pregnancy-six-months-or-more-1-1-provisional |
      | provisional-single-2023-09 |
      | provisional-single-2023-10-error |
      | provisional-single-2023-10 |
      | provisional-single-2024-06 |
      | provisional-single-2025-09 |
      | provisional-single-2025-10 |
      | provisional-single-2026-05 |
      | provisional-family-2024-10 |
      | provisional-family-2025-10 |
      | provisional-family-2025-10-error |
      | provisional-sapporo-2024-05 |
      | provisional-sendai-2025-10 |
      | inpatient-2023-10 |

  @REQ-CAL-001 @mandatory
  シナリオ: 暫定版の使用を許可しなければ暫定版の月は計算しない
    前提 計算ベクトル "provisional-single-2023-10" の入力がある
    もし 暫定版の使用を許可せずに保護費を計算する
    ならば 計算は "暫定版があります" を理由に計算できないとされる

  @REQ-CAL-002 @mandatory
  シナリオ: すべての明細行に計算方法・根拠・基準表の版がある
    前提 計算ベクトル "income-basic-first-19000" の入力がある
    もし 保護費を計算する
    ならば 計算の説明の各行に計算方法と根拠が示されている
    かつ 計算の説明に基準表 "living_class1_basis1" の版と確認状況が示されている
    かつ 使用した基準表の版がすべて示されている
    かつ 扶助の種類ごとの明細の合計は最低生活費と一致する

  @REQ-CAL-002 @mandatory
  シナリオ: 日割りのある月も明細の合計は最低生活費と一致する
    前提 計算ベクトル "proration-june-start-16" の入力がある
    もし 保護費を計算する
    ならば 扶助の種類ごとの明細の合計は最低生活費と一致する

  @REQ-CAL-027 @mandatory
  シナリオ: 過去の月はその月に有効だった基準表で計算する
    前提 計算ベクトル "winter-region-i-2022-09" の入力がある
    もし 保護費を計算する
    ならば 計算結果は計算ベクトルの期待値と一致する
    かつ 計算の説明に基準表 "living_class1_basis1" の版と確認状況が示されている

  @REQ-CAL-027 @mandatory
  シナリオ: 遡及変更は月ごとの既支給額・再計算額・差額を一覧で示す
    前提 ケース "case-00005" の "2023-06" から "2023-08" までの保護費が支給済みである
    もし "2023-06" にさかのぼって就労収入 "30,000 円" を加えて再計算する
    ならば 月ごとの既支給額・再計算額・差額が一覧で示される
    かつ 差額が負の月は返還金の検討対象として示される

  @REQ-CAL-029 @mandatory
  シナリオ: 基準改定時は適用開始月の稼働ケースを一括して再計算する
    前提 基準表の新しい版が "2023-10-01" から登録されている
    もし "2023-10" の稼働ケースを一括して再計算する
    ならば ケースごとの旧額・新額・差額の一覧が出力される
    かつ 決定が決裁されるまで支給額は変わらない

  @REQ-CAL-030 @mandatory
  シナリオ: 同じ入力と版からは同じ結果と明細が得られる
    前提 計算ベクトル "single-parent-2-children-2-2" の入力がある
    もし 保護費を計算する
    かつ 同じ入力でもう一度保護費を計算する
    ならば 2回の計算結果と明細は1円の差もなく同じである

  @REQ-CAL-031 @not_allowed
  シナリオ: 根拠を記録しない手入力の金額で算定額を上書きできない
    前提 計算ベクトル "income-pension" の入力がある
    もし 入力に項目 "manual_cash_benefit" を値 50000 で加えて保護費を計算する
    ならば 要求は入力の誤りとして拒否される
    かつ 誤りの場所として "$.manual_cash_benefit" が示される
