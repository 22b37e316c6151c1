"""The primary act of a line: the one the caller must answer, chosen among the acts found by the precedence the
corpus's labels follow, with the fact it asks for."""

from __future__ import annotations

import re

from agent.conversation import entities
from agent.conversation.reading.asked import _asked
from agent.conversation.reading.chat import _chatty, _remark
from agent.conversation.reading.completion import _is_done
from agent.conversation.reading.facts import _confirmed_fact, _fact_cue, _fact_request, _mentions_detail
from agent.conversation.reading.transcript import clauses
from agent.conversation.reading.wording.forms import _VERBS, _WH_OPEN
from agent.conversation.reading.wording.greeting_goodbye import _GOODBYE, _INVITES, _SIGNS_OFF
from agent.conversation.reading.wording.hold_transfer_callback import (
    _CALLBACK,
    _GOES_TO_LOOK,
    _HOLD,
    _HOLD_OPENING,
    _LEAVES_THE_LINE,
    _TRANSFER,
)
from agent.conversation.reading.wording.not_done import _TAKEN_BACK
from agent.conversation.reading.wording.principal import _ASK_PRINCIPAL
from agent.conversation.reading.wording.questions import _CONFIRM_TAG, _RESTATES, _TAG_THEN_MORE
from agent.conversation.reading.wording.small_talk import _SMALL_TALK

# Acts that say more than an invitation to talk or a request to say it again: what they say is answered instead.
_SAYS_MORE = frozenset({"done", "offer", "unavailable", "ask_principal", "extraction"})
# "we'll see you then": a farewell when nothing else in the line completes anything.
_SEE_YOU = re.compile(r"\b(?:we'll|we will|i'll|i will) see (?:you|her|him|them|ye|ya)\b(?: then| there| soon)?")
# A call that only announces the visit booked ("... I'll ring when I'm on my way"): the booking is what was said.
_HEADS_UP = re.compile(r"\b(?:on (?:my|his|her|their|the) way|before (?:he|she|they|i|we) (?:gets?|sets?|leaves?|"
                       r"heads?|shows?|arrives?|comes?)|sets? off|(?:a )?reminder)\b")


