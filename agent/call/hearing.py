"""The controller's handlers for what the line classifier heard: who answered, hold, pick-up, machines, screening.

Pure, like the rest of the controller: (state, event, now) -> (state, effects). One notion of hold: music
(or a queue's wording), a person's "let me check", the far end's SIP hold and a screening assistant all
set `state.hold`; the holds decided here are passed to the line classifier (fx.HoldLine) so that its
pick-up rules run whatever started the hold, and the person who comes back is answered.
"""

from __future__ import annotations

import re
from dataclasses import replace
from types import MappingProxyType
from typing import Any

from agent.call import effects as fx
from agent.call.state import CallSettings, CallState, Result, decide, hang_up, nothing_pending, say, stop_speaking
from agent.line.cues import QUEUE_CUES, cues_in, main_cue
from agent.line.events import (
    AmdDecided,
    BeepHeard,
    DigitHeard,
    GreetingEnded,
    HoldStarted,
    LabelChanged,
    PersonPickedUp,
    ProbeWanted,
)
from agent.menu.navigator import announced_wait
from sip.events import CallHeld, CallResumed

PROBE_LINE = "Hello?"
NOT_TO_US = ("music", "ringback", "busy", "dtmf")  # line labels nobody talks to us through
PICKUP_CLAIM_S = 3.0  # an utterance that ended this recently before a pick-up was the person's
TRANSCRIPT_WAIT_S = 1.0  # a machine's message waits this long (again) for the transcript of its last words
MAX_SCREENING_REPLIES = 2  # answer a screening assistant's repeated question at most this often
# A person's first words that ask nothing yet wait this long after their transcript for the rest of the
# greeting (people pause between "..., this is Jen at the front desk." and "How can I help?").
GREETING_TAIL_S = 0.8
_INVITING = frozenset({"offer", "question", "asks"})  # cues of words that wait for our answer
# A question Whisper wrote without its "?" ("Thanks for waiting for what time."): it waits for our answer too.
_ASKS_WITHOUT_MARK = re.compile(r"\b(?:what|which|when|where|who|how many|how much|how long)\b(?:\s+[\w']+){0,4}"
                                r"\W*$|\b(?:can|could|may) i (?:get|have|take|ask)\b|\b(?:do|would|are|did) you\b",
                                re.I)
_HOLD_NOTES = {
    "music": "on hold (music): waiting quietly for a person",
    "asked": "on hold (they asked us to wait): waiting quietly for them to come back",
    "sip": "on hold (the far end's SIP hold): waiting quietly",
    "screening": "a screening assistant is checking with the person: waiting quietly",
    "silence": "the line has been silent on both sides: waiting quietly for them to speak",
}


def listening_only(state: CallState) -> bool:
    """Nothing said now is meant for us (yet): hold, a recording, tones, or who answered is still unknown.

    Until answering-machine detection decides, the first words are held back: a person's greeting is
    claimed and answered the moment it says "person"; a machine's is never answered.
    """
    if state.on_hold or state.answered_by in ("", "machine", "menu", "screening", "queue"):
        return True
    return state.answered_by != "person" and state.line in NOT_TO_US


# ---- hold ----------------------------------------------------------------------------------------
def enter_hold(state: CallState, kind: str, tell_line: bool) -> Result:
    """The call is on hold from now (or its reason changed): stay quiet, no idle limit, the hold limit instead."""
    if state.hold == kind:
        return state, []
    # Not a word before the music: a sound the voice detector sent to STT (a blip of the radio) that came back
    # empty is no word, but one whose transcript is still on its way may be a queue's welcome.
    at_answer = (kind == "music" and not state.hold and state.answered_by in ("", "unknown") and not state.conversed
                 and state.worded == 0 and state.transcribed >= state.heard)
    effects: list[Any] = [fx.Record("system", _HOLD_NOTES[kind]), fx.CancelTimer("idle")]
    if not at_answer:  # (music before anyone spoke keeps the greeting timer: "Hello?" still goes, see CallState)
        effects += [fx.CancelTimer("greeting"), fx.CancelTimer("probe")]
    if not state.hold or state.hold == "silence":  # a silent line that turns out to be a queue gets a queue's budget
        effects.append(fx.StartTimer("hold", hold_limit(state.settings, kind)))
    if tell_line:
        effects.append(fx.HoldLine(kind))
    if kind in ("music", "sip") and not (at_answer and state.probe is not None):  # (the "Hello?" plays out)
        state, stopped = stop_speaking(state)  # our words would go into music, or nowhere: stop them
        effects = stopped + effects
    if kind == "music":
        effects.append(fx.CancelTimer("machine"))  # a queue's greeting before the music is not a voicemail
        if state.answered_by in ("", "machine", "unknown"):
            state = replace(state, answered_by="queue")
    return replace(state, hold=kind, music_at_answer=state.music_at_answer or at_answer), effects


