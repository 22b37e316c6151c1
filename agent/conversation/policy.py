"""The policy: a pure function of the task, the conversation so far and the reading of the latest turn.

`decide(task, convo, reading)` and `on_principal(task, convo, reply)` return (Move, Conversation). Nothing
here does I/O; the dialogue wraps it, and the guard checks every Move before it is spoken or keyed.
A success is only ever a completion statement by the business (reading.act == "done", or "done" among
its acts with nothing negated); everything else keeps the call going or asks the principal.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from agent.conversation import entities, slots
from agent.conversation.entities import Time
from agent.conversation.reading import Reading
from agent.conversation.task import Task

HOLD_FOR_PRINCIPAL = "Could you hold on a moment? I need to check that."
PRICE_CHECK_LINE = "Thank you. Could you hold on a moment? I just need to check that price."
CANCEL_ASK_LINE = ("Thanks for holding. I'm sorry, that's more than I can agree to, so could you cancel it, please? "
                   "Sorry for the trouble.")
STILL_CHECKING_LINE = "I'm still checking on that, one moment please."
PARDON_LINE = "Sorry, I didn't quite catch that. Could you say it again?"
REPEAT_REQUEST_LINE = "Sorry, what was it you need from me?"
BAD_LINE_PARDON = "Sorry, the line is really bad. Could you say it once more, slowly?"
ASKS_TO_REPEAT = (PARDON_LINE, REPEAT_REQUEST_LINE, BAD_LINE_PARDON)  # our lines that say nothing of our own
YES_LINE = "Yes, that's right."
THANKS_LINE = "Perfect, thank you!"
CODE_ASK = "Great, thank you! Could I get a confirmation number for that?"
CODE_SPELL_ASK = "Sorry, I want to be sure I have it right. Could you read me the code one character at a time?"
GOODBYE_THANKS = "Great, thank you so much! Goodbye."
GOODBYE_LINE = "Goodbye, thank you!"
REFUSE_LINE = "I'm sorry, I'm not able to share that over the phone."
SMALL_TALK_LINE = "Ha, yes! Thanks for asking, all good here."
UNAVAILABLE_ASK = "I see. Do you have anything else close to that?"
UNAVAILABLE_END = "Okay, no problem. Thank you for checking. Goodbye!"
CALLBACK_LINE = "Sure, that's fine. Thank you, talk soon. Goodbye!"
ASK_AGAIN = "Sorry, I didn't get that. Please answer the question above (for example: yes, no, or a value)."
_YES = re.compile(r"^\s*(?:yes|yeah|yep|yup|sure|ok|okay|fine|go ahead|do it|accept|agreed|sounds good|"
                  r"that works|please do|book it|take it|correct|right|absolutely|of course|y)\b", re.I)
_NO = re.compile(r"^\s*(?:no|nope|nah|don't|do not|decline|not|never|n|refuse|cancel|skip)\b", re.I)
_NO_ANSWER = re.compile(r"^\s*(?:hmm+|um+|uh+|er+|huh|what|idk|dunno|not sure|i don't know|\?+|\.+|wait)\W*$", re.I)
_BARE_YES = re.compile(r"^\s*(?:yes|yeah|yep|yup|sure|ok|okay|fine|go ahead|y)(?:,? (?:please|thanks|thank you))?"
                       r"\W*$", re.I)
_BARE_NO = re.compile(r"^\s*(?:no|nope|nah|n)(?:,? (?:thanks|thank you))?\W*$", re.I)
_PROCEED = re.compile(r"\b(?:go ahead|proceed|book (?:it|that|her|him|them) in|shall i (?:book|reserve|put|go)|"
                      r"do you want me to (?:book|reserve|go|put|confirm)|want me to (?:book|reserve|go|put|confirm)|"
                      r"should i (?:book|reserve|go|put)|would you like me to (?:book|reserve|go|put|confirm|"
                      r"proceed)|would you like to (?:proceed|go ahead|book|confirm)|(?:happy|okay|ok) to proceed|"
                      r"is that (?:ok|okay|alright|all right|fine)|does that (?:work|sound good)|"
                      r"would that (?:work|be ok|be okay|be alright|be fine|suit))\b", re.I)


@dataclass(frozen=True)
class Move:
    """What to do next; the dialogue turns it into an Action after the guard passes it."""

    say: str = ""
    keys: str = ""  # DTMF digits to send
    ask_principal: str = ""  # the question for the principal ("" = none)
    hold: bool = False  # keep the line silently until they come back
    hang_up: bool = False
    outcome: str = ""
    details: MappingProxyType[str, str] = field(default_factory=lambda: MappingProxyType({}))
    settles: bool = False  # the question put to the principal needs no answer any more
    retract: bool = False  # a success set earlier was wrong (they corrected the read-back): forget it
    composed: bool = True  # False when the words are not the rules' own (relayed text): the guard checks them fully


@dataclass(frozen=True)
class Conversation:
    """What the call has established so far (frozen; each step returns a new one)."""

    goal_stated: bool = False
    agreed: MappingProxyType[str, str] = field(default_factory=lambda: MappingProxyType({}))  # date, time, ...
    pending: str = ""  # what the principal is asked about: "offer", "fact:<key>", "question", ""
    pending_text: str = ""  # the business's words that started it
    pending_options: tuple[str, ...] = ()  # offered options awaiting the principal, as said back
    approved: frozenset[str] = frozenset()  # ask_principal facts the principal approved
    success: MappingProxyType[str, str] | None = None  # details of a completion already stated
    unavailable_count: int = 0
    code_asked: bool = False  # we asked for the confirmation code the task wants back
    read_back: bool = False  # we read the agreement back and wait for their word
    expecting: bool = False  # we asked something (the request, "anything else?"): they owe an answer
    pardons: int = 0  # clarifying questions in a row
    repeat_asked: bool = False  # we asked them to repeat a request for something we could not make out
    restated: MappingProxyType[str, str] | None = None  # they said our booking back ("so that's Tuesday at 11:15")
    # or we took the time they offered in it: its details, for the close that follows
    restated_yes: bool = False  # ... and we said yes to it as their read-back
    price_heard: str = ""  # the last amount they stated (a call-out fee, a room rate), for the details
    last_answer: str = ""  # the fact answer we last gave, to say it fuller when they ask again
    price_approved: bool = False  # the principal kept a booking made over their price ceiling
    cancelling: bool = False  # the principal would not pay that much: we asked them to cancel what they made
    booking_asked: bool = False  # we took an offer ("3:30 works, please book it"): their saying it back is done
    last_said: str = ""  # our last line, said again when they ask for it ("sorry, what was that?")
    last_told: str = ""  # our last line that was not a request to repeat (ASKS_TO_REPEAT): what "sorry, <words
    # we could not read>?" asks for, even after we asked them to repeat it
    unread: str = ""  # their last words, read as nothing and left unanswered: asked again if silence follows
    checking: MappingProxyType[str, str] | None = None  # a completion stated with another time or day, which we
    # asked about ("we asked for 7:30 pm. Is it booked for 7:30 pm?"): its details wait for their answer
    disputed_code: str = ""  # the code we read back, which they said no to while saying it as we heard it
    # Their statement that named a booking code or our agreed time but did not read as done ("a table for 4 at 730
    # p.m., your booking mode is 4719 c then", "see you then" misheard): its details, asked about if both sides go
    # quiet after it (on_quiet), rather than a silence they hang up on. Cleared by their next turn.
    stated: MappingProxyType[str, str] | None = None


def initial(task: Task) -> Conversation:
    """The conversation before anything is said: the goal's own details are what we ask for."""
    return Conversation(agreed=MappingProxyType(slots.derive_facts(task.goal)))


def opening_line(task: Task, principal: str) -> str:
    """The first thing said: on whose behalf, the AI disclosure, the goal as a polite request."""
    behalf = task.persona.on_behalf_of or principal
    parts = ["Hi!"]
    if behalf and behalf != "my principal":
        parts.append(f"I'm calling on behalf of {behalf}.")
    if task.persona.disclosure:
        parts.append(task.persona.disclosure)
    parts.append(f"{slots.request(task.goal)}, please.")
    return " ".join(parts)