def _primary(clean: str, low: str, found: set[str], custom: dict[str, tuple[str, ...]]) -> tuple[str, str]:
    """The act the caller must answer, by the precedence the corpus's labels follow."""
    if "unclear" in found:
        return "unclear", ""
    if "extraction" in found:
        return "extraction", ""
    if "ask_principal" in found:
        transfers = [m.start() for m in _TRANSFER.finditer(low)] if "transfer" in found else []
        if transfers and all(m.end() <= transfers[-1] for m in _ASK_PRINCIPAL.finditer(low)):
            return "transfer", ""  # "for refunds you'd need to speak to the retailer, I'll transfer you now"
        return "ask_principal", ""
    if "unavailable" in found and _TAKEN_BACK.search(low) and _is_done(low):
        return "unavailable", ""  # "so you're booked for four, oh wait no, hang on, someone's just taken it"
    if "greeting" in found and re.search(r"\b(?:how (?:can|may|could)|can|may) (?:i|we) help(?: you)?"
                                         r"(?: today| this \w+)?\W*$",
                                         low):
        return "greeting", ""  # "you're through to Locked In escape rooms, how can I help": a name, not a completion
    if _INVITES.search(low) and not found & _SAYS_MORE:
        return "greeting", ""  # "sorry, what can I do for you?", "what did you need?": our request is the answer
    if "say_again" in found and not found & _SAYS_MORE and not any(
            _fact_request(part, custom) or _fact_cue(part, custom) for part in clauses(low)):
        return "say_again", ""  # "sorry, what was that?", "I didn't catch that": they did not hear us
    if "hold" in found and _HOLD_OPENING.match(clean) and _GOES_TO_LOOK.search(low):
        return "hold", ""  # "one sec, I'll just see if Mike's got space in his class": they go and look
    if "greeting" in found and re.fullmatch(r"(?:hello|hi|hiya|hey|yo|good (?:morning|afternoon|evening))[,!.]?"
                                            r"(?:,? [a-z0-9][\w'&-]*){1,4}[.!]?", low) and not re.search(
            r"\b(?:your|her|his|the|a|an|and|please|what|which|number|name)\b", low):
        return "greeting", ""  # "hello Vexa Mobile": the business names itself, whatever its name contains
    parts = clauses(low)
    last = parts[-1] if parts else low
    if re.match(r"^(?:(?:and|okay|ok|right)[,]?\s+)?so\b", low) and not _VERBS.search(low) and " or " not in low \
            and (entities.times(low) or entities.dates(low) or re.search(r"\d|\b(?:one|two|three|four|five|six|seven|"
                                                                        r"eight|nine|ten|hundred)\b", low)):
        return "ask_confirm", _confirmed_fact(low, custom)  # "so ten till four on saturday, six of you": read back
    if "greeting" in found and re.search(r"(?:^|[,.!]\s*|\byes\s+|\bhaan\s+)(?:please\s+)?(?:tell me|go ahead|go on)\s*"
                                         r"(?:please\s*)?[.!]?$", low):
        return "greeting", ""  # "hello Mobile Care Indiranagar, tell me": an invitation to speak, asking for nothing
    if "callback" in found and _CALLBACK.search(last) and not ("done" in found and _HEADS_UP.search(last)):
        return "callback", ""  # "... so I'll phone you back after lunch": what they will do ends the line
    if "offer" in found and re.search(r"\b(?:is that|is it|would that be|that) (?:ok|okay|alright|all right|"
                                      r"any good)\W*$", low):
        return "offer", ""  # "... so it would be the half eleven, is that okay": their slot, put to us
    if _CONFIRM_TAG.search(low) and _mentions_detail(low) and not _WH_OPEN.match(last) and " or " not in low \
            and "done" not in found and not _fact_request(last, custom) and not _remark(low):
        return "ask_confirm", _confirmed_fact(low, custom)  # "that's two adults, one child and a dog. yeah"
    if _RESTATES.match(low) and (_CONFIRM_TAG.search(low) or _TAG_THEN_MORE.search(low)) and " or " not in low \
            and not found & {"done", "offer", "unavailable", "small_talk"} and not _chatty(low) \
            and not _remark(low) and not _fact_request(last, custom):
        # "that's the lisinopril right, the ten milligram", "she's had a patch test with us before yeah": what we
        # said, or what they have on file, said back to be confirmed
        return "ask_confirm", _confirmed_fact(low, custom)
    if "goodbye" in found and _SIGNS_OFF.search(last) and not _fact_request(last, custom) and (
            "done" not in found or not _is_done(_SEE_YOU.sub("", low))):
        # (a "we'll see her then, bye" is a farewell, not a completion: what else is said decides)
        return "goodbye", ""  # "thank you for calling Northline Rail, have a nice day": a farewell, not a remark
    for clause in reversed(parts[-2:]):
        asked = _asked(clause, custom, found, first=clause == parts[0])
        if asked is not None and asked[0] == "ask_fact" and "done" in found and re.search(
                r"\b(?:stays?|remains?|(?:is|are) still|(?:is|are|will be) the same|hasn't changed|won't change|"
                r"doesn't change|unchanged)\b", clause):
            asked = None  # "... and your confirmation number stays the same": told, not asked
        if asked is not None:
            if asked[1] in ("", "other") and asked[0] in ("question", "ask_fact"):
                # "can you hold for one moment", "have a good one", "how's your day going": not a request
                for act, pattern in (("hold", _HOLD), ("callback", _CALLBACK), ("transfer", _TRANSFER),
                                     ("goodbye", _GOODBYE), ("small_talk", _SMALL_TALK)):
                    if act in found and pattern.search(clause):
                        return act, ""
            if asked[1] == "name" and re.search(r"\bspell\b", clause) and not re.search(r"\bname\b", clause):
                # "could you spell that for me": the fact is the one just asked for
                earlier = [_fact_cue(c, custom) for c in parts[:-1]]
                return asked[0], next((f for f in reversed(earlier) if f), "name")
            return asked
        if clause is last:
            if "hold" in found and _LEAVES_THE_LINE.fullmatch(clause):
                return "hold", ""  # "sure, what time? oh, hold on one second, please": they go; we wait for them
            if "done" in found and (re.search(r"\bsee you\b|\bbye\b|\bthanks\b|\bthank you\b", last)
                                    or entities.code(last)):
                break  # "you're booked in ... see you then!" / "... confirmation number is L264": a closing
                # or the code ends it, not an earlier half-question
            continue
        if not re.search(r"\b(?:please|thanks|thank you)\b", last) and len(last.split()) > 3:
            break
    if "callback" in found:
        return "callback", ""
    if "transfer" in found:
        return "transfer", ""
    if "hold" in found and not ("done" in found and re.search(r"\bheld\b", low)):
        return "hold", ""
    for act in ("done", "offer", "unavailable", "goodbye", "greeting"):
        if act in found:
            return act, ""
    if "ack" in found:
        return "ack", ""
    if "small_talk" in found or _chatty(low) or _remark(low):
        return "small_talk", ""
    return "inform", ""