def music_at_answer_after_all(state: CallState, now: float) -> Result:
    """A sound sent to STT before the music was heard as hold has come back with no words (a blip of the radio):
    nobody spoke before the music after all, so it is the music at the answer (enter_hold) and "Hello?" goes,
    now if the greeting wait is over, else when it is."""
    if (state.hold != "music" or state.answered_by != "queue" or state.music_at_answer or state.probed
            or state.conversed or state.worded or state.transcribed < state.heard or state.speaking is not None):
        return state, []
    state = replace(state, music_at_answer=True)
    left = state.settings.greeting_wait_s - (now - state.answered_at)
    return (state, [fx.StartTimer("greeting", left)]) if left > 0 else probe(state)


def hold_limit(settings: CallSettings, kind: str) -> float:
    """How long a hold of this kind is waited out: a silent line for less than a queue (it may be dead air)."""
    return min(settings.max_hold_s, settings.max_silent_hold_s) if kind == "silence" else settings.max_hold_s


def on_hold_started(state: CallState, event: HoldStarted, now: float) -> Result:
    """The classifier heard hold music or queue wording, or both sides have been silent a while."""
    if event.kind == "silence" and not _silence_is_hold(state):
        return state, [fx.HoldLine("declined")]  # the classifier's hold ends with the controller's word on it
    held, effects = enter_hold(state, event.kind, tell_line=False)
    late = now - held.answered_at >= held.settings.greeting_wait_s  # its timer found music and said nothing
    if held.music_at_answer and late and not held.probed and held.speaking is None:
        probed, said = probe(held)  # the "Hello?" the greeting timer held back while the music was not yet hold
        return probed, effects + said
    return held, effects


def _silence_is_hold(state: CallState) -> bool:
    """A silent line is a hold only while we wait for them: not while they wait for us (we asked them to hold
    for the principal, or our words are on their way), and not on a machine, a menu or a hold already."""
    if state.on_hold or state.waiting_principal or state.hang_up_after_speech:
        return False
    if not nothing_pending(state):
        return False  # we talk, or their last words are still being understood, or our answer to them composed
    return state.answered_by in ("", "unknown", "person")


def on_call_held(state: CallState, event: CallHeld, now: float) -> Result:
    """The far end put us on SIP hold: a hold like any other, never a hang-up."""
    return enter_hold(state, "sip", tell_line=True)


def on_call_resumed(state: CallState, event: CallResumed, now: float) -> Result:
    """The far end took us off SIP hold: their voice, when it comes, is them back."""
    if state.hold != "sip":
        return state, []
    note = fx.Record("system", "the far end took us off hold: waiting for them to speak")
    return replace(state, hold="asked"), [note, fx.HoldLine("resumed")]


def on_picked_up(state: CallState, event: PersonPickedUp, now: float) -> Result:
    """A person is back (or came) on the line after hold: answer them."""
    if not state.on_hold:
        return state, []
    # Whatever answered first (a menu, a queue), a person now; their first words may be a greeting with more to come.
    state = replace(state, hold="", answered_by="person", greeted=False, first_words="")
    effects: list[Any] = [
        fx.Record("system", f"a person picked up ({event.reason})"),
        fx.CancelTimer("hold"),
        fx.StartTimer("idle", state.settings.idle_hangup_s),
    ]
    claimed, more = claim_last_words(state, now)
    return claimed, effects + more


def claim_last_words(state: CallState, now: float) -> Result:
    """A person was found just after their words ended (or from them): answer those words after all."""
    heard_id, ended, text = state.last_unanswered
    if heard_id != state.heard or heard_id not in state.listen_only or now - ended > PICKUP_CLAIM_S:
        return state, []  # their words are still coming: answered as usual when they end
    state = replace(state, listen_only=state.listen_only - {heard_id})
    if not text:
        return state, []  # the transcript is on its way and will now be answered
    if now - ended >= GREETING_TAIL_S:  # silence since: their greeting is all there is
        state = replace(state, greeted=True, first_words="")
    decided, effects = answer_words(state, text)
    return decided, [fx.Record("system", "(answering the words above)"), *effects]


# ---- a person's words ----------------------------------------------------------------------------
def answer_words(state: CallState, text: str) -> Result:
    """Ask the dialogue for the answer to a person's words; their first words wait a beat when they ask
    nothing yet, and are answered together with whatever they say next. Words they went on with before our answer
    to their last ones began are answered together with those (the dialogue decides that turn again)."""
    # (`answering` is cleared when its answer arrives: one for the latest decision is still pending)
    earlier = state.unsaid or (state.answering[1] if state.answering and state.answering[0] == state.decision
                               and not state.on_hold else "")
    if earlier:
        return decide(state, "heard", f"{earlier} {text}", again=True)
    if state.greeted:
        return decide(state, "heard", text)
    words = f"{state.first_words} {text}".strip()
    if not _greeting_so_far(words):
        return decide(replace(state, greeted=True, first_words=""), "heard", words)
    held = replace(state, first_words=words)
    return held, ([] if state.talking else [fx.StartTimer("greeting_tail", GREETING_TAIL_S)])