def decide(task: Task, convo: Conversation, r: Reading, principal: str = "") -> tuple[Move, Conversation]:
    """The next move for a heard turn."""
    convo = replace(convo, stated=None)
    if not convo.goal_stated:
        if r.act in ("ask_fact",) and r.fact:
            move, convo = _answer_fact(task, replace(convo, goal_stated=True), r)
            return move, convo
        return Move(say=opening_line(task, principal)), replace(convo, goal_stated=True, expecting=True)
    if r.asks_if_ai and r.act in ("question", "small_talk", "inform", "unclear", "ask_confirm", "ack", "greeting"):
        # Asked whether we are a machine: the truth at once, whatever the disclosure setting, never a question
        # put to the principal (who could only say the same) and never a dodge.
        return Move(say=_ai_answer(task, principal, convo)), replace(convo, expecting=True, pardons=0)
    if r.act == "say_again":
        # "Sorry, what was that?": they did not hear us, so our last line again, and nothing else moves on.
        return Move(say=convo.last_said or f"{slots.request(task.goal)}, please."), convo
    if convo.restated is not None:
        settled = _after_their_read_back(task, convo, r)
        if settled is not None:
            return settled
        if r.act not in ("ask_fact", "hold", "transfer", "unclear"):
            convo = replace(convo, restated=None, restated_yes=False)  # anything else moves on: no success
    if convo.checking is not None:
        settled = _after_check(task, convo, r)
        if settled is not None:
            return settled
    if convo.cancelling:
        ended = _after_cancel_ask(task, convo, r)
        if ended is not None:
            return ended
    if convo.read_back and convo.success is not None:
        return _after_read_back(task, replace(convo, read_back=False), r)
    if convo.code_asked and convo.success is not None and r.act not in ("hold", "ask_fact", "question"):
        # The answer to "could I get a confirmation number": the code if they give one; done either way.
        code = r.code or entities.read_code(r.text)
        details = MappingProxyType({**convo.success, **({"booking_code": code} if code else {})})
        return _finish(task, convo, details)
    expecting = convo.expecting
    if r.act != "unclear" and r.understood:  # words no rule could read count as unclear: pardons stay in a row
        convo = replace(convo, pardons=0)
    if r.act not in ("question", "ask_fact"):
        convo = replace(convo, repeat_asked=False)
    convo = replace(convo, expecting=False)
    if expecting and not r.understood and len(r.text.split()) >= 4:
        # An answer to our request that no rule can read ("worth fully but tonight"): ask again, never guess.
        # A short fragment ("Okay, sorry.") is more likely the start of a sentence cut at a pause: wait.
        return _on_unclear(task, convo, r)
    if r.act in ("small_talk", "inform", "goodbye", "ack") and (_restates_agreement(convo, r) or _code_and_farewell(r)):
        # "Lovely, your book is for Thursday at 11:15 ... see you then!": Whisper garbled "you're booked", but
        # our agreed day and time said back with a farewell is their confirmation.
        return _on_done(task, convo, r)
    if convo.booking_asked and convo.success is None and _books_what_we_took(convo, r):
        # "3:30 works, please book it" -> "done, Saturday three thirty, sixty five plus tax" / "I'll pop him in
        # Wednesday ten past nine": our day and time said back, nothing refused or asked: read it back.
        return _on_done(task, convo, r)
    if r.money and r.act not in ("done", "extraction"):
        convo = replace(convo, price_heard=_price_of(r, task))  # "call-out's sixty five": the principal wants it back
    if task.done_when == "answered" and (r.act == "offer" or r.act == "ask_confirm" and not r.ends_asking) \
            and _answers_goal(task, r):
        # "it's forty euro, and yeah you can do it online": the answer, with an offer in it; "D six right. So
        # it's forty euro for the year": the answer after a detail checked in passing
        return _on_inform(task, convo, r)
    waiting = convo.pending
    act = r.act
    if waiting == "offer" and act == "inform" and _repeats_an_offer_we_may_take(task, convo, r):
        act = "offer"  # "Sorry, just Thursday at 10 40 work for you." ("does" heard as "just"): the offer again
    handler = _HANDLERS.get(act, _on_inform)
    move, convo = handler(task, convo, r)
    if waiting and move.ask_principal:
        # Already waiting for the principal: one question at a time; the first answer settles the first.
        convo = replace(convo, pending=waiting)
        move = Move(say=STILL_CHECKING_LINE)
    elif waiting and act in ("done", "offer"):  # completed, or an offer inside the limits was accepted
        convo = replace(convo, pending="", pending_options=())
        move = replace(move, settles=True)
    if "done" in r.acts and r.act != "done" and not r.negated and convo.success is None and not (
            r.acts & {"callback", "unavailable", "hold", "transfer"}):
        convo = replace(convo, success=_details(task, convo, r))  # "you're booked, can I take a phone number"
    return move, convo


def _repeats_an_offer_we_may_take(task: Task, convo: Conversation, r: Reading) -> bool:
    """While an offer waits on the principal, a statement naming only times (and days) inside the principal's
    limits is that offer said again, its question lost to STT; taken like any offer inside the limits (and read
    back before it counts). Anything outside them, or said with a no, stays a statement."""
    options = _options(r)
    return bool(r.times and options and not r.negated and not _over_ceiling(task, convo, r)
                and all(_acceptable(task, convo, option) for option in options))


def _ai_answer(task: Task, principal: str, convo: Conversation) -> str:
    """"I'm an AI assistant, calling on behalf of Maria." and, while nothing is done yet, the request again."""
    behalf = task.persona.on_behalf_of or principal
    who = f", calling on behalf of {behalf}" if behalf and behalf != "my principal" else ""
    again = f" {slots.request(task.goal)}, please." if convo.success is None else ""
    return f"I'm an AI assistant{who}.{again}"


def _after_read_back(task: Task, convo: Conversation, r: Reading) -> tuple[Move, Conversation]:
    """Their word on our read-back: a corrected code replaces ours; a correction undoes the success; a question is
    answered; else goodbye."""
    ours, theirs = _codes_at_read_back(convo, r)
    if theirs and theirs != ours and len(theirs) >= 3 and not r.dates:
        # "No, it's 4 7 1 9" / "the code is 4719, not 47119": the code was misheard (a lossy line, Whisper's
        # digits). Take theirs and read it back once more; a wrong code kept would be a wrong success. Never a
        # time or a date they are correcting instead ("no, 8:30"). With no code of ours, theirs is one they
        # named after our read-back ("yes, and your booking number is 3817"), or one we could not read before.
        details = MappingProxyType({**(convo.success or {}), "booking_code": theirs})
        lead = "Sorry about that." if ours else "Thanks."
        return (Move(say=f"{lead} {_spelled_code(theirs)}. Is that right?", outcome=task.done_when,
                     details=_marked(details, "not answered")),
                replace(convo, success=details, read_back=True, expecting=True))
    denied = r.negated or bool(_DENIES.match(r.text))
    if theirs is not None and theirs == ours and denied and not r.times and not _conflict(convo, r):
        # "No, the code is 4 7 1 9" and we hear the code we read back: they misheard our read-back, or we misheard
        # their code the same way twice ("4 7 1 9" as "471 mine", then "the cloud is 471 mine", on a lossy line).
        # We cannot tell which, and a wrong code confirmed is a wrong success: ask for it one character at a time,
        # once (read back again after); a second no to it leaves the call without a code rather than with theirs.
        details = MappingProxyType({k: v for k, v in (convo.success or {}).items() if k != "booking_code"})
        if convo.disputed_code:
            return (Move(say=GOODBYE_THANKS, hang_up=True, outcome=task.done_when,
                         details=_marked(details, "code not confirmed")), replace(convo, success=details))
        return (Move(say=CODE_SPELL_ASK, outcome=task.done_when, details=_marked(details, "not answered")),
                replace(convo, success=details, code_asked=True, disputed_code=ours or "", expecting=True))
    # "Yes, the code is 4 7 1 9" when we read 4 7 1 9: the code they say is ours.
    restated = theirs is not None and theirs == ours or bool(r.times) and _says_our_booking(convo, r) and bool(
        re.search(r"\b(?:that's right|that's correct|correct|yes|yep|yeah|spot on)\b", r.text, re.I))
    corrected = r.act in ("unavailable", "offer") or bool(_conflict(convo, r)) or not restated and denied
    if corrected:
        move, convo = _HANDLERS.get(r.act, _on_inform)(task, replace(convo, success=None), r)
        if not move.say and not move.ask_principal:
            move = replace(move, say="Oh, sorry. What did I get wrong?")
        return replace(move, retract=True), replace(convo, success=None, expecting=True)
    if r.act in ("ask_fact", "question", "hold", "transfer", "ask_principal", "extraction", "unclear"):
        return _HANDLERS[r.act](task, convo, r)
    said_yes = bool(_AFFIRMATIVE.search(r.text)) or restated
    return (Move(say=GOODBYE_THANKS, hang_up=True, outcome=task.done_when,
                 details=_marked(convo.success or MappingProxyType({}), "confirmed" if said_yes else "not corrected")),
            convo)


