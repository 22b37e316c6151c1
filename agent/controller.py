"""The call state machine: `step(state, event, now) -> (state, effects)`, pure (no I/O, clock or randomness).

A table keyed by (phase, event type) keeps it flat; every phase can reach ENDED and nothing leaves it.
Results carry the id of the request they answer, so a late transcript or decision is dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from agent import effects as fx
from agent.events import (
    Decided,
    PrincipalReplied,
    SpeechFinished,
    SpeechStarted,
    Started,
    StopRequested,
    TimerFired,
    Transcribed,
    UtteranceEnded,
    WorkerFailed,
)
from agent.line_cues import main_cue
from agent.line_events import (
    AmdDecided,
    BeepHeard,
    DigitHeard,
    GreetingEnded,
    HoldStarted,
    LabelChanged,
    MenuPromptEnded,
    PersonPickedUp,
)
from sip.events import (
    CallAnswered,
    CallEnded,
    CallRinging,
    DtmfReceived,
    RegistrationFailed,
    RegistrationSucceeded,
    SipFailed,
)
from sip.outcomes import describe_failure

PRINCIPAL_TIMEOUT_LINE = "My principal hasn't responded yet, I'll call you back shortly. Thank you for your patience."
STILL_CHECKING_LINE = "I'm still checking on that, one moment please."
_NOT_TO_US = ("music", "ringback", "busy", "dtmf", "ivr_speech")  # line labels nobody talks to us through
PICKUP_CLAIM_S = 3.0  # an utterance that ended this recently before a pick-up was the person's
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
    ring_timeout_s: float = 45.0
    max_call_s: float = 1800.0
    principal_timeout_s: float = 150.0
    greeting_wait_s: float = 4.0
    idle_hangup_s: float = 60.0
    max_hold_s: float = 3600.0  # hang up after this long on hold without a person
    on_machine: str = "leave_message"  # "leave_message" or "hang_up" (agent.task.MACHINE_POLICIES)
    machine_message: str = ""  # what to leave on an answering machine
    machine_wait_s: float = 30.0  # leave the message even if no beep or end of greeting came by then


@dataclass(frozen=True)
class CallState:
    """Everything the controller knows about one call."""

    settings: CallSettings
    phase: Phase = Phase.IDLE
    heard: int = 0  # id of the latest utterance sent to STT
    decision: int = 0  # id of the latest decision asked of the dialogue
    utterance: int = 0  # id of the latest Speak
    speaking: int | None = None  # utterance being played, if any
    question: int = 0  # id of the latest question to the principal
    waiting_principal: bool = False
    hang_up_after_speech: bool = False
    conversed: bool = False  # the dialogue has been asked for its opening
    outcome: str = ""
    reason: str = ""
    line: str = ""  # the line classifier's latest label (agent.line_events.Label), "" before any
    on_hold: bool = False  # hold music heard, and no person has picked up since
    # "person", "machine", "unknown" (answering-machine detection), "queue" (hold music came), "menu" (an
    # automated menu), "" before anything decides.
    answered_by: str = ""
    menu_heard: bool = False  # a transcript sounded like an automated menu ("press 1 for ...")
    machine_handled: bool = False  # the machine policy has run (message left or hung up)
    listen_only: frozenset[int] = frozenset()  # utterances heard on hold or from a machine: not answered
    # The latest listen-only utterance: its id, when it ended (controller clock) and its transcript.
    last_unanswered: tuple[int, float, str] = (0, 0.0, "")
    details: MappingProxyType[str, str] = field(default_factory=lambda: MappingProxyType({}))


Result = tuple[CallState, list[Any]]
Handler = Callable[[CallState, Any, float], Result]


def initial_state(settings: CallSettings) -> CallState:
    """A call that has not started."""
    return CallState(settings=settings)


def step(state: CallState, event: Any, now: float) -> Result:
    """Advance the call by one event."""
    if state.phase is Phase.ENDED:
        return state, []
    handler = _TABLE.get((state.phase, type(event))) or _ANY_PHASE.get(type(event))
    if handler is None:
        return state, []
    return handler(state, event, now)


# ---- helpers ---------------------------------------------------------------------------------
def _finish(state: CallState, outcome: str, reason: str) -> Result:
    outcome = state.outcome or outcome
    reason = state.reason or reason
    done = replace(state, phase=Phase.ENDED, outcome=outcome, reason=reason, speaking=None)
    return done, [fx.Finish(outcome=outcome, reason=reason, details=state.details)]


def _hang_up(state: CallState, outcome: str, reason: str) -> Result:
    ending = replace(
        state,
        phase=Phase.ENDING,
        outcome=state.outcome or outcome,
        reason=state.reason or reason,
        speaking=None,
    )
    return ending, [fx.StopSpeaking(), fx.HangUp(), fx.StartTimer("hangup_guard", HANGUP_GUARD_S)]


def _say(state: CallState, text: str) -> Result:
    n = state.utterance + 1
    # While we talk the line is not idle; SpeechFinished restarts the idle timer.
    effects = [fx.Speak(n, text), fx.Record("agent", text), fx.CancelTimer("idle")]
    return replace(state, utterance=n, speaking=n), effects


def _decide(state: CallState, kind: str, text: str) -> Result:
    n = state.decision + 1
    return replace(state, decision=n, conversed=True), [fx.Decide(n, kind, text)]


# ---- before the call is up ---------------------------------------------------------------------
def _on_started(state: CallState, _: Started, now: float) -> Result:
    s = state.settings
    if s.register:
        return replace(state, phase=Phase.REGISTERING), [
            fx.Record("system", "registering to the trunk"),
            fx.Register(),
            fx.StartTimer("register", s.register_timeout_s),
        ]
    return _dial(state)


def _dial(state: CallState) -> Result:
    s = state.settings
    return replace(state, phase=Phase.DIALING), [
        fx.Record("system", f"dialing {s.uri}"),
        fx.Dial(s.uri),
        fx.StartTimer("ring", s.ring_timeout_s),
    ]


def _on_registered(state: CallState, _: RegistrationSucceeded, now: float) -> Result:
    dialed, effects = _dial(state)
    return dialed, [fx.CancelTimer("register"), fx.Record("system", "registered"), *effects]


def _on_register_failed(state: CallState, event: RegistrationFailed, now: float) -> Result:
    if event.code in (401, 403, 407):
        outcome, words = "trunk-auth-failed", f"the trunk refused our credentials (SIP {event.code} {event.reason})"
    else:
        outcome, words = "trunk-unreachable", describe_failure(event.code, event.reason)[1]
    return _finish(state, outcome, f"registration failed: {words}")


def _on_register_timeout(state: CallState, event: TimerFired, now: float) -> Result:
    if event.name != "register":
        return state, []
    return _finish(
        state,
        "trunk-unreachable",
        f"the trunk did not answer REGISTER within {state.settings.register_timeout_s:g} s",
    )


def _on_ringing(state: CallState, _: CallRinging, now: float) -> Result:
    if state.phase is Phase.RINGING:
        return state, []
    return replace(state, phase=Phase.RINGING), [fx.Record("system", "ringing")]


def _on_answered(state: CallState, _: CallAnswered, now: float) -> Result:
    s = state.settings
    return replace(state, phase=Phase.CONNECTED), [
        fx.CancelTimer("ring"),
        fx.Record("system", "answered"),
        fx.StartTimer("greeting", s.greeting_wait_s),
        fx.StartTimer("idle", s.idle_hangup_s),
        fx.StartTimer("max_call", s.max_call_s),
    ]


def _on_failed_before_answer(state: CallState, event: CallEnded, now: float) -> Result:
    outcome, words = describe_failure(event.code, event.reason)
    return _finish(state, outcome, words)  # an outcome we already chose (ring timeout) wins


def _on_ring_timeout(state: CallState, event: TimerFired, now: float) -> Result:
    if event.name != "ring":
        return state, []
    return _hang_up(state, "no-answer", f"nobody answered within {state.settings.ring_timeout_s:g} s")


# ---- in the call ------------------------------------------------------------------------------
def _on_speech_started(state: CallState, _: SpeechStarted, now: float) -> Result:
    # The idle timer runs only while nobody talks: stopped here, restarted when their turn ends.
    effects: list[Any] = [fx.CancelTimer("greeting"), fx.CancelTimer("idle")]
    if state.speaking is not None and not state.hang_up_after_speech:
        effects.insert(0, fx.StopSpeaking())  # barge-in: they talk, we stop
        return replace(state, speaking=None), effects
    return state, effects


def _listening_only(state: CallState) -> bool:
    """Nothing said now is meant for us (yet): hold, a machine's greeting, tones, or who answered is unknown.

    Until answering-machine detection decides, the first words are held back: a person's "Hello?" is
    claimed and answered the moment it says "person" (about 0.4 s later); a machine's is never answered.
    """
    if state.on_hold or state.answered_by in ("", "machine"):
        return True
    return state.line in _NOT_TO_US and state.line != "ivr_speech"


def _on_utterance(state: CallState, event: UtteranceEnded, now: float) -> Result:
    if state.on_hold and state.line == "music":
        return state, []  # the VAD took hold music for a voice: nothing to transcribe (an hour of it)
    n = state.heard + 1
    effects: list[Any] = [fx.Transcribe(n, event.audio)]
    if _listening_only(state):
        # Still transcribed: hold and voicemail wording tells the line classifier who is talking.
        return replace(state, heard=n, listen_only=state.listen_only | {n}, last_unanswered=(n, now, "")), effects
    if not state.waiting_principal:
        effects.append(fx.StartTimer("idle", state.settings.idle_hangup_s))
    return replace(state, heard=n), effects


def _on_transcribed(state: CallState, event: Transcribed, now: float) -> Result:
    text = event.text.strip()
    if not text:
        return state, []
    if event.heard_id in state.listen_only:
        return _heard_unanswered(state, event.heard_id, text)
    if main_cue(text) == "hold" and not state.hang_up_after_speech:
        # "Please stay on the line, your call is important to us": a recording (or a transfer), never
        # a question for us. Wait quietly, as on hold, whatever the acoustics decided.
        held, effects = _on_hold_started(state, HoldStarted(0.0), now)
        unanswered, noted = _heard_unanswered(held, event.heard_id, text)
        return unanswered, effects + noted
    heard: list[Any] = [fx.Record("them", text)]
    if state.hang_up_after_speech:
        return state, heard
    if state.waiting_principal:
        said, effects = _say(state, STILL_CHECKING_LINE)
        return said, heard + effects
    decided, effects = _decide(state, "heard", text)
    return decided, heard + effects


def _heard_unanswered(state: CallState, heard_id: int, text: str) -> Result:
    """A recording or a machine spoke: note it, let its words inform the line classifier, do not answer."""
    where = "on hold" if state.on_hold else "recording"
    last_id, ended, _ = state.last_unanswered
    if heard_id == last_id:
        state = replace(state, last_unanswered=(heard_id, ended, text))
    cue = main_cue(text)
    state = replace(state, menu_heard=state.menu_heard or cue == "menu")
    if cue == "hold" and state.answered_by in ("", "machine", "unknown"):
        state = replace(state, answered_by="queue")  # "please stay on the line": a queue, not a voicemail
    return state, [fx.Record("them", f"({where}) {text}"), fx.NoteHeard(text)]


def _on_decided(state: CallState, event: Decided, now: float) -> Result:
    if event.decision_id != state.decision:
        return state, []  # superseded by a newer turn
    action = event.action
    state = replace(
        state,
        outcome=action.outcome or state.outcome,
        details=MappingProxyType({**state.details, **action.details}),
    )
    effects: list[Any] = []
    if action.say:
        state, said = _say(state, action.say)
        effects += said
    if action.ask_principal:
        q = state.question + 1
        state = replace(state, question=q, waiting_principal=True)
        effects += [
            fx.AskPrincipal(q, action.ask_principal, state.settings.party),
            fx.StartTimer("principal", state.settings.principal_timeout_s),
            fx.CancelTimer("idle"),
        ]
    if action.hold:
        effects.append(fx.CancelTimer("idle"))  # on hold: silence is expected until they speak again
    if action.hang_up:
        if state.speaking is not None:
            state = replace(state, hang_up_after_speech=True)
        else:
            ended, hang = _hang_up(state, action.outcome or "ended", "the conversation was finished")
            return ended, effects + hang
    return state, effects


def _on_speech_finished(state: CallState, event: SpeechFinished, now: float) -> Result:
    if event.utterance_id != state.speaking:
        return state, []
    state = replace(state, speaking=None)
    if state.hang_up_after_speech:
        return _hang_up(state, "ended", "the conversation was finished")
    if state.waiting_principal:
        return state, []
    return state, [fx.StartTimer("idle", state.settings.idle_hangup_s)]


def _on_principal_replied(state: CallState, event: PrincipalReplied, now: float) -> Result:
    if not state.waiting_principal or event.question_id != state.question:
        return state, [fx.Record("principal", f"(late) {event.text}")]
    state = replace(state, waiting_principal=False)
    decided, effects = _decide(state, "principal", event.text)
    return decided, [fx.CancelTimer("principal"), fx.Record("principal", event.text), *effects]


def _on_connected_timer(state: CallState, event: TimerFired, now: float) -> Result:
    s = state.settings
    if event.name == "greeting" and not state.conversed and state.speaking is None:
        if state.on_hold or state.answered_by in ("machine", "queue", "menu") or state.line in _NOT_TO_US:
            return state, []  # never talk over music, tones, a machine or a prompt: the pick-up greets
        return _decide(state, "opening", "")
    if event.name == "hold":
        return _hang_up(state, "hold-too-long", f"on hold for {s.max_hold_s:g} s and nobody picked up")
    if event.name == "machine":
        return _machine_reached(state, "no beep came")
    if event.name == "principal" and state.waiting_principal:
        state = replace(
            state,
            waiting_principal=False,
            outcome="callback-needed",
            reason=f"the principal did not answer within {s.principal_timeout_s:g} s",
            hang_up_after_speech=True,
        )
        said, effects = _say(state, PRINCIPAL_TIMEOUT_LINE)
        return said, [fx.Record("system", "no answer from the principal"), *effects]
    if event.name == "idle":
        return _hang_up(state, "no-response", f"nobody spoke for {s.idle_hangup_s:g} s")
    if event.name == "max_call":
        return _hang_up(state, "too-long", f"the call reached its limit of {s.max_call_s:g} s")
    return state, []


def _on_hung_up_by_them(state: CallState, event: CallEnded, now: float) -> Result:
    return _finish(state, "hung-up", "the other party hung up")


# ---- what the line classifier heard ---------------------------------------------------------
def _on_label(state: CallState, event: LabelChanged, now: float) -> Result:
    return replace(state, line=event.label), []


def _on_hold_started(state: CallState, event: HoldStarted, now: float) -> Result:
    if state.on_hold:
        return state, []
    effects: list[Any] = [
        fx.Record("system", "on hold (music): waiting quietly for a person"),
        fx.CancelTimer("idle"),
        fx.CancelTimer("greeting"),
        fx.CancelTimer("machine"),  # a queue's greeting before the music is not a voicemail
        fx.StartTimer("hold", state.settings.max_hold_s),
    ]
    if state.answered_by in ("", "machine", "unknown"):
        state = replace(state, answered_by="queue")
    if state.speaking is not None and not state.hang_up_after_speech:
        effects.insert(0, fx.StopSpeaking())
        state = replace(state, speaking=None)
    return replace(state, on_hold=True), effects


def _on_picked_up(state: CallState, event: PersonPickedUp, now: float) -> Result:
    state = replace(state, on_hold=False)
    effects: list[Any] = [
        fx.Record("system", f"a person picked up ({event.reason})"),
        fx.CancelTimer("hold"),
        fx.StartTimer("idle", state.settings.idle_hangup_s),
    ]
    claimed, more = _claim_last_words(state, now)
    return claimed, effects + more


def _claim_last_words(state: CallState, now: float) -> Result:
    """A person was found just after their words ended (or from them): answer those words after all."""
    heard_id, ended, text = state.last_unanswered
    if heard_id != state.heard or heard_id not in state.listen_only or now - ended > PICKUP_CLAIM_S:
        return state, []  # their words are still coming: answered as usual when they end
    state = replace(state, listen_only=state.listen_only - {heard_id})
    if not text:
        return state, []  # the transcript is on its way and will now be answered
    heard = fx.Record("system", "(answering the words above)")
    decided, effects = _decide(state, "heard", text)
    return decided, [heard, *effects]


def _on_amd(state: CallState, event: AmdDecided, now: float) -> Result:
    if state.answered_by in ("machine", "queue", "menu"):
        return state, []  # decided already (a transcript may repeat it); hold or a menu is not voicemail
    if event.who == "unknown":  # nobody spoke after the answer: talk first when the greeting timer says so
        return replace(state, answered_by="unknown"), []
    state = replace(state, answered_by=event.who)
    note = fx.Record("system", f"answered by a {event.who} ({event.reason})")
    if event.who != "machine":
        claimed, answer = _claim_last_words(state, now)
        return claimed, [note, *answer]
    effects: list[Any] = [note, fx.CancelTimer("greeting"), fx.StartTimer("machine", state.settings.machine_wait_s)]
    if state.speaking is not None and not state.hang_up_after_speech:
        effects.insert(0, fx.StopSpeaking())
        state = replace(state, speaking=None)
    return state, effects


def _on_beep(state: CallState, event: BeepHeard, now: float) -> Result:
    if state.on_hold or state.answered_by in ("queue", "menu"):
        return state, []
    return _machine_reached(replace(state, answered_by="machine"), "after the beep")


def _on_greeting_ended(state: CallState, event: GreetingEnded, now: float) -> Result:
    return _machine_reached(state, "the greeting ended without a beep")


def _machine_reached(state: CallState, when: str) -> Result:
    """The machine is recording (or never will): run the task's policy once."""
    if state.machine_handled or state.answered_by != "machine":
        return state, []
    state = replace(state, machine_handled=True)
    cancel = fx.CancelTimer("machine")
    if state.menu_heard:  # an automated menu, not a voicemail: no message for it
        return replace(state, answered_by="menu"), [cancel, fx.Record("system", "an automated menu answered")]
    if state.settings.on_machine == "hang_up":
        ended, effects = _hang_up(state, "answering-machine", f"an answering machine answered; hung up ({when})")
        return ended, [cancel, *effects]
    state = replace(
        state,
        outcome="left-message",
        reason=f"an answering machine answered; left a message ({when})",
        hang_up_after_speech=True,
    )
    said, effects = _say(state, state.settings.machine_message)
    return said, [cancel, *effects]


