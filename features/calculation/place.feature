# language: ja
機能: 級地と市区町村
  級地は居住地の全国地方公共団体コードと算定月から判定する。
  級地表にないコードは算定の誤りであり、既定の級地で代わりに計算してはならない。

  背景:
    前提 適合性確認用のデータが登録されている
    かつ 現業員としてログインしている

  @REQ-CAL-003 @mandatory
  シナリオアウトライン: 市区町村の級地で算定する
    前提 計算ベクトル "<vector>" の入力がある
    もし 保護費を計算する
    ならば 計算結果は計算ベクトルの期待値と一致する
    かつ 計算の説明に "級地・地域の判定" の行がある

    例:
      | vector |
      | place-nakano-family-of-4 |
      | place-yokohama-family-of-4 |
      | place-osaka-family-of-4 |
      | place-nagoya-family-of-4 |
      | place-tokorozawa-family-of-4 |
      | place-fukuoka-family-of-4 |
      | place-himeji-family-of-4 |
      | place-kumagaya-family-of-4 |
      | place-kawagoe-family-of-4 |
      | place-mito-family-of-4 |
      | place-naha-family-of-4 |
      | place-hitachi-family-of-4 |
      | place-ishioka-family-of-4 |
      | place-yuki-family-of-4 |
      | place-sapporo-family-of-4 |
      | place-aomori-family-of-4 |
      | place-otaru-family-of-4 |
      | place-yubari-family-of-4 |
      | place-kitami-family-of-4 |
      | place-tobetsu-family-of-4 |
      | place-niigata-family-of-4 |
      | place-nagaoka-family-of-4 |
      | place-miyako-family-of-4 |
      | place-shizukuishi-family-of-4 |
      | place-sendai-family-of-4 |
      | place-nagano-family-of-4 |
      | place-shiogama-family-of-4 |
      | place-ishinomaki-family-of-4 |
      | place-tome-family-of-4 |
      | place-kanazawa-family-of-4 |
      | place-komatsu-family-of-4 |
      | place-nanao-family-of-4 |
      | place-shika-family-of-4 |
      | place-utsunomiya-family-of-4 |
      | place-ashikaga-family-of-4 |
      | place-tochigi-family-of-4 |
      | place-sakura-family-of-4 |

  @REQ-CAL-004 @mandatory
  シナリオアウトライン: 級地表にない団体コードでは計算できない
    前提 計算ベクトル "<vector>" の入力がある
    もし 保護費を計算する
    ならば 計算結果は計算ベクトルの期待値と一致する

    例:
      | vector |
      | unknown-municipality |
      | unknown-municipality-former-hamamatsu-naka |

  @REQ-CAL-004 @mandatory
  シナリオ: 存在しない団体コードを既定の級地で代替しない
    前提 計算ベクトル "place-nakano-family-of-4" の入力がある
    もし 入力の "household.municipality_code" を "139998" にして保護費を計算する
    ならば 計算は "139998" を理由に計算できないとされる
