"""The migrations and the models describe the same schema (``alembic check``, on both databases)."""

from __future__ import annotations

from sqlalchemy import inspect, text

from reference_app.db.migrate import alembic_config, differences, downgrade, upgrade
from reference_app.db.stores import make_engine, unit_of_work_factory
from reference_app.db.tables import Base
from seikatsu_std.services.ports import Versioned
from tests.app.sql_database import load


def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return set(inspect(connection).get_table_names())
    finally:
        engine.dispose()


def test_the_migrated_database_matches_the_models(database_url):
    upgrade(database_url)
    assert differences(database_url) == []
    assert _tables(database_url) == {*Base.metadata.tables, "alembic_version"}
    upgrade(database_url)  # again: nothing to do
    assert differences(database_url) == []


def test_the_comparison_sees_a_difference(database_url):
    upgrade(database_url)
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE stray (id INTEGER PRIMARY KEY)"))
            connection.execute(text("CREATE INDEX ix_stray_cases ON cases (status)"))
    finally:
        engine.dispose()
    found = {item[0] for item in differences(database_url)}
    assert {"remove_table", "remove_index"} <= found


def test_downgrade_removes_everything_and_upgrade_rebuilds_it(database_url):
    upgrade(database_url)
    downgrade(database_url, "base")
    assert _tables(database_url) == {"alembic_version"}
    upgrade(database_url)
    assert differences(database_url) == []


def test_the_configuration_needs_no_ini_file():
    config = alembic_config("postgresql://user:p%40ss@db.example/x?options=-csearch_path%3Ds")
    assert config.config_file_name is None
    assert config.get_main_option("script_location", "").endswith("migrations")
    assert config.get_main_option("sqlalchemy.url", "").startswith("postgresql+psycopg://")
    assert "p%40ss" in config.get_main_option("sqlalchemy.url", "")


LIFECYCLE_TABLES = {"consultations", "applications", "support_inquiries"}
INVESTIGATION_TABLES = {
    "support_obligors",
    "asset_inquiries",
    "work_capacity_assessments",
    "other_measure_checklists",
}


def test_the_lifecycle_revision_adds_its_tables_to_a_database_in_use(database_url, demo):
    upgrade(database_url, "0001_initial")
    first = _tables(database_url)
    assert not LIFECYCLE_TABLES & first
    engine = make_engine(database_url)
    try:
        load(engine, demo)
        upgrade(database_url, "0002_lifecycle")
        assert _tables(database_url) == first | LIFECYCLE_TABLES
        upgrade(database_url)
        assert _tables(database_url) == first | LIFECYCLE_TABLES | INVESTIGATION_TABLES
        assert differences(database_url) == []
        with unit_of_work_factory(engine)() as uow:
            assert uow.cases.get(demo.cases[0].id) == Versioned(demo.cases[0], 1)
            assert (
                uow.cases.next_case_number(demo.office.id, "N-") == f"N-{len(demo.cases) + 1:05d}"
            )
            assert uow.applications.undecided(demo.office.id) == []
    finally:
        engine.dispose()
    downgrade(database_url, "0001_initial")
    assert _tables(database_url) == first
