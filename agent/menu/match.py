"""How well a menu option's label fits the principal's goal: a small, explicit score, no model.

A label and a goal share meaning in three ways, each scored on its own:
- actions: what is to be done (book, change, cancel, pay, check a status, ...). The same action scores high, a
  related one some ("existing reservations" serves a change or a cancellation), a different one counts against
  ("new reservations" is the wrong line for a cancellation);
- topics: groups of everyday words that name the same thing ("bill", "invoice", "charge", "refund" are billing;
  "suitcase" and "baggage" are luggage);
- words: any other content word both share, lightly stemmed ("grooming", "parking permits").
The vocabulary is general telephone language (airlines, clinics, utilities, banks, shops, offices), not the
phrasing of any one business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ACTION_EXACT = 3.0  # the label offers the very action the goal asks for
ACTION_RELATED = 1.5  # a related action ("existing booking" for a change)
ACTION_CONFLICT = -3.0  # the label offers only other actions
ACTION_OTHER = 1.0  # less for each unrelated action the label offers besides the goal's
TOPIC = 2.0  # a shared topic
WORD = 1.5  # a shared content word

# Actions, as verbs (matched in goals and labels alike, with their usual endings: "changes", "scheduling").
_ACTION_VERBS: dict[str, tuple[str, ...]] = {
    "book": ("book", "reserve", "schedule", "make a reservation", "make an appointment", "sign up", "register",
             "enrol", "enroll", "buy", "purchase", "order", "join", "get a table", "arrange",
             # "to make, change or cancel an appointment": "make" heads a list of actions
             "make change", "make or change", "make or cancel", "make modify", "make reschedule"),
    "change": ("change", "modify", "reschedule", "move", "switch", "rebook", "update", "amend", "push back",
               "bring forward", "edit", "upgrade"),
    "cancel": ("cancel", "call off", "close", "terminate", "stop", "disconnect", "shut off", "freeze",
               "discontinue"),
    "start": ("start", "set up", "connect", "turn on", "activate", "open an account", "open a new"),
    "pay": ("pay",),
    "status": ("track", "where is", "delayed", "when will", "arrive", "come in", "check on", "check the status"),
    "report": ("report",),
    "refill": ("refill", "renew"),
    "return": ("return", "exchange", "send back"),
    "dispute": ("dispute", "contest", "appeal", "challenge"),
}
# Nouns that name an action in a label ("payments", "order tracking", "cancellations"), and the two words that
# say which side of a booking a line serves ("new", "existing"). A goal's nouns are not its action: "ask why my
# escrow payment went up" is a question, not a payment.
_LABEL_NOUNS: dict[str, tuple[str, ...]] = {
    "book": ("place an order",),
    "cancel": ("cancellation",),
    "pay": ("payment", "autopay"),
    "status": ("status", "tracking", "ready"),
    "refill": ("renewal",),
    "new": ("new",),
    "manage": ("existing", "current", "already placed", "you've already", "you already", "manage"),
}
# A goal that asks something ("Ask whether ...", "Find out ...") is served by status and existing-item lines.
_ASK_CUES = re.compile(r"^\s*(?:please\s+)?(?:ask|check|find out|see if|see whether|enquire|inquire|confirm whether|"
                       r"learn|what|when|where|why|how|whether|is|are|do|does|can)\b")
_RELATED: dict[str, frozenset[str]] = {
    "book": frozenset({"start", "new"}),
    "start": frozenset({"book", "new"}),
    "change": frozenset({"manage", "book"}),
    "cancel": frozenset({"manage", "change"}),
    "status": frozenset({"manage"}),
    "return": frozenset({"manage"}),
    "refill": frozenset({"status"}),
    "ask": frozenset({"status", "manage"}),
    "dispute": frozenset({"manage"}),
    "pay": frozenset(),
    "report": frozenset(),
}
# Verbs that in a label are mostly nouns: "takeout orders", "order status" say nothing of booking.
_GOAL_ONLY_VERBS = frozenset({"order"})
_ENDINGS = r"(?:s|es|ed|d|ing|e|er|ers)?"  # "change" matches "changes" and "changing", not "changeover"

TOPICS: dict[str, tuple[str, ...]] = {
    "booking": ("reservation", "booking", "appointment", "table", "room", "flight", "trip", "visit", "stay",
                "seat", "consultation", "session", "itinerary"),
    "billing": ("bill", "billing", "payment", "balance", "invoice", "charge", "charged", "statement", "refund",
                "fee", "fees", "payable", "receivable", "accounting", "autopay", "owe", "account balance"),
    "pharmacy": ("prescription", "refill", "pharmacy", "pharmacist", "medication", "medicine", "meds", "rx",
                 "inhaler", "drug", "pills"),
    "lost": ("lost", "found", "missing", "left behind", "handed in", "lost property", "lost and found"),
    "luggage": ("bag", "baggage", "luggage", "suitcase", "checked bag"),
    "hours": ("hours", "open", "opening", "closing", "closes", "location", "locations", "directions", "address",
              "located", "find you", "get there"),
    "status": ("status", "track", "tracking", "ready", "delayed", "delay", "arrival", "departure", "eta"),
    "repair": ("repair", "fix", "fixed", "fixing", "broken", "not working", "stopped working", "maintenance",
               "technical", "tech support", "troubleshoot", "keeps dropping", "problem with"),
    "outage": ("outage", "power is out", "power out", "no power", "blackout", "lights are out"),
    "claims": ("claim", "claims", "accident", "damage", "damaged", "collision"),
    "results": ("results", "test results", "lab", "labs"),
    "aid": ("financial aid", "scholarship", "scholarships", "grant", "grants", "fafsa"),
    "sales": ("sales", "buy", "purchase", "sell", "trade in", "used car", "used cars"),
    "loans": ("loan", "loans", "mortgage", "refinance", "refinancing", "home equity", "line of credit", "heloc"),
    "alterations": ("alteration", "alterations", "hem", "hemmed", "hemming", "tailor", "tailoring", "taken in"),
    "tickets": ("tickets", "box office"),
    "body": ("dent", "scratch", "bumper", "body shop", "bodywork", "body work"),
    "records": ("records", "medical records", "copy of my"),
    "person": ("representative", "agent", "operator", "associate", "attendant", "receptionist", "customer service",
               "customer care", "front desk", "someone", "somebody", "a person", "live person", "human",
               "team member", "member of our team", "staff member", "talk to a", "speak to a", "speak with a"),
}
# Words too common in menus to say anything by themselves.
STOPWORDS = frozenset("""
a an the and or of for to if in on at by with about from your you you're youre our we us my me i it its is are be
been this that these those please press say dial enter select option number key now at any time call calls calling
question questions information info inquiry inquiries enquiry enquiries regarding other all else anything general
need like would want help speak talk reach get go hear some someone department office store
line there here can may will just also more main menu thank thanks welcome reached have has had do does did
not no yes again today tomorrow week next last this her his their them they she he what when where why how which
who whether ask check find out see see learn was were am will about an up
monday tuesday wednesday thursday friday saturday sunday tonight morning afternoon evening
""".split())


@dataclass(frozen=True)
class Meaning:
    """What a goal or a label says, in the terms the score compares."""

    actions: frozenset[str]
    topics: frozenset[str]
    words: frozenset[str]


def normalise(text: str) -> str:
    """Lowercase words separated by single spaces, apostrophes dropped ("let's" -> "lets")."""
    text = text.lower().replace("’", "'").replace("'", "")
    return " " + " ".join(re.findall(r"[a-z0-9]+", text)) + " "


def stem(word: str) -> str:
    """A light stem so plurals and verb forms meet ("reservations", "changes", "changing", "scheduled")."""
    for suffix, repl in (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("es", "e"), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith(("ss", "us", "is")):
            word = word[: len(word) - len(suffix)] + repl
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


_ACTION_WORDS = frozenset(stem(c) for cues in _ACTION_VERBS.values() for c in cues if " " not in c)


def _phrase(phrase: str, endings: str = r"[a-z]*") -> str:
    """A cue phrase as a pattern over normalised text, each word matched by its stem and `endings`."""
    return r"\s" + r"\s".join(re.escape(stem(w)) + endings for w in phrase.split()) + r"\s"


def _has(norm: str, phrase: str) -> bool:
    """A topic phrase in normalised text, as written or in the plural ("reservations" matches "reservation")."""
    pattern = r"\s" + r"\s".join(re.escape(w) + r"(?:s|es)?" for w in phrase.split()) + r"\s"
    return re.search(pattern, norm) is not None


def _label_actions(norm: str) -> frozenset[str]:
    found = {a for a, cues in _ACTION_VERBS.items()
             if any(re.search(_phrase(c, _ENDINGS), norm) for c in cues if c not in _GOAL_ONLY_VERBS)}
    found |= {a for a, cues in _LABEL_NOUNS.items() if any(_has(norm, c) for c in cues)}
    return frozenset(found)


def goal_actions(goal: str) -> frozenset[str]:
    """The goal's action: its first action verb, plus "ask" when it opens with "ask", "find out", "check" ..."""
    norm = normalise(goal)
    hits = sorted((m.start(), action) for action, cues in _ACTION_VERBS.items() for cue in cues
                  for m in [re.search(_phrase(cue, _ENDINGS), norm)] if m)
    first = {hits[0][1]} if hits else set()
    return frozenset({"ask", *first} if _ASK_CUES.match(norm) else first)


