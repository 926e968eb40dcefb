"""Load the synthetic demo office into a database and give each demo staff member a login.

    python -m reference_app.demo [--cases 300] [--url URL]

URL and password default to the app's settings (``SEIKATSU_APP_DATABASE_URL``,
``SEIKATSU_APP_DEMO_PASSWORD``). Everything loaded is invented (see
:mod:`seikatsu_std.services.demo`); the demo password is for the demo only.
Running it again changes nothing: the office is loaded once, existing logins
are kept as they are.
"""

from __future__ import annotations

import argparse

from sqlalchemy.engine import URL

from reference_app.db.accounts import AccountStore
from reference_app.db.migrate import upgrade
from reference_app.db.stores import make_engine, unit_of_work_factory
from reference_app.settings import Settings
from seikatsu_std.services.demo import DEMO_STAFF, demo_office

#: The id of the demo office (as :func:`seikatsu_std.services.demo.demo_office` makes it).
DEMO_OFFICE_ID = "office-nakano"


def load_demo(url: str | URL, cases: int = 300, password: str | None = None) -> list[str]:
    """Migrate ``url``, load the demo office if it is not there yet, add the demo logins.

    Returns the login ids (one per demo staff member: its staff id, e.g. ``cw-01``).
    ``password`` defaults to the settings' demo password.
    """
    password = Settings().demo_password if password is None else password
    upgrade(url)
    engine = make_engine(url)
    try:
        with unit_of_work_factory(engine)() as uow:
            if uow.offices.get(DEMO_OFFICE_ID) is None:
                demo_office(cases).load(uow)
                uow.commit()
                print(f"Loaded the demo office {DEMO_OFFICE_ID} with {cases} cases.")
            else:
                print(f"The demo office {DEMO_OFFICE_ID} is already loaded; left as it is.")
        accounts = AccountStore(engine)
        logins = []
        print("Demo logins (login id = staff id):")
        for staff_id, name, _kana, roles, _employment, _qualified in DEMO_STAFF:
            if accounts.exists(staff_id):
                note = "existing login, password unchanged"
            else:
                accounts.create(staff_id, staff_id, password)
                note = "new"
            logins.append(staff_id)
            print(f"  {staff_id:<9} {name}（{'・'.join(r.label for r in roles)}）[{note}]")
        print(
            "Password of new logins: the demo password (SEIKATSU_APP_DEMO_PASSWORD, "
            "default in reference_app/settings.py); for the demo only."
        )
    finally:
        engine.dispose()
    return logins


def main(argv: list[str] | None = None) -> int:
    """Command line of :func:`load_demo`."""
    settings = Settings()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--url", default=settings.database_url, help="database URL")
    parser.add_argument("--cases", type=int, default=300, help="number of demo cases")
    args = parser.parse_args(argv)
    load_demo(args.url, args.cases, settings.demo_password)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
