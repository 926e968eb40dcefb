"""seikatsu_std — 生活保護システム標準仕様の実行可能な標準.

The package is layered (imports point downward only)::

    cli, conformance  →  services  →  workflows / calc / formats  →  standards  →  model, legal

``model`` holds the standard's records (pydantic, frozen); ``formats`` the
identifier check digits and 和暦; ``requirements`` the requirement catalogue;
``schema_export`` turns the models into the published JSON Schemas;
``validation`` checks data files against them.
"""

__version__ = "0.1.0"

#: Version of the standard specification (data model, requirement catalogue,
#: schemas). Schema ``$id``s carry it, so a vendor can state which edition it
#: implements. It moves independently of the library's release number.
STANDARD_VERSION = "1.0"

__all__ = ["STANDARD_VERSION", "__version__"]
