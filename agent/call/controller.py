"""The call state machine: `step(state, event, now) -> (state, effects)`, pure (no I/O, clock or randomness).

A table keyed by (phase, event type) keeps it flat; every phase can reach ENDED and nothing leaves it.
Results carry the id of the request they answer, so a late transcript or decision is dropped. The state
and its shared steps are in agent/call/state.py; what the line classifier heard (who answered, hold,
pick-up, machines) is handled in agent/call/hearing.py.
"""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType
from typing import Any

from agent.call import effects as fx
from agent.call import hearing, menus
from agent.call.events import (
    Decided,
    PrincipalReplied,
    SpeechFinished,
    SpeechStarted,
    Started,
    StopRequested,
    ThreadFailed,
    TimerFired,
    Transcribed,
    UtteranceEnded,
    WorkerFailed,
)
from agent.call.state import (
    AnswerBegun,
    CallSettings,
    CallState,
    Handler,
    Phase,
    Result,
    decide,
    finish,
    hang_up,
    nothing_pending,
    say,
    stop_speaking,
)
from agent.line.cues import main_cue
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
from sip.events import (
    CallAnswered,
    CallEnded,
    CallHeld,
    CallProceeding,
    CallResumed,
    CallRinging,
    ChallengeRefused,
    DtmfFailed,
    DtmfReceived,
    DtmfSent,
    MediaStopped,
    RegistrationFailed,
    RegistrationSucceeded,
    SipFailed,
)
from sip.outcomes import describe_failure

__all__ = ["CallSettings", "CallState", "Phase", "PRINCIPAL_TIMEOUT_LINE", "initial_state", "step"]

INTERNAL_ERROR_LINE = "I'm sorry, something went wrong on my side. I'll call you back. Goodbye."
GOODBYE_GUARD_S = 12.0  # a goodbye that never finishes playing does not keep a failed call up
PRINCIPAL_TIMEOUT_LINE = "My principal hasn't responded yet, I'll call you back shortly. Thank you for your patience."
# Their words got no answer from us (a statement, or words nobody could read) and both sides have been quiet this
# long since: the dialogue is asked again ("quiet"); a person who said something we could not read then hears
# "sorry, could you say it again?" rather than silence until the line counts as a silent hold (10 s).
QUIET_AFTER_WORDS_S = 4.0
# Their voice this soon after our answer to their words was asked to play: they went on with their turn (it had
# just begun to play, they had not heard it); later it is their reply to it, a barge-in as any other.
CONTINUED_S = 1.0
# Our words have played and nobody has said anything since: after this long we ask "Are you still there?" once.
# If still nobody speaks and nobody ever answered anything we said, no person is there to talk to: a recorder
# taken for a person (a voicemail without a beep, "Hey. It's Kwame. Do your thing."), or dead air. The message
# goes into it (or we hang up, by the task's machine policy), rather than five minutes of silence as a silent hold.
# Someone who has answered us before is waited for instead (a silent hold: they may be looking something up).
UNANSWERED_S = 6.0
STILL_THERE_LINE = "Hello? Are you still there?"


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
    after, effects = handler(state, event, now)
    return _count_hold(state, after, now), effects


def _count_hold(before: CallState, after: CallState, now: float) -> CallState:
    """Keep the time spent on hold, whatever started or ended the hold: it does not count as call length."""
    if after.on_hold and after.hold_since is None:
        return replace(after, hold_since=now)
    if not after.on_hold and before.on_hold and after.hold_since is not None:
        return replace(after, held_s=after.held_s + now - after.hold_since, hold_since=None)
    return after


def talk_s(state: CallState, now: float) -> float:
    """Seconds since the answer, less the time on hold."""
    holding = now - state.hold_since if state.hold_since is not None else 0.0
    return now - state.answered_at - state.held_s - holding


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
        fx.StartTimer("invite", s.invite_timeout_s),
        fx.StartTimer("ring", s.ring_timeout_s),
    ]


def _on_proceeding(state: CallState, _: CallProceeding, now: float) -> Result:
    return state, [fx.CancelTimer("invite")]


