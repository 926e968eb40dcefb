"""Dated benefit-standard tables (保護基準): the only code that reads package data files.

See :mod:`seikatsu_std.standards.model` for the file format and
:mod:`seikatsu_std.standards.loader` for loading and lookups.
"""

from seikatsu_std.standards.loader import (
    RATE_SCALE,
    STANDARDS_PATH_ENV,
    CompiledTable,
    LookupMissError,
    NoEditionError,
    Standards,
    StandardsError,
    load_standards,
)
from seikatsu_std.standards.model import Edition, EditionStatus, TableSpec

__all__ = [
    "RATE_SCALE",
    "STANDARDS_PATH_ENV",
    "CompiledTable",
    "Edition",
    "EditionStatus",
    "LookupMissError",
    "NoEditionError",
    "Standards",
    "StandardsError",
    "TableSpec",
    "load_standards",
]