# "No problem", "no worries" and "not a problem" open a reply with a courtesy, not a no ("No problem, see you
# then!"): every test below of a reply that opens with a no sets them aside.
_COURTESY = r"(?!\W+(?:a\W+)?(?:problem|worries)\b)"
# A reply to our read-back that opens by saying we got something wrong.
_DENIES = re.compile(rf"^\W*(?:no{_COURTESY}|nope|not{_COURTESY}|actually|wait|hang on|sorry)\b", re.I)


def _after_check(task: Task, convo: Conversation, r: Reading) -> tuple[Move, Conversation] | None:
    """Their word on "we asked for 7:30 pm. Is it booked for 7:30 pm?" (a yes can only mean ours); None when it
    is no answer yet (a pause, "let me look", a line we could not make out), which the usual handlers take while
    the question stays open."""
    stated = convo.checking or MappingProxyType({})
    denied = r.negated or r.act in ("unavailable", "offer") or bool(
        re.match(rf"^\W*(?:no{_COURTESY}|nope|not{_COURTESY}|actually|sorry,? no)\b", r.text, re.I))
    if not denied and (r.act in ("hold", "transfer", "unclear") or r.act == "ack" and not _CHECK_YES.search(r.text)):
        return None
    convo = replace(convo, checking=None, pardons=0, expecting=False)
    if _conflict(convo, r) and _options(r):
        # "No, 7:30 am is what we have" / "yes, 7:30 am": booked at another time than asked is an offer,
        # judged against the principal's limits like any other; never taken as the booking asked for.
        return _on_offer(task, convo, r)
    if denied:
        move, convo = _HANDLERS.get(r.act, _on_inform)(task, convo, r)
        if not move.say and not move.ask_principal and not move.hold:
            move = replace(move, say="Oh, sorry. What is booked, then?")
        return move, replace(convo, expecting=True)
    if _CHECK_YES.search(r.text) or (r.act == "done" or r.times) and not _conflict(convo, r):
        # "Yes, sorry, 7:30 pm": their booking, at the time and day we asked for; read back before it counts.
        asked = {key: convo.agreed[key] for key in ("date", "time", "party_size") if key in convo.agreed}
        details = {**stated, **asked, **({"booking_code": r.code} if r.code else {})}
        return _complete(task, convo, MappingProxyType(details))
    return None


# "Yes", "oh sorry, yes", "my mistake, that's right", "no problem, yes": a yes after an apology or a courtesy.
_CHECK_YES = re.compile(r"^\W*(?:(?:oh|ah|um|uh|sorry|apologies|my mistake|my bad|oops|no problem|no worries|"
                        r"not a problem)\W+){0,3}(?:yes|yeah|yep|yup|"
                        r"correct|right|that's (?:it|right|correct)|exactly|indeed|it is|sure|of course)\b", re.I)


def _after_their_read_back(task: Task, convo: Conversation, r: Reading) -> tuple[Move, Conversation] | None:
    """What follows their read-back of our booking, which we said yes to: a close ("lovely, bye now", "you'll get
    a text the day before") completes it; None for anything else (a question, a refusal, a "wait, no")."""
    again = convo.restated_yes and r.act == "ask_confirm" and _says_our_booking(convo, r) and not r.negated
    # A close, not a bare "okay" (they may still be typing it in): a farewell, or words said once it is made.
    closing = r.act in ("goodbye", "ack", "small_talk", "inform") and not r.negated and (r.act == "goodbye" or bool(
        re.search(r"\b(?:see (?:you|her|him|them)|bye|reminder|you'll (?:get|receive) (?:a|an|the) (?:text|email|"
                  r"confirmation)|all set|sorted|that's you|you're in)\b", r.text, re.I)))
    if not (again or closing) or _conflict(convo, r) or r.asks_if_ai or re.match(
            rf"^\W*(?:no{_COURTESY}|nope|not{_COURTESY}|actually|wait|hang on|sorry,? no|oh no)\b", r.text, re.I):
        return None
    if r.act == "inform" and (r.times or r.dates or r.money or "?" in r.text):
        return None  # a new detail: read as usual
    details = _marked(convo.restated or MappingProxyType({}), "confirmed")  # they said it, we agreed
    convo = replace(convo, restated=None, restated_yes=False)
    details = _flag_over_limit(task, convo, details)
    if "over_limit" in details and not convo.price_approved:
        return _ask_about_price(task, convo, details)
    wants_code = any(item in task.bring_back for item in ("confirmation_code", "reference_number"))
    if wants_code and "booking_code" not in details and not convo.code_asked:
        return (Move(say=CODE_ASK, outcome=task.done_when, details=details),
                replace(convo, success=details, code_asked=True, expecting=True))
    say = GOODBYE_LINE if r.act == "goodbye" else f"{YES_LINE} {GOODBYE_THANKS}" if again else GOODBYE_THANKS
    return Move(say=say, hang_up=True, outcome=task.done_when, details=details), replace(convo, success=details)


def _codes_at_read_back(convo: Conversation, r: Reading) -> tuple[str | None, str | None]:
    """(the code we read back, the code in their reply): theirs is None when they said none, or when their reply
    names a time (its digits are no code). When we read none, only a code they name counts ("your booking number
    is 3817"): bare digits then correct nothing of ours, and may be a phone number or a price."""
    ours = convo.success.get("booking_code") if convo.success else None
    if r.times:
        return ours, None
    if not ours:
        return ours, r.code
    return ours, r.code or entities.spoken_code(r.text)


def _spelled_code(code: str, word: str = "Code") -> str:
    """"Code 4 7 1 9": short codes one character at a time, as readback says them."""
    return f"{word} {' '.join(code)}" if len(code) <= 8 else f"{word} {code}"


# ---- handlers per act ----------------------------------------------------------------------------------
def _on_done(task: Task, convo: Conversation, r: Reading) -> tuple[Move, Conversation]:
    conflict = _conflict(convo, r)
    if conflict:
        # Never a success at a time or day other than the one asked for: ask, and keep what they stated (a code)
        # for their answer.
        return (Move(say=f"Sorry, just to check: we asked for {conflict}. Is it booked for {conflict}?"),
                replace(convo, checking=_details(task, convo, r), expecting=True))
    return _complete(task, convo, _details(task, convo, r))


def _complete(task: Task, convo: Conversation, details: MappingProxyType[str, str]) -> tuple[Move, Conversation]:
    """A completion without conflict: the principal's word first when its price is over their ceiling; then ask
    once for the code to bring back if it is missing, else read back."""
    details = _flag_over_limit(task, convo, details)
    if "over_limit" in details and not convo.price_approved:
        return _ask_about_price(task, convo, details)
    wants_code = any(item in task.bring_back for item in ("confirmation_code", "reference_number"))
    if wants_code and "booking_code" not in details and not convo.code_asked:
        # What the principal asked to bring back is missing: ask once, as a person would, before goodbye.
        return Move(say=CODE_ASK), replace(convo, success=details, code_asked=True, expecting=True)
    return _finish(task, convo, details)


def _flag_over_limit(task: Task, convo: Conversation,
                     details: MappingProxyType[str, str]) -> MappingProxyType[str, str]:
    """The details, with `over_limit` when the price they booked at is over the principal's ceiling (named only
    once it was done): said in what the principal gets back, never passed over."""
    price = details.get("price", "")
    if not price or "over_limit" in details or all(
            task.accept.price_ok(float(a)) is not False
            for a in _against_ceiling(task, convo, details.get("confirmation", ""), [price])):
        return details
    return MappingProxyType({**details, "over_limit": f"{price} is over your limit of {task.accept.max_price:g}"})


# Words that add amounts up ("ninety six altogether", "a hundred and seventy eight for the pair"): for the ceiling
# (a per-unit ceiling against a total) and for the price brought back (the total, not the unit price).
_TOTAL = re.compile(r"\b(?:in total|total|totals|altogether|all together|all in|in all|overall|comes to|come to|"
                    r"for the (?:two|three|four|five|six|pair|lot|both|set|group|party)|for (?:both|all))\b", re.I)


