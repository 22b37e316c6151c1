"""Faults reach the pure controller as events: a thread's bug ends the call as "internal-error: <where>"
with a polite goodbye where one can still be said, and a digest challenge we refused is named."""

from __future__ import annotations

from agent.call import effects as fx
from agent.call.controller import INTERNAL_ERROR_LINE, CallSettings, Phase, initial_state, step
from agent.call.events import SpeechFinished, Started, ThreadFailed, TimerFired
from agent.line.events import AmdDecided
from sip.events import CallAnswered, CallEnded, CallRinging, ChallengeRefused, RegistrationFailed, SipFailed

SETTINGS = CallSettings(uri="sip:luigis@127.0.0.1:5070", party="Luigi's", register=False)


def run(events, settings=SETTINGS, state=None):
    state = state or initial_state(settings)
    out = []
    for event in events:
        state, effects = step(state, event, 0.0)
        out.append(effects)
    return state, out


def connected():
    return run([Started(), CallRinging(180), CallAnswered(), AmdDecided(1.0, "person", "short-greeting")])[0]


def test_a_listener_bug_says_goodbye_then_hangs_up():
    state, (effects,) = run([ThreadFailed("listener", "ValueError: boom")], state=connected())
    speak = next(e for e in effects if isinstance(e, fx.Speak))
    assert speak.text == INTERNAL_ERROR_LINE and fx.HangUp() not in effects
    assert fx.Record("system", "the listener thread failed: ValueError: boom") in effects
    assert state.outcome == "internal-error: listener"
    state, (effects,) = run([SpeechFinished(speak.utterance_id)], state=state)
    assert fx.HangUp() in effects and state.phase is Phase.ENDING
    state, (effects,) = run([CallEnded(200, "OK", by_us=True)], state=state)
    assert effects[-1] == fx.Finish("internal-error: listener", "the listener thread failed: ValueError: boom",
                                    state.details)


def test_a_goodbye_that_never_finishes_still_hangs_up():
    state, _ = run([ThreadFailed("dialogue", "KeyError: 'x'")], state=connected())
    state, (effects,) = run([TimerFired("goodbye_guard")], state=state)
    assert fx.HangUp() in effects and state.outcome == "internal-error: dialogue"


def test_a_tts_bug_hangs_up_without_trying_to_speak():
    state, (effects,) = run([ThreadFailed("tts", "RuntimeError: onnx")], state=connected())
    assert fx.HangUp() in effects and not any(isinstance(e, fx.Speak) for e in effects)
    assert state.outcome == "internal-error: tts"


def test_a_dead_sip_thread_finishes_at_once():
    state, (effects,) = run([SipFailed("sip-thread-failed", "TypeError: x")], state=connected())
    assert state.phase is Phase.ENDED and effects[-1].outcome == "internal-error: sip"


def test_a_bug_while_ringing_cancels_the_call():
    state, (_, _, effects) = run([Started(), CallRinging(180), ThreadFailed("stt", "E")])
    assert fx.HangUp() in effects and state.outcome == "internal-error: stt"


def test_an_outcome_already_reached_stands():
    state = connected()
    state, _ = run([TimerFired("idle")], state=state)  # hanging up as no-response
    state, (effects,) = run([ThreadFailed("listener", "E")], state=state)
    assert state.outcome == "no-response" and effects == [fx.Record("system", "the listener thread failed: E")]


def test_a_callee_challenge_we_refused_is_named_not_blamed_on_the_trunk():
    state, out = run([Started(), ChallengeRefused("INVITE", "foreign.test", "127.0.0.1:5099", "taskcall.test"),
                      CallEnded(407, "Proxy Authentication Required", by_us=False)])
    note = out[1][0]
    assert isinstance(note, fx.Record) and "from 127.0.0.1:5099 for realm 'foreign.test'" in note.text
    assert "bound to realm 'taskcall.test'" in note.text
    assert state.phase is Phase.ENDED and state.outcome == "auth-refused"


def test_a_trunk_that_refuses_our_credentials_is_still_trunk_auth_failed():
    settings = CallSettings(uri="sip:+1@t", party="x", register=True)
    state, _ = run([Started(), RegistrationFailed(401, "Unauthorized")], settings)
    assert state.outcome == "trunk-auth-failed"


def test_a_dead_line_is_hung_up_and_an_outcome_already_reached_stands():
    from dataclasses import replace

    from sip.events import MediaStopped

    state, (effects,) = run([MediaStopped(20.0)], state=connected())
    assert fx.HangUp() in effects and state.phase is Phase.ENDING
    assert state.outcome == "hung-up" and "no audio at all from the other party for 20 s" in state.reason
    booked = replace(connected(), outcome="booked", reason="they confirmed")
    state, _ = run([MediaStopped(20.0)], state=booked)
    assert state.outcome == "booked" and state.phase is Phase.ENDING


def test_an_invite_nobody_answered_at_all_is_the_trunk_not_the_callee():
    # sip.engine turns PJSIP's own timer-B 408 (no response of any kind) into code 0
    state, (_, effects) = run([Started(), CallEnded(0, "no response at all to the INVITE", by_us=False)])
    assert state.outcome == "trunk-unreachable" and "no response at all" in effects[-1].reason


def test_an_invite_with_no_response_at_all_gives_up_as_trunk_unreachable_after_its_timer():
    state, (_, effects) = run([Started(), TimerFired("invite")])
    assert fx.HangUp() in effects and state.outcome == "trunk-unreachable"
    assert "no response at all to the INVITE within 10 s" in state.reason


def test_any_response_to_the_invite_stops_its_timer():
    from sip.events import CallProceeding

    state, (dial, proceeding) = run([Started(), CallProceeding()])
    assert fx.StartTimer("invite", 10.0) in dial and fx.CancelTimer("invite") in proceeding
