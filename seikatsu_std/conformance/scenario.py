"""What a scenario carries between its steps, and the evidence it leaves."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from seikatsu_std.conformance.targets import Reply, Target


@dataclass
class ScenarioState:
    """The state of one running scenario."""

    target: Target
    reply: Reply | None = None
    values: dict[str, Any] = field(default_factory=dict)
    expected: list[str] = field(default_factory=list)
    #: What to undo when the scenario ends, newest first (settings a scenario changed on a
    #: target whose data outlives the scenario).
    cleanups: list[Callable[[], object]] = field(default_factory=list)

    def last(self) -> Reply:
        """The target's last reply (a step must have asked something first)."""
        if self.reply is None:
            raise AssertionError("no request was made before this step")
        return self.reply

    def undo_later(self, undo: Callable[[], object]) -> None:
        """Run ``undo`` when the scenario ends, whether it passed or not."""
        self.cleanups.append(undo)

    def expect(self, description: str) -> None:
        """Note what the current check expects (shown in the report if it fails)."""
        self.expected.append(description)