def _against_ceiling(task: Task, convo: Conversation, text: str, amounts: list[str]) -> list[str]:
    """The amounts to hold against the ceiling: all of them, unless the ceiling is per unit ("£45 each") and the
    line names a total ("eighty four in total"): then the total only as a whole number of a unit price heard
    with it or before (two at 42 each), or divided by the party's size; a total nothing explains is checked
    whole (over the ceiling it goes to the principal, who can say it is fine)."""
    if not task.accept.price_each or not amounts or not _TOTAL.search(text):
        return amounts
    total = max(amounts, key=float)
    units = [a for a in amounts if a != total] or ([convo.price_heard] if convo.price_heard else [])
    for unit in units:
        count = float(total) / float(unit) if float(unit) > 0 else 0.0
        if 2 <= round(count) <= 50 and abs(count - round(count)) < 0.01:
            return [unit]  # the total of so many at the unit price: the unit price is what the ceiling limits
    size = convo.agreed.get("party_size") or (task.facts["party_size"].value if "party_size" in task.facts else "")
    if size.isdigit() and int(size) > 1:
        return [f"{float(total) / int(size):.2f}"]
    return amounts


def _ask_about_price(task: Task, convo: Conversation, details: MappingProxyType[str, str]) -> tuple[Move, Conversation]:
    """Made, but at a price over the ceiling: the business is asked to hold while the principal decides whether to
    keep it (a person spending someone else's money would check before saying thanks and goodbye). If the line
    drops meanwhile, the booking stands, flagged."""
    price = details.get("price", "")
    question = (f"They have done it, but at {price}, over your limit of {task.accept.max_price:g}. "
                "Keep it? (yes / no: no asks them to cancel it)")
    return (Move(say=PRICE_CHECK_LINE, ask_principal=question, outcome=task.done_when,
                 details=_marked(details, "not answered")),
            replace(convo, success=details, pending="over_limit", pending_text=price))


def _finish(task: Task, convo: Conversation, details: MappingProxyType[str, str]) -> tuple[Move, Conversation]:
    """Read the agreement back, thank them and hang up with the goal's outcome."""
    back = readback(task, details)
    if not back:
        return (Move(say=f"{THANKS_LINE} Goodbye.", hang_up=True, outcome=task.done_when, details=details),
                replace(convo, success=details))
    # Read back and wait for their word before goodbye: a completion misheard or misread is corrected here.
    # The outcome stands if they hang up now. The first sentence is always the same, so it plays at once.
    return (Move(say=f"{THANKS_LINE} {back} Is that right?", outcome=task.done_when,
                 details=_marked(details, "not answered")),
            replace(convo, success=details, read_back=True, expecting=True))


_AFFIRMATIVE = re.compile(r"^\W*(?:yes|yeah|yep|yup|correct|right|that's (?:it|right|correct|all)|exactly|perfect|"
                          r"lovely|great|spot on|sure|absolutely|all good|that's the one|mm-?hm|uh-?huh|indeed)\b",
                          re.I)


def _marked(details: MappingProxyType[str, str], read_back: str) -> MappingProxyType[str, str]:
    """The details with how our read-back of them went ("confirmed", "not corrected", "not answered"), so the
    principal knows whether the business said yes to what we heard (a code misheard on a bad line, unanswered,
    shows as such)."""
    return MappingProxyType({**details, "read_back": read_back})


def _on_unavailable(task: Task, convo: Conversation, r: Reading) -> tuple[Move, Conversation]:
    count = convo.unavailable_count + 1
    convo = replace(convo, unavailable_count=count)
    if count >= 2:
        return Move(say=UNAVAILABLE_END, hang_up=True, outcome="unavailable",
                    details=MappingProxyType({"reason": r.text})), convo
    # Not an outcome yet (an offer may follow), but what the call ends with if they hang up now.
    return Move(say=UNAVAILABLE_ASK, outcome="unavailable", details=MappingProxyType({"reason": r.text})), replace(
        convo, expecting=True)


def _go_ahead(task: Task) -> str:
    """Taking an offer, in the goal's own terms: a change is made, a booking booked."""
    return {"changed": "please make the change", "reserved": "please reserve it",
            "cancelled": "please go ahead"}.get(task.done_when, "please book it")


def _on_offer(task: Task, convo: Conversation, r: Reading) -> tuple[Move, Conversation]:
    options = _options(r)
    over = _over_ceiling(task, convo, r)
    for option in options:
        if _acceptable(task, convo, option) and not over:
            option = _resolved(task, option)
            agreed = MappingProxyType({**convo.agreed, **option})
            words = _option_words(option)
            return Move(say=f"{words[0].upper()}{words[1:]} works, {_go_ahead(task)}."), replace(
                convo, agreed=agreed, unavailable_count=0, booking_asked=True)
    said = tuple(_option_words(o) for o in options)
    question = f"They can't do it as asked and offer: \"{r.text}\". Shall I accept? (yes / no, or which one)"
    if over:
        question = (f"They offer: \"{r.text}\". That is {over}, over your limit of {task.accept.max_price:g}. "
                    "Shall I accept? (yes / no, or which one)")
    return (Move(say=HOLD_FOR_PRINCIPAL, ask_principal=question),
            replace(convo, pending="offer", pending_text=r.text, pending_options=said))


def _on_ask_fact(task: Task, convo: Conversation, r: Reading) -> tuple[Move, Conversation]:
    return _answer_fact(task, convo, r)


# "can I get a ... ", "could you give me ...": they want something from us.
_WANTS_SOMETHING = re.compile(r"\b(?:can|could|may) i (?:just |also |please )?(?:get|have|take|grab)\b|"
                              r"\b(?:can|could|would) you (?:just |please )?(?:give|tell|send)\b", re.I)


def _unmade_request(convo: Conversation, r: Reading) -> tuple[Move, Conversation] | None:
    """A request for something no fact cue names ("can I get a mean for the ticket": Whisper's "name" under a
    workshop's noise) is asked again once before it goes to the principal: a person who did not catch what is
    wanted says "sorry?", and a principal kept waiting minutes for a misheard word helps no one."""
    if r.fact not in ("", "other") or not _WANTS_SOMETHING.search(r.text) or convo.repeat_asked:
        return None
    return Move(say=REPEAT_REQUEST_LINE), replace(convo, repeat_asked=True, expecting=True)


def _answer_fact(task: Task, convo: Conversation, r: Reading) -> tuple[Move, Conversation]:
    key = r.fact
    fact = task.facts.get(key)
    if fact is not None:
        if fact.level == "never":
            return Move(say=REFUSE_LINE), convo  # refused, never escalated: nobody should be tempted to relay it
        if fact.level == "ask_principal" and key not in convo.approved:
            question = f"They ask for your {_label(key)}. May I share it? (yes / no)"
            return (Move(say=HOLD_FOR_PRINCIPAL, ask_principal=question),
                    replace(convo, pending=f"fact:{key}", pending_text=r.text))
        return _said_again_fuller(convo, key, slots.answer_for(key, fact.value))
    if key in convo.agreed:
        return _said_again_fuller(convo, key, slots.answer_for(key, convo.agreed[key]))
    again = _unmade_request(convo, r)
    if again is not None:
        return again
    return (Move(say=HOLD_FOR_PRINCIPAL, ask_principal=r.text),
            replace(convo, pending=f"fact:{key}", pending_text=r.text, repeat_asked=False))


def _said_again_fuller(convo: Conversation, key: str, answer: str) -> tuple[Move, Conversation]:
    """An answer, and when they ask for it again, a fuller one: the same short audio twice is misheard the same
    way twice ("Saturday." heard as "Setter Bay"), so the repeat carries more words around the value."""
    if answer != convo.last_answer:
        return Move(say=answer), replace(convo, last_answer=answer)
    when = [convo.agreed[k] for k in ("date", "time") if k in convo.agreed]
    if key in ("date", "time") and len(when) == 2:
        day = re.sub(r"^on\s+", "", when[0], flags=re.I)
        fuller = f"It's for {day}, at {when[1]}."
    else:
        fuller = f"Sorry, {answer[0].lower()}{answer[1:]}"
    return Move(say=fuller), replace(convo, last_answer="")  # a third ask gets the short answer again


def _over_ceiling(task: Task, convo: Conversation, r: Reading) -> str:
    """The amount that puts an offer over the principal's price ceiling ("" when none does, or none is set).

    The amounts said with the offer, or else the last one stated in the call, each at its highest reading ("two
    ninety" may be 290): accepting a price over the limit is the principal's decision, never ours.
    """
    if task.accept.max_price is None:
        return ""
    amounts = entities.money(r.text, highest=True) or ([convo.price_heard] if convo.price_heard else [])
    amounts = _against_ceiling(task, convo, r.text, amounts)
    over = [a for a in amounts if task.accept.price_ok(float(a)) is False]
    return max(over, key=float) if over else ""


