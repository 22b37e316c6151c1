"""The call controller's state, its fixed settings, and the small steps every handler shares (say, decide, end).

Pure: no I/O, no clock. Handlers live in agent/call/controller.py (the call and the conversation) and
agent/call/hearing.py (what the line classifier heard: who answered, hold, pick-up, machines).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from agent.call import effects as fx

HANGUP_GUARD_S = 5.0  # wait this long for the BYE/CANCEL to complete before giving up on it


class Phase(StrEnum):
    IDLE = "idle"
    REGISTERING = "registering"
    DIALING = "dialing"
    RINGING = "ringing"
    CONNECTED = "connected"
    ENDING = "ending"
    ENDED = "ended"


@dataclass(frozen=True)
class CallSettings:
    """Fixed for the whole call."""

    uri: str  # request URI to dial
    party: str  # who we call, for messages to the principal
    register: bool  # REGISTER to a trunk before dialling
    register_timeout_s: float = 10.0
    # Nothing at all back for our INVITE this long (not even 100 Trying, which trunks send at once): the trunk
    # or peer is down. PJSIP itself would wait 32 s (timer B) and call it a 408, as if nobody picked up.
    invite_timeout_s: float = 10.0
    ring_timeout_s: float = 45.0
    max_call_s: float = 1800.0
    principal_timeout_s: float = 150.0
    greeting_wait_s: float = 4.0  # seconds of silence after the answer before we say "Hello?"
    idle_hangup_s: float = 60.0
    max_hold_s: float = 3600.0  # hang up after this long on hold without a person
    max_silent_hold_s: float = 300.0  # a silent hold (nothing from either side, no music) is waited this long
    on_machine: str = "leave_message"  # "leave_message" or "hang_up" (agent.conversation.task.MACHINE_POLICIES)
    machine_message: str = ""  # what to leave on an answering machine
    machine_wait_s: float = 30.0  # leave the message even if no beep or end of greeting came by then
    screening_reply: str = ""  # what a call-screening assistant is told: on whose behalf, and why
    probe_wait_s: float = 4.0  # seconds of silence after our "Hello?" probe before the opening anyway
    menu_budget_s: float = 300.0  # give up on a phone menu that has not reached a person or a queue by then


@dataclass(frozen=True)
class AnswerBegun:
    """Our spoken answer to their words, while it plays: if they go on at once it is withdrawn as if never said."""

    utterance: int  # our Speak's id
    words: str  # their words it answers
    at: float  # when it was asked to play (controller clock)
    outcome: str  # the call's outcome and details before the answer's decision set its own
    details: MappingProxyType[str, str]


@dataclass(frozen=True)
class CallState:
    """Everything the controller knows about one call."""

    settings: CallSettings
    phase: Phase = Phase.IDLE
    heard: int = 0  # id of the latest utterance sent to STT
    decision: int = 0  # id of the latest decision asked of the dialogue
    decided: int = 0  # id of the latest decision the dialogue has answered (decided < decision: one is pending)
    utterance: int = 0  # id of the latest Speak
    speaking: int | None = None  # utterance being played, if any
    question: int = 0  # id of the latest question to the principal
    waiting_principal: bool = False
    hang_up_after_speech: bool = False
    conversed: bool = False  # the dialogue has been asked for its opening
    outcome: str = ""
    reason: str = ""
    line: str = ""  # the line classifier's latest label (agent.line.events.Label), "" before any
    # Why the call is on hold ("music", "asked", "sip", "screening", "silence": agent.line.events.HoldKind), "" when
    # not.
    hold: str = ""
    # "person", "machine", "menu", "screening", "unknown" (answering-machine detection), "queue" (hold
    # music or queue wording came first), "" before anything decides.
    answered_by: str = ""
    menu_heard: bool = False  # a transcript sounded like an automated menu ("press 1 for ...")
    probe: int | None = None  # utterance id of our "Hello?" probe, while it plays
    probed: bool = False  # we have said "Hello?" into the line once
    # Music began before anyone said a word: a queue that answers with its music, or someone who picked up and
    # waits in silence with a radio on. Our "Hello?" costs the queue nothing and gets the person talking.
    music_at_answer: bool = False
    message: int | None = None  # utterance id of the voicemail message, while it plays
    machine_handled: bool = False  # the machine policy has run (a message is going out, or we hung up)
    beeped: bool = False  # the voicemail's beep has been heard: the recorder is running
    screening_replies: int = 0  # how often the screening assistant has been answered
    listen_only: frozenset[int] = frozenset()  # utterances heard on hold or from a machine: not answered
    # The latest listen-only utterance: its id, when it ended (controller clock) and its transcript.
    last_unanswered: tuple[int, float, str] = (0, 0.0, "")
    transcribed: int = 0  # id of the latest utterance whose transcript has arrived
    worded: int = 0  # id of the latest utterance whose transcript had words (a radio's blip comes back empty)
    # Phone menus (agent/call/menus.py): the prompt's words since our last choice, a choice waiting for the
    # transcript of its last words, the one extension for a prompt cut mid-sentence.
    menu_text: str = ""
    menu_due: bool = False
    menu_extended: bool = False
    menu_started: bool = False  # a menu choice has been made: the menu budget runs
    # Time on hold does not count against the call's length limit (controller clock, seconds).
    answered_at: float = 0.0
    hold_since: float | None = None
    held_s: float = 0.0
    # A person's first words that asked nothing yet ("Riverside Family Practice, this is Jen at the front
    # desk." ... "How can I help?"): held a beat so that our opening does not cross the rest of their greeting.
    greeted: bool = False  # we have answered a person's words (or opened to them) at least once
    first_words: str = ""
    talking: bool = False  # their voice is on now: between SpeechStarted and its UtteranceEnded
    # The heard turn whose answer is awaited: (decision id, its words); None otherwise.
    answering: tuple[int, str] | None = None
    # Words whose answer was withdrawn because they went on talking before it began (or just after): answered
    # with what follows.
    unsaid: str = ""
    answer_begun: AnswerBegun | None = None
    replied: bool = False  # words of theirs came after we had spoken: someone answers us (a recorder never does)
    still_there_asked: bool = False  # we asked "Are you still there?" and nobody has spoken since
    refused_realm: str = ""  # a digest challenge we refused (not the trunk's realm): a 401/407 then is theirs
    details: MappingProxyType[str, str] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def on_hold(self) -> bool:
        """The call is on hold, whatever put it there."""
        return bool(self.hold)


Result = tuple[CallState, list[Any]]
Handler = Callable[[CallState, Any, float], Result]


def finish(state: CallState, outcome: str, reason: str) -> Result:
    """The call is over: an outcome chosen earlier wins."""
    outcome = state.outcome or outcome
    reason = state.reason or reason
    done = replace(state, phase=Phase.ENDED, outcome=outcome, reason=reason, speaking=None)
    return done, [fx.Finish(outcome=outcome, reason=reason, details=state.details)]


def hang_up(state: CallState, outcome: str, reason: str) -> Result:
    """Send BYE (or CANCEL) and wait for the peer to confirm."""
    ending = replace(
        state,
        phase=Phase.ENDING,
        outcome=state.outcome or outcome,
        reason=state.reason or reason,
        speaking=None,
    )
    return ending, [fx.StopSpeaking(), fx.HangUp(), fx.StartTimer("hangup_guard", HANGUP_GUARD_S)]


def nothing_pending(state: CallState) -> bool:
    """None of our words playing, and no transcript or answer of the dialogue still to come."""
    return state.speaking is None and state.transcribed >= state.heard and state.decided >= state.decision


def say(state: CallState, text: str) -> Result:
    """Speak a line; SpeechFinished(id) follows when it has played."""
    n = state.utterance + 1
    # While we talk the line is not idle; SpeechFinished restarts the idle timer.
    effects = [fx.Speak(n, text), fx.Record("agent", text), fx.CancelTimer("idle"), fx.CancelTimer("quiet"),
               fx.CancelTimer("unanswered")]
    return replace(state, utterance=n, speaking=n), effects


def decide(state: CallState, kind: str, text: str, again: bool = False) -> Result:
    """Ask the dialogue what to do next (again: in place of the latest decision, see fx.Decide)."""
    n = state.decision + 1
    answering = (n, text) if kind == "heard" else None
    return (replace(state, decision=n, conversed=True, answering=answering, unsaid=""),
            [fx.Decide(n, kind, text, again)])


def stop_speaking(state: CallState) -> Result:
    """Cut our own sentence short (barge-in, music, a machine talking on)."""
    if state.speaking is None or state.hang_up_after_speech:
        return state, []
    return replace(state, speaking=None, probe=None, message=None), [fx.StopSpeaking()]
