"""The operators' chain check: python -m reference_app.audit."""

from __future__ import annotations

import sqlalchemy as sa
from fastapi.testclient import TestClient

from reference_app.app import create_app
from reference_app.audit import main
from reference_app.db.accounts import AccountStore
from reference_app.db.stores import make_engine, unit_of_work_factory
from reference_app.demo import load_demo


def _with_some_entries(url: str) -> None:
    load_demo(url, cases=5, password="pw-for-test")
    engine = make_engine(url)
    try:
        client = TestClient(create_app(unit_of_work_factory(engine), AccountStore(engine)))
        token = client.post(
            "/api/v1/sessions", json={"login_id": "cw-01", "password": "pw-for-test"}
        )
        headers = {"Authorization": f"Bearer {token.json()['token']}"}
        for case in ("case-00001", "case-00002", "case-00003"):
            reply = client.get(f"/api/v1/cases/{case}?purpose=casework", headers=headers)
            assert reply.status_code == 200
    finally:
        engine.dispose()


def test_an_intact_chain_exits_0(sqlite_url, capsys):
    _with_some_entries(sqlite_url)
    assert main(["--url", sqlite_url]) == 0
    out = capsys.readouterr().out
    assert "件を検証" in out
    assert "entries checked" in out


def test_a_tampered_entry_is_named_and_exits_1(sqlite_url, capsys):
    _with_some_entries(sqlite_url)
    engine = make_engine(sqlite_url)
    try:
        with engine.begin() as connection:
            # Someone edits the log behind the application's back (SQLite has no guard trigger).
            connection.execute(sa.text("UPDATE audit_log SET detail = 'edited' WHERE sequence = 2"))
    finally:
        engine.dispose()
    assert main(["--url", sqlite_url]) == 1
    captured = capsys.readouterr()
    assert "最初に連鎖が切れた記録: 連番 2" in captured.err


def test_an_unreadable_database_exits_2(tmp_path, capsys):
    assert main(["--url", f"sqlite:///{tmp_path / 'empty.db'}"]) == 2
    assert "監査ログを読めません" in capsys.readouterr().err
