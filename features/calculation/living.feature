# language: ja
機能: 生活扶助の基準額
  生活扶助基準額は、世帯員ごとの第1類・世帯の第2類・逓減率・基準①②の比較と経過的加算により、
  算定月に有効な基準表（保護の基準 昭和38年厚生省告示第158号）から求める。
  期待値は計算ベクトル（schemas/vectors/calculation-vectors.json）に手計算の過程とともにある。

  背景:
    前提 適合性確認用のデータが登録されている
    かつ 現業員としてログインしている

  @REQ-CAL-005 @mandatory
  シナリオアウトライン: 第1類の年齢区分と級地
    前提 計算ベクトル "<vector>" の入力がある
    もし 保護費を計算する
    ならば 計算結果は計算ベクトルの期待値と一致する

    例:
      | vector |
      | living-age-band-0-2-1-1 |
      | living-age-band-0-2-1-2 |
      | living-age-band-0-2-2-1 |
      | living-age-band-0-2-2-2 |
      | living-age-band-0-2-3-1 |
      | living-age-band-0-2-3-2 |
      | living-age-band-3-5-1-1 |
      | living-age-band-3-5-1-2 |
      | living-age-band-3-5-2-1 |
      | living-age-band-3-5-2-2 |
      | living-age-band-3-5-3-1 |
      | living-age-band-3-5-3-2 |
      | living-age-band-6-11-1-1 |
      | living-age-band-6-11-1-2 |
      | living-age-band-6-11-2-1 |
      | living-age-band-6-11-2-2 |
      | living-age-band-6-11-3-1 |
      | living-age-band-6-11-3-2 |
      | living-age-band-12-17-1-1 |
      | living-age-band-12-17-1-2 |
      | living-age-band-12-17-2-1 |
      | living-age-band-12-17-2-2 |
      | living-age-band-12-17-3-1 |
      | living-age-band-12-17-3-2 |
      | living-age-band-18-19-1-1 |
      | living-age-band-18-19-1-2 |
      | living-age-band-18-19-2-1 |
      | living-age-band-18-19-2-2 |
      | living-age-band-18-19-3-1 |
      | living-age-band-18-19-3-2 |
      | living-age-band-20-40-1-1 |
      | living-age-band-20-40-1-2 |
      | living-age-band-20-40-2-1 |
      | living-age-band-20-40-2-2 |
      | living-age-band-20-40-3-1 |
      | living-age-band-20-40-3-2 |
      | living-age-band-41-59-1-1 |
      | living-age-band-41-59-1-2 |
      | living-age-band-41-59-2-1 |
      | living-age-band-41-59-2-2 |
      | living-age-band-41-59-3-1 |
      | living-age-band-41-59-3-2 |
      | living-age-band-60-64-1-1 |
      | living-age-band-60-64-1-2 |
      | living-age-band-60-64-2-1 |
      | living-age-band-60-64-2-2 |
      | living-age-band-60-64-3-1 |
      | living-age-band-60-64-3-2 |
      | living-age-band-65-69-1-1 |
      | living-age-band-65-69-1-2 |
      | living-age-band-65-69-2-1 |
      | living-age-band-65-69-2-2 |
      | living-age-band-65-69-3-1 |
      | living-age-band-65-69-3-2 |
      | living-age-band-70-74-1-1 |
      | living-age-band-70-74-1-2 |
      | living-age-band-70-74-2-1 |
      | living-age-band-70-74-2-2 |
      | living-age-band-70-74-3-1 |
      | living-age-band-70-74-3-2 |
      | living-age-band-75plus-1-1 |
      | living-age-band-75plus-1-2 |
      | living-age-band-75plus-2-1 |
      | living-age-band-75plus-2-2 |
      | living-age-band-75plus-3-1 |
      | living-age-band-75plus-3-2 |

  @REQ-CAL-005 @mandatory
  シナリオアウトライン: 年齢は月の初日現在の満年齢で区分する
    前提 計算ベクトル "<vector>" の入力がある
    もし 保護費を計算する
    ならば 計算結果は計算ベクトルの期待値と一致する

    例:
      | vector |
      | living-age-boundary-3-below |
      | living-age-boundary-3-above |
      | living-age-boundary-3-born-1st |
      | living-age-boundary-3-born-2nd |
      | living-age-boundary-6-below |
      | living-age-boundary-6-above |
      | living-age-boundary-6-born-1st |
      | living-age-boundary-6-born-2nd |
      | living-age-boundary-12-below |
      | living-age-boundary-12-above |
      | living-age-boundary-12-born-1st |
      | living-age-boundary-12-born-2nd |
      | living-age-boundary-18-below |
      | living-age-boundary-18-above |
      | living-age-boundary-18-born-1st |
      | living-age-boundary-18-born-2nd |
      | living-age-boundary-20-below |
      | living-age-boundary-20-above |
      | living-age-boundary-20-born-1st |
      | living-age-boundary-20-born-2nd |
      | living-age-boundary-41-below |
      | living-age-boundary-41-above |
      | living-age-boundary-41-born-1st |
      | living-age-boundary-41-born-2nd |
      | living-age-boundary-60-below |
      | living-age-boundary-60-above |
      | living-age-boundary-60-born-1st |
      | living-age-boundary-60-born-2nd |
      | living-age-boundary-65-below |
      | living-age-boundary-65-above |
      | living-age-boundary-65-born-1st |
      | living-age-boundary-65-born-2nd |
      | living-age-boundary-70-below |
      | living-age-boundary-70-above |
      | living-age-boundary-70-born-1st |
      | living-age-boundary-70-born-2nd |
      | living-age-boundary-75-below |
      | living-age-boundary-75-above |
      | living-age-boundary-75-born-1st |
      | living-age-boundary-75-born-2nd |

  @REQ-CAL-005 @mandatory
  シナリオアウトライン: 世帯人員による逓減率と第2類
    前提 計算ベクトル "<vector>" の入力がある
    もし 保護費を計算する
    ならば 計算結果は計算ベクトルの期待値と一致する

    例:
      | vector |
      | living-size-1-1-1 |
      | living-size-2-1-1 |
      | living-size-3-1-1 |
      | living-size-4-1-1 |
      | living-size-5-1-1 |
      | living-size-6-1-1 |
      | living-size-7-1-1 |
      | living-size-8-1-1 |
      | living-size-9-1-1 |
      | living-size-10-1-1 |
      | living-size-1-2-1 |
      | living-size-2-2-1 |
      | living-size-3-2-1 |
      | living-size-4-2-1 |
      | living-size-5-2-1 |
      | living-size-6-2-1 |
      | living-size-7-2-1 |
      | living-size-8-2-1 |
      | living-size-9-2-1 |
      | living-size-10-2-1 |
      | living-size-1-3-2 |
      | living-size-2-3-2 |
      | living-size-3-3-2 |
      | living-size-4-3-2 |
      | living-size-5-3-2 |
      | living-size-6-3-2 |
      | living-size-7-3-2 |
      | living-size-8-3-2 |
      | living-size-9-3-2 |
      | living-size-10-3-2 |

  @REQ-CAL-005 @mandatory
  シナリオアウトライン: 基準額①×率と基準額②のいずれか多い額を採る
    前提 計算ベクトル "<vector>" の入力がある
    もし 保護費を計算する
    ならば 計算結果は計算ベクトルの期待値と一致する
    かつ 計算の説明に "生活扶助本体（第1類＋第2類）" の行がある

    例:
      | vector |
      | living-basis-basis2-wins-size-1-1-1 |
      | living-basis-basis2-wins-size-1-2-1 |
      | living-basis-basis2-wins-size-1-3-2 |
      | living-basis-basis2-wins-size-2-1-1 |
      | living-basis-basis2-wins-size-2-2-1 |
      | living-basis-basis2-wins-size-2-3-2 |
      | living-basis-basis1-wins-size-3-1-1 |
      | living-basis-basis2-wins-size-3-1-1 |
      | living-basis-basis1-wins-size-3-2-1 |
      | living-basis-basis2-wins-size-3-2-1 |
      | living-basis-basis2-wins-size-3-3-2 |
      | living-basis-basis1-wins-size-4-1-1 |
      | living-basis-basis2-wins-size-4-1-1 |
      | living-basis-basis1-wins-size-4-2-1 |
      | living-basis-basis2-wins-size-4-2-1 |
      | living-basis-basis1-wins-size-4-3-2 |
      | living-basis-basis2-wins-size-4-3-2 |
      | living-basis-basis1-wins-size-5-1-1 |
      | living-basis-basis2-wins-size-5-1-1 |
      | living-basis-basis1-wins-size-5-2-1 |
      | living-basis-basis2-wins-size-5-2-1 |
      | living-basis-basis1-wins-size-5-3-2 |
      | living-basis-basis2-wins-size-5-3-2 |
      | living-basis-basis1-wins-size-6-1-1 |
      | living-basis-basis2-wins-size-6-1-1 |
      | living-basis-basis1-wins-size-6-2-1 |
      | living-basis-basis2-wins-size-6-2-1 |
      | living-basis-basis1-wins-size-6-3-2 |
      | living-basis-basis2-wins-size-6-3-2 |

  @REQ-CAL-005 @mandatory
  シナリオアウトライン: 生活扶助本体に係る経過的加算
    前提 計算ベクトル "<vector>" の入力がある
    もし 保護費を計算する
    ならば 計算結果は計算ベクトルの期待値と一致する

    例:
      | vector |
      | living-transitional-size-1-65-69-1-1 |
      | living-transitional-size-1-65-69-1-2 |
      | living-transitional-size-1-65-69-2-1 |
      | living-transitional-size-1-18-19-1-2 |
      | living-transitional-size-1-75plus-1-1 |
      | living-transitional-size-1-70-74-1-1 |
      | living-transitional-size-3-41-59-1-1 |
      | living-transitional-size-3-65-69-2-1 |
      | living-transitional-size-4-0-2-2-1 |
      | living-transitional-size-4-41-59-3-1 |
      | living-transitional-size-5-60-64-3-1 |
      | living-transitional-size-6-0-2-1-1 |
      | living-transitional-size-7-75plus-3-1 |

  @REQ-CAL-006 @mandatory
  シナリオアウトライン: 端数処理は定められた段階でだけ10円未満を切り上げる
    前提 計算ベクトル "<vector>" の入力がある
    もし 保護費を計算する
    ならば 計算結果は計算ベクトルの期待値と一致する
    かつ 計算の説明の各行に計算方法と根拠が示されている

    例:
      | vector |
      | living-basis-tie |
      | rounding-reduction1-size-4-exact |
      | rounding-reduction1-size-4-just-above |
      | rounding-reduction1-size-5-exact |
      | rounding-reduction1-size-5-just-above |
      | rounding-reduction2-size-2-just-above |
      | rounding-reduction2-size-3-just-above |
      | rounding-reduction2-size-4-just-above |
      | rounding-reduction2-size-5-just-above |
      | rounding-multiplier-size-1-just-above |
      | rounding-multiplier-size-2-exact |
      | rounding-multiplier-size-2-just-above |
      | rounding-multiplier-size-3-exact |
      | rounding-multiplier-size-3-just-above |
      | rounding-multiplier-size-4-exact |
      | rounding-multiplier-size-4-just-above |
      | rounding-multiplier-size-5-exact |
      | rounding-multiplier-size-5-just-above |
