"""Every act a line performs (a line can do several: "that's booked, see you then"), before one is chosen as the
primary in primary.py."""

from __future__ import annotations

import re

from agent.conversation import entities
from agent.conversation.reading.chat import _is_ack
from agent.conversation.reading.completion import _is_done
from agent.conversation.reading.noise import _garbled
from agent.conversation.reading.options import _has_option, _options_listed
from agent.conversation.reading.wording.done import _DONE
from agent.conversation.reading.wording.forms import _VERBS
from agent.conversation.reading.wording.greeting_goodbye import _GOODBYE, _GREETING, _PLACE_WORDS, _SEE_YOU_THEN
from agent.conversation.reading.wording.hold_transfer_callback import _CALLBACK, _HOLD, _TRANSFER
from agent.conversation.reading.wording.not_done import _CANT_CHANGE, _CONFIRMED_LATER, _GONE, _NOTE_LEFT, _TAKEN_BACK
from agent.conversation.reading.wording.offer import _NOTHING_TO_DO, _OFFER, _OFFER_AFTER_ALL
from agent.conversation.reading.wording.principal import _ASK_PRINCIPAL, _EXTRACTION
from agent.conversation.reading.wording.say_again import _SAY_AGAIN
from agent.conversation.reading.wording.small_talk import _SMALL_TALK
from agent.conversation.reading.wording.unavailable import _FELL_THROUGH, _PAYMENT_TAKEN, _PENDING_STEP, _UNAVAILABLE

# A failure supposed, not stated: "if we cannot get anything off it you don't pay", "if we can't fix it there's no
# charge". Only the supposition's own negated verb is set aside; what is said after it still counts ("if we can't
# get you in Friday, we've nothing else that week").
_IF_NOT = re.compile(r"\b(?:if|unless|in case|even if|and if|but if) (?:we|i|it|they|that|this|he|she|the \w+) "
                     r"(?:really |still |just )?(?:can't|cannot|can not|couldn't|don't|doesn't|won't|isn't|aren't|"
                     r"haven't|hasn't|do not|does not|will not|is not|are not)\b(?: [\w']+){0,4}?"
                     r"(?=,|\.|$| (?:you|we|then|there|it|that|just|no|the)\b)")


