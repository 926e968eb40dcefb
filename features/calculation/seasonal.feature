# language: ja
機能: 冬季加算と期末一時扶助
  冬季加算は地区（I区〜VI区）ごとの期間の月に限って、期末一時扶助は12月に限って算定する。
  2015年10月以降の冬季加算の表は未入手のため、冬季の月は「計算できない」と示すことが正しい
  （既定値で代わりに計算しない）。表が入れば、計算ベクトルとともに期待値を差し替える。

  背景:
    前提 適合性確認用のデータが登録されている
    かつ 現業員としてログインしている

  @REQ-CAL-007 @mandatory
  シナリオアウトライン: 冬季加算は地区ごとの冬季の月に限る
    前提 計算ベクトル "<vector>" の入力がある
    もし 保護費を計算する
    ならば 計算結果は計算ベクトルの期待値と一致する

    例:
      | vector |
      | child-18-feb-birthday-march-at-home |
      | winter-region-i-2022-09 |
      | winter-region-i-2022-10 |
      | winter-region-i-2023-01 |
      | winter-region-i-2023-04 |
      | winter-region-i-2023-05 |
      | winter-region-ii-2022-09 |
      | winter-region-ii-2022-10 |
      | winter-region-ii-2023-01 |
      | winter-region-ii-2023-04 |
      | winter-region-ii-2023-05 |
      | winter-region-iii-2022-10 |
      | winter-region-iii-2022-11 |
      | winter-region-iii-2023-01 |
      | winter-region-iii-2023-03 |
      | winter-region-iii-2023-04 |
      | winter-region-iv-2022-10 |
      | winter-region-iv-2022-11 |
      | winter-region-iv-2023-01 |
      | winter-region-iv-2023-03 |
      | winter-region-iv-2023-04 |
      | winter-region-v-2022-10 |
      | winter-region-v-2022-11 |
      | winter-region-v-2023-01 |
      | winter-region-v-2023-03 |
      | winter-region-v-2023-04 |
      | winter-region-vi-2022-10 |
      | winter-region-vi-2022-11 |
      | winter-region-vi-2023-01 |
      | winter-region-vi-2023-03 |
      | winter-region-vi-2023-04 |
      | provisional-sapporo-2023-10-winter-error |

  @REQ-CAL-008 @mandatory
  シナリオアウトライン: 常時在宅の者がいる世帯の冬季加算の特別基準
    前提 計算ベクトル "<vector>" の入力がある
    もし 保護費を計算する
    ならば 計算結果は計算ベクトルの期待値と一致する

    例:
      | vector |
      | winter-homebound-special-error |

  @REQ-CAL-008 @mandatory
  シナリオ: 冬季でない月は常時在宅の者がいても冬季加算を算定しない
    前提 計算ベクトル "winter-region-i-2023-05" の入力がある
    もし 世帯員 "p1" を常時在宅として保護費を計算する
    ならば 計算結果は計算ベクトルの期待値と一致する

  @REQ-CAL-009 @mandatory
  シナリオアウトライン: 期末一時扶助は12月に限る
    前提 計算ベクトル "<vector>" の入力がある
    もし 保護費を計算する
    ならば 計算結果は計算ベクトルの期待値と一致する

    例:
      | vector |
      | winter-region-i-2022-12 |
      | winter-region-ii-2022-12 |
      | winter-region-iii-2022-12 |
      | winter-region-iv-2022-12 |
      | winter-region-v-2022-12 |
      | winter-region-vi-2022-12 |
      | winter-december-2023-provisional-error |
      | year-end-december-inpatient-only |
