"""The controller's part in phone menus: the prompt's words collect, keys go out only once it is over, nothing
is said to a recording, failures and the menu budget end the call with a reason; hold time is not call time."""

from __future__ import annotations

from agent.call import effects as fx
from agent.call.controller import CallSettings, Phase, initial_state, step, talk_s
from agent.call.events import Decided, SpeechStarted, Started, TimerFired, Transcribed, UtteranceEnded
from agent.conversation.dialogue_types import Action
from agent.line.events import AmdDecided, HoldStarted, PersonPickedUp
from sip.events import CallAnswered, CallRinging, DtmfFailed, DtmfSent

SETTINGS = CallSettings(uri="sip:air@127.0.0.1:5070", party="Skyway Airlines", register=False, max_call_s=600,
                        max_hold_s=1800, menu_budget_s=240)
AUDIO = b"\0" * 320


def connected():
    state = initial_state(SETTINGS)
    for event in (Started(), CallRinging(180), CallAnswered()):
        state, _ = step(state, event, 0.0)
    return state


def feed(state, events, now=0.0):
    out = []
    for event in events:
        state, effects = step(state, event, now)
        out.append(effects)
    return state, out


def of(kind, effects):
    return [e for e in effects if isinstance(e, kind)]


def prompt(state, heard_id, text, now):
    """A recorded prompt's utterance ends and its transcript arrives."""
    state, out = feed(state, [UtteranceEnded(AUDIO, now), Transcribed(heard_id, text, 5)], now)
    return state, out[0] + out[1]


def test_keys_wait_for_the_end_of_the_prompt_then_go_out():
    state, _ = feed(connected(), [AmdDecided(2.0, "menu", "transcript")])
    state, effects = prompt(state, 1, "Thank you for calling Skyway Airlines. For new bookings, press 1.", 4.0)
    assert fx.StartTimer("menu", 2.0) in effects and not of(fx.Decide, effects)
    # The prompt goes on: the pause was not its end.
    state, out = feed(state, [SpeechStarted(4.5)])
    assert fx.CancelTimer("menu") in out[0]
    state, _ = prompt(state, 2, "For an existing reservation, press 2.", 7.0)
    state, out = feed(state, [TimerFired("menu")], 9.0)
    decide = of(fx.Decide, out[0])
    assert decide and decide[0].kind == "menu"
    assert decide[0].text == ("Thank you for calling Skyway Airlines. For new bookings, press 1. "
                              "For an existing reservation, press 2.")
    state, out = feed(state, [Decided(decide[0].decision_id, Action(keys="2", note="pressed 2 for 'existing'"), 1)])
    assert fx.SendDtmf("2") in out[0] and fx.Record("system", "pressed 2 for 'existing'") in out[0]
    assert not of(fx.Speak, out[0]) and state.menu_text == ""
    state, _ = feed(state, [DtmfSent("2", "rfc4733")])
    assert state.details["keys_sent"] == "2" and state.details["dtmf_method"] == "rfc4733"


def test_a_menu_heard_before_detection_decides_is_a_menu():
    state, effects = prompt(connected(), 1, "For billing press 1, for outages press 2.", 3.0)
    state, out = feed(state, [TimerFired("menu")], 5.0)
    assert state.answered_by == "menu" and of(fx.Decide, out[0])[0].kind == "menu"
    assert fx.Record("system", "an automated menu answered") in out[0]
    assert fx.StartTimer("menu_budget", 240) in out[0]


def test_the_choice_waits_for_the_transcript_of_the_last_words():
    state, _ = feed(connected(), [AmdDecided(2.0, "menu", "transcript")])
    state, _ = prompt(state, 1, "For billing press 1.", 3.0)
    state, _ = feed(state, [UtteranceEnded(AUDIO, 5.0)], 5.0)
    state, out = feed(state, [TimerFired("menu")], 7.0)
    assert not of(fx.Decide, out[0]) and state.menu_due
    state, out = feed(state, [Transcribed(2, "For outages press 2.", 5)], 7.3)
    assert of(fx.Decide, out[0])[0].text == "For billing press 1. For outages press 2."


def test_a_prompt_cut_mid_sentence_gets_more_time_once():
    state, _ = feed(connected(), [AmdDecided(2.0, "menu", "transcript")])
    state, _ = prompt(state, 1, "To speak with a representative, press", 3.0)
    state, out = feed(state, [TimerFired("menu")], 5.0)
    assert fx.StartTimer("menu", 2.0) in out[0] and not of(fx.Decide, out[0])
    state, out = feed(state, [TimerFired("menu")], 7.0)
    assert of(fx.Decide, out[0])


def test_a_speech_menu_is_answered_with_words_and_nothing_else_is_said_to_it():
    state, _ = feed(connected(), [AmdDecided(2.0, "menu", "transcript")])
    state, _ = prompt(state, 1, "Please say appointments, prescriptions or billing.", 3.0)
    state, out = feed(state, [TimerFired("greeting"), TimerFired("menu")], 5.0)
    assert not of(fx.Speak, out[0])  # the greeting timer never talks to a menu
    decide = of(fx.Decide, out[1])[0]
    state, out = feed(state, [Decided(decide.decision_id, Action(say="Appointments."), 1)])
    assert [e.text for e in of(fx.Speak, out[0])] == ["Appointments."]


