"""One call's way through a phone tree: the menus heard, the moves made, loops, the budget, the path taken.

Runs on the dialogue worker thread, one per call (inside RulesDialogue). The controller asks it once a prompt is
over (Decide kind "menu", with the prompt's words) or when the SIP stack could send no key at all ("keys_failed").
Each prompt is read (`parse_menu`), the move chosen (`choose`, deterministic; the guard has the last word on every
key and word), and returned as an Action: keys, the words for a speech menu, a note for the call's report, and the
path so far in `details["menu_path"]`. The same menu coming back after a move counts as a loop: `choose` then
climbs its ladder towards a person (operator options, 0, "representative", silence). The navigator gives up,
ending the call with outcome "menu-dead-end" and the path, when the menu closes on us, loops past the ladder, or
the depth budget (MAX_MOVES) is spent; the controller's menu timer bounds the time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from types import MappingProxyType

from agent.conversation.dialogue_types import Action
from agent.conversation.task import Task
from agent.menu.choose import Choice, choose, next_after_loop
from agent.menu.parse import Menu, parse_menu

MAX_MOVES = 12  # keys, words or waits at menus before giving up: deeper than any sane phone tree
DEAD_END = "menu-dead-end"


def same_menu(a: Menu, b: Menu) -> bool:
    """Two hearings of one menu: mostly the same keys (or the same request) and label words. Whisper hears a
    repeated prompt a little differently each time ("for your balance and due date" / "and do day", "press to"
    for "press 2" lost)."""
    if (a.entry is None) != (b.entry is None) or (a.entry and b.entry and a.entry.kind != b.entry.kind):
        return False
    keys_a, keys_b = {o.key or o.words for o in a.options}, {o.key or o.words for o in b.options}
    if _overlap(keys_a, keys_b) < 0.6:  # one key of four lost ("press to report") is still the same menu
        return False
    words_a, words_b = _label_words(a), _label_words(b)
    return (not words_a and not words_b) or _overlap(words_a, words_b) >= 0.4


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / max(1, len(a | b))


def _label_words(menu: Menu) -> set[str]:
    return {w for o in menu.options for w in re.findall(r"[a-z]{3,}", o.label.lower())}


def announced_wait(text: str) -> str:
    """An announced wait in words ("about 2 minutes"), or "" when the words announce none."""
    seconds = parse_menu(text).wait_s
    if not seconds:
        return ""
    minutes = seconds / 60
    return f"about {seconds:g} seconds" if seconds < 60 else f"about {minutes:g} minute{'s' if minutes != 1 else ''}"


class MenuNavigator:
    """Chooses each move at a phone tree for one task and remembers the way (dialogue thread only)."""

    def __init__(self, task: Task) -> None:
        self.task = task
        self.path: list[str] = []  # one entry per move, for the report
        self.menus: list[tuple[Menu, list[str]]] = []  # each menu heard, and the moves made there ("2", "agent", "")
        self.moves = 0
        self.no_keys = False  # the peer takes no key by any allowed method: words or silence only
        self.last: tuple[Menu, Choice] | None = None

    def respond(self, kind: str, text: str, approved: Iterable[str] = ()) -> Action:
        """The Action for a finished prompt (kind "menu") or for keys that could not be sent ("keys_failed")."""
        if kind == "keys_failed":
            return self._keys_failed(text)
        menu = parse_menu(text)
        if not menu.options and menu.entry is None and not menu.free_speech:
            if menu.closing:
                return self._give_up(f"the menu closed on us ('{_clip(text)}')")
            return Action()  # an announcement, a transfer, a hold line: nothing to answer
        moves = self._moves_at(menu)
        tried = tuple(moves)
        choice = choose(menu, self.task, tried=tried, approved=approved)
        if choice.kind == "none" and choice.fact and not menu.closing:
            # Its request needs the principal's approval: a person can take the call instead.
            detour = next_after_loop(menu, max(1, len(tried)), tried)
            choice = Choice(detour.kind, keys=detour.keys, say=detour.say, option=detour.option,
                            reason=f"{choice.reason}; {detour.reason}")
        if self.no_keys:
            choice = _without_keys(menu, choice)
        if choice.kind == "none":
            if menu.closing or tried or not menu.options:
                return self._give_up(choice.reason or "nothing in the menu serves the task")
            choice = Choice("wait", reason=f"{choice.reason}: waited")
        self.moves += 1
        if self.moves > MAX_MOVES:
            return self._give_up(f"{MAX_MOVES} menu moves without reaching a person")
        moves.append(choice.token)
        self.path.append(_step(choice))
        self.last = (menu, choice)
        note = choice.reason
        if menu.invalid and tried:
            note = f"the menu refused the last input; {note}"
        details = {"menu_path": " > ".join(self.path)}
        return Action(keys=choice.keys, say=_spoken(choice), note=note, details=MappingProxyType(details))

    def _moves_at(self, menu: Menu) -> list[str]:
        """The moves made at this menu before (the list to add to), matched across Whisper's variations."""
        for heard, moves in self.menus:
            if same_menu(heard, menu):
                return moves
        self.menus.append((menu, []))
        return self.menus[-1][1]

    def _keys_failed(self, why: str) -> Action:
        """No key can reach this peer: from now on words where the menu takes them, else silence."""
        self.no_keys = True
        if self.last is None:
            return Action(note="no keys can be sent: waiting")
        menu, choice = self.last
        instead = _without_keys(menu, choice)
        self._moves_at(menu).append(instead.token)
        self.path.append(_step(instead))
        details = {"menu_path": " > ".join(self.path)}
        return Action(say=_spoken(instead), note=f"no keys can be sent; {instead.reason}",
                      details=MappingProxyType(details))

    def _give_up(self, why: str) -> Action:
        path = " > ".join(self.path) or "no key pressed"
        return Action(hang_up=True, outcome=DEAD_END, reason=f"gave up on the phone menu: {why} (path: {path})",
                      note=f"giving up on the menu: {why}", details=MappingProxyType({"menu_path": path}))


