"""The migrations and the models describe the same schema (``alembic check``, on both databases)."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

from sqlalchemy import inspect, text

from reference_app.db.migrate import alembic_config, differences, downgrade, upgrade
from reference_app.db.stores import make_engine, unit_of_work_factory
from reference_app.db.tables import Base
from seikatsu_std.services.demo import DemoOffice
from seikatsu_std.services.ports import Versioned
from tests.app.sql_database import load
from tests.support import SCHEMAS


def _before_case_records(demo: DemoOffice) -> DemoOffice:
    """The demo office as a database of an early revision holds it: without the records whose
    tables later revisions add (assistance policies and claims from 0009, the designated
    medical institutions from 0010)."""
    return dataclasses.replace(demo, institutions=[], assistance_policies=[], claims=[])


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
#: The tables of the revisions after the lifecycle one.
LATER_TABLES = {
    "review_requests",
    "need_determinations",
    "support_obligors",
    "asset_inquiries",
    "work_capacity_assessments",
    "other_measure_checklists",
    "medical_institutions",
    "medical_tickets",
    "care_tickets",
    "payments",
    "submitted_documents",
    "submitted_files",
    "claim_decisions",
    "claims",
    "assistance_policies",
    "transfers",
}


def test_later_revisions_add_their_tables_to_a_database_in_use(database_url, demo):
    upgrade(database_url, "0001_initial")
    first = _tables(database_url)
    assert not LATER_TABLES & first
    engine = make_engine(database_url)
    try:
        load(engine, _before_case_records(demo))
        upgrade(database_url, "0002_lifecycle")
        assert _tables(database_url) == first | LIFECYCLE_TABLES
        upgrade(database_url)
        assert _tables(database_url) == first | LIFECYCLE_TABLES | LATER_TABLES
        assert differences(database_url) == []
        with unit_of_work_factory(engine)() as uow:
            assert uow.cases.get(demo.cases[0].id) == Versioned(demo.cases[0], 1)
            assert (
                uow.cases.next_case_number(demo.office.id, "N-") == f"N-{len(demo.cases) + 1:05d}"
            )
            assert uow.applications.undecided(demo.office.id) == []
            assert uow.medical_tickets.for_case(demo.cases[0].id) == []
    finally:
        engine.dispose()
    downgrade(database_url, "0001_initial")
    assert _tables(database_url) == first


def _stored_before_intake(connection, table: str, document: dict, **columns: object) -> None:
    """A record stored in the shape the documents had before ``0005_intake``."""
    names = ["id", "data", "version", *columns]
    values = {"id": document["id"], "data": json.dumps(document), "version": 1, **columns}
    connection.execute(
        text(
            f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join(':' + n for n in names)})"
        ),
        values,
    )


def test_the_intake_revision_reshapes_the_wish_and_the_channel(database_url, demo):
    upgrade(database_url, "0002_lifecycle")
    consultation = json.loads((SCHEMAS / "examples/consultation.example.json").read_text())
    for item in ("contact", "wish_expressed_on", "application_form", "form_handed_on"):
        consultation.pop(item)
    consultation.update(wishes_to_apply=True, office_id=demo.office.id)
    application = json.loads((SCHEMAS / "examples/application.example.json").read_text())
    application.pop("place")
    application.update(channel="mail", office_id=demo.office.id)
    engine = make_engine(database_url)
    try:
        load(engine, _before_case_records(demo))
        with engine.begin() as connection:
            _stored_before_intake(connection, "consultations", consultation)
            _stored_before_intake(
                connection,
                "applications",
                application,
                office_id=demo.office.id,
                status=application["status"],
                received_on=application["received_on"],
            )
            # Only what the revision reads of the decision that answered it.
            answered = {"id": "dec-intake", "application_id": application["id"]}
            _stored_before_intake(
                connection,
                "decisions",
                {**answered, "notified_on": "2025-03-28"},
                case_id=demo.cases[0].id,
                drafted_on="2025-03-25",
            )
        upgrade(database_url)
        with unit_of_work_factory(engine)() as uow:
            consulted = uow.consultations.get(consultation["id"])
            received = uow.applications.get(application["id"])
        assert consulted is not None
        assert consulted.record.wishes_to_apply.label == "あり"
        assert received is not None
        assert (received.record.channel.label, received.record.place) == ("申請書", "mail")
        assert received.record.notified_on == date(2025, 3, 28)
        with engine.connect() as connection:
            column = connection.execute(text("SELECT notified_on FROM applications")).scalar()
        assert str(column) == "2025-03-28"
        downgrade(database_url, "0002_lifecycle")
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT data FROM applications")).all()
        [stored] = [row[0] if isinstance(row[0], dict) else json.loads(row[0]) for row in rows]
        assert stored["channel"] == "mail"
        assert "place" not in stored
    finally:
        engine.dispose()


def test_the_approvals_revision_gives_stored_approved_decisions_their_final_entry(
    database_url, demo
):
    upgrade(database_url, "0006_investigations")
    stored = demo.decisions[0].model_dump(mode="json", exclude={"approvals", "submitted_on"})
    stored["id"] = "dec-before-stages"
    engine = make_engine(database_url)
    try:
        load(engine, _before_case_records(demo))
        with engine.begin() as connection:
            _stored_before_intake(
                connection,
                "decisions",
                stored,
                case_id=stored["case_id"],
                drafted_on=stored["drafted_on"],
            )
        upgrade(database_url)
        with unit_of_work_factory(engine)() as uow:
            found = uow.decisions.get("dec-before-stages")
        assert found is not None
        [entry] = found.record.approvals
        assert (entry.stage, entry.kind.label, entry.approved_by) == (1, "最終決裁", "sv-01")
        assert entry.role.label == "査察指導員"
        assert entry.approved_at.date().isoformat() == stored["approved_on"]
        downgrade(database_url, "0006_investigations")
        with engine.connect() as connection:
            data = connection.execute(
                text("SELECT data FROM decisions WHERE id = 'dec-before-stages'")
            ).scalar()
        older = data if isinstance(data, dict) else json.loads(data)
        assert "approvals" not in older
        assert older["status"] == stored["status"]
    finally:
        engine.dispose()