def _on_confirm(task: Task, convo: Conversation, r: Reading) -> tuple[Move, Conversation]:
    conflict = _conflict(convo, r)
    new_time = bool(r.times) and "time" not in convo.agreed  # "she's got a three twenty, is that okay"
    if (conflict or new_time) and any(_acceptable(task, convo, o) for o in _options(r)):
        move, convo = _on_offer(task, convo, r)  # "is 11:15 okay": a different time, but inside the limits
        if not move.ask_principal and _says_our_booking(convo, r):
            convo = replace(convo, restated=_details(task, convo, r), restated_yes=False)  # their close completes it
        return move, convo
    if conflict:
        return Move(say=f"Not quite: it's {conflict}."), convo
    known = _known_details(task, convo)
    if _mentions_known(r, known):
        if _says_our_booking(convo, r):
            # "So that's Tuesday eleven fifteen with Dr Patel": their read-back. Our yes is given; their close
            # after it completes the booking (never this line alone: it may still be a question).
            return Move(say=YES_LINE), replace(convo, restated=_details(task, convo, r), restated_yes=True)
        return Move(say=YES_LINE), convo
    return (Move(say=HOLD_FOR_PRINCIPAL, ask_principal=r.text), replace(convo, pending="question", pending_text=r.text))


def _on_question(task: Task, convo: Conversation, r: Reading) -> tuple[Move, Conversation]:
    if "offer" in r.acts and not _conflict(convo, r) and any(_acceptable(task, convo, o) for o in _options(r)):
        # "I can put him down for Tuesday at half nine, is that any use", "do you want me to reserve the eleven
        # o'clock": a question that carries an offer inside the limits is answered as the offer
        return _on_offer(task, convo, r)
    if _PROCEED.search(r.text) and not _conflict(convo, r) and (not _options(r) or all(
            _acceptable(task, convo, o) for o in _options(r))):
        if convo.success is not None:
            return Move(say="Yes, please. Thank you!"), convo
        return Move(say="Yes, please go ahead."), convo
    again = _unmade_request(convo, r)
    if again is not None:
        return again
    return (Move(say=HOLD_FOR_PRINCIPAL, ask_principal=r.text),
            replace(convo, pending="question", pending_text=r.text, repeat_asked=False))


def _on_hold(task: Task, convo: Conversation, r: Reading) -> tuple[Move, Conversation]:
    return Move(hold=True), convo  # keep the line and wait, silently, until they are back


def _on_callback(task: Task, convo: Conversation, r: Reading) -> tuple[Move, Conversation]:
    from agent.conversation.reading import _CALL_US_BACK

    if _CALL_US_BACK.search(r.text):  # "if you ring back after two": ours to call again, not theirs
        return Move(say="Okay, I'll call back then. Thank you!", hang_up=True, outcome="callback-needed",
                    details=MappingProxyType({"call_back": r.text})), convo
    phone = task.fact("phone")  # a callback is a request for a number: if_asked is enough
    say = f"Sure, that's fine. The best number is {phone}. Thank you, talk soon!" if phone else CALLBACK_LINE
    return Move(say=say, hang_up=True, outcome="callback-expected",
                details=MappingProxyType({"callback": r.text})), convo


def _on_goodbye(task: Task, convo: Conversation, r: Reading) -> tuple[Move, Conversation]:
    if convo.success is not None:
        return Move(say=GOODBYE_LINE, hang_up=True, outcome=task.done_when, details=convo.success), convo
    if (r.dates or r.times) and re.search(r"\bsee (?:you|her|him|them)\b", r.text, re.I):
        # "lovely, see you Saturday, bye": a farewell that names a day states no booking, but a person would
        # take it as one only after checking it: read it back (or point out the day we asked for), never
        # hang up as if nothing was agreed, nor as if it surely was.
        return _on_done(task, convo, r)
    return Move(say=GOODBYE_LINE, hang_up=True), convo


def _on_small_talk(task: Task, convo: Conversation, r: Reading) -> tuple[Move, Conversation]:
    if re.search(r"\bhow(?:'s| is| are)\b", r.text, re.I):
        return Move(say="Good, thanks for asking!"), convo
    return Move(say="Ha, yes indeed!"), convo


def _on_greeting(task: Task, convo: Conversation, r: Reading) -> tuple[Move, Conversation]:
    return Move(say=f"Hi! {slots.request(task.goal)}, please."), convo  # transferred to someone new


def _on_ask_principal(task: Task, convo: Conversation, r: Reading) -> tuple[Move, Conversation]:
    question = f"They would like to speak with you in person: \"{r.text}\". What should I tell them?"
    return (Move(say="They can't come to the phone right now, I'm calling on their behalf. Let me check with them, "
                     "could you hold on a moment?", ask_principal=question),
            replace(convo, pending="question", pending_text=r.text))


def _on_extraction(task: Task, convo: Conversation, r: Reading) -> tuple[Move, Conversation]:
    return Move(say="I'm sorry, I can't share that. I'm only calling about the request."), convo


def _answers_goal(task: Task, r: Reading) -> bool:
    """A line that can be the answer to the goal's question: an amount, a time or a day, a yes or no about it,
    or words of the goal's own ("the permit is ..."); never a bare "that's it, no bother"."""
    low = r.text.lower()
    if re.search(r"\b(?:not sure|no idea|don't know|do not know|dunno|can't say|couldn't (?:tell|say)|reckons?|"
                 r"not certain|can't be sure|i'd have to check|have to ask|can't (?:authori[sz]e|confirm|tell you)|"
                 r"(?:has|have) to go through|(?:ring|call|phone|try) (?:us |me )?(?:back|again))\b", low):
        return False  # a guess is no answer: the call goes on (or the principal hears it as it was said)
    if r.money or r.times or r.dates or re.search(r"\d", r.text):
        return True
    if re.search(r"\b(?:yes|yeah|yep|we (?:do|don't|have|haven't|can|can't)|in stock|out of stock|sold out|"
                 r"available|you can|you can't|it does|it doesn't|there is|there's no)\b", low):
        return True
    goal_words = {w for w in re.findall(r"[a-z]{4,}", task.goal.lower())} - _GOAL_STOPWORDS
    return bool(goal_words & set(re.findall(r"[a-z]{4,}", low)))


_GOAL_STOPWORDS = {"what", "whether", "they", "their", "there", "have", "much", "many", "does", "from", "with",
                   "about", "could", "would", "please", "find", "check", "know", "when", "which", "this", "that",
                   "ask", "asks", "tell", "cost", "costs", "long", "some", "them", "will", "your"}


def _on_inform(task: Task, convo: Conversation, r: Reading) -> tuple[Move, Conversation]:
    if task.done_when == "answered" and not r.negated and _answers_goal(task, r):
        details = MappingProxyType({"answer": r.text, **({"price": r.money[0]} if r.money else {})})
        return Move(say="Great, that's all I needed to know. Thank you so much! Goodbye.", hang_up=True,
                    outcome="answered", details=details), replace(convo, success=details)
    if (task.done_when in _CHECK_WORDS and convo.success is None and not r.negated
            and (r.code or _says_our_booking(convo, r))):
        return Move(), replace(convo, stated=_details(task, convo, r))  # asked about if quiet follows (on_quiet)
    return Move(), convo  # a statement: keep listening (an "okay" here talked into their pauses)


# How on_quiet asks whether a statement of theirs was the outcome: "is that booked for tomorrow at 7:30 pm?"
_CHECK_WORDS = {"booked": "booked for", "reserved": "reserved for", "changed": "changed to", "cancelled": "cancelled"}


def _on_ack(task: Task, convo: Conversation, r: Reading) -> tuple[Move, Conversation]:
    if convo.success is not None:
        return Move(say=GOODBYE_LINE, hang_up=True, outcome=task.done_when, details=convo.success), convo
    return Move(), convo


def _on_unclear(task: Task, convo: Conversation, r: Reading) -> tuple[Move, Conversation]:
    return _pardon(convo, r.text)


# "Sorry, ...", "pardon, ...", "excuse me, ..." opening words we could not read.
_APOLOGY_OPENING = re.compile(r"^\W*(?:(?:oh|i'm|i am)\W+)?(?:sorry|pardon|excuse me)\b", re.I)


