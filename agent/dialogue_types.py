"""The dialogue's answer to one turn, as plain values shared by the controller and the backends."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType


@dataclass(frozen=True)
class Action:
    """What to do next: say something, ask the principal, and/or end the call."""

    say: str = ""  # words for the other party ("" = stay silent)
    ask_principal: str = ""  # question to relay to the principal ("" = none)
    hang_up: bool = False  # hang up once `say` has been played
    hold: bool = False  # they asked us to hold on: keep the line, however long the silence
    outcome: str = ""  # set when the goal is reached or abandoned, e.g. "confirmed"
    details: MappingProxyType[str, str] = field(default_factory=lambda: MappingProxyType({}))
