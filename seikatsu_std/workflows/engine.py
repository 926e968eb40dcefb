"""Workflows as data: states, transitions, guards, who may act, and legal deadlines.

A :class:`Workflow` is declared once (see :mod:`seikatsu_std.workflows.lifecycle`)
and drives three things: the services check a transition with
:meth:`Workflow.check` before they change anything; the documentation draws it
with :meth:`Workflow.mermaid`; the tests walk it. Guards are pure functions of
a facts object (no side effects); a transition names the event it emits, which
the services record in the case history and the audit trail.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

import attrs

from seikatsu_std.authority import Action
from seikatsu_std.model.base import LabelledEnum
from seikatsu_std.model.legal import LegalRef

S = TypeVar("S", bound=LabelledEnum)
F = TypeVar("F")


@attrs.frozen
class Guard(Generic[F]):
    """A rule a transition must satisfy, checked on the facts of the request."""

    code: str
    label: str
    rule_ja: str
    rule_en: str
    holds: Callable[[F], bool]
    legal: tuple[LegalRef, ...] = ()


@attrs.frozen
class Violation:
    """Why a transition may not happen: a state that does not allow it, or a failed guard."""

    code: str
    message_ja: str
    message_en: str
    legal: tuple[LegalRef, ...] = ()


@attrs.frozen
class Transition(Generic[S, F]):
    """One step of a workflow: from which states, to which, who may take it, on which rules."""

    name: str
    label: str
    sources: tuple[S, ...]
    target: S
    action: Action
    event: str
    guards: tuple[Guard[F], ...] = ()
    description: str = ""


@attrs.frozen
class Deadline:
    """A legal clock of a workflow: its parameter table and what starts it."""

    name: str
    label: str
    table: str
    starts: str
    legal: tuple[LegalRef, ...]


@attrs.frozen
class Workflow(Generic[S, F]):
    """A state machine of the standard, with its rules."""

    name: str
    label: str
    states: type[S]
    initial: S
    final: frozenset[S]
    transitions: tuple[Transition[S, F], ...]
    deadlines: tuple[Deadline, ...] = ()

    def __attrs_post_init__(self) -> None:
        names = [t.name for t in self.transitions]
        if len(set(names)) != len(names):
            raise ValueError(f"workflow {self.name}: transition names repeat: {names}")
        for transition in self.transitions:
            leaving_final = set(transition.sources) & self.final
            if leaving_final:
                raise ValueError(
                    f"workflow {self.name}: {transition.name} leaves final state(s) "
                    f"{sorted(s.value for s in leaving_final)}"
                )

    def transition(self, name: str) -> Transition[S, F]:
        """The transition called ``name`` (KeyError naming the known ones)."""
        for transition in self.transitions:
            if transition.name == name:
                return transition
        known = ", ".join(t.name for t in self.transitions)
        raise KeyError(f"workflow {self.name} has no transition {name!r} (known: {known})")

    def available(self, state: S) -> list[Transition[S, F]]:
        """The transitions that may start from ``state``."""
        return [t for t in self.transitions if state in t.sources]

    def check(self, name: str, state: S, facts: F) -> list[Violation]:
        """Everything that forbids transition ``name`` from ``state`` with ``facts`` (empty: allowed).

        The state is checked first; guards run only from an allowed state.
        """
        transition = self.transition(name)
        if state not in transition.sources:
            allowed = "・".join(s.label for s in transition.sources)
            return [
                Violation(
                    "state",
                    f"「{state.label}」の{self.label}は「{transition.label}」できません"
                    f"（できるのは {allowed} のとき）",
                    f"{self.name}: {transition.name} is not allowed from {state.value}",
                )
            ]
        return [
            Violation(guard.code, guard.rule_ja, guard.rule_en, guard.legal)
            for guard in transition.guards
            if not guard.holds(facts)
        ]

    def reachable(self) -> set[S]:
        """The states reachable from the initial state."""
        seen = {self.initial}
        frontier = [self.initial]
        while frontier:
            state = frontier.pop()
            for transition in self.available(state):
                if transition.target not in seen:
                    seen.add(transition.target)
                    frontier.append(transition.target)
        return seen

    def mermaid(self) -> str:
        """A Mermaid state diagram: each transition with what it needs (its guards)."""
        lines = ["stateDiagram-v2", f"    [*] --> {self.initial.value}"]
        for state in self.states:
            lines.append(f"    {state.value} : {state.label}")
        for transition in self.transitions:
            note = transition.label
            if transition.guards:
                note += "（" + "・".join(g.label for g in transition.guards) + "）"
            for source in transition.sources:
                lines.append(f"    {source.value} --> {transition.target.value} : {note}")
        for state in sorted(self.final, key=lambda s: s.value):
            lines.append(f"    {state.value} --> [*]")
        return "\n".join(lines)


def violations_text(violations: Sequence[Violation]) -> tuple[str, str]:
    """All violations as one Japanese and one English sentence."""
    return (
        "。".join(v.message_ja for v in violations),
        "; ".join(v.message_en for v in violations),
    )