def _greeting_so_far(words: str) -> bool:
    """Words that greet (or name the business) and ask nothing yet: more may follow after a pause.
    "Okay, we have a table at 8." or "Hello?" are answered at once."""
    found = cues_in(words)
    if found & _INVITING or words.rstrip().endswith("?") or _ASKS_WITHOUT_MARK.search(words):
        return False
    return bool(found & {"greeting", "courtesy"}) or len(words.split()) <= 5 and not any(c.isdigit() for c in words)


def greeting_tail_over(state: CallState) -> Result:
    """Their first words were followed by silence: the greeting is all there is; answer it."""
    if state.greeted or not state.first_words or state.talking:
        return state, []
    return decide(replace(state, greeted=True, first_words=""), "heard", state.first_words)


def heard_unanswered(state: CallState, heard_id: int, text: str, confidence: float | None = None,
                     segment: int | None = None) -> Result:
    """A recording, a machine or someone on hold spoke: note it, let its words inform the classifier (of the
    classifier's sound `segment` the utterance ended in)."""
    # Before anything decided who answered, the words are nobody's yet: a host's greeting is not a "recording".
    where = "on hold" if state.on_hold else "unknown speaker" if state.answered_by in ("", "unknown") else "recording"
    last_id, ended, _ = state.last_unanswered
    if heard_id == last_id:
        state = replace(state, last_unanswered=(heard_id, ended, text))
    cue = main_cue(text)
    state = replace(state, menu_heard=state.menu_heard or cue == "menu")
    effects: list[Any] = [fx.Record("them", f"({where}) {text}"), fx.NoteHeard(text, confidence, segment)]
    wait = announced_wait(text)
    if wait:  # "the current wait time is approximately 2 minutes": into the call's log and report
        effects.append(fx.Record("system", f"announced wait: {wait}"))
        state = replace(state, details=MappingProxyType({**state.details, "announced_wait": wait}))
    if cue in QUEUE_CUES and state.answered_by in ("", "machine", "unknown") and not state.machine_handled:
        # "Please stay on the line": a queue, not a voicemail (the classifier starts the hold itself).
        state = replace(state, answered_by="queue")
        effects.append(fx.CancelTimer("machine"))
    if cue == "screening" and state.hold == "screening" and state.speaking is None:
        return _answer_screening(state, effects)
    return state, effects


# ---- who answered ----------------------------------------------------------------------------------
def on_amd(state: CallState, event: AmdDecided, now: float) -> Result:
    """Answering-machine detection decided (or corrected itself)."""
    if state.answered_by == "queue" or state.hold in ("music", "sip", "asked"):
        return state, []  # a queue or a hold is not an answer; its pick-up decides
    if event.who == "unknown":  # nobody spoke after the answer: the greeting timer probes
        return (replace(state, answered_by="unknown"), []) if not state.answered_by else (state, [])
    if event.who == state.answered_by:
        return state, []
    note = fx.Record("system", f"answered by {_article(event.who)} ({event.reason})")
    if event.who == "person":
        if state.answered_by not in ("", "unknown"):
            return state, []
        # Detection said "person" from a greeting that stopped and waits (or offered help): it is all there is.
        state = replace(state, answered_by="person", greeted=True)
        claimed, answer = claim_last_words(state, now)
        return claimed, [note, fx.CancelTimer("probe"), *answer]
    if event.who == "screening":
        # Also after "person": detection corrects that only on wording no receptionist uses ("Hi, I'm Sam's
        # virtual assistant." and a pause, then "say your name and why you're calling").
        if state.answered_by not in ("", "unknown", "person"):
            return state, []
        # An answer the dialogue is still composing was meant for a person: it is not said to the screener.
        state, stopped = stop_speaking(replace(state, answered_by="screening", decision=state.decision + 1))
        state, effects = _answer_screening(state, [note, *stopped, fx.CancelTimer("greeting"), fx.CancelTimer("probe")])
        held, hold = enter_hold(state, "screening", tell_line=True)
        return held, effects + hold
    return _not_a_person(state, event.who, note)


def _not_a_person(state: CallState, who: str, note: Any) -> Result:
    """A machine (or a menu) answered, possibly after we took it for a person or a screening assistant."""
    # An answer the dialogue is still composing was meant for a person: it is not said to a machine.
    state, stopped = stop_speaking(replace(state, answered_by=who, hold="", decision=state.decision + 1))
    effects: list[Any] = [note, *stopped, fx.CancelTimer("greeting"), fx.CancelTimer("probe")]
    if who == "machine":
        effects.append(fx.StartTimer("machine", state.settings.machine_wait_s))
    return state, effects


