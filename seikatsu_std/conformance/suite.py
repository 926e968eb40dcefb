"""The scenarios of every feature file, as pytest tests (collected by the runner)."""

from pytest_bdd import scenarios

from seikatsu_std.conformance.locations import FEATURES_DIR

scenarios(str(FEATURES_DIR))
