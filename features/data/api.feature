# language: ja
機能: 標準API・標準データ・識別子
  システムは標準仕様の OpenAPI 定義どおりの HTTP API を提供し、出力する標準データは
  公開された JSON Schema に適合する。識別子は検査数字を検証し、誤りは受け付けない。

  背景:
    前提 適合性確認用のデータが登録されている
    かつ 現業員としてログインしている

  @REQ-DAT-015 @mandatory
  シナリオ: 適合する標準仕様の版を示す
    もし 稼働状況を取得する
    ならば 要求は受け付けられる
    かつ 応答に標準仕様の版 "1.0" が示される

  @REQ-DAT-006 @mandatory
  シナリオ: ケースの詳細は定義どおりの項目で返される
    もし ケース "case-00001" の詳細を目的 "casework" で取得する
    ならば 要求は受け付けられる
    かつ 詳細に世帯と適用中の決定と計算の説明が含まれる
    かつ 決定の扶助別の額は計算の説明の額と一致する

  @REQ-DAT-006 @mandatory
  シナリオ: ないケースは定義どおり404で示される
    もし ケース "case-99999" の詳細を目的 "casework" で取得する
    ならば 要求は見つからないとして拒否される

  @REQ-DAT-006 @mandatory
  シナリオ: ケース一覧をケース番号で検索できる
    もし ケース一覧を "00012" で検索する
    ならば 要求は受け付けられる
    かつ 検索結果にケース番号 "N-00012" が含まれる

  @REQ-DAT-001 @mandatory
  シナリオ: 出力するケース・世帯・決定は標準のJSON Schemaに適合する
    もし ケース "case-00002" の詳細を目的 "casework" で取得する
    ならば 応答の "case" は標準の JSON Schema "case" に適合する
    かつ 応答の "household" は標準の JSON Schema "household" に適合する
    かつ 応答の "decision" は標準の JSON Schema "decision" に適合する

  @REQ-DAT-001 @mandatory
  シナリオ: 計算結果は標準のJSON Schemaに適合する
    前提 計算ベクトル "income-basic-first-19000" の入力がある
    もし 保護費を計算する
    ならば 応答は標準の JSON Schema "calculation_result" に適合する

  @REQ-DAT-003 @mandatory
  シナリオ: 検査数字の誤った全国地方公共団体コードは受け付けない
    前提 計算ベクトル "place-nakano-family-of-4" の入力がある
    もし 入力の "household.municipality_code" を "131149" にして保護費を計算する
    ならば 要求は入力の誤りとして拒否される
    かつ 誤りの場所として "$.household.municipality_code" が示される

  @REQ-DAT-005 @mandatory
  シナリオ: 合併で廃止された団体コードでは計算しない
    前提 計算ベクトル "unknown-municipality-former-hamamatsu-naka" の入力がある
    もし 保護費を計算する
    ならば 計算結果は計算ベクトルの期待値と一致する