def _on_menu_prompt_ended(state: CallState, event: MenuPromptEnded, now: float) -> Result:
    return state, [fx.Record("system", "a recorded prompt ended; the line waits")]


def _on_digit_heard(state: CallState, event: DigitHeard, now: float) -> Result:
    where = ", in-band" if event.how == "in-band" else ""
    return state, [fx.Record("them", f"[DTMF {event.digit}{where}]")]


# ---- ending and any phase ---------------------------------------------------------------------
def _on_ended_while_ending(state: CallState, event: CallEnded, now: float) -> Result:
    return _finish(state, "ended", "hung up")


def _on_hangup_guard(state: CallState, event: TimerFired, now: float) -> Result:
    if event.name != "hangup_guard":
        return state, []
    return _finish(state, "ended", "hung up (no confirmation from the peer)")


def _on_stop(state: CallState, event: StopRequested, now: float) -> Result:
    if state.phase in (Phase.DIALING, Phase.RINGING, Phase.CONNECTED):
        return _hang_up(state, "stopped", event.reason)
    if state.phase is Phase.ENDING:
        return state, []
    return _finish(state, "stopped", event.reason)


def _on_worker_failed(state: CallState, event: WorkerFailed, now: float) -> Result:
    note = fx.Record("system", f"{event.worker} failed: [{event.code}] {event.message}")
    if event.worker in ("stt", "tts", "dialogue") and state.phase is Phase.CONNECTED:
        ended, effects = _hang_up(state, "failed", f"[{event.code}] {event.message}")
        return ended, [note, *effects]
    return state, [note]