def _pardon(convo: Conversation, words: str) -> tuple[Move, Conversation]:
    """Ask them to say it again; plainer about the line from the third time in a row.

    Words we could not read that open with an apology ("sorry, for how many?", heard as "sorry for family")
    most often mean they did not catch us: our last line of our own is said again, which answers both
    "sorry, what was that?" and a question about it. A pardon there would be answered by the same apology,
    heard the same way, round and round until they give up.
    """
    if convo.pardons >= 2:
        return Move(say=BAD_LINE_PARDON), replace(convo, pardons=convo.pardons + 1)
    if convo.last_told and _APOLOGY_OPENING.match(words):
        return Move(say=convo.last_told), replace(convo, pardons=convo.pardons + 1, expecting=True)
    return Move(say=PARDON_LINE), replace(convo, pardons=convo.pardons + 1, expecting=True)


def on_quiet(task: Task, convo: Conversation) -> tuple[Move, Conversation]:
    """Both sides quiet after words of theirs we did not answer: words we could not read are asked for again (a
    person who said "sorry for family" waits for our answer, as we wait for more); a statement that named a code
    or our time is asked about ("Sorry, just to check: is that booked for tomorrow at 7:30 pm?"), their yes
    read back before it counts (_after_check); any other statement we understood is left as it was, theirs to go
    on from."""
    if convo.stated is not None and convo.checking is None and convo.success is None:
        stated = convo.stated
        day = stated.get("date", "")
        day = day.capitalize() if day.lower() in entities.WEEKDAYS else day  # as the read-back says it
        when = " ".join(part for part in (day, f"at {stated['time']}" if stated.get("time") else "") if part)
        what = _CHECK_WORDS[task.done_when]
        ask = f"is that {what} {when}?" if when and task.done_when != "cancelled" else f"is that {what.split()[0]}?"
        return (Move(say=f"Sorry, just to check: {ask}"),
                replace(convo, checking=stated, stated=None, expecting=True, unread=""))
    if not convo.unread:
        return Move(), convo
    move, convo = _pardon(convo, convo.unread)
    return move, replace(convo, unread="")


_HANDLERS = {
    "done": _on_done, "unavailable": _on_unavailable, "offer": _on_offer, "ask_fact": _on_ask_fact,
    "ask_confirm": _on_confirm, "question": _on_question, "hold": _on_hold, "transfer": _on_hold,
    "callback": _on_callback, "goodbye": _on_goodbye, "small_talk": _on_small_talk, "greeting": _on_greeting,
    "ask_principal": _on_ask_principal, "extraction": _on_extraction, "inform": _on_inform, "ack": _on_ack,
    "unclear": _on_unclear,
}


# ---- the principal's reply ---------------------------------------------------------------------------------
def on_principal(task: Task, convo: Conversation, reply: str) -> tuple[Move, Conversation]:
    """Interpret the principal's answer to the pending question and compose what the agent says."""
    text = reply.strip()
    if not convo.pending:
        return Move(), convo  # nothing was asked: a stray line is not relayed to the business
    if not re.search(r"[A-Za-z0-9]", text) or _NO_ANSWER.match(text):
        return Move(ask_principal=ASK_AGAIN), convo  # "?", an empty line or "hmm" answers nothing
    pending, convo = convo.pending, replace(convo, pending="")
    if pending == "offer":
        return _offer_reply(task, convo, text)
    if pending == "over_limit":
        return _price_reply(task, convo, text)
    if pending.startswith("fact:"):
        key = pending[5:]
        if key in task.facts and task.facts[key].level == "ask_principal":
            if _YES.match(text):
                fact = task.facts[key]
                return (Move(say=f"Thanks for holding. {slots.answer_for(key, fact.value)}"),
                        replace(convo, approved=convo.approved | {key}))
            if _NO.match(text):
                return Move(say="Thanks for holding. I'm sorry, I'm not able to share that."), convo
            label, value = _typed_value(text)
            if value and not label and bool(re.search(r"\d", value)) == bool(re.search(r"\d", task.facts[key].value)):
                # "it's 3 June 1979": the value itself is their yes (the guard checks it as relayed text)
                return (Move(say=f"Thanks for holding. {slots.answer_for(key, value)}"),
                        replace(convo, approved=convo.approved | {key}))
            return Move(ask_principal=ASK_AGAIN), replace(convo, pending=pending)
        # a value the principal typed for a fact we did not have: "it's 3318" is said as ours, "the customer
        # number is 3318" as they wrote it (it names what it is)
        label, value = _typed_value(text)
        say = _sentence(text) if label or key in ("", "other") else slots.answer_for(key, value or text)
        return Move(say=f"Thanks for holding. {say}", composed=False), convo
    if _BARE_YES.match(text):
        return Move(say="Thanks for holding. Yes, please."), convo
    if _BARE_NO.match(text):
        return Move(say="Thanks for holding. No, thank you."), convo
    return Move(say=f"Thanks for holding. {_sentence(text)}", composed=False), convo


def _price_reply(task: Task, convo: Conversation, text: str) -> tuple[Move, Conversation]:
    """Their word on a booking made over their ceiling: kept (go on to the code and the read-back) or cancelled."""
    details = convo.success or MappingProxyType({})
    if _YES.match(text) or re.match(r"^\s*keep\b", text, re.I):
        move, convo = _complete(task, replace(convo, price_approved=True), details)
        return replace(move, say=f"Thanks for holding. {move.say}".strip()), convo
    if _NO.match(text):
        return (Move(say=CANCEL_ASK_LINE, outcome="declined", details=MappingProxyType({**details, "cancel": "asked"})),
                replace(convo, success=None, cancelling=True, expecting=True))
    return Move(ask_principal=ASK_AGAIN), replace(convo, pending="over_limit")


def _after_cancel_ask(task: Task, convo: Conversation, r: Reading) -> tuple[Move, Conversation] | None:
    """Their answer to "could you cancel it, please?": a refusal ends the call with the booking standing, flagged;
    a question, a hold or a transfer is answered as usual (None); anything else is their cancellation."""
    if r.act in ("ask_fact", "question", "hold", "transfer", "unclear", "extraction"):
        return None
    convo = replace(convo, cancelling=False)
    if r.negated or r.act == "unavailable" or re.search(r"\b(?:can't|cannot|can not|unable|not able|too late)\b",
                                                         r.text, re.I):
        return (Move(say=f"I see. I'll let them know. {GOODBYE_LINE}", hang_up=True, outcome="over-limit",
                     details=MappingProxyType({"cancel": f"refused: {r.text}"})), convo)
    return (Move(say="Thank you, and sorry again. Goodbye!", hang_up=True, outcome="declined",
                 details=MappingProxyType({"cancel": "done", "reason": "over your price limit"})), convo)


def _typed_value(text: str) -> tuple[str, str]:
    """(what it names, the value) in a principal's typed value: "it's 3 June 1979" -> ("", "3 June 1979"),
    "customer number is 30418827" -> ("customer number", "30418827"), "K742" -> ("", "K742")."""
    text = text.strip().rstrip(".!")
    m = re.match(r"^(?:it's|it is|its|that's|that is|it should be|try)\s+(.+)$", text, re.I)
    if m:
        return "", m.group(1).strip()
    m = re.match(r"^(?:the |my |our |her |his |their )?([a-z][\w' ]{1,30}?)\s*(?:\bis\b|:)\s*(.+)$", text, re.I)
    if m:
        return m.group(1).strip(), m.group(2).strip()
    return "", text


def _offer_reply(task: Task, convo: Conversation, text: str) -> tuple[Move, Conversation]:
    offered = _options_from_text(convo.pending_text)
    chosen = _choice(text, offered)
    if chosen is not None:
        agreed = MappingProxyType({**convo.agreed, **chosen})
        return (Move(say=f"Thanks for holding. {_cap(_option_words(chosen))} works, {_go_ahead(task)}."),
                replace(convo, agreed=agreed, unavailable_count=0, booking_asked=True))
    if _YES.match(text):
        if len(offered) <= 1:
            agreed = MappingProxyType({**convo.agreed, **(offered[0] if offered else {})})
            what = _option_words(offered[0]) if offered else "that"
            return (Move(say=f"Thanks for holding. {_cap(what)} works, {_go_ahead(task)}."),
                    replace(convo, agreed=agreed, unavailable_count=0, booking_asked=True))
        return Move(ask_principal="Which one? " + " / ".join(_option_words(o) for o in offered)), replace(
            convo, pending="offer")
    if _NO.match(text):
        return Move(say="Thanks for holding. Unfortunately that doesn't work for us. Do you have anything else?"), convo
    return Move(ask_principal=ASK_AGAIN), replace(convo, pending="offer")


