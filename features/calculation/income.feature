# language: ja
機能: 収入の認定
  就労収入は必要経費と勤労控除（基礎控除・新規就労控除・未成年者控除）を引いて認定し、
  年金・手当等は全額、臨時的な収入は月8,000円を超える額を認定する。
  新規就労控除・未成年者控除の額は資料により異なるため、版として両方を持ち、使った版を示す。

  背景:
    前提 適合性確認用のデータが登録されている
    かつ 現業員としてログインしている

  @REQ-CAL-018 @mandatory
  シナリオアウトライン: 就労収入から必要経費と勤労控除を引く
    前提 計算ベクトル "<vector>" の入力がある
    もし 保護費を計算する
    ならば 計算結果は計算ベクトルの期待値と一致する
    かつ 計算の説明に "就労収入の認定額" の行がある

    例:
      | vector |
      | income-basic-two-jobs-one-person |
      | income-basic-expenses |
      | income-basic-expenses-exceed |
      | income-earned-and-pension |
      | income-separated-member-earnings |

  @REQ-CAL-019 @mandatory
  シナリオアウトライン: 基礎控除は収入額の区分表から1人目と2人目以降で異なる表で
    前提 計算ベクトル "<vector>" の入力がある
    もし 保護費を計算する
    ならば 計算結果は計算ベクトルの期待値と一致する
    かつ 計算の説明に基準表 "basic_deduction" の版と確認状況が示されている

    例:
      | vector |
      | income-basic-first-10000 |
      | income-basic-first-15199 |
      | income-basic-first-15200 |
      | income-basic-first-18999 |
      | income-basic-first-19000 |
      | income-basic-first-22999 |
      | income-basic-first-23000 |
      | income-basic-first-100000 |
      | income-basic-first-226999 |
      | income-basic-first-227000 |
      | income-basic-first-230999 |
      | income-basic-first-231000 |
      | income-basic-second-15000 |
      | income-basic-second-15001 |
      | income-basic-second-42999 |
      | income-basic-second-43000 |
      | income-basic-second-46999 |
      | income-basic-second-47000 |
      | income-basic-second-100000 |
      | income-basic-tie |
      | income-basic-spouse-earns-more |

  @REQ-CAL-020 @mandatory
  シナリオアウトライン: 新規就労控除は就労開始から6か月
    前提 計算ベクトル "<vector>" の入力がある
    もし 保護費を計算する
    ならば 計算結果は計算ベクトルの期待値と一致する

    例:
      | vector |
      | income-new-job-start-month |
      | income-new-job-sixth-month |
      | income-new-job-seventh-month |
      | income-new-job-small-income |
      | income-new-job-after-2023-10 |
      | income-new-job-sixth-month-2024 |
      | income-new-job-seventh-month-2024 |
      | income-new-job-after-2023-10-error |

  @REQ-CAL-021 @mandatory
  シナリオアウトライン: 未成年者控除と適用しない世帯
    前提 計算ベクトル "<vector>" の入力がある
    もし 保護費を計算する
    ならば 計算結果は計算ベクトルの期待値と一致する

    例:
      | vector |
      | income-minor-child-17 |
      | income-minor-child-19 |
      | income-minor-child-20 |
      | income-minor-single-minor |
      | income-minor-minor-spouse |
      | income-minor-after-2023-10 |
      | income-minor-minor-head-with-sibling |

  @REQ-CAL-022 @mandatory
  シナリオアウトライン: 臨時的な収入は8,000円を超える額だけ
    前提 計算ベクトル "<vector>" の入力がある
    もし 保護費を計算する
    ならば 計算結果は計算ベクトルの期待値と一致する

    例:
      | vector |
      | income-occasional-7999 |
      | income-occasional-8000 |
      | income-occasional-8001 |
      | income-occasional-expenses |
      | income-occasional-two-members |

  @REQ-CAL-023 @mandatory
  シナリオアウトライン: 年金・手当等は全額認定し、認定除外の種別だけを除く
    前提 計算ベクトル "<vector>" の入力がある
    もし 保護費を計算する
    ならば 計算結果は計算ベクトルの期待値と一致する

    例:
      | vector |
      | income-excluded |
      | income-excluded-and-pension |
      | income-pension |
      | income-allowance-and-support |
      | income-pension-with-expenses |

  @REQ-CAL-024 @mandatory
  シナリオアウトライン: 要否判定と程度の決定
    前提 計算ベクトル "<vector>" の入力がある
    もし 保護費を計算する
    ならば 計算結果は計算ベクトルの期待値と一致する

    例:
      | vector |
      | need-test-income-equal-to-minimum |
      | need-test-income-one-yen-below-minimum |

  @REQ-CAL-025 @mandatory
  シナリオ: 保護費のやり繰りによる預貯金は判断の記録なく収入認定しない
    前提 ケース "case-00003" に保護費のやり繰りによる預貯金 "120,000 円" が把握されている
    もし 使用目的の判断を記録せずにその預貯金を収入として認定しようとする
    ならば 警告 "使用目的と判断の記録がありません" が示される
    かつ 収入認定は確定されない