def _without_keys(menu: Menu, choice: Choice) -> Choice:
    """The same move without keys: the option's words where the menu takes speech, else silence."""
    if not choice.keys:
        return choice
    option = choice.option
    words = "" if option is None else option.words or next(
        (o.words for o in menu.options if o.words and o.label == option.label), "")
    if menu.speech and words:
        return Choice("say", say=words, option=option, reason=f"said '{words}' (no key can be sent)")
    if menu.speech and choice.kind == "operator":
        return Choice("operator", say="representative", reason="said 'representative' (no key can be sent)")
    return Choice("wait", reason="stayed silent: no key can be sent and the menu takes no words")


def _spoken(choice: Choice) -> str:
    """An option's word said as a short phrase ("Appointments, please."): a lone word is what speech recognisers
    (Whisper here, a speech IVR's there) most often mishear. A spelled value or a summary goes as it is."""
    if not choice.say or choice.fact or len(choice.say.split()) > 3:
        return choice.say
    return f"{choice.say[0].upper()}{choice.say[1:]}, please."


def _step(choice: Choice) -> str:
    """One move for the path: keys with the option's words, the fact's name for keyed data (never its value)."""
    if choice.kind == "enter" and choice.fact:
        return f"{choice.fact}{'#' if choice.keys.endswith('#') else ''}"
    if choice.kind == "say" and choice.fact:
        return f"said {choice.fact}"
    label = f" ({_short(choice.option.label)})" if choice.option is not None and choice.option.label else ""
    if choice.keys:
        return f"{choice.keys}{label}"
    if choice.say:
        return f"said '{choice.say}'"
    return "waited"


def _short(label: str) -> str:
    words = label.split()
    return " ".join(words[:5]) + ("..." if len(words) > 5 else "")


def _clip(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= 80 else text[:77] + "..."