def _choice(text: str, offered: list[dict[str, str]]) -> dict[str, str] | None:
    """The option the principal named ("the 8:15", "second", "9 pm")."""
    ordinal = re.search(r"\b(first|second|third|1st|2nd|3rd)\b", text, re.I)
    if ordinal and offered:
        index = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2}[ordinal.group(1).lower()]
        return offered[index] if index < len(offered) else None
    said = entities.times(text)
    for t in said:
        for option in offered:
            if "time" in option and set(_time_of(option["time"]).candidates()) & set(t.candidates()):
                return option
    if said and not offered or (said and _YES.match(text)):
        return {"time": said[0].text()}
    return None


# ---- details and constraints -------------------------------------------------------------------------------
def _options(r: Reading) -> list[dict[str, str]]:
    """Each concrete option in an offer: a time (with the day, if one is said), or a day alone.

    "We're full at 7:30 but I have 8:15": only what follows the contrast is offered.
    """
    times, dates = list(r.times), list(r.dates)
    contrast = re.search(r"\b(?:but|however|though|instead|although)\b", r.text, re.I)
    if contrast and "unavailable" in r.acts:
        tail = r.text[contrast.end() :]
        times = entities.times(tail) or times
        dates = entities.dates(tail) or ([] if entities.times(tail) else dates)
    offered = _OFFER_PHRASE.search(r.text)
    if offered and entities.times(r.text[offered.end():]) and entities.times(r.text[:offered.start()]):
        # "Saturday at seven, we're chockers at seven, I've got a six forty five": the times before what they
        # have are the request said back, not an option.
        times = entities.times(r.text[offered.end():])
    window = _window_times(r.text)
    if window and any(not _left(t, window) for t in times):
        # "we take drop-offs between eight and eleven, shall I say nine": the window bounds what they propose
        times = [t for t in times if not _left(t, window)]
    leaving = _times_left_behind(r.text) | _times_gone(r.text)
    if leaving and any(not _left(t, leaving) for t in times):
        # "move your 7:30 to 9:15": 9:15 is the offer; "ten and half eleven, ten's already taken": half eleven is
        times = [t for t in times if not _left(t, leaving)]
    if times:
        day = {"date": dates[0]} if len(dates) == 1 else {}
        return [{**day, "time": t.text()} for t in times]
    return [{"date": d} for d in dates]


# What a business has or can do: the times after it are the options.
_OFFER_PHRASE = re.compile(r"\b(?:(?:i've|we've|i|we) (?:only |just |still |also )?(?:got|have)|i got|we got|there's|"
                           r"there is|how about|what about|"
                           r"(?:i|we) (?:could|can) (?:do|offer|fit you in|squeeze you in)|i do have|we do have)\b",
                           re.I)


# A time the offer moves away from: "your 7:30", "instead of 7:30", and "from 7:30" when something is moved.
_LEFT_BEHIND = re.compile(r"\b(?:your|instead of|rather than|in place of|replacing)\s+(?:(?:the|current|existing|"
                          r"original|old|booked)\s+)*", re.I)
_FROM = re.compile(r"\bfrom\s+(?:(?:the|your|current|existing|original|old)\s+)*", re.I)
_MOVING = re.compile(r"\b(?:move|moving|moved|change|changing|switch|push|shift|bump|reschedul\w*|swap|bring)\b", re.I)
_TIME_WORDS = re.compile(r"(?:half\s+|quarter\s+(?:past|to)\s+)?[\w:.']+(?:\s+(?:a\.?\s?m\.?|p\.?\s?m\.?|o'clock|"
                         r"thirty|fifteen|forty[- ]five|\d{2}))?", re.I)


def _times_left_behind(text: str) -> set[Time]:
    """Times an offer names as the booking being left, not as something offered."""
    starts = [m.end() for m in _LEFT_BEHIND.finditer(text)]
    if _MOVING.search(text):
        starts += [m.end() for m in _FROM.finditer(text)]
    left: set[Time] = set()
    for start in starts:
        words = _TIME_WORDS.match(text, start)
        found = entities.times(words.group(0)) if words else []
        if found:
            left.add(found[0])
    return left


# A time said to be gone: "ten's already taken", "the 7:30 has gone", "half six is fully booked".
_GONE_AFTER = re.compile(r"(?:'s|\s+is|\s+are|\s+has|\s+have)?\s+(?:already\s+|just\s+|now\s+|all\s+)?(?:been\s+)?"
                         r"(?:taken|gone|booked up|fully booked|full|sold out|not available|unavailable)\b", re.I)
_SLOT_WORDS = re.compile(r"((?:the\s+)?(?:half\s+|quarter\s+(?:past|to)\s+)?[\w:.]+(?:\s+(?:a\.?m\.?|p\.?m\.?|o'clock|"
                         r"thirty|fifteen|forty[- ]five|\d{2}))?(?:\s+(?:one|slot|appointment|tour|session|table))?)$",
                         re.I)


# A window of times: "between eight and eleven", "from 9 till 12".
_WINDOW = re.compile(r"\b(?:between|from)\s+(" + _TIME_WORDS.pattern + r")\s+(?:and|to|till|until|-)\s+("
                     + _TIME_WORDS.pattern + ")", re.I)


def _window_times(text: str) -> set[Time]:
    """The ends of each window of times the line names (the bounds of what can be had, not options)."""
    ends: set[Time] = set()
    for m in _WINDOW.finditer(text):
        for said in m.groups():
            found = _time_said(said)
            if found is not None:
                ends.add(found)
    return ends


def _times_gone(text: str) -> set[Time]:
    """Times the line says are already taken, so not on offer."""
    gone: set[Time] = set()
    for m in _GONE_AFTER.finditer(text):
        words = _SLOT_WORDS.search(text[: m.start()])
        if words:
            said = re.sub(r"^the\s+|\s+(?:one|slot|appointment|tour|session|table)$", "", words.group(1), flags=re.I)
            found = _time_said(said)
            if found is not None:
                gone.add(found)
    return gone


def _left(t: Time, leaving: set[Time]) -> bool:
    """t is one of the times left behind or gone (the same clock time, whichever reading)."""
    return any(_same_time(t, other) for other in leaving)


def _options_from_text(text: str) -> list[dict[str, str]]:
    from agent.conversation.reading import read

    return _options(read(text))


def _acceptable(task: Task, convo: Conversation, option: dict[str, str]) -> bool:
    """Inside the principal's limits, or exactly what the goal asked for; never an option missing a time we need."""
    accept = task.accept
    if "time" not in option and ("time" in convo.agreed or accept.time_from is not None):
        return False  # "Thursday works" for an offer whose time was lost would book an unknown time
    if "time" in option:
        t = _time_of(option["time"])
        inside = accept.time_ok(t)
        wanted = convo.agreed.get("time")
        if inside is None:
            if not wanted or not _same_time(t, _time_of(wanted)):
                return False
        elif not inside:
            return False
    if "date" in option:
        inside = accept.date_ok(option["date"])
        wanted = convo.agreed.get("date", "")
        if inside is None:
            if not wanted or not _same_day(option["date"], wanted):
                return False
        elif not inside:
            return False
    return bool(option)


def _resolved(task: Task, option: dict[str, str]) -> dict[str, str]:
    """An option's time said unambiguously: "8" inside a 19:00-20:30 window is "8:00 pm"."""
    if "time" not in option or task.accept.time_from is None or task.accept.time_to is None:
        return option
    inside = [m for m in _time_of(option["time"]).candidates() if task.accept.time_from <= m <= task.accept.time_to]
    if len(inside) != 1:
        return option
    hour, minute = divmod(inside[0], 60)
    return {**option, "time": Time(hour % 12 or 12, minute, "pm" if hour >= 12 else "am").text()}


def _time_said(text: str) -> Time | None:
    """The clock time in a few words ("10:30", "half eleven", "ten": a bare hour is read as one), or None."""
    found = entities.times(text if re.search(r"[:.]|am|pm|o'clock", text) else f"at {text}")
    return found[0] if found else None


def _time_of(text: str) -> Time:
    return _time_said(text) or Time(0, 0)


def _same_time(a: Time, b: Time) -> bool:
    if a.meridiem and b.meridiem:
        return a.candidates() == b.candidates()
    return bool(set(a.candidates()) & set(b.candidates()))


