"""Verify the audit log's hash chain straight from the database (for operators).

    python -m reference_app.audit [--url URL]

Reads every entry in order and checks each link (the same check as
``GET /api/v1/audit/verification``, without logging in, for the database's
administrators). Prints the result in Japanese and English; exit code 0 when
the chain is intact, 1 at the first broken link, 2 when the database cannot
be read.
"""

from __future__ import annotations

import argparse
import sys

from sqlalchemy.exc import SQLAlchemyError

from reference_app.db.stores import make_engine, unit_of_work_factory
from reference_app.settings import Settings
from seikatsu_std.services.audit import ChainReport, verify_chain


def verify(url: str) -> ChainReport:
    """The chain report of the audit log in the database at ``url``."""
    engine = make_engine(url)
    try:
        with unit_of_work_factory(engine)() as uow:
            return verify_chain(uow.audit.entries())
    finally:
        engine.dispose()


def main(argv: list[str] | None = None) -> int:
    """Command line of :func:`verify`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--url", default=Settings().database_url, help="database URL")
    args = parser.parse_args(argv)
    try:
        report = verify(args.url)
    except SQLAlchemyError as exc:
        print(
            f"監査ログを読めません: {type(exc).__name__} (cannot read the audit log)",
            file=sys.stderr,
        )
        return 2
    print(f"{report.reason_ja}（{report.checked} 件を検証）")
    print(f"{report.reason_en} ({report.checked} entries checked)")
    if not report.ok:
        print(f"最初に連鎖が切れた記録: 連番 {report.first_broken}", file=sys.stderr)
    return 0 if report.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
