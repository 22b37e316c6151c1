"""What to do at a phone menu for this task: press a key, say words, key in a fact, go to a person, or wait.

Pure and deterministic: `choose(menu, task, tried)` -> Choice. The goal (and the party's name) is matched
against each option's label (`agent.menu.match`); a clear winner is pressed (or said, where the option is offered
only as words). Anything less than a clear winner falls back to a person: a listed operator option, else the
prompt's catch-all, else silence ("wait"), which on most phone trees times out to a person or repeats the menu.
A random key is never pressed.

Requests to key data are answered only from the task's facts at their disclosure levels: share and if_asked
facts are keyed (the menu's request is the asking), ask_principal facts are not ("none", so the caller can ask
the principal), never facts are never keyed and never named in the Choice. Every key and word passes the
conversation guard as a last check.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from agent.conversation.guard import Guard
from agent.conversation.task import Task
from agent.menu.match import meaning, score
from agent.menu.parse import Menu, Option
from agent.menu.values import fact_for, keyed, spelled

KINDS = ("key", "say", "enter", "operator", "wait", "none")
MIN_SCORE = 1.5  # a label must share at least one content word (or a topic) with the goal
MIN_MARGIN = 1.0  # and beat the next option by this much; a tie goes to a person instead
MAX_LOOPS = 4  # after the same menu came back this many times, stop answering it
_GENERIC_PERSON = re.compile(r"\b(?:representative|operator|agent|associate|customer (?:service|care)|someone|"
                             r"somebody|person|attendant|receptionist|front desk|staff|team)\b")
_THIRD_PARTY = re.compile(r"\b(?:provider|doctor'?s office|physician|pharmacy calling|pharmacist calling|broker|"
                          r"employer|vendor|supplier|medical office|healthcare professional|dealer|media|"
                          r"calling from (?:a|an|the) (?:provider|doctor|physician|pharmacy|hospital|business))")
_OTHER_LANGUAGE = re.compile(r"\b(?:spanish|espa[nñ]ol|french|fran[cç]ais|chinese|mandarin|cantonese|vietnamese|"
                             r"korean|russian|arabic|portuguese|polish|german|italian|japanese|hindi|tagalog)\b")
_PASS_THROUGH = re.compile(r"^(?:english|continue(?: in english)?|in english|english language)\b|\bfor english\b")
_GOAL_ASKS_PERSON = re.compile(r"\b(?:representative|operator|a person|a human|someone|somebody|an agent|a live|"
                               r"customer service|(?:speak|talk) (?:to|with) (?:a|an|someone|somebody|the))\b")


@dataclass(frozen=True)
class Choice:
    """One move at a menu, with the line the call report shows for it."""

    kind: str  # one of KINDS
    keys: str = ""  # DTMF to send, the terminator included ("482913#")
    say: str = ""  # words to speak (an option's words, a value spelled out, "representative")
    option: Option | None = None  # the option chosen, if any
    reason: str = ""  # one line for the call report
    fact: str = ""  # the fact keyed or said (or awaiting the principal's approval), "" when none

    @property
    def token(self) -> str:
        """The move as `tried` records it: its keys, or its words ("" for a wait)."""
        return self.keys or self.say


def choose(menu: Menu, task: Task, tried: tuple[str, ...] | int = (), approved: Iterable[str] = ()) -> Choice:
    """The move for this menu. `tried`: the keys (or words) already sent at this same menu, which brought it
    back, or how many times it came back; `approved`: ask_principal facts the principal has since approved."""
    tried_tokens = () if isinstance(tried, int) else tuple(tried)
    loops = tried if isinstance(tried, int) else len(tried_tokens)
    if loops > MAX_LOOPS:
        return Choice("none", reason=f"the same menu came back {loops} times: stopped answering it")
    approved_keys = frozenset(approved)
    first = _guarded(_first_choice(menu, task, approved_keys), task, approved_keys)
    if first.kind == "none":
        return first
    came_back = (isinstance(tried, int) and tried > 0) or (first.token and first.token in tried_tokens)
    if came_back or (tried_tokens and first.kind == "wait"):
        return next_after_loop(menu, loops, tried_tokens)
    return first


def next_after_loop(menu: Menu, loops: int, tried: tuple[str, ...] = ()) -> Choice:
    """After our choice led back to the same menu: the next rung towards a person, never the same key twice.

    The ladder, in order: the listed operator options (the generic ones, "representative", "operator", first);
    "0", the usual operator key, unless the menu gave 0 another meaning; "representative" said aloud, where the
    menu takes speech; then silence, which on most phone trees ends at a person after the menu times out. With
    `tried` keys, the first rung not yet tried; with only a loop count, rung number `loops`. Past MAX_LOOPS
    returns "none": the caller should stop answering this menu (hang up or ask the principal).
    """
    if loops > MAX_LOOPS:
        return Choice("none", reason=f"the same menu came back {loops} times: stopped answering it")
    ladder: list[Choice] = []
    for option in _operator_options(menu):
        token = option.key or option.words
        if option.key:
            ladder.append(Choice("operator", keys=option.key, option=option,
                                 reason=f"pressed {option.key} for '{option.label}': the menu came back"))
        elif token:
            ladder.append(Choice("operator", say=option.words, option=option,
                                 reason=f"said '{option.words}' for '{option.label}': the menu came back"))
    zero = next((o for o in menu.options if o.key == "0"), None)
    if (zero is None or (zero.operator and not zero.doubtful)) and not any(c.keys == "0" for c in ladder):
        ladder.append(Choice("operator", keys="0", reason="pressed 0, the usual key for an operator: the menu came "
                                                          "back"))
    if menu.speech and not any(c.say == "representative" for c in ladder):
        ladder.append(Choice("operator", say="representative", reason="said 'representative': the menu came back"))
    ladder.append(Choice("wait", reason="stayed silent: an unanswered menu usually goes to a person"))
    if tried:
        return next(c for c in ladder if c.token not in tried or c.kind == "wait")
    return ladder[min(max(loops, 1) - 1, len(ladder) - 1)]


def _first_choice(menu: Menu, task: Task, approved: frozenset[str]) -> Choice:
    if menu.is_empty():
        return Choice("none", reason="no menu in the prompt")
    if menu.entry is not None:
        answered = _entry_choice(menu, task, approved)
        if answered is not None:
            return answered
    goal = task.goal.strip()
    if _GOAL_ASKS_PERSON.search(goal.lower()):
        person = next(iter(_operator_options(menu)), None)
        if person is not None:
            return Choice("operator", keys=person.key, say="" if person.key else person.words, option=person,
                          reason=f"went to '{person.label}': the goal asks for a person ({goal})")
    option = _best_option(menu, task)
    if option is not None:
        if option.key:
            return Choice("key", keys=option.key, option=option,
                          reason=f"pressed {option.key} for '{option.label}' (goal: {goal})")
        return Choice("say", say=option.words, option=option,
                      reason=f"said '{option.words}' for '{option.label}' (goal: {goal})")
    if menu.free_speech:
        return Choice("say", say=_summary(goal), reason=f"told the menu what the call is about (goal: {goal})")
    return _fallback(menu, goal)


def _fallback(menu: Menu, goal: str) -> Choice:
    """No option fits the goal: closed -> none; a person -> operator; a language or catch-all line; else wait."""
    if menu.closing:
        return Choice("none", reason="the business is closed or ended the call")
    for option in _operator_options(menu):
        if option.key:
            return Choice("operator", keys=option.key, option=option,
                          reason=f"pressed {option.key} for '{option.label}': no option fits the goal ({goal})")
        return Choice("operator", say=option.words, option=option,
                      reason=f"said '{option.words}' for '{option.label}': no option fits the goal ({goal})")
    role = _our_role(menu)
    if role is not None:
        return Choice("key", keys=role.key, option=role,
                      reason=f"pressed {role.key} for '{role.label}': the other lines are for professionals")
    # A catch-all line only when every option was heard: the option Whisper lost may be the right one.
    for test in (lambda o: bool(_PASS_THROUGH.search(o.label)), lambda o: o.catch_all and not menu.incomplete):
        line = next((o for o in menu.options if o.key and not o.doubtful and test(o)), None)
        if line is not None:
            return Choice("key", keys=line.key, option=line,
                          reason=f"pressed {line.key} for '{line.label}': no option fits the goal ({goal})")
    if menu.options:
        return Choice("wait", reason=f"no option fits the goal ({goal}) and none reaches a person: waited")
    return Choice("wait", reason="nothing to answer yet: waited")


def _our_role(menu: Menu) -> Option | None:
    """In a menu that sorts callers by who they are ("if you are a provider, press 1; if you are a member, press
    2"), the one line left once the lines for professionals are set aside: the principal is the customer."""
    roles = [o for o in menu.options if o.key and not o.doubtful
             and re.match(r"(?:if )?you(?:'re| are) (?:a|an|the)\b", o.label)]
    if len(roles) < 2 or len(roles) != len([o for o in menu.options if o.key]):
        return None
    ours = [o for o in roles if not _THIRD_PARTY.search(o.label)]
    return ours[0] if len(ours) == 1 else None


def _operator_options(menu: Menu) -> list[Option]:
    """Routes to a person, the generic ones ("representative", "operator") and key 0 first."""
    people = [o for o in menu.options if o.operator and not o.catch_all and not o.doubtful
              and not _OTHER_LANGUAGE.search(o.label)]
    return sorted(people, key=lambda o: (not _GENERIC_PERSON.search(f"{o.label} {o.words}"), o.key != "0",
                                         not o.key))


def _best_option(menu: Menu, task: Task) -> Option | None:
    """The option whose label clearly fits the goal, or None when none does or two fit alike."""
    wanted = meaning(f"{task.goal} {task.party}", goal=True)
    # Doubtful options (their words may be a lost option's) are never chosen, but still compete: one that fits
    # as well as the best makes the choice unclear.
    candidates = [o for o in menu.options if (o.key or o.words) and not o.skip
                  and not _THIRD_PARTY.search(o.label) and not _OTHER_LANGUAGE.search(o.label)]
    ranked = sorted(((score(wanted, meaning(f"{o.label} {o.words}")), i, o) for i, o in enumerate(candidates)),
                    key=lambda t: (-t[0], t[1]))
    if not ranked or ranked[0][0] < MIN_SCORE or ranked[0][2].doubtful:
        return None
    if len(ranked) > 1 and ranked[0][0] - ranked[1][0] < MIN_MARGIN and ranked[1][2].label != ranked[0][2].label:
        return None
    return ranked[0][2]


def _entry_choice(menu: Menu, task: Task, approved: frozenset[str]) -> Choice | None:
    """Key (or say) the fact the menu asks for, or the way around it; None to go on to the options."""
    entry = menu.entry
    assert entry is not None
    asked = entry.asked
    fact = fact_for(entry, task)
    usable = fact is not None and (fact.level in ("share", "if_asked") or
                                   (fact.level == "ask_principal" and fact.key in approved))
    if entry.optional and not usable:
        return None
    if fact is None:
        return _route_around(menu, f"the task has no fact that answers '{asked}'")
    if fact.level == "never":
        return _route_around(menu, f"the {asked} may not be given")
    if not usable:
        return Choice("none", fact=fact.key,
                      reason=f"the menu asks for the {asked}: needs the principal's approval ({fact.key})")
    value = keyed(entry, fact.value)
    if value:
        ending = f", then {entry.terminator}" if entry.terminator else ""
        return Choice("enter", keys=value + entry.terminator, fact=fact.key,
                      reason=f"entered the {asked} from the task's {fact.key}{ending}")
    if entry.speech or menu.speech:
        return Choice("say", say=spelled(fact.value), fact=fact.key,
                      reason=f"said the {asked} from the task's {fact.key} one character at a time: keys cannot "
                             f"carry its letters")
    return _route_around(menu, f"the {asked} has letters, which keys cannot carry, and the menu takes no speech")


def _route_around(menu: Menu, why: str) -> Choice:
    """A request the agent cannot answer: its "if you don't have it" key, else a person, else none."""
    skip = next((o for o in menu.options if o.skip and o.key and not o.doubtful), None)
    if skip is not None:
        return Choice("key", keys=skip.key, option=skip, reason=f"pressed {skip.key} for '{skip.label}': {why}")
    for option in _operator_options(menu):
        return Choice("operator", keys=option.key, say="" if option.key else option.words, option=option,
                      reason=f"went to '{option.label}': {why}")
    return Choice("none", reason=why)


def _summary(goal: str) -> str:
    """What to tell an open "in a few words" prompt: the goal's first clause, at most ten words."""
    first = re.split(r"[,;.!?]|\s+(?:because|since|so that|as)\s+", goal, maxsplit=1)[0]
    return " ".join(first.split()[:10])


def _guarded(choice: Choice, task: Task, approved: frozenset[str]) -> Choice:
    """The guard's last word on anything keyed or said (a protected value in any form is refused)."""
    if not (choice.keys or choice.say):
        return choice
    guard = Guard(task)
    for key in approved:
        guard.approve(key)
    ok, why = guard.check_keys(choice.keys) if choice.keys else (True, "")
    if ok and choice.say:
        ok, why = guard.check(choice.say, free=False)
    return choice if ok else Choice("none", reason=f"the guard refused it: {why}")