def _answer_screening(state: CallState, effects: list[Any]) -> Result:
    """Tell the screening assistant who we call for and why; then wait for the person."""
    if state.screening_replies >= MAX_SCREENING_REPLIES or not state.settings.screening_reply:
        return state, effects
    state = replace(state, screening_replies=state.screening_replies + 1)
    said, speak = say(state, state.settings.screening_reply)
    return said, effects + speak


def on_probe_wanted(state: CallState, event: ProbeWanted, now: float) -> Result:
    """A long greeting said nothing that decides, then silence: ask "Hello?" rather than guess."""
    if state.answered_by not in ("", "unknown") or state.probed or state.speaking is not None or state.on_hold:
        return state, []
    if state.talking:  # the greeting went on after all (its next sentence started): no "Hello?" over it
        return state, []
    return probe(state)


def probe(state: CallState) -> Result:
    """Say "Hello?" once; whoever answers it (or nobody) decides who is there."""
    said, effects = say(replace(state, probed=True), PROBE_LINE)
    return replace(said, probe=said.speaking), [fx.CancelTimer("greeting"), *effects]


def probe_finished(state: CallState) -> Result:
    """Our "Hello?" has played: the classifier hears what answers it; the opening follows if nothing does."""
    state = replace(state, probe=None)
    return state, [fx.NoteProbe(), fx.StartTimer("probe", state.settings.probe_wait_s)]


# ---- machines ------------------------------------------------------------------------------------
def on_beep(state: CallState, event: BeepHeard, now: float) -> Result:
    """A voicemail beep: the recorder is running from now; a message already going out starts over."""
    if state.on_hold or state.answered_by in ("queue", "menu"):
        return state, []
    state = replace(state, beeped=True, answered_by="machine", hold="")
    if state.message is not None:  # the greeting's last pause fooled us: say it all again, after the beep
        state, stopped = stop_speaking(state)
        state = replace(state, machine_handled=False)
        reached, effects = machine_reached(state, "after the beep, again")
        return reached, [*stopped, fx.Record("system", "the beep came: the message starts over"), *effects]
    return machine_reached(state, "after the beep")


def on_greeting_ended(state: CallState, event: GreetingEnded, now: float) -> Result:
    """A machine's greeting ended without a beep, judged from its own pacing."""
    if state.beeped:
        return state, []
    return machine_reached(state, "the greeting ended without a beep")


def message_interrupted(state: CallState) -> Result:
    """The greeting went on while our message played (no beep yet): stop, and go again when it really ends."""
    state, stopped = stop_speaking(state)
    note = fx.Record("system", "the greeting went on: the message waits for its end")
    return replace(state, machine_handled=False), [*stopped, note]


def message_left(state: CallState) -> Result:
    """The whole message has played into the recorder: hang up."""
    when = "after the beep" if state.beeped else "when the greeting had ended, without a beep"
    reason = f"an answering machine answered; left a message {when}"
    return hang_up(replace(state, message=None), "left-message", reason)


def machine_reached(state: CallState, when: str) -> Result:
    """The machine is recording (or never will): run the task's policy (again after an interrupted message)."""
    if state.machine_handled or state.answered_by != "machine":
        return state, []
    if state.transcribed < state.heard and not state.beeped:
        # Its last words are still being transcribed: they may say it is a menu, which gets no message.
        return state, [fx.StartTimer("machine", TRANSCRIPT_WAIT_S)]
    state = replace(state, machine_handled=True)
    cancel = fx.CancelTimer("machine")
    if state.menu_heard:  # an automated menu, not a voicemail: no message for it
        return replace(state, answered_by="menu"), [cancel, fx.Record("system", "an automated menu answered")]
    if state.settings.on_machine == "hang_up":
        ended, effects = hang_up(state, "answering-machine", f"an answering machine answered; hung up ({when})")
        return ended, [cancel, *effects]
    said, effects = say(state, state.settings.machine_message)
    return replace(said, message=said.speaking), [cancel, *effects]


# ---- the rest of what the line reports -------------------------------------------------------------
def on_label(state: CallState, event: LabelChanged, now: float) -> Result:
    """The classifier's label for the line now."""
    return replace(state, line=event.label), []


def on_digit_heard(state: CallState, event: DigitHeard, now: float) -> Result:
    """A DTMF digit from the far end, in-band or signalled: into the transcript."""
    where = ", in-band" if event.how == "in-band" else ""
    return state, [fx.Record("them", f"[DTMF {event.digit}{where}]")]


def _article(who: str) -> str:
    return {"person": "a person", "machine": "an answering machine", "menu": "an automated menu",
            "screening": "a call-screening assistant"}.get(who, who)
