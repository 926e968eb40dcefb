"""Records of the standard written out in the standard's export format (REQ-DAT-007).

An export is a set of files, one per record type, each a JSON Lines file of
records in their published form (``schemas/records/<record_type>.schema.json``),
listed with its number of records and the SHA-256 of its content (the manifest).
The content of a file is each record as compact JSON (UTF-8, characters as they
are, members in the record's order) followed by a line feed, so whoever
receives the records can write the file again and check it against the manifest.

My Numbers (:class:`~seikatsu_std.model.PersonalNumberRecord`) are never written
into an export: 特定個人情報 leaves its store only through the audited, masked read.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any, Literal

from pydantic import AwareDatetime, ConfigDict, Field

from seikatsu_std.model import RECORD_MODELS, PersonalNumberRecord, Record
from seikatsu_std.model.base import StdModel

#: The name of the format, carried by every export.
EXPORT_FORMAT: Literal["seikatsu-std/records"] = "seikatsu-std/records"
_ORDER = {model.record_type_name(): index for index, model in enumerate(RECORD_MODELS)}


class ExportedFile(StdModel):
    """出力の1ファイル: 1種類の記録の JSON Lines と、その件数・チェックサム。"""

    model_config = ConfigDict(title="出力ファイル")

    name: str = Field(title="ファイル名", description="<記録の種類>.jsonl（例: household.jsonl）。")
    record_type: str = Field(
        title="記録の種類",
        description="このファイルの記録の record_type（schemas/records/<record_type>.schema.json）。",
    )
    count: int = Field(title="件数", description="このファイルの記録の件数。", ge=1)
    sha256: str = Field(
        title="チェックサム",
        description="ファイルの内容（各記録を区切りなしの JSON で1行ずつ、UTF-8、末尾に改行）の SHA-256（16進）。",
        pattern=r"^[0-9a-f]{64}$",
    )
    records: list[dict[str, Any]] = Field(
        title="記録",
        description="標準の記録（公開された JSON Schema の形）。ファイルの行の順。",
    )


class RecordExport(StdModel):
    """標準データの出力: 記録の種類ごとのファイルと、件数・チェックサムのマニフェスト。"""

    model_config = ConfigDict(title="標準データの出力")

    format: Literal["seikatsu-std/records"] = Field(
        title="形式", description="出力の形式の名前（seikatsu-std/records）。"
    )
    standard_version: str = Field(title="標準仕様の版", description="記録が従う標準仕様の版。")
    exported_at: AwareDatetime = Field(title="出力日時", description="出力した日時。")
    files: list[ExportedFile] = Field(
        title="ファイル", description="記録の種類ごとのファイル（標準の記録の順）。"
    )


def _line(record: Record) -> str:
    return record.model_dump_json()


def exported_files(records: Iterable[Record]) -> list[ExportedFile]:
    """The records as export files, one per record type, in the order of the standard.

    Raises ValueError for a My Number record: it must never be exported.
    """
    by_type: dict[str, list[Record]] = {}
    for record in records:
        if isinstance(record, PersonalNumberRecord):
            raise ValueError("a My Number record must not be written into an export")
        by_type.setdefault(record.record_type_name(), []).append(record)
    files = []
    for record_type in sorted(by_type, key=lambda name: _ORDER.get(name, len(_ORDER))):
        members = by_type[record_type]
        content = "".join(_line(record) + "\n" for record in members)
        files.append(
            ExportedFile(
                name=f"{record_type}.jsonl",
                record_type=record_type,
                count=len(members),
                sha256=hashlib.sha256(content.encode("utf-8")).hexdigest(),
                records=[record.model_dump(mode="json") for record in members],
            )
        )
    return files
