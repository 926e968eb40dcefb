"""The pytest plugin behind the runner: markers, fixtures, and result collection.

Requirement tags become markers generated from the catalogue (so
``--strict-markers`` holds and ``-m "REQ-CAL-007"`` selects scenarios). Each
scenario's outcome is collected with its failing step, what the step
expected and the requests and replies it made.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from typing import Any

import pytest

from seikatsu_std.conformance.coverage import LEVEL_TAGS
from seikatsu_std.conformance.report import EvidenceExchange, ScenarioResult, Status
from seikatsu_std.conformance.scenario import ScenarioState
from seikatsu_std.conformance.targets import Target, UnsupportedStepError
from seikatsu_std.requirements import REQUIREMENT_ID_PATTERN, RequirementLevel, load_catalogue

_STATE = pytest.StashKey[ScenarioState]()
_STEP = pytest.StashKey[dict[str, Any]]()
_NAMES = pytest.StashKey[tuple[str, str]]()


class Collector:
    """Gathers scenario results during a run (registered by the runner)."""

    def __init__(self, target: Target, claimed_optional: set[str] | None) -> None:
        self.target = target
        self.claimed_optional = claimed_optional
        self.results: list[ScenarioResult] = []

    # ------------------------------------------------------------ pytest hooks

    def pytest_configure(self, config: pytest.Config) -> None:
        for requirement in load_catalogue().requirements:
            config.addinivalue_line("markers", f"{requirement.id}: {requirement.title}")
        for tag in LEVEL_TAGS:
            config.addinivalue_line("markers", f"{tag}: 要件の区分")

    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        for item in items:
            # pytest-bdd documents each scenario test as "<feature>: <scenario>"; the
            # before-scenario hook refines this, but skipped scenarios never reach it.
            doc = getattr(getattr(item, "obj", None), "__doc__", None) or ""
            if ": " in doc:
                feature, name = doc.split(": ", 1)
                item.stash[_NAMES] = (feature, name)
        if self.claimed_optional is None:
            return
        optional = {
            r.id for r in load_catalogue().requirements if r.level is RequirementLevel.OPTIONAL
        }
        for item in items:
            requirements = _requirements(item)
            if (
                requirements
                and requirements <= optional
                and not requirements & self.claimed_optional
            ):
                item.add_marker(
                    pytest.mark.skip(reason="標準オプション: プロファイルで実装を宣言していない")
                )

    @pytest.fixture
    def state(self, request: pytest.FixtureRequest) -> Iterator[ScenarioState]:
        self.target.reset()
        scenario = ScenarioState(self.target)
        request.node.stash[_STATE] = scenario
        yield scenario
        # Settings a scenario changed are put back for the next one (newest first).
        for undo in reversed(scenario.cleanups):
            undo()

    def pytest_bdd_before_scenario(
        self, request: pytest.FixtureRequest, feature: Any, scenario: Any
    ) -> None:
        request.node.stash[_NAMES] = (feature.name, scenario.name)

    def pytest_bdd_step_error(
        self, request: pytest.FixtureRequest, step: Any, exception: Exception, **_: Any
    ) -> None:
        unsupported = isinstance(exception, UnsupportedStepError)
        request.node.stash[_STEP] = {
            "step": f"{step.keyword} {step.name}",
            "message": (
                f"このターゲットでは確かめられません: {exception}"
                if unsupported
                else _message(exception)
            ),
            "kind": "unverified" if unsupported else "failed",
        }

    def pytest_bdd_step_func_lookup_error(
        self, request: pytest.FixtureRequest, step: Any, **_: Any
    ) -> None:
        request.node.stash[_STEP] = {
            "step": f"{step.keyword} {step.name}",
            "message": "このステップはまだ自動化されていません",
            "kind": "unverified",
        }

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Generator[None, Any, None]:
        outcome = yield
        report: pytest.TestReport = outcome.get_result()
        if report.when == "setup" and report.skipped:
            self._record(item, Status.NOT_IMPLEMENTED, None)
        elif report.when == "setup" and report.failed:
            self._record(
                item,
                Status.ERROR,
                {
                    "step": "（準備）",
                    "message": _message(call.excinfo.value if call.excinfo else None),
                },
            )
        elif report.when == "call":
            step = item.stash.get(_STEP, None)
            if report.passed:
                self._record(item, Status.PASSED, None)
            elif step and step["kind"] == "unverified":
                self._record(item, Status.UNVERIFIED, step)
            elif call.excinfo is not None and call.excinfo.errisinstance(AssertionError):
                self._record(item, Status.FAILED, step)
            else:
                self._record(
                    item,
                    Status.ERROR,
                    step
                    or {
                        "step": None,
                        "message": _message(call.excinfo.value if call.excinfo else None),
                    },
                )

    # ------------------------------------------------------------ helpers

    def _record(self, item: pytest.Item, status: Status, step: dict[str, Any] | None) -> None:
        scenario = item.stash.get(_STATE, None)
        feature, name = item.stash.get(_NAMES, (item.nodeid, item.name))
        example = getattr(getattr(item, "callspec", None), "params", {}).get("_pytest_bdd_example")
        if example:
            name = f"{name}［{'・'.join(str(v) for v in example.values())}］"
        self.results.append(
            ScenarioResult(
                feature=feature,
                name=name,
                requirements=sorted(_requirements(item)),
                status=status,
                failed_step=step["step"] if step else None,
                message=step["message"] if step else None,
                expected=list(scenario.expected)
                if scenario and status is not Status.PASSED
                else [],
                evidence=[
                    EvidenceExchange(
                        method=x.method,
                        path=x.path,
                        request=x.request,
                        status=x.status,
                        response=x.response,
                    )
                    for x in (
                        scenario.target.exchanges
                        if scenario and status is not Status.PASSED
                        else []
                    )
                ],
            )
        )


def _requirements(item: pytest.Item) -> set[str]:
    return {m.name for m in item.iter_markers() if REQUIREMENT_ID_PATTERN.match(m.name)}


def _message(error: BaseException | None) -> str:
    if error is None:
        return ""
    text = str(error) or type(error).__name__
    return text if len(text) < 2000 else text[:2000] + "…"