def test_no_dtmf_method_is_reported_and_the_dialogue_asked_again():
    state, _ = feed(connected(), [AmdDecided(2.0, "menu", "transcript")])
    state, _ = prompt(state, 1, "For billing press 1.", 3.0)
    state, out = feed(state, [TimerFired("menu")], 5.0)
    state, out = feed(state, [Decided(of(fx.Decide, out[0])[0].decision_id, Action(keys="1"), 1),
                              DtmfFailed("1", "the peer takes none of the DTMF methods allowed (rfc4733)")])
    assert any("keys 1 could not be sent" in e.text for e in of(fx.Record, out[1]))
    assert of(fx.Decide, out[1])[0].kind == "keys_failed"


def test_a_menu_that_goes_nowhere_ends_with_its_path():
    state, _ = feed(connected(), [AmdDecided(2.0, "menu", "transcript")])
    state, _ = prompt(state, 1, "For billing press 1.", 3.0)
    state, out = feed(state, [TimerFired("menu")], 5.0)
    action = Action(keys="1", details={"menu_path": "1 (billing)"})
    state, _ = feed(state, [Decided(of(fx.Decide, out[0])[0].decision_id, action, 1)])
    state, out = feed(state, [TimerFired("menu_budget")], 245.0)
    assert state.phase is Phase.ENDING and state.outcome == "menu-dead-end"
    assert "path: 1 (billing)" in state.reason


def test_the_dialogue_giving_up_ends_the_call_with_its_reason():
    state, _ = feed(connected(), [AmdDecided(2.0, "menu", "transcript")])
    state, _ = prompt(state, 1, "Goodbye.", 3.0)
    state, out = feed(state, [TimerFired("menu")], 5.0)
    give_up = Action(hang_up=True, outcome="menu-dead-end", reason="every option ended in a recording")
    state, out = feed(state, [Decided(of(fx.Decide, out[0])[0].decision_id, give_up, 1)])
    assert fx.HangUp() in out[0] and state.reason == "every option ended in a recording"


def test_a_queue_wait_is_never_cut_by_the_call_length_limit():
    state, _ = feed(connected(), [AmdDecided(2.0, "menu", "transcript"), HoldStarted(20.0)], 20.0)
    state, out = feed(state, [TimerFired("max_call")], 600.0)
    assert state.phase is Phase.CONNECTED and fx.StartTimer("max_call", 580.0) in out[0]
    state, _ = feed(state, [PersonPickedUp(900.0, "voice-after-hold")], 900.0)
    assert talk_s(state, 900.0) == 20.0
    state, out = feed(state, [TimerFired("max_call")], 1000.0)
    assert state.phase is Phase.CONNECTED and fx.StartTimer("max_call", 480.0) in out[0]
    state, out = feed(state, [TimerFired("max_call")], 1480.0)
    assert state.phase is Phase.ENDING and state.outcome == "too-long"


def test_a_person_picking_up_ends_the_menu():
    state, _ = feed(connected(), [AmdDecided(2.0, "menu", "transcript"), HoldStarted(20.0)], 20.0)
    state, _ = feed(state, [PersonPickedUp(60.0, "voice-after-hold")], 60.0)
    state, out = feed(state, [TimerFired("menu_budget")], 300.0)
    assert state.phase is Phase.CONNECTED and out == [[]]


def test_a_menu_that_hangs_up_is_a_dead_end_with_its_path():
    from sip.events import CallEnded

    state, _ = feed(connected(), [AmdDecided(2.0, "menu", "transcript")])
    state, _ = prompt(state, 1, "For hours press 1.", 3.0)
    state, out = feed(state, [TimerFired("menu")], 5.0)
    action = Action(keys="1", details={"menu_path": "1 (hours)"})
    state, _ = feed(state, [Decided(of(fx.Decide, out[0])[0].decision_id, action, 1), CallEnded(200, "BYE", False)])
    assert state.phase is Phase.ENDED and state.outcome == "menu-dead-end" and "path: 1 (hours)" in state.reason


def test_a_machine_greeting_waits_for_its_last_words_which_may_make_it_a_menu():
    from agent.line.events import GreetingEnded

    state, _ = feed(connected(), [AmdDecided(3.0, "machine", "talks-on"), UtteranceEnded(AUDIO, 8.0)], 8.0)
    state, out = feed(state, [GreetingEnded(9.0)], 9.0)
    assert fx.StartTimer("machine", 1.0) in out[0] and not of(fx.Speak, out[0])
    state, _ = feed(state, [Transcribed(1, "You can say appointments, billing, or say operator.", 5)], 9.5)
    state, out = feed(state, [TimerFired("machine")], 10.0)
    assert not of(fx.Speak, out[0]) and state.answered_by == "menu"