def _same_day(a: str, b: str) -> bool:
    b_norm = entities.dates(b)
    return a == b or (bool(b_norm) and a == b_norm[0])


def _booking_days(r: Reading) -> tuple[str, ...]:
    """The days a line names for the booking: not "today" in a pleasantry ("anything else I can help with today",
    "in today's post")."""
    if "today" in r.dates and re.search(r"\btoday's\b|\b(?:else|help|with you)\b[^.?!]*\btoday\b", r.text, re.I):
        return tuple(d for d in r.dates if d != "today")
    return r.dates


def _conflict(convo: Conversation, r: Reading) -> str:
    """What we agreed, said back, when the business states a different time or day; "" when consistent."""
    wanted_time = convo.agreed.get("time")
    if wanted_time and r.times:
        ours = _time_of(wanted_time)
        if not any(_same_time(t, ours) for t in r.times):
            return ours.text()
    wanted_date = convo.agreed.get("date")
    r = replace(r, dates=_booking_days(r))
    if wanted_date and r.dates:
        ours_days = entities.dates(wanted_date)
        if ours_days and ours_days[0] in entities.WEEKDAYS + ("today", "tomorrow") and all(
                d in entities.WEEKDAYS + ("today", "tomorrow") for d in r.dates) and ours_days[0] not in r.dates:
            return wanted_date
    size = convo.agreed.get("party_size")
    if size and size.isdigit():
        m = re.search(r"\b(?:for|party of|table for)\s+(\w+)\b(?!\s*(?:am|pm|o'clock|:))", r.text, re.I)
        said = entities.number_words(m.group(1)) if m else ""
        if said.isdigit() and said != size and not entities.times(m.group(0) if m else ""):
            if int(said) <= 20 and re.search(r"\b(people|guests|persons|of you|adults|table)\b", r.text, re.I):
                return f"{size} people"
    return ""


def _details(task: Task, convo: Conversation, r: Reading) -> MappingProxyType[str, str]:
    details = dict(convo.agreed)
    if r.code and r.times and all(f"{t.hour}{t.minute:02d}" in r.code for t in r.times):
        r = replace(r, times=())  # "cancellation number C three oh six": the code's digits, not 3:06
    r = replace(r, dates=_booking_days(r))
    said = [t for t in r.times if t.meridiem] or list(r.times)  # "flight four eighteen ... departing 7:05am"
    if said and not ("time" in details and any(_same_time(t, _time_of(details["time"])) for t in said)):
        details["time"] = said[0].text()  # the time they state, unless it is the one we agreed (as we said it)
    if r.dates:
        details["date"] = r.dates[0]
    elif details.get("date"):
        details["date"] = (entities.dates(details["date"]) or [details["date"]])[0]
    if r.code:
        details["booking_code"] = r.code
    if r.money:
        details["price"] = _price_of(r, task)
    elif convo.price_heard:
        details["price"] = convo.price_heard  # stated earlier in the call
    details["confirmation"] = r.text
    return MappingProxyType(details)


def _price_of(r: Reading, task: Task) -> str:
    """The amount to bring back: the total when they add it up ("eighty nine each, so a hundred and seventy eight
    for the pair", "eight pound each so ninety six altogether"), else the first amount said."""
    money = _scaled_to_ceiling(r, task)
    if len(money) > 1 and (_TOTAL.search(r.text) or re.search(r"\bso\b", r.text, re.I)):
        return max(money, key=float)  # a total is the largest amount said with it
    return money[0]


def _scaled_to_ceiling(r: Reading, task: Task) -> list[str]:
    """The amounts said, each that reads two ways ("two ninety": 2.90 or 290) at the reading nearer the principal's
    price ceiling, when one is set: a boat hired for four hours under a ceiling of 350 costs 290, not 2.90. (The
    ceiling itself is always checked against the higher reading: see _over_ceiling.)"""
    ceiling = task.accept.max_price
    if not ceiling or ceiling <= 0:
        return list(r.money)
    high = entities.money(r.text, highest=True)
    if len(high) != len(r.money):
        return list(r.money)

    def distance(amount: str) -> float:
        return abs(math.log(max(float(amount), 0.01) / ceiling))

    return [min((low, hi), key=distance) for low, hi in zip(r.money, high, strict=True)]


def _restates_agreement(convo: Conversation, r: Reading) -> bool:
    """They say our agreed time (and day, when one is agreed) back, and close ("see you", "goodbye", "thank you
    for flying with us"), unasked."""
    wanted = convo.agreed.get("time")
    if not wanted or not r.times or "?" in r.text or not re.search(
            r"\bsee (?:you|her|him|them)\b|\bgood ?bye\W*$|\bbye(?: now)?\W*$|"
            r"\bthanks? (?:you )?for (?:calling|flying|choosing|booking|your call)\b[^.?!]{0,40}[.!]?\s*$",
            r.text, re.I):
        return False
    if not any(_same_time(t, _time_of(wanted)) for t in r.times):
        return False
    day = convo.agreed.get("date")
    return not day or not r.dates or _same_day(r.dates[0], day)


def _code_and_farewell(r: Reading) -> bool:
    """"... under Alex with your book and code is 4 7 1 9, see you then": a code given with a farewell is their
    confirmation, however Whisper garbled the rest (it is read back before it counts)."""
    return bool(r.code) and not r.negated and "?" not in r.text and bool(
        re.search(r"\bsee (?:you|her|him|them)\b", r.text, re.I)) and not r.acts & {"unavailable", "callback"}


def _books_what_we_took(convo: Conversation, r: Reading) -> bool:
    """After we asked them to book an offer: a statement (no question, refusal, condition or hold) naming our
    agreed time, and our day when they name one."""
    return (r.act in ("inform", "small_talk", "ack", "offer", "goodbye") and not r.negated and "?" not in r.text
            and not r.acts & {"unavailable", "callback", "hold", "transfer", "question", "ask_confirm"}
            and not re.search(r"\b(?:if|whether|once|unless|provided|would|could)\b", r.text, re.I)
            and _says_our_booking(convo, r))


def _says_our_booking(convo: Conversation, r: Reading) -> bool:
    """Their line names our agreed time (and no other), with our day when one is agreed and they name one."""
    wanted = convo.agreed.get("time")
    if not wanted or not r.times or not all(_same_time(t, _time_of(wanted)) for t in r.times):
        return False
    return not (convo.agreed.get("date") and r.dates and not any(_same_day(d, convo.agreed["date"]) for d in r.dates))


def _known_details(task: Task, convo: Conversation) -> dict[str, str]:
    known = {k: v for k, v in convo.agreed.items()}
    for key, fact in task.facts.items():
        if fact.level in ("share", "if_asked"):
            known[key] = fact.value
    return known


def _mentions_known(r: Reading, known: dict[str, str]) -> bool:
    """The detail to confirm matches something we know (a time, a day, a number, a name)."""
    if r.times and "time" in known:
        return any(_same_time(t, _time_of(known["time"])) for t in r.times)
    if r.dates and "date" in known:
        return any(_same_day(d, known["date"]) for d in r.dates)
    low = r.text.lower()
    for value in known.values():
        words = [w for w in re.findall(r"[a-z]{3,}", value.lower())]
        if words and any(w in low for w in words):
            return True
        digits = re.sub(r"\D", "", value)
        if digits and digits in entities.digits_of(entities.number_words(low)):
            return True
    return False


def readback(task: Task, details: MappingProxyType[str, str] | dict[str, str]) -> str:
    """"So that's friday at 8:15 for 4 under Delgado, code K742." from what was agreed and confirmed."""
    parts: list[str] = []
    if details.get("date"):
        day = details["date"].removeprefix("on ").removeprefix("this ")
        parts.append(day.capitalize() if day.lower() in entities.WEEKDAYS else day)
    if details.get("time"):
        parts.append(f"at {details['time']}")
    if details.get("party_size"):
        parts.append(f"for {details['party_size']}")
    name = task.fact("name")
    if name and parts:
        parts.append(f"under {name}")
    if details.get("booking_code"):
        parts[-1] += ","
        parts.append(_spelled_code(details["booking_code"], "code"))
    if not parts:
        return ""
    text = " ".join(parts)
    return f"So that's {text}."


def _option_words(option: dict[str, str]) -> str:
    if "time" in option and "date" in option:
        return f"{option['date']} at {option['time']}"
    return option.get("time") or option.get("date") or "that"


def _label(key: str) -> str:
    return key.replace("_", " ")


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _sentence(text: str) -> str:
    text = text.strip()
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."
