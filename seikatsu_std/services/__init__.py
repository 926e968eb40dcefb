"""Use cases of a 生活保護 system over ports (no database, no clock, no HTTP here).

:mod:`~seikatsu_std.services.ports` declares what storage must offer;
:mod:`~seikatsu_std.services.cases` holds the case use cases;
:mod:`~seikatsu_std.services.memory` implements the ports in memory;
:mod:`~seikatsu_std.services.audit` is the hash-chained audit trail.
"""
