"""The reading of one heard turn: `read(text)` -> Reading, its acts, its primary act and fact, and its entities."""

from __future__ import annotations

import re
from dataclasses import dataclass

from agent.conversation import entities
from agent.conversation.entities import Time
from agent.conversation.reading import learned
from agent.conversation.reading.acts import _acts
from agent.conversation.reading.facts import _fact_cue
from agent.conversation.reading.primary import _primary
from agent.conversation.reading.transcript import clauses, normalise
from agent.conversation.reading.wording.done import _DONE
from agent.conversation.reading.wording.forms import _QUESTION_OPEN, _WH_OPEN
from agent.conversation.reading.wording.greeting_goodbye import _CLOSING_END, _INVITES
from agent.conversation.reading.wording.hold_transfer_callback import _HOLD_OPENING
from agent.conversation.reading.wording.questions import _CONFIRM_TAG

ACTS = ("done", "unavailable", "offer", "ask_fact", "ask_confirm", "question", "hold", "transfer", "callback",
        "goodbye", "small_talk", "greeting", "ask_principal", "extraction", "inform", "ack", "unclear", "say_again")


@dataclass(frozen=True)
class Reading:
    """What one business utterance does, and what it mentions."""

    text: str
    act: str  # the primary act: the one the caller must respond to (one of ACTS)
    acts: frozenset[str] = frozenset()  # every act found, the primary included
    fact: str = ""  # for ask_fact / ask_confirm: which fact (a FACT_CUES key, a custom key, or "other")
    times: tuple[Time, ...] = ()
    dates: tuple[str, ...] = ()
    money: tuple[str, ...] = ()
    code: str | None = None  # a confirmation or reference code they gave, normalised
    spelled: str | None = None  # a word spelled letter by letter
    negated: bool = False  # a completion word under negation or condition ("not booked yet", "once it clears")
    understood: bool = True  # False when no rule recognised anything (the default "inform" with nothing in it)
    asks_if_ai: bool = False  # "are you a robot?", "am I talking to a real person?": always answered truthfully
    by_model: bool = False  # the act is the learned model's second opinion on a line the rules left at a default
    ends_asking: bool = False  # its last sentence asks by its form ("..., is that right", "what time"), whatever
    # else the line did before it ("D six right. So it's forty euro for the year" does not end asking)


# Whether the caller is a machine: asked of AI callers all the time; the answer is never left to anyone else.
_ASKS_IF_AI = re.compile(
    r"\b(?:are you|is (?:this|that|it)|am i (?:talking|speaking|chatting) (?:to|with)|you're|you are)\b"
    r"[^.?!]{0,25}?\b(?:a |an |one of (?:those|them) )?(?:robot|bot|ai|a\.i\.|computer|automated|machine|"
    r"artificial|(?:real|actual|live) (?:person|human)|human)\b", re.I)


def read(text: str, custom_cues: dict[str, tuple[str, ...]] | None = None, second_opinion: bool = True,
         price_asked: bool = False) -> Reading:
    """The reading of one heard turn; `custom_cues` adds the task's own facts ("policy number" -> policy_no).

    Where the rules only default (`inform`: nothing matched; `question`: its form alone), the learned model may
    read it instead (learned.py), never as a completion or anything that ends the call; `second_opinion=False`
    gives the rules' reading alone (what the model's own measurement compares against). `price_asked`: the call asks
    what something costs, so a bare figure said as what it is ("it's three forty nine") is an amount."""
    clean = normalise(text)
    low = clean.lower()
    found = _acts(clean, low, custom_cues or {})
    act, fact = _primary(clean, low, found, custom_cues or {})
    body = _closing_body(clean)
    if body is not None and act in ("greeting", "hold", "goodbye"):
        # "Let me pull that up. Your bill covered 33 days ... That's why. Thanks for calling!": the checking was
        # done while they talked, and the closing says goodbye, not hello: the body says what the turn does.
        body_low = body.lower()
        body_found = _acts(body, body_low, custom_cues or {}) - {"hold", "greeting"}
        body_act, body_fact = _primary(body, body_low, body_found, custom_cues or {})
        if body_act not in ("greeting", "hold"):
            act, fact, found = body_act, body_fact, found | {"goodbye"}
    negated = bool(_DONE.search(low)) and "done" not in found
    times, money = tuple(entities.times(clean)), tuple(entities.money(clean, price_asked=price_asked))
    understood = bool(found) or act != "inform" or bool(times or money or entities.read_code(clean))
    by_model = False
    if second_opinion and not (act == "greeting" and _INVITES.search(low)):  # "what can I do for you": theirs
        opinion = learned.second_opinion(clean, act, understood)
        if opinion is not None:
            act, by_model, understood = opinion, True, True
            if act in ("ask_fact", "ask_confirm", "extraction"):
                fact = fact or next((f for c in clauses(low) if (f := _fact_cue(c, custom_cues or {}))), "other")
    return Reading(
        text=text,
        act=act,
        acts=frozenset(found) | {act},
        fact=fact,
        times=times,
        dates=tuple(entities.dates(clean)),
        money=money,
        code=entities.code(clean),
        spelled=entities.spelled(clean) if re.search(r"\b[A-Z](?:[\s-][A-Z]){2,}\b", clean) else None,
        negated=negated,
        understood=understood,
        asks_if_ai=bool(_ASKS_IF_AI.search(clean)) and act not in ("extraction", "hold", "goodbye"),
        by_model=by_model,
        ends_asking=_ends_asking(low),
    )


def _ends_asking(low: str) -> bool:
    """The line's last sentence asks us something by its form: a question mark, a question's opening ("is it",
    "what's"), or a tag asking for a yes ("..., right", "is that correct")."""
    last = re.split(r"(?<=[.?!])\s+", low.strip())[-1]
    return last.endswith("?") or bool(_QUESTION_OPEN.match(last) or _WH_OPEN.match(last) or _CONFIRM_TAG.search(last))


def _closing_body(clean: str) -> str | None:
    """What a long turn says before its closing ("... thanks for calling"), less a "let me check" it opened
    with; None for a turn without a closing or with too little before it to be an answer."""
    end = _CLOSING_END.search(clean)
    if end is None:
        return None
    body = _HOLD_OPENING.sub("", clean[: end.start()]).strip()
    return body if len(re.findall(r"[\w']+", body)) >= 10 else None
