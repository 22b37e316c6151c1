"""The dialogue's answer to one turn, as plain values shared by the controller and the backends."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType


@dataclass(frozen=True)
class Action:
    """What to do next: say something, ask the principal, and/or end the call."""

    say: str = ""  # words for the other party ("" = stay silent)
    keys: str = ""  # DTMF digits to send ("" = none); passed by the guard like words
    ask_principal: str = ""  # question to relay to the principal ("" = none)
    hang_up: bool = False  # hang up once `say` has been played
    hold: bool = False  # they asked us to hold on: keep the line, however long the silence
    settles_principal: bool = False  # the question put to the principal needs no answer any more
    retract: bool = False  # the outcome set earlier does not stand (they corrected our read-back)
    outcome: str = ""  # set when the goal is reached or abandoned, e.g. "booked"
    reason: str = ""  # why the call ends, in words, when the action ends it (a menu given up on)
    note: str = ""  # a line for the call's report ("pressed 2 for 'changes to a reservation'")
    details: MappingProxyType[str, str] = field(default_factory=lambda: MappingProxyType({}))
