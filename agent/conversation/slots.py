"""Details implied by the goal's own words, and how the agent says a fact or its request."""

from __future__ import annotations

import re

_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12,
}
_IMPERATIVES = ("book", "make", "get", "schedule", "change", "cancel", "ask", "reserve", "move", "order",
                "find", "check", "confirm", "request", "arrange", "set up", "see if", "reschedule")
# How a well-known fact is said as an answer; a custom fact is said as "<its label> is <value>".
ANSWERS = {
    "party_size": "For {v} people.",
    "time": "At {v}.",
    "date": "{v}.",
    "name": "The name is {v}.",
    "phone": "The number is {v}.",
    "email": "The email is {v}.",
    "date_of_birth": "The date of birth is {v}.",
    "address": "The address is {v}.",
    "postcode": "The postcode is {v}.",
    "account_number": "The account number is {v}.",
    "booking_reference": "The booking reference is {v}.",
    "member_id": "The member number is {v}.",
    "insurance_number": "The insurance number is {v}.",
    "vehicle_reg": "The registration is {v}.",
}


_GOAL_DATE = re.compile(
    r"\b(today|tonight|tomorrow|(?:on |this |next )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|(?:on )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{1,2}(?:st|nd|rd|th)?"
    r"|(?:on )?(?:the )?\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\b",
    re.I,
)
_GOAL_TIME = re.compile(r"\b(?:at|around) (\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?|noon|midnight)", re.I)
# "Saturday's 7:30 pm performance", "(8 am drop-off)": a clock time with am/pm, unless it bounds a window
_GOAL_CLOCK = re.compile(r"(?<![-\w])(?<!between )(?<!and )(?<!to )(?<!from )(?<!after )(?<!before )(?<!until )"
                         r"(?<!till )(?<!by )(\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.))(?!\s*(?:-|to|and|until)\b)",
                         re.I)
_CHANGE = re.compile(r"^\s*(?:please )?(?:change|move|reschedule|rebook|switch|shift|push|bring)\b", re.I)


def derive_facts(goal: str) -> dict[str, str]:
    """Facts implied by the goal's own words (party size, time, date), which the principal wrote. For a change
    ("move it from Tuesday to Thursday", "... on 3 May to the same flight on 5 May") the day and time are the
    ones it moves to; a time it moves away from ("my 9 am flight") is none."""
    found: dict[str, str] = {}
    size = re.search(r"\bfor (\d{1,2}|" + "|".join(_WORD_NUMBERS) + r")\b(?! ?(?:am|pm|a\.m|p\.m|:))", goal, re.I)
    if size:
        found["party_size"] = size.group(1)
    text, change = goal, bool(_CHANGE.match(goal))
    if change:
        for to in reversed(list(re.finditer(r"\bto\b", goal, re.I))):
            if _GOAL_DATE.search(goal[to.end():]) or _GOAL_CLOCK.search(goal[to.end():]):
                text = goal[to.end():]
                break
    time = _GOAL_TIME.search(text) or _GOAL_CLOCK.search(text)
    if time and (text is not goal or not change):
        found["time"] = time.group(1).strip()
    date = _GOAL_DATE.search(text)
    if not date and text is not goal and len(_GOAL_DATE.findall(goal)) == 1:
        date = _GOAL_DATE.search(goal)  # "change my table tonight from 7 pm to 8 pm": the day is shared
    if date:
        found["date"] = date.group(1)
    return found


def request(goal: str) -> str:
    """The goal as something we would like ("I'd like to book a table ..."), or as the principal wrote it."""
    goal = goal.strip().rstrip(".!")
    lowered = goal[0].lower() + goal[1:]
    return f"I'd like to {lowered}" if lowered.startswith(_IMPERATIVES) else goal


def answer_for(slot: str, value: str) -> str:
    """How a fact is said as an answer."""
    if slot == "date" and not re.match(r"^(?:on|this|next|today|tonight|tomorrow)\b", value, re.I):
        return f"On {value}."  # "Saturday." alone, one word on a phone line, is the easiest to mishear
    template = ANSWERS.get(slot, slot.replace("_", " ").capitalize() + " is {v}.")
    sentence = template.format(v=value)
    return sentence[0].upper() + sentence[1:]
