"""The demo loader and the app's settings."""

from __future__ import annotations

import pytest

from reference_app.db.accounts import AccountStore
from reference_app.db.stores import make_engine, unit_of_work_factory
from reference_app.demo import load_demo
from reference_app.settings import Settings
from seikatsu_std.services.demo import DEMO_STAFF


def test_the_demo_loads_once_with_one_login_per_staff_member(sqlite_url, capsys):
    logins = load_demo(sqlite_url, cases=4, password="pw-demo")
    assert logins == [staff[0] for staff in DEMO_STAFF]
    assert {"cw-01", "sv-01", "chief-01", "med-01", "acc-01", "out-01", "aud-01"} <= set(logins)
    assert "cw-01" in capsys.readouterr().out
    assert load_demo(sqlite_url, cases=4, password="other") == logins  # idempotent
    assert "already loaded" in capsys.readouterr().out
    engine = make_engine(sqlite_url)
    try:
        with unit_of_work_factory(engine)() as uow:
            assert len(uow.cases.search("office-nakano", limit=100)) == 4
        accounts = AccountStore(engine)
        assert accounts.verify("sv-01", "pw-demo") == "sv-01"
        assert accounts.verify("sv-01", "other") is None
    finally:
        engine.dispose()


def test_settings_come_from_the_environment(monkeypatch):
    defaults = Settings()
    assert defaults.database_url == "sqlite:///var/seikatsu-ref.db"
    assert (defaults.session_hours, defaults.allow_provisional) == (8, False)
    assert defaults.demo_password == "demo-pass-2025"
    monkeypatch.setenv("SEIKATSU_APP_DATABASE_URL", "postgresql://app@db/seikatsu")
    monkeypatch.setenv("SEIKATSU_APP_SESSION_HOURS", "4")
    monkeypatch.setenv("SEIKATSU_APP_ALLOW_PROVISIONAL", "true")
    settings = Settings()
    assert settings.database_url == "postgresql://app@db/seikatsu"
    assert (settings.session_hours, settings.allow_provisional) == (4, True)


def test_the_sqlite_folder_is_created(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'a' / 'b' / 'x.db'}")
    try:
        with engine.connect():
            pass
    finally:
        engine.dispose()
    assert (tmp_path / "a" / "b" / "x.db").exists()


def test_an_in_memory_sqlite_database_is_shared_by_threads(demo):
    from concurrent.futures import ThreadPoolExecutor

    from reference_app.db.tables import Base

    engine = make_engine("sqlite://")
    uow_factory = unit_of_work_factory(engine)

    def add_office() -> None:
        with uow_factory() as uow:
            uow.offices.add(demo.office)
            uow.commit()

    try:
        Base.metadata.create_all(engine)
        with ThreadPoolExecutor(1) as pool:
            pool.submit(add_office).result()
        with uow_factory() as uow:
            assert uow.offices.get(demo.office.id).record == demo.office
    finally:
        engine.dispose()


def test_a_fixed_instant_runs_the_app_at_that_time(monkeypatch, sqlite_url):
    from datetime import datetime

    from reference_app.app import app_from_settings

    monkeypatch.setenv("SEIKATSU_APP_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("SEIKATSU_APP_FIXED_NOW", "2023-09-20T10:00:00+09:00")
    app = app_from_settings()
    assert app.state.clock() == datetime.fromisoformat("2023-09-20T10:00:00+09:00")
    monkeypatch.setenv("SEIKATSU_APP_FIXED_NOW", "2023-09-20T10:00:00")
    with pytest.raises(ValueError, match="timezone"):
        Settings()
