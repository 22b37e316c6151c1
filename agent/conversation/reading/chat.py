"""Lines with no business in them: a remark or an aside (read as small_talk) and a bare acknowledgement (ack)."""

from __future__ import annotations

import re

from agent.conversation import entities
from agent.conversation.reading.wording.small_talk import _ACK_WORDS, _JUDGING


def _remark(low: str) -> bool:
    """Feeling, not information: judging words and nothing the caller could act on (no time, amount, code,
    availability, price or request)."""
    if not _JUDGING.search(low) or entities.money(low) or entities.times(low) or entities.code(low):
        return False
    return not re.search(r"\b(?:open|opens|close|closes|closed|cost|costs|price|prices|charge|fee|available|stock|"
                         r"ready|booked|appointment|slot|table|need|needs|policy|menu|special|deposit|discount|"
                         r"offer|free|can|can't|cannot|will|won't|must|should|only)\b", low)


def _chatty(low: str) -> bool:
    """A remark with no business in it: exclamations and asides, no price, time or availability."""
    if entities.money(low) or re.search(r"\b(?:open|close|closes|opens|costs?|price|charge|fee|available|in stock|"
                                        r"ready|booked|appointment|slot)\b", low):
        return False
    return bool(re.match(r"^(?:oh|ah|ha|aw|ooh|honestly|blimey|gosh|wow|god|bless|lovely|happens)\b", low) or re.search(
        r"\b(?:honestly|isn't it|innit|eh|to be honest|funnily enough|bless (?:her|him)|glorious|crazy|mental|"
        r"bedlam|the worst|love a|ever so|mind you|fingers crossed|run off our feet|mate|man|i'm telling you|"
        r"you wouldn't believe|murder|a zoo|madhouse|ghost town|all hands on deck|slammed|gorgeous name|"
        r"lovely name|nice change|(?:day|week|month|year) gone|can you believe|damn|wind|rain|sunshine|soft day|"
        r"never seen|years i've been|wah|flu season)\b", low))


def _is_ack(low: str) -> bool:
    words = re.findall(r"[\w'-]+", low)
    return 0 < len(words) <= 4 and all(w in _ACK_WORDS for w in words)