def _on_sip_failed(state: CallState, event: SipFailed, now: float) -> Result:
    if state.phase in (Phase.IDLE, Phase.REGISTERING, Phase.DIALING, Phase.RINGING):
        return _finish(state, "failed", f"[{event.code}] {event.message}")
    return state, [fx.Record("system", f"[{event.code}] {event.message}")]


def _on_dtmf(state: CallState, event: DtmfReceived, now: float) -> Result:
    return state, [fx.Record("them", f"[DTMF {event.digit}]")]


def _on_refresh_failed(state: CallState, event: RegistrationFailed, now: float) -> Result:
    return state, [fx.Record("system", f"registration refresh failed: SIP {event.code} {event.reason}")]


_P = Phase
_TABLE: dict[tuple[Phase, type], Handler] = {
    (_P.IDLE, Started): _on_started,
    (_P.REGISTERING, RegistrationSucceeded): _on_registered,
    (_P.REGISTERING, RegistrationFailed): _on_register_failed,
    (_P.REGISTERING, TimerFired): _on_register_timeout,
    (_P.DIALING, CallRinging): _on_ringing,
    (_P.RINGING, CallRinging): _on_ringing,
    (_P.DIALING, CallAnswered): _on_answered,
    (_P.RINGING, CallAnswered): _on_answered,
    (_P.DIALING, CallEnded): _on_failed_before_answer,
    (_P.RINGING, CallEnded): _on_failed_before_answer,
    (_P.DIALING, TimerFired): _on_ring_timeout,
    (_P.RINGING, TimerFired): _on_ring_timeout,
    (_P.CONNECTED, SpeechStarted): _on_speech_started,
    (_P.CONNECTED, UtteranceEnded): _on_utterance,
    (_P.CONNECTED, Transcribed): _on_transcribed,
    (_P.CONNECTED, Decided): _on_decided,
    (_P.CONNECTED, SpeechFinished): _on_speech_finished,
    (_P.CONNECTED, PrincipalReplied): _on_principal_replied,
    (_P.CONNECTED, TimerFired): _on_connected_timer,
    (_P.CONNECTED, CallEnded): _on_hung_up_by_them,
    (_P.CONNECTED, RegistrationFailed): _on_refresh_failed,
    (_P.CONNECTED, LabelChanged): _on_label,
    (_P.CONNECTED, HoldStarted): _on_hold_started,
    (_P.CONNECTED, PersonPickedUp): _on_picked_up,
    (_P.CONNECTED, AmdDecided): _on_amd,
    (_P.CONNECTED, BeepHeard): _on_beep,
    (_P.CONNECTED, GreetingEnded): _on_greeting_ended,
    (_P.CONNECTED, MenuPromptEnded): _on_menu_prompt_ended,
    (_P.CONNECTED, DigitHeard): _on_digit_heard,
    (_P.ENDING, CallEnded): _on_ended_while_ending,
    (_P.ENDING, TimerFired): _on_hangup_guard,
}
_ANY_PHASE: dict[type, Handler] = {
    StopRequested: _on_stop,
    WorkerFailed: _on_worker_failed,
    SipFailed: _on_sip_failed,
    DtmfReceived: _on_dtmf,
}
