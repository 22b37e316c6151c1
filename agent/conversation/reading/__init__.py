"""Reading a turn: what the business's words do (dialogue acts), with negation, conditions and question scope.

Pure: `read(text)` -> Reading. Explicit rules, tuned on tests/data/dialogue/dev.jsonl and reported on
test.jsonl by `make bench-dialogue`. Whisper's text has no reliable "?" and runs clauses together, so a
question is known by its form (an auxiliary or wh-word opening a clause, a tag like "right"), not its mark.

The package, in the order a turn goes through it:
    transcript  Whisper's text made ready to read (normalise), and split into clauses
    acts        every act the line performs (noise: garbled lines; completion: a completion stated;
                options: something put to the caller; chat: remarks and acknowledgements)
    primary     the act the caller must answer (asked: what one clause asks; facts: which fact)
    turn        read() and the Reading it returns
    wording/    the wordings of the acts, one pattern per act, every way of saying it in one place
"""

from __future__ import annotations

from agent.conversation.reading.facts import FACT_CUES
from agent.conversation.reading.noise import stutters_in
from agent.conversation.reading.transcript import clauses, normalise
from agent.conversation.reading.turn import ACTS, Reading, read
from agent.conversation.reading.wording.hold_transfer_callback import _CALL_US_BACK

__all__ = ["ACTS", "FACT_CUES", "Reading", "_CALL_US_BACK", "clauses", "normalise", "read", "stutters_in"]
