"""What a transcript says about who is talking: a hold announcement, a voicemail greeting, a menu, a person.

These cues back up the acoustic classifier where STT runs: a recorded announcement and a person
can sound alike for a second, but "your call is important to us" is never a person picking up.
"""

from __future__ import annotations

import re
from typing import Literal

Cue = Literal["hold", "voicemail", "menu", "greeting"]

_PATTERNS: dict[Cue, tuple[str, ...]] = {
    "hold": (
        r"stay on the line",
        r"remain on the line",
        r"call is important",
        r"calls? (?:will be|are) answered in the order",
        r"(?:estimated|expected|approximate) (?:wait|hold)",
        r"wait(?:ing)? time is",
        r"all (?:of )?our (?:agents|representatives|operators|staff)",
        r"next available",
        r"please continue to hold",
        r"experiencing (?:high|higher|heavy) call volume",
        r"you are (?:caller )?(?:number|next)",
        r"calls? (?:ahead|waiting)",
    ),
    "voicemail": (
        r"leave (?:a|your) (?:message|name)",
        r"after the (?:tone|beep)",
        r"(?:not|isn't|is not) available",
        r"can'?t (?:take|come to|get to) (?:your|the) (?:call|phone)",
        r"unable to (?:take|answer)",
        r"voice ?mail",
        r"mailbox",
        r"record your message",
        r"you(?:'ve| have) reached",
    ),
    "menu": (
        r"\bpress\b",
        r"\bdial\b \w+ (?:for|to)",
        r"(?:say|enter) (?:your|the)",
        r"menu options",
        r"for [\w ]{2,30}, (?:press|say)",
    ),
    "greeting": (
        r"how (?:can|may) i (?:help|assist)",
        r"what can i do for you",
        r"\bspeaking\b",
        r"(?:this is|my name is|you're speaking (?:to|with)) [a-z]+",
        r"^(?:hello|hi|hey|yes|yeah)\b[?.!,]*$",
        r"^(?:hello|hi|hey|good (?:morning|afternoon|evening))\b",
        r"you(?:'re| are) (?:through|speaking) to",
        r"sorry (?:about|for) the (?:wait|hold)",
        r"are you (?:still )?there",
    ),
}
_COMPILED = {cue: [re.compile(p, re.I) for p in pats] for cue, pats in _PATTERNS.items()}
# Where two cues match, wording people do not say (hold, voicemail, menu phrases) wins over a
# greeting. "Thank you for holding" is left out of the hold cues: agents say it too.
_PRIORITY: tuple[Cue, ...] = ("voicemail", "hold", "menu", "greeting")


def cues_in(text: str) -> set[Cue]:
    """Every cue the text matches."""
    cleaned = " ".join(text.strip().split())
    return {cue for cue, patterns in _COMPILED.items() if any(p.search(cleaned) for p in patterns)}


def main_cue(text: str) -> Cue | None:
    """The cue that decides who is talking, by priority; None when the text says nothing."""
    found = cues_in(text)
    return next((cue for cue in _PRIORITY if cue in found), None)