def _acts(clean: str, low: str, custom: dict[str, tuple[str, ...]]) -> set[str]:
    found: set[str] = set()
    if _garbled(low):
        found.add("unclear")
    for name, pattern in (("extraction", _EXTRACTION), ("ask_principal", _ASK_PRINCIPAL), ("transfer", _TRANSFER),
                          ("callback", _CALLBACK), ("hold", _HOLD), ("goodbye", _GOODBYE), ("greeting", _GREETING),
                          ("small_talk", _SMALL_TALK)):
        if pattern.search(low):
            found.add(name)
    if _is_done(low) and _TAKEN_BACK.search(low) and (_GONE.search(low) or "hold" not in found):
        found.add("unavailable")  # "that's booked for you, ah no sorry, someone's just grabbed that slot"
    # A note passed on is no completion, but a completion beside it still is ("that's cancelled now, and I've sent
    # a note to the GP").
    if _is_done(_NOTE_LEFT.sub(" ", low)) and not (_CONFIRMED_LATER.search(low) or _TAKEN_BACK.search(low)):
        found.add("done")
        callback = _CALLBACK.search(low)
        if callback and not re.search(r"\b(?:call|ring|phone|bell|buzz|back|touch|contact|reach)\b", callback.group(0)):
            found.discard("callback")  # "you're booked, we'll text you a reminder": a notice, no callback
    offerable = _NOTHING_TO_DO.sub(" ", low)  # "there is nothing I can do on that" offers nothing
    if _OFFER.search(offerable) and (_has_option(low) or re.search(r"\b(how about|what about|instead|waitlist|earliest|"
                                                              r"what (?:i|we) (?:can|could) do|(?:want|like) me to|"
                                                              r"if that's (?:good|ok|okay|alright|all right|any good) "
                                                              r"(?:for|with)|"
                                                              r"(?:could|can) (?:move|switch|put|upgrade|transfer|"
                                                              r"change) (?:you|her|him|them|it) (?:to|onto|over to)|"
                                                              r"next available|if you (?:bring|drop)|"
                                                              r"if (?:she|he|they) (?:can|could)|"
                                                              r"if you (?:can|could) (?:do|come|make|"
                                                              r"manage))\b", offerable)) or _options_listed(low):
        found.add("offer")
    if _OFFER_AFTER_ALL.search(low) and _has_option(low):
        found.add("offer")  # "we cannot deliver today but tomorrow between 10 and 2 is possible"
    if _UNAVAILABLE.search(_IF_NOT.sub(" ", _PAYMENT_TAKEN.sub(" ", _PENDING_STEP.sub(" ", low)))):
        found.add("unavailable")  # "I can't confirm it till the deposit's paid" is a step still to come, not a no
    fell = _FELL_THROUGH.search(low)
    planned_for_us = fell and re.search(r"\b(?:put|pop|squeeze|fit|book|move|slot|get|see|give|do|change|swap|send|"
                                        r"take|have) (?:you|her|him|them|it|that|this)\b", fell.group(0))
    if fell and (found & {"done", "offer"} or planned_for_us):
        # "we were going to move it for you but ...", "we did have a lesson Saturday but ...": what follows the
        # last "but" is what happened; what was planned before it is neither done nor on offer.
        after = re.split(r"\bbut\b", low)[-1]
        if not (_is_done(after) and re.search(r"\b(?:i've|we've|i have|we have|i|we|you're|you are)\b", after)):
            found.discard("done")  # "... but the afternoon's been closed off": done to something else
        if not (_OFFER.search(after) or _options_listed(after)):
            found.discard("offer")
        found.add("unavailable")
    if "done" in found and _CANT_CHANGE.search(low):
        found.discard("done")
        found.add("unavailable")
    if "done" in found and "unavailable" in found and _said_after(_UNAVAILABLE, _DONE, low):
        found.discard("done")  # "we did have one Saturday but he's cancelled his classes so there's nothing now"
    if "goodbye" in found and _SEE_YOU_THEN.search(low) and not _GOODBYE.search(_SEE_YOU_THEN.sub("", low)) and (
            entities.times(clean) or entities.dates(clean)):
        found.discard("goodbye")  # "yes perfect, Friday half past ten for Max, see you then": the details it settles
    if _is_ack(low):
        found.add("ack")
    if _SAY_AGAIN.search(low):
        found.add("say_again")
    if _names_itself(clean):
        found.add("greeting")
    return found


def _said_after(later: re.Pattern[str], earlier: re.Pattern[str], low: str) -> bool:
    """The last match of `later` starts after the end of the last match of `earlier` (both present)."""
    ends = [m.end() for m in earlier.finditer(low)]
    starts = [m.start() for m in later.finditer(low)]
    return bool(ends and starts) and max(starts) >= max(ends)


def _names_itself(clean: str) -> bool:
    """"Elm Tree surgery", "TyreMax Leeds", "yeah Mike the plumber": a short answer of the phone with a name."""
    words = re.findall(r"[\w'&]+", clean)
    if not 1 <= len(words) <= 7 or _VERBS.search(clean.replace("'s ", " ")) and not re.search(r"\bit's \w+\s*$",
                                                                                                clean, re.I):
        return False
    capitals = sum(1 for w in words if w[0].isupper())
    # After "yeah"/"hello" a capital must be a name ("yeah Mike the plumber"): Whisper capitalises the first word,
    # and "Yes, that's right." names no one.
    return bool(_PLACE_WORDS.search(clean)) or capitals >= max(2, len(words) - 1) or bool(
        re.match(r"^(?:hiya|hi|hello|yeah|yes)\b", clean, re.I) and any(w[0].isupper() for w in words[1:])) or bool(
        re.search(r"\bgood (?:morning|afternoon|evening)\W*$", clean, re.I) and capitals >= 2)