def meaning(text: str, goal: bool = False) -> Meaning:
    """Actions, topics and content words of a goal or a label."""
    norm = normalise(text)
    topics = frozenset(t for t, cues in TOPICS.items() if any(_has(norm, c) for c in cues))
    words = frozenset(stem(w) for w in norm.split() if w not in STOPWORDS and len(w) > 2 and not w.isdigit()
                      and stem(w) not in _ACTION_WORDS)
    actions = goal_actions(text) if goal else _label_actions(norm)
    return Meaning(actions, topics, words)


def action_score(goal: frozenset[str], label: frozenset[str]) -> float:
    """Exact, related, neutral (either side has no action) or conflicting actions.

    A label that offers the goal's action along with unrelated ones ("check the status of a refill" for a refill)
    scores a little less than one that offers it alone.
    """
    if not goal or not label:
        return 0.0
    related = set().union(*(_RELATED.get(a, frozenset()) for a in goal))
    if goal & label:
        others = label - goal - related - {"new", "manage", "start"}  # "start a return" is one action
        return ACTION_EXACT - ACTION_OTHER * len(others)
    if "new" in label and not goal & {"book", "start"}:
        # a line for new bookings is wrong for anything done to an existing one; a question may be about either
        return 0.0 if goal == {"ask"} else ACTION_CONFLICT
    if label & related:
        return ACTION_RELATED
    return ACTION_CONFLICT


def _word_overlap(goal: frozenset[str], label: frozenset[str]) -> int:
    """Shared content words; one may be a prefix of the other ("show" and "showtime")."""
    return sum(1 for w in label if any(w == g or (min(len(w), len(g)) >= 4 and (w.startswith(g) or g.startswith(w)))
                                       for g in goal))


def score(goal: Meaning, label: Meaning) -> float:
    """How well the label fits the goal; above zero only when something is shared.

    A question's kinship with status and existing-item lines counts only beside a shared topic or word: on its
    own it would pull every question ("find out if my suitcase turned up") towards any "flight status" line.
    """
    shared = TOPIC * len(goal.topics & label.topics - {"person"}) + WORD * _word_overlap(goal.words, label.words)
    actions = action_score(goal.actions, label.actions)
    if actions == ACTION_RELATED and not shared and goal.actions <= {"ask"}:
        actions = 0.0
    return actions + shared
