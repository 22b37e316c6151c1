"""The controller's handlers for phone menus: when a prompt is over, which keys go out, the menu's budget.

Pure, like the rest of the controller. While a recording talks (no person yet), the words of its prompt
collect in `state.menu_text`. Keys are never sent into the middle of a menu: once the line has stayed quiet
for MENU_SETTLE_S after the prompt's last words (a prompt whose transcript stops mid-sentence gets
MENU_MORE_S longer, once), the dialogue is asked (Decide kind "menu") with the whole prompt. Its keys go out
as SendDtmf (paced by the SIP engine), its words (a speech menu) as Speak, its note into the call's report.
Nothing else is ever said to a menu. A menu that has not led to a person or a queue within the menu budget
ends the call with the path taken.
"""

from __future__ import annotations

import re
from dataclasses import replace
from types import MappingProxyType
from typing import Any

from agent.call import effects as fx
from agent.call.state import CallState, Result, decide, hang_up
from sip.events import DtmfFailed, DtmfSent

MENU_SETTLE_S = 2.0  # quiet after the prompt's last words (on top of the turn detector's) before choosing
MENU_MORE_S = 2.0  # more quiet for a prompt whose transcript breaks off mid-sentence
# A transcript that ends like this was cut off: "... for billing press", "to speak with an agent,".
_CUT_OFF = re.compile(r"(?:\b(?:press|dial|enter|say|for|to|or|and|the|your|please|followed by)|[,:;-])\s*$", re.I)


def in_menu(state: CallState) -> bool:
    """A recorded menu is talking to us (not a person, not a hold)."""
    if state.on_hold or state.answered_by == "person" or state.machine_handled and state.answered_by == "machine":
        return False
    if state.answered_by == "menu":
        return True
    return state.menu_heard and state.answered_by in ("", "unknown", "machine", "queue")


def prompt_paused(state: CallState) -> list[Any]:
    """A recording's words just ended: choose once the line stays quiet (SpeechStarted cancels the timer)."""
    if state.on_hold or state.answered_by == "person":
        return []
    return [fx.StartTimer("menu", MENU_SETTLE_S)]


def prompt_words(state: CallState, heard_id: int, text: str) -> Result:
    """Words of a recording: part of the prompt; if the prompt was already over, choose now."""
    if state.on_hold or state.answered_by == "person":
        return state, []
    state = replace(state, menu_text=f"{state.menu_text} {text}".strip())
    if state.menu_due and heard_id == state.heard:
        return _choose(state)
    return state, []


def on_menu_timer(state: CallState) -> Result:
    """The line stayed quiet after a prompt: choose, unless its words are still being transcribed."""
    if not in_menu(state) or not state.menu_text or state.speaking is not None:
        return state, []
    if state.transcribed != state.heard:
        return replace(state, menu_due=True), []  # the transcript of its last words decides when it comes
    if _CUT_OFF.search(state.menu_text) and not state.menu_extended:
        return replace(state, menu_extended=True), [fx.StartTimer("menu", MENU_MORE_S)]
    return _choose(state)


def _choose(state: CallState) -> Result:
    """Ask the dialogue what this prompt wants from us."""
    text = state.menu_text
    effects: list[Any] = []
    if state.answered_by != "menu":
        effects += [fx.Record("system", "an automated menu answered"), fx.CancelTimer("machine")]
    if not state.menu_started:
        effects.append(fx.StartTimer("menu_budget", state.settings.menu_budget_s))
    state = replace(state, answered_by="menu", menu_text="", menu_due=False, menu_extended=False, menu_started=True)
    decided, more = decide(state, "menu", text)
    return decided, effects + more


def keys_chosen(state: CallState, keys: str) -> Result:
    """The dialogue chose keys: send them (the engine paces them and reports each, or a failure)."""
    return state, [fx.CancelTimer("menu"), fx.SendDtmf(keys)]


def on_dtmf_sent(state: CallState, event: DtmfSent, now: float) -> Result:
    """One key went out: keep count, for the report."""
    sent = f"{state.details.get('keys_sent', '')}{event.digit}"
    methods = state.details.get("dtmf_method", "")
    if event.method not in methods.split(","):
        methods = ",".join(m for m in (methods, event.method) if m)
    details = {**state.details, "keys_sent": sent, "dtmf_method": methods}
    return replace(state, details=MappingProxyType(details)), []


def on_dtmf_failed(state: CallState, event: DtmfFailed, now: float) -> Result:
    """The peer takes no key by any allowed method: note it; the dialogue picks another way (words, waiting)."""
    note = fx.Record("system", f"keys {event.digits} could not be sent: {event.reason}")
    if not in_menu(state):
        return state, [note]
    decided, effects = decide(state, "keys_failed", event.reason)
    return decided, [note, *effects]


def on_menu_budget(state: CallState) -> Result:
    """The menu has not led to a person or a queue in time: give up with the path taken."""
    if state.answered_by == "person" or state.on_hold:
        return state, []
    path = state.details.get("menu_path", "") or "no key pressed"
    reason = f"the phone menu did not reach a person within {state.settings.menu_budget_s:g} s (path: {path})"
    return hang_up(state, "menu-dead-end", reason)
