# language: ja
機能: 住宅扶助・教育扶助・一時的な扶助
  住宅扶助は実際の家賃と限度額のいずれか低い額、教育扶助は基準額に実費を加えた額、
  出産・生業・葬祭扶助は実費と上限額のいずれか低い額で算定する。

  背景:
    前提 適合性確認用のデータが登録されている
    かつ 現業員としてログインしている

  @REQ-CAL-015 @mandatory
  シナリオアウトライン: 家賃と都道府県・指定都市別の限度額
    前提 計算ベクトル "<vector>" の入力がある
    もし 保護費を計算する
    ならば 計算結果は計算ベクトルの期待値と一致する

    例:
      | vector |
      | housing-prefecture-nakano-size-1-at-limit |
      | housing-prefecture-nakano-size-1-over-limit |
      | housing-prefecture-nakano-size-1-under-limit |
      | housing-prefecture-nakano-size-2-at-limit |
      | housing-prefecture-nakano-size-2-over-limit |
      | housing-prefecture-nakano-size-3-at-limit |
      | housing-prefecture-nakano-size-3-over-limit |
      | housing-prefecture-nakano-size-5-at-limit |
      | housing-prefecture-nakano-size-5-over-limit |
      | housing-prefecture-nakano-size-5-under-limit |
      | housing-prefecture-nakano-size-6-at-limit |
      | housing-prefecture-nakano-size-6-over-limit |
      | housing-prefecture-nakano-size-7-at-limit |
      | housing-prefecture-nakano-size-7-over-limit |
      | housing-prefecture-nakano-size-9-at-limit |
      | housing-prefecture-nakano-size-9-over-limit |
      | housing-city-yokohama-size-1-at-limit |
      | housing-city-yokohama-size-1-over-limit |
      | housing-city-yokohama-size-1-under-limit |
      | housing-city-yokohama-size-2-at-limit |
      | housing-city-yokohama-size-2-over-limit |
      | housing-city-yokohama-size-2-under-limit |
      | housing-city-yokohama-size-3-at-limit |
      | housing-city-yokohama-size-3-over-limit |
      | housing-city-yokohama-size-3-under-limit |
      | housing-city-yokohama-size-5-at-limit |
      | housing-city-yokohama-size-5-over-limit |
      | housing-city-yokohama-size-5-under-limit |
      | housing-city-yokohama-size-6-at-limit |
      | housing-city-yokohama-size-6-over-limit |
      | housing-city-yokohama-size-6-under-limit |
      | housing-city-yokohama-size-7-at-limit |
      | housing-city-yokohama-size-7-over-limit |
      | housing-city-yokohama-size-7-under-limit |
      | housing-city-yokohama-size-9-at-limit |
      | housing-city-yokohama-size-9-over-limit |
      | housing-city-yokohama-size-9-under-limit |
      | housing-prefecture-otaru-size-1-at-limit |
      | housing-prefecture-otaru-size-1-over-limit |
      | housing-prefecture-otaru-size-1-under-limit |
      | housing-prefecture-otaru-size-2-at-limit |
      | housing-prefecture-otaru-size-2-over-limit |
      | housing-prefecture-otaru-size-3-at-limit |
      | housing-prefecture-otaru-size-3-over-limit |
      | housing-prefecture-otaru-size-5-at-limit |
      | housing-prefecture-otaru-size-5-over-limit |
      | housing-prefecture-otaru-size-5-under-limit |
      | housing-prefecture-otaru-size-6-at-limit |
      | housing-prefecture-otaru-size-6-over-limit |
      | housing-prefecture-otaru-size-7-at-limit |
      | housing-prefecture-otaru-size-7-over-limit |
      | housing-prefecture-otaru-size-9-at-limit |
      | housing-prefecture-otaru-size-9-over-limit |
      | housing-public-rental |
      | housing-owned |
      | housing-no-fixed-abode |
      | housing-rent-zero |

  @REQ-CAL-015 @mandatory
  シナリオ: 家賃が限度額を超えるときは限度額までとし、説明に家賃と限度額を示す
    前提 計算ベクトル "housing-prefecture-nakano-size-2-over-limit" の入力がある
    もし 保護費を計算する
    ならば 計算結果は計算ベクトルの期待値と一致する
    かつ 計算の説明に "住宅扶助（家賃・間代）" の行がある
    かつ 計算の説明に基準表 "housing_limit_prefecture" の版と確認状況が示されている

  @REQ-CAL-016 @mandatory
  シナリオアウトライン: 教育扶助と高等学校等就学費
    前提 計算ベクトル "<vector>" の入力がある
    もし 保護費を計算する
    ならば 計算結果は計算ベクトルの期待値と一致する

    例:
      | vector |
      | education-elementary-costs |
      | education-junior-high-costs |
      | education-high-school-costs |
      | education-elementary-no-costs |
      | education-preschool |
      | education-higher-education |
      | education-separated-child |

  @REQ-CAL-017 @mandatory
  シナリオアウトライン: 出産・葬祭・生業扶助は上限額まで
    前提 計算ベクトル "<vector>" の入力がある
    もし 保護費を計算する
    ならば 計算結果は計算ベクトルの期待値と一致する

    例:
      | vector |
      | childbirth-under-cap |
      | childbirth-at-cap |
      | childbirth-over-cap |
      | childbirth-without-provisional-error |
      | funeral-adult-1-under-cap |
      | funeral-adult-1-over-cap |
      | funeral-adult-2-over-cap |
      | funeral-adult-3-over-cap |
      | funeral-child-11-2-over-cap |
      | funeral-child-12-2-over-cap |
      | funeral-child-3-3-over-cap |
      | funeral-without-provisional-error |
      | occupational-one-off-error |
