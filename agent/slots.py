"""Reading a turn: which authorized fact a question asks for, and details (codes, times) said by the other party."""

from __future__ import annotations

import re

# Which words in a question point at which fact; order matters (first match wins per fact).
SLOT_CUES: dict[str, tuple[str, ...]] = {
    "party_size": ("how many", "party size", "size of your party", "number of people", "number of guests",
                   "how big", "people", "guests", "persons"),
    "time": ("what time", "which time", "time", "when would", "when do", "when will", "what hour"),
    "date": ("what day", "which day", "what date", "which date", "date", "day"),
    "name": ("your name", "the name", "name", "under whose", "who is the reservation", "who's the reservation",
             "whom"),
    "phone": ("phone", "number to reach", "contact number", "callback number", "reach you"),
    "email": ("email", "e-mail"),
}
_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12,
}
_CONFIRM = re.compile(r"\b(confirm(ed)?|booked|reserved|all set|you're set|you are set|see you)\b", re.I)
_CODE = re.compile(
    r"\b(?:booking|book in|booked|confirmation|reservation|reference)\s+(?:code|number)\s*(?:is|in|:)?\s*"
    r"((?:[A-Za-z]*\d[A-Za-z\d]*|[A-Za-z]\b)(?:(?:[\s,-]|\.(?=\S))+(?:[A-Za-z]*\d[A-Za-z\d]*|[A-Za-z]\b)){0,11})",
    re.I,
)
_GOODBYE = re.compile(r"\b(good ?bye|bye|have a (good|nice|great) (day|night|evening))\b", re.I)
# A clause that opens with a question word, after any fillers ("and how many people" has no "?" in Whisper).
_QUESTION_START = re.compile(
    r"(?:^|[,.!;]\s*)(?:(?:and|so|ok|okay|great|sure|alright|perfect|also|then|now|right)[,]?\s+)*"
    r"(what|which|when|where|who|whose|how|can|could|would|will|do|does|did|is|are|may|shall|should)\b",
    re.I,
)
# Whisper often drops the "?" and runs clauses together ("thanks for waiting for what time").
_WH_ANYWHERE = re.compile(r"\b(what|which|how many|how much|how long|whose)\b", re.I)
_HOLD = re.compile(r"\b(hold on|one moment|just a (moment|second|sec)|bear with me|let me (check|see))\b", re.I)


def derive_facts(goal: str) -> dict[str, str]:
    """Facts implied by the goal's own words (party size, time, date), which the principal wrote."""
    found: dict[str, str] = {}
    size = re.search(r"\bfor (\d{1,2}|" + "|".join(_WORD_NUMBERS) + r")\b(?! ?(?:am|pm|a\.m|p\.m|:))", goal, re.I)
    if size:
        found["party_size"] = size.group(1)
    time = re.search(r"\b(?:at|around) (\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?|noon|midnight)", goal, re.I)
    if time:
        found["time"] = time.group(1).strip()
    date = re.search(
        r"\b(today|tonight|tomorrow|(?:on |this |next )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
        r"|(?:on )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{1,2}(?:st|nd|rd|th)?)\b",
        goal,
        re.I,
    )
    if date:
        found["date"] = date.group(1)
    return found


def asked_slots(text: str) -> list[str]:
    """Facts a turn asks for, in the order asked; empty when it asks for none we know of."""
    lowered = text.lower()
    hits: list[tuple[int, str]] = []
    for slot, cues in SLOT_CUES.items():
        positions = [lowered.find(cue) for cue in cues if _has_word(lowered, cue)]
        if positions:
            hits.append((min(positions), slot))
    return [slot for _, slot in sorted(hits)]


def _has_word(text: str, cue: str) -> bool:
    return re.search(r"\b" + re.escape(cue) + r"\b", text) is not None


def is_question(text: str) -> bool:
    """A turn that expects an answer."""
    stripped = text.strip()
    return stripped.endswith("?") or bool(_QUESTION_START.search(stripped) or _WH_ANYWHERE.search(stripped))


_REQUEST = re.compile(
    r"\b(please|i('ll| will)? need|can i (get|have)|could i (get|have)|may i (have|get)|give me|tell me)\b", re.I
)


def is_request(text: str) -> bool:
    """A turn that asks for something without a question form ("the name, please"; "and your name")."""
    return bool(_REQUEST.search(text)) or len(text.split()) <= 5


def booking_code(text: str) -> str | None:
    """The code in "your booking code is 4 7 1 9", normalised ("4719")."""
    match = _CODE.search(text)
    if not match:
        return None
    code = re.sub(r"[\s,.-]", "", match.group(1)).upper()
    return code if len(code) >= 2 else None


def is_confirmation(text: str) -> bool:
    """The other party says the booking is done."""
    return bool(_CONFIRM.search(text)) or booking_code(text) is not None


def is_goodbye(text: str) -> bool:
    """The other party is closing the call."""
    return bool(_GOODBYE.search(text))


def is_hold_request(text: str) -> bool:
    """The other party asks us to wait on the line."""
    return bool(_HOLD.search(text))


def without_code(text: str) -> str:
    """The text with any booking code removed (its digits are not an offer)."""
    return _CODE.sub(" ", text)


def numbers_in(text: str) -> set[int]:
    """Whole numbers mentioned, digits or words ("four" -> 4)."""
    values = {int(n) for n in re.findall(r"\b\d{1,4}\b", text)}
    values |= {v for w, v in _WORD_NUMBERS.items() if re.search(rf"\b{w}\b", text, re.I)}
    return values


def answer_for(slot: str, value: str) -> str:
    """How a fact is said as an answer."""
    templates = {
        "party_size": "For {v} people.",
        "time": "At {v}.",
        "date": "{v}.",
        "name": "The name is {v}.",
        "phone": "The number is {v}.",
        "email": "The email is {v}.",
    }
    sentence = templates.get(slot, "{v}.").format(v=value)
    return sentence[0].upper() + sentence[1:]
