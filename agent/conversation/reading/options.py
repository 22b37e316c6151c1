"""Whether a line puts something to the caller to choose: a concrete option, or options listed."""

from __future__ import annotations

import re

from agent.conversation import entities
from agent.conversation.reading.wording.unavailable import _UNAVAILABLE


def _options_listed(low: str) -> bool:
    """"Dr Patel has a 9:40 or a 10:20", "not Friday but Monday there's a 2:15": options put to the caller."""
    if re.search(r"\bbut\s+(?:[\w' ]+ )?(?:could|can|there's|there is|there are|i've got|we've got|i have|we have|"
                 r"i got|we got|i do have|we do have|how's|how about|what about|has space|have space|has room|i've a|"
                 r"we've a|"
                 r"has rooms|has availability|have availability)\b",
                 low) and _UNAVAILABLE.search(low.split(" but ")[0]):
        return True  # a refusal, then what can be done instead
    if re.search(r"\b(?:waiting list|waitlist|on a list)\b", low) and not re.search(
            r"\bno (?:waiting list|waitlist)\b", low) and re.search(r"\b(?:want|like|could|can|pop|put)\b", low):
        return True
    if re.search(r"\b(?:i|we) (?:can|could) \w+ [\w' ]+ or (?:i|we |she |he |you |they )?(?:can |could )?(?:give|send|"
                 r"put|keep|refund|move|do|offer|book|order|hold|swap|change|pick|collect)\b", low):
        return True  # "I can refund it to the card or give her a voucher": two things they can do, ours to pick
    have = re.search(r"\b(?:has|have|'ve got|got|there's|there is|there are|can do|could do|can come|could come|"
                     r"slots? (?:[\w ]+ )?(?:are|is)|dates? (?:[\w ]+ )?(?:are|is)|"
                     r"can offer|could offer|(?:i|we|she|he) could \w+|(?:i|we) can \w+ (?:you|her|him))\b", low)
    if not have:
        return False
    tail = low[have.start() :]
    options = len(entities.times(tail)) + len(entities.dates(tail))
    return options >= 2 or (options >= 1 and bool(re.search(r"\b(?:but|or|instead)\b", low))) or bool(
        re.search(r"\b(?:i|we|she|he) could \w+", tail) and re.search(r"\b(?:but|or|instead)\b", low))


def _has_option(low: str) -> bool:
    """Something concrete offered: a time, a day, a slot word."""
    return bool(entities.times(low) or entities.dates(low) or re.search(
        r"\b(slot|seat|seats|table|room|appointment|space|availability|one|opening|cancellation|morning|afternoon|"
        r"evening|weekend|week|month|months|plan|counter|bar|terrace|showing|flight|option|time|later|earlier|date|"
        r"day|monday|"
        r"tuesday|wednesday|thursday|friday|saturday|sunday|o'clock|am|pm|a\.m|p\.m|\d)\b", low) or re.search(
        r"\b(?:would|does|will|could) (?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|half \w+|quarter "
        r"\w+)(?: [\w']+){0,2} (?:work|suit|do)\b", low))  # "would three work": an hour said as a bare number
