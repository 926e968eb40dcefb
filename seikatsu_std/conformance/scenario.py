"""What a scenario carries between its steps, and the evidence it leaves."""

from __future__ import annotations

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

    def last(self) -> Reply:
        """The target's last reply (a step must have asked something first)."""
        if self.reply is None:
            raise AssertionError("no request was made before this step")
        return self.reply

    def expect(self, description: str) -> None:
        """Note what the current check expects (shown in the report if it fails)."""
        self.expected.append(description)
