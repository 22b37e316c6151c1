"""The wordings of a request to say again what we said: they did not hear or catch us ("sorry, what was that?")."""

from __future__ import annotations

from agent.conversation.reading.wording import _alternatives

_SAY_AGAIN = _alternatives(
    # The whole line is a bare "sorry?", "pardon?", "what?", "come again?" ("huh" is not here: the transcript's
    # "uh huh" is an acknowledgement, and its "uh" is dropped as a filler).
    r"^(?:(?:i'm |oh )?sorry|pardon(?: me)?|excuse me|what|come again|say again)\W*$",
    # "what was that", "what did you say", "say that again", "could you repeat that", "come again".
    r"\b(?:what was that|what did you (?:just )?say|say (?:that|it) again|come again|one more time)\b|"
    r"\b(?:can|could|would|will) you (?:please |just )?repeat\b|\brepeat (?:that|it)(?: again| please| for me)*\W*$",
    # They did not catch or hear us: "I didn't catch that", "I couldn't hear you", "you're breaking up" ("get"
    # only as "didn't get that": "we can't get it" is about stock).
    r"\b(?:didn't|did not|couldn't|could not|can't|cannot) (?:quite |really )?(?:catch|hear|make out|understand) "
    r"(?:that|it|you|what you said|what you're saying|a word)\b|\b(?:didn't|did not) (?:quite )?get (?:that|what "
    r"you said)\W*$|\bmissed (?:that|what you said)\b|\byou(?:'re| are) breaking up\b|\byou cut out\b",
)
