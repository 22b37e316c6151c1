"""Whether a line states our request done: a completion wording (wording/done.py) not under negation, condition or
question."""

from __future__ import annotations

import re

from agent.conversation.reading.transcript import clauses
from agent.conversation.reading.wording.done import _DONE, _OWN_EXPERIENCE
from agent.conversation.reading.wording.forms import _AUX, _QUESTION_OPEN
from agent.conversation.reading.wording.not_done import _DONE_AFTER_BLOCK, _DONE_BLOCK, _FOR_LATER_USE, _STANDING


def _is_done(low: str) -> bool:
    """A completion statement about the request, not under negation, condition or question."""
    for clause in clauses(low):
        if _STANDING.search(clause):
            continue  # how the business runs ("gratuities are added automatically"), not our request
        for m in _DONE.finditer(clause):
            before = clause[: m.start()]
            window = re.sub(r"\b(?:no (?:worries|problem|problems|bother|trouble|dramas|drama|stress|probs|prob|wahala|"
                            r"sweat|biggie|wahala o)|"
                            r"not a problem|\bcan (?:confirm|see|tell you)(?: that)?)\b", "",
                            " ".join(before.split()[-3:]))  # "no worries, moved you to Friday" negates nothing
            if _DONE_BLOCK.search(window) or _DONE_BLOCK.search(m.group(0)):
                continue
            if _conditional(before):
                continue  # "if you pay the deposit today you're booked": a condition, however far back it opened
            if re.match(r"(?:that|which)\b", m.group(0)) and re.search(
                    r"\b(?:number|address|email|details|phone|card|account|name|one)s?\s*$", before):
                continue  # "the mobile number that is registered on the account": a detail described, not a change
            if m.group(0).endswith("booked") and re.match(r"\s+(?:out|up|solid)\b", clause[m.end() :]):
                continue  # "the whole place is booked out": full, the opposite of a booking made
            after = _FOR_LATER_USE.sub(" ", clause[m.end() : m.end() + 60])
            if _DONE_AFTER_BLOCK.search(after):
                continue
            if re.match(r"(?:i|we)\b", m.group(0)) and re.search(
                    r"\b(?:shall|should|can|could|may|might|will|would|want me to|like me to|let)\s*$", before):
                continue  # "... shall I set that up": a question or an offer, however Whisper ran it on
            if re.fullmatch(r"(?:i've|we've|i have|we have|i|we)\s+done", m.group(0)) and (not re.match(
                    r"\s+(?:that|it|this|the|your|her|his)\b", clause[m.end() :]) or re.match(
                    rf"\s+(?:that|it|this){_OWN_EXPERIENCE}", clause[m.end() :])):
                continue  # "we've done like ninety shots", "I've done it four times": their own doing, not our request
            if _QUESTION_OPEN.match(clause) or re.match(rf"^(?:\w+\s+){{0,2}}{_AUX}\s+(?:i|we|you|it|that)\s+"
                                                         rf"(?:already\s+)?(?:booked|confirmed|reserved|"
                                                         rf"cancelled|done)\b", clause):
                continue
            if re.search(r"\b(?:or|whether)\b", clause[m.end() : m.end() + 40]) and _QUESTION_OPEN.match(clause):
                continue
            return True
    return False


def _conditional(before: str) -> bool:
    """The words before a completion open a condition it depends on ("if you pay the deposit today, ...", "once the
    form's back ..."), not a use for later ("if you need to change it, ...", "if there's anything else, ...")."""
    opened = [m.start() for m in re.finditer(r"\b(?:if|unless|once|provided|providing|as soon as|assuming)\b", before)]
    if not opened:
        return False
    condition = before[opened[-1] :]  # the latest condition opened before the completion
    return not (_FOR_LATER_USE.search(condition) or re.match(
        r"(?:if|once) (?:you|she|he|they) (?:ever |do )?(?:need|want|have|has|get|are|is|'re|'s) (?:any|anything|to "
        r"(?:change|cancel|move|get in touch|call|ring|reach)|questions|problems|trouble|stuck|running late|late)\b|"
        r"if (?:there's|there is) anything\b|if that's (?:everything|all)\b", condition))
