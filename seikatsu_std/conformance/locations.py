"""Where the feature files are (package data; the repository's ``features/``)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

#: The feature files shipped with the kit.
FEATURES_DIR = Path(str(resources.files("seikatsu_std.conformance").joinpath("features")))