def _on_registered(state: CallState, _: RegistrationSucceeded, now: float) -> Result:
    dialed, effects = _dial(state)
    return dialed, [fx.CancelTimer("register"), fx.Record("system", "registered"), *effects]


def _on_register_failed(state: CallState, event: RegistrationFailed, now: float) -> Result:
    if event.code in (401, 403, 407):
        outcome, words = "trunk-auth-failed", f"the trunk refused our credentials (SIP {event.code} {event.reason})"
    else:
        outcome, words = "trunk-unreachable", describe_failure(event.code, event.reason)[1]
    return finish(state, outcome, f"registration failed: {words}")


def _on_register_timeout(state: CallState, event: TimerFired, now: float) -> Result:
    if event.name != "register":
        return state, []
    return finish(
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
    return replace(state, phase=Phase.CONNECTED, answered_at=now), [
        fx.CancelTimer("ring"),
        fx.Record("system", "answered"),
        fx.StartTimer("greeting", s.greeting_wait_s),
        fx.StartTimer("idle", s.idle_hangup_s),
        fx.StartTimer("max_call", s.max_call_s),
    ]


def _on_failed_before_answer(state: CallState, event: CallEnded, now: float) -> Result:
    if event.code in (401, 407) and state.refused_realm:  # the callee, not the trunk, asked for credentials
        return finish(state, "auth-refused", f"the callee asked for credentials (realm {state.refused_realm!r}); "
                                             f"the trunk password is given to the trunk's realm only")
    outcome, words = describe_failure(event.code, event.reason)
    return finish(state, outcome, words)  # an outcome we already chose (ring timeout) wins


def _on_ring_timeout(state: CallState, event: TimerFired, now: float) -> Result:
    if event.name == "invite":
        return hang_up(state, "trunk-unreachable", f"no response at all to the INVITE within "
                                                   f"{state.settings.invite_timeout_s:g} s (not even 100 Trying): "
                                                   "the trunk or the callee's server is down or unreachable")
    if event.name != "ring":
        return state, []
    return hang_up(state, "no-answer", f"nobody answered within {state.settings.ring_timeout_s:g} s")


# ---- in the call ------------------------------------------------------------------------------
def _on_speech_started(state: CallState, _: SpeechStarted, now: float) -> Result:
    # The idle timer runs only while nobody talks: stopped here, restarted when their turn ends.
    effects: list[Any] = [fx.CancelTimer("greeting"), fx.CancelTimer("idle"), fx.CancelTimer("probe"),
                          fx.CancelTimer("quiet"), fx.CancelTimer("unanswered"),  # their turn goes on, or they answer
                          fx.CancelTimer("menu"),  # a prompt still going on: not over yet
                          fx.CancelTimer("greeting_tail")]  # their greeting goes on: answered with the rest
    state = replace(state, talking=True, still_there_asked=False)
    if state.message is not None:  # a machine talking while our message plays
        if state.beeped:
            return state, effects  # the recorder runs: the message goes on whatever the line does
        interrupted, more = hearing.message_interrupted(state)
        return interrupted, effects + more
    begun = state.answer_begun
    stopped, barge = stop_speaking(state)  # barge-in: they talk, we stop
    if barge and begun is not None and begun.utterance == state.speaking and state.decided == state.decision \
            and now - begun.at <= CONTINUED_S:
        # They went on with their turn as our answer began (a pause to look something up): the answer is
        # withdrawn as if never said, and the whole turn is answered when they stop (hearing.answer_words).
        stopped = replace(stopped, unsaid=begun.words, outcome=begun.outcome, details=begun.details)
    return replace(stopped, answer_begun=None), barge + effects


def _on_utterance(state: CallState, event: UtteranceEnded, now: float) -> Result:
    state = replace(state, talking=False)
    if state.on_hold and state.line == "music":
        return state, []  # the voice detector took hold music for a voice: nothing to transcribe (an hour of it)
    n = state.heard + 1
    effects: list[Any] = [fx.Transcribe(n, event.audio, event.segment)]
    if hearing.listening_only(state):
        # Still transcribed: hold and voicemail wording tells the line classifier who is talking, and a
        # menu's prompt is chosen from once the line stays quiet.
        effects += menus.prompt_paused(state)
        return replace(state, heard=n, listen_only=state.listen_only | {n}, last_unanswered=(n, now, "")), effects
    if not state.waiting_principal:
        effects.append(fx.StartTimer("idle", state.settings.idle_hangup_s))
    if state.first_words and not state.greeted:  # answered with these words; alone if they come back empty
        effects.append(fx.StartTimer("greeting_tail", hearing.GREETING_TAIL_S + 1.0))
    return replace(state, heard=n), effects


def _on_transcribed(state: CallState, event: Transcribed, now: float) -> Result:
    text = event.text.strip()
    state = replace(state, transcribed=max(state.transcribed, event.heard_id))
    if text:
        state = replace(state, worded=max(state.worded, event.heard_id))
    if not text:
        state, hello = hearing.music_at_answer_after_all(state, now)
        if hello:
            return state, hello
        if event.heard_id in state.listen_only:
            return menus.prompt_words(state, event.heard_id, "")
        if state.unsaid and state.transcribed == state.heard and not state.talking:
            return decide(state, "heard", state.unsaid, again=True)  # they went on with no words: answer as it was
        # A sound with no words (a hammer blow, a cough) stopped the quiet timer when it began: words of theirs we
        # left unanswered before it are still owed the question whether they said something.
        return state, [fx.StartTimer("quiet", QUIET_AFTER_WORDS_S)] if _in_conversation(state) else []
    if event.heard_id in state.listen_only:
        noted, effects = hearing.heard_unanswered(state, event.heard_id, text, event.confidence, event.segment)
        chosen, more = menus.prompt_words(noted, event.heard_id, text)
        return chosen, effects + more
    if main_cue(text) == "hold" and not state.hang_up_after_speech:
        # "Let me check, please stay on the line": wait quietly until they (or a queue) come back.
        held, effects = hearing.enter_hold(state, "asked", tell_line=True)
        noted, more = hearing.heard_unanswered(held, event.heard_id, text, event.confidence, event.segment)
        return noted, effects + more
    heard: list[Any] = [fx.Record("them", text)]
    if state.utterance > 0:
        state = replace(state, replied=True)  # someone answers what we said (or talks over it): a person's line
    if state.hang_up_after_speech:
        return state, heard
    # Waiting for the principal or not, the dialogue reads the turn: a new offer inside the limits settles
    # the question, and a repeated one is answered "still checking" by the policy.
    decided, effects = hearing.answer_words(state, text)
    return decided, heard + effects


def _on_decided(state: CallState, event: Decided, now: float) -> Result:
    if event.decision_id != state.decision:
        return state, []  # superseded by a newer turn
    turn, state = state.answering, replace(state, decided=event.decision_id, answering=None)
    if turn is not None and turn[0] == event.decision_id and (state.talking or state.transcribed < state.heard) \
            and not state.on_hold:
        # They went on talking before our answer began ("..., you're booked in for Saturday at ten." then "Your
        # booking number is 3 8 1 7."): a person waits and answers the whole turn, never talks over the rest.
        # The dialogue decides again on all of it when their words end (hearing.answer_words).
        return replace(state, unsaid=turn[1]), []
    action = event.action
    before = (state.outcome, state.details)
    if action.retract:  # our read-back was corrected: the success set with it does not stand
        state = replace(state, outcome="", reason="", details=MappingProxyType({}))
    state = replace(
        state,
        outcome=action.outcome or state.outcome,
        details=MappingProxyType({**state.details, **action.details}),
    )
    effects: list[Any] = [fx.Record("system", action.note)] if action.note else []
    if action.keys:
        state, sent = menus.keys_chosen(state, action.keys)
        effects += sent
    if action.settles_principal and state.waiting_principal:
        state = replace(state, waiting_principal=False)
        effects.append(fx.CancelTimer("principal"))
    if action.say:
        state, said = say(state, action.say)
        effects += said
        if turn is not None and turn[0] == event.decision_id and not (
                action.ask_principal or action.hang_up or action.keys or action.hold):
            state = replace(state, answer_begun=AnswerBegun(state.utterance, turn[1], now, *before))
    if action.ask_principal and not state.waiting_principal:
        q = state.question + 1
        state = replace(state, question=q, waiting_principal=True)
        effects += [
            fx.AskPrincipal(q, action.ask_principal, state.settings.party),
            fx.StartTimer("principal", state.settings.principal_timeout_s),
            fx.CancelTimer("idle"),
        ]
    if action.hold and not action.hang_up:  # "hold on": the same hold as any other, answered when they are back
        state, held = hearing.enter_hold(state, "asked", tell_line=True)
        effects += held
    if not (action.say or action.keys or action.ask_principal or action.hold or action.hang_up) \
            and _in_conversation(state):
        effects.append(fx.StartTimer("quiet", QUIET_AFTER_WORDS_S))  # nothing to say: unless they go on, ask again
    if action.hang_up:
        if action.reason:
            state = replace(state, reason=action.reason)
        if state.speaking is not None:
            state = replace(state, hang_up_after_speech=True)
        else:
            ended, hang = hang_up(state, action.outcome or "ended", action.reason or "the conversation was finished")
            return ended, effects + hang
    return state, effects


def _in_conversation(state: CallState) -> bool:
    """Talking with a person and nothing in between: no hold, no question to the principal, no message going out."""
    return (state.answered_by == "person" and not state.on_hold and not state.waiting_principal
            and state.message is None and not state.hang_up_after_speech)


def _quiet_now(state: CallState) -> bool:
    """In conversation and nobody talking: not they, not we, and no turn of theirs still being understood."""
    return _in_conversation(state) and not state.talking and nothing_pending(state)


def _on_quiet(state: CallState) -> Result:
    """Both sides quiet since words of theirs we left unanswered: the dialogue decides whether to ask again."""
    if not _quiet_now(state):
        return state, []  # they went on, we are talking, or a turn is still being understood
    return decide(state, "quiet", "")


def _on_speech_finished(state: CallState, event: SpeechFinished, now: float) -> Result:
    if event.utterance_id != state.speaking:
        return state, []
    if event.utterance_id == state.message:
        return hearing.message_left(replace(state, speaking=None))
    if event.utterance_id == state.probe:
        return hearing.probe_finished(replace(state, speaking=None))
    state = replace(state, speaking=None)
    if state.hang_up_after_speech:
        return hang_up(state, "ended", "the conversation was finished")
    if state.waiting_principal or state.on_hold:
        return state, []
    effects: list[Any] = [fx.StartTimer("idle", state.settings.idle_hangup_s)]
    if _in_conversation(state):
        effects.append(fx.StartTimer("unanswered", UNANSWERED_S))
    return state, effects


def _on_unanswered(state: CallState) -> Result:
    """Nobody has spoken since our words played: "Are you still there?" once; then, if nobody ever answered us,
    nobody is there to talk to (see UNANSWERED_S)."""
    if not _quiet_now(state):
        return state, []
    if not state.still_there_asked:
        return say(replace(state, still_there_asked=True), STILL_THERE_LINE)
    if state.replied:
        return state, []  # someone who answered us before: the silent hold waits for them
    note = fx.Record("system", "nobody answered our words or \"Are you still there?\": a recorder, or nobody")
    state = replace(state, answered_by="machine", decision=state.decision + 1)
    reached, effects = hearing.machine_reached(state, "nobody answered us")
    return reached, [note, *effects]


def _on_principal_replied(state: CallState, event: PrincipalReplied, now: float) -> Result:
    if not state.waiting_principal or event.question_id != state.question:
        return state, [fx.Record("principal", f"(late) {event.text}")]
    state = replace(state, waiting_principal=False)
    decided, effects = decide(state, "principal", event.text)
    return decided, [fx.CancelTimer("principal"), fx.Record("principal", event.text), *effects]


def _quiet_line(state: CallState) -> bool:
    """Nobody to talk to now: hold, a machine, a queue, a menu, a screening assistant, or tones and music."""
    if state.on_hold or state.answered_by in ("machine", "queue", "menu", "screening"):
        return True
    return state.answered_by != "person" and state.line in hearing.NOT_TO_US


def _on_connected_timer(state: CallState, event: TimerFired, now: float) -> Result:
    s = state.settings
    if event.name in ("greeting", "probe") and not state.conversed and state.speaking is None:
        if event.name == "greeting" and state.hold == "music" and state.music_at_answer and not state.probed:
            return hearing.probe(state)  # music from the first second and not a word: "Hello?" once (CallState)
        if _quiet_line(state):
            return state, []  # never talk over music, tones, a machine or a prompt: the pick-up greets
        if event.name == "greeting" and state.answered_by in ("", "unknown") and not state.probed:
            return hearing.probe(state)  # nobody spoke: "Hello?" rather than our request into the void
        return decide(replace(state, greeted=True), "opening", "")
    if event.name == "greeting_tail":
        return hearing.greeting_tail_over(state)
    if event.name == "quiet":
        return _on_quiet(state)
    if event.name == "unanswered":
        return _on_unanswered(state)
    if event.name == "goodbye_guard":
        return hang_up(state, "internal-error", "the goodbye did not finish playing")
    if event.name == "hold" and state.hold == "silence":
        limit = hearing.hold_limit(s, "silence")
        return hang_up(state, "no-response", f"the line stayed silent on both sides for over {limit:g} s")
    if event.name == "hold":
        return hang_up(state, "hold-too-long", f"on hold for {s.max_hold_s:g} s and nobody picked up")
    if event.name == "machine":
        return hearing.machine_reached(state, "no beep came")
    if event.name == "principal" and state.waiting_principal:
        state = replace(
            state,
            waiting_principal=False,
            outcome="callback-needed",
            reason=f"the principal did not answer within {s.principal_timeout_s:g} s",
            hang_up_after_speech=True,
        )
        said, effects = say(state, PRINCIPAL_TIMEOUT_LINE)
        return said, [fx.Record("system", "no answer from the principal"), *effects]
    if event.name == "idle" and not state.on_hold:
        return hang_up(state, "no-response", f"nobody spoke for {s.idle_hangup_s:g} s")
    if event.name == "max_call":
        talked = talk_s(state, now)
        if talked < s.max_call_s - 0.5:  # time on hold is the hold budget's, not the call's
            return state, [fx.StartTimer("max_call", s.max_call_s - talked)]
        return hang_up(state, "too-long", f"the call reached its limit of {s.max_call_s:g} s (not counting hold)")
    if event.name == "menu":
        return menus.on_menu_timer(state)
    if event.name == "menu_budget":
        return menus.on_menu_budget(state)
    return state, []


def _on_hung_up_by_them(state: CallState, event: CallEnded, now: float) -> Result:
    if state.menu_started and state.answered_by == "menu":  # a menu that ends the call never reached anyone
        path = state.details.get("menu_path", "") or "no key pressed"
        return finish(state, "menu-dead-end", f"the phone menu hung up before reaching a person (path: {path})")
    return finish(state, "hung-up", "the other party hung up")


def _on_media_stopped(state: CallState, event: MediaStopped, now: float) -> Result:
    """Not a sound packet from them for a while (not on hold): the line is dead, as when their BYE was lost
    on a trunk that died. Hang up; an outcome already reached (booked) stands."""
    words = f"the line went dead: no audio at all from the other party for {event.seconds:g} s"
    ended, effects = hang_up(state, "hung-up", words)
    return ended, [fx.Record("system", words), *effects]


# ---- ending and any phase ---------------------------------------------------------------------
def _on_ended_while_ending(state: CallState, event: CallEnded, now: float) -> Result:
    return finish(state, "ended", "hung up")


def _on_hangup_guard(state: CallState, event: TimerFired, now: float) -> Result:
    if event.name != "hangup_guard":
        return state, []
    return finish(state, "ended", "hung up (no confirmation from the peer)")


def _on_stop(state: CallState, event: StopRequested, now: float) -> Result:
    if state.phase in (Phase.DIALING, Phase.RINGING, Phase.CONNECTED):
        return hang_up(state, "stopped", event.reason)
    if state.phase is Phase.ENDING:
        return state, []
    return finish(state, "stopped", event.reason)


def _on_worker_failed(state: CallState, event: WorkerFailed, now: float) -> Result:
    note = fx.Record("system", f"{event.worker} failed: [{event.code}] {event.message}")
    if event.worker in ("stt", "tts", "dialogue") and state.phase is Phase.CONNECTED:
        ended, effects = hang_up(state, "failed", f"[{event.code}] {event.message}")
        return ended, [note, *effects]
    return state, [note]


def _on_thread_failed(state: CallState, event: ThreadFailed, now: float) -> Result:
    """A bug on one of the call's threads: say a polite goodbye where we still can, then end the call."""
    outcome, reason = f"internal-error: {event.where}", f"the {event.where} thread failed: {event.message}"
    note = fx.Record("system", reason)
    if event.where == "sip":  # the SIP thread hung up and tore the stack down on its way out
        ended, effects = finish(state, outcome, reason)
    elif state.phase is Phase.CONNECTED and event.where != "tts" and not state.hang_up_after_speech:
        quiet, effects = stop_speaking(state)
        quiet = replace(quiet, outcome=state.outcome or outcome, reason=state.reason or reason,
                        hang_up_after_speech=True, waiting_principal=False)
        ended, said = say(quiet, INTERNAL_ERROR_LINE)
        effects = [*effects, *said, fx.StartTimer("goodbye_guard", GOODBYE_GUARD_S)]
    elif state.phase in (Phase.DIALING, Phase.RINGING, Phase.CONNECTED):
        ended, effects = hang_up(state, outcome, reason)
    elif state.phase is Phase.ENDING:
        return state, [note]  # already hanging up: the outcome chosen stands
    else:
        ended, effects = finish(state, outcome, reason)
    return ended, [note, *effects]


def _on_sip_failed(state: CallState, event: SipFailed, now: float) -> Result:
    if event.code == "sip-thread-failed":
        return _on_thread_failed(state, ThreadFailed("sip", event.message), now)
    if state.phase in (Phase.IDLE, Phase.REGISTERING, Phase.DIALING, Phase.RINGING):
        return finish(state, "failed", f"[{event.code}] {event.message}")
    return state, [fx.Record("system", f"[{event.code}] {event.message}")]


def _on_challenge_refused(state: CallState, event: ChallengeRefused, now: float) -> Result:
    bound = f"realm {event.trunk_realm!r}" if event.trunk_realm else "no realm yet"
    words = (f"refused a digest challenge to our {event.method} from {event.source or 'an unknown host'} "
             f"for realm {event.realm!r}: the trunk password is bound to {bound}")
    return replace(state, refused_realm=event.realm or "?"), [fx.Record("system", words)]


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
    (_P.DIALING, CallProceeding): _on_proceeding,
    (_P.RINGING, CallProceeding): _on_proceeding,
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
    (_P.CONNECTED, MediaStopped): _on_media_stopped,
    (_P.CONNECTED, RegistrationFailed): _on_refresh_failed,
    (_P.CONNECTED, LabelChanged): hearing.on_label,
    (_P.CONNECTED, HoldStarted): hearing.on_hold_started,
    (_P.CONNECTED, PersonPickedUp): hearing.on_picked_up,
    (_P.CONNECTED, AmdDecided): hearing.on_amd,
    (_P.CONNECTED, ProbeWanted): hearing.on_probe_wanted,
    (_P.CONNECTED, BeepHeard): hearing.on_beep,
    (_P.CONNECTED, GreetingEnded): hearing.on_greeting_ended,
    (_P.CONNECTED, DigitHeard): hearing.on_digit_heard,
    (_P.CONNECTED, CallHeld): hearing.on_call_held,
    (_P.CONNECTED, CallResumed): hearing.on_call_resumed,
    (_P.CONNECTED, DtmfSent): menus.on_dtmf_sent,
    (_P.CONNECTED, DtmfFailed): menus.on_dtmf_failed,
    (_P.ENDING, CallEnded): _on_ended_while_ending,
    (_P.ENDING, TimerFired): _on_hangup_guard,
}
_ANY_PHASE: dict[type, Handler] = {
    StopRequested: _on_stop,
    WorkerFailed: _on_worker_failed,
    SipFailed: _on_sip_failed,
    ThreadFailed: _on_thread_failed,
    ChallengeRefused: _on_challenge_refused,
    DtmfReceived: _on_dtmf,
}
