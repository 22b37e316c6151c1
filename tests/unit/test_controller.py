"""The pure call state machine, driven event by event."""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType

from agent.call import effects as fx
from agent.call.controller import (
    CONTINUED_S,
    PRINCIPAL_TIMEOUT_LINE,
    QUIET_AFTER_WORDS_S,
    STILL_THERE_LINE,
    UNANSWERED_S,
    CallSettings,
    Phase,
    initial_state,
    step,
)
from agent.call.events import (
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
from agent.conversation.dialogue_types import Action
from agent.line.events import AmdDecided
from sip.events import CallAnswered, CallEnded, CallRinging, RegistrationFailed, RegistrationSucceeded

SETTINGS = CallSettings(uri="sip:luigis@127.0.0.1:5070", party="Luigi's", register=False, principal_timeout_s=150)


def run(events, settings=SETTINGS):
    state = initial_state(settings)
    out = []
    for event in events:
        state, effects = step(state, event, 0.0)
        out.append(effects)
    return state, out


def kinds(effects):
    return [type(e) for e in effects]


def connected(settings=SETTINGS):
    """Answered, and answering-machine detection said a person (their words are answered from now on)."""
    return run([Started(), CallRinging(180), CallAnswered(), AmdDecided(1.0, "person", "short-greeting")], settings)[0]


def test_dials_directly_without_trunk():
    state, out = run([Started()])
    assert state.phase is Phase.DIALING
    assert fx.Dial("sip:luigis@127.0.0.1:5070") in out[0]
    assert fx.StartTimer("ring", 45.0) in out[0]


def test_registers_first_with_trunk_then_dials():
    settings = CallSettings(uri="sip:+15550100@trunk", party="x", register=True, register_timeout_s=3)
    state, out = run([Started(), RegistrationSucceeded(300)], settings)
    assert fx.Register() in out[0] and fx.StartTimer("register", 3) in out[0]
    assert fx.CancelTimer("register") in out[1] and fx.Dial("sip:+15550100@trunk") in out[1]
    assert state.phase is Phase.DIALING


def test_wrong_password_ends_with_auth_failure():
    settings = CallSettings(uri="sip:+1@t", party="x", register=True)
    state, out = run([Started(), RegistrationFailed(401, "Unauthorized")], settings)
    assert state.phase is Phase.ENDED
    finish = out[-1][-1]
    assert isinstance(finish, fx.Finish) and finish.outcome == "trunk-auth-failed"


def test_forbidden_register_is_an_auth_failure():
    settings = CallSettings(uri="sip:+1@t", party="x", register=True)
    state, out = run([Started(), RegistrationFailed(403, "Forbidden")], settings)
    assert out[-1][-1].outcome == "trunk-auth-failed" and "403" in out[-1][-1].reason


def test_register_timeout_is_trunk_unreachable():
    settings = CallSettings(uri="sip:+1@t", party="x", register=True, register_timeout_s=2)
    state, out = run([Started(), TimerFired("register")], settings)
    assert out[-1][-1].outcome == "trunk-unreachable"
    assert "2 s" in out[-1][-1].reason


def test_busy_is_reported_in_words():
    state, out = run([Started(), CallRinging(180), CallEnded(486, "Busy Here", by_us=False)])
    finish = out[-1][-1]
    assert finish.outcome == "busy" and "busy" in finish.reason and "486" in finish.reason


def test_ring_timeout_cancels_then_reports_no_answer():
    state, out = run([Started(), CallRinging(180), TimerFired("ring")])
    assert state.phase is Phase.ENDING and fx.HangUp() in out[-1]
    state, effects = step(state, CallEnded(487, "Request Terminated", by_us=True), 0)
    assert state.phase is Phase.ENDED and effects[-1].outcome == "no-answer"


def test_utterance_flows_to_stt_then_dialogue_then_speech():
    state = connected()
    state, e1 = step(state, UtteranceEnded(b"\0" * 320, 1.0), 0)
    assert e1 == [fx.Transcribe(1, b"\0" * 320), fx.StartTimer("idle", 60.0)]
    state, e2 = step(state, Transcribed(1, "Luigi's, how can I help?", 100), 0)
    assert fx.Record("them", "Luigi's, how can I help?") in e2
    assert fx.Decide(1, "heard", "Luigi's, how can I help?") in e2
    state, e3 = step(state, Decided(1, Action(say="Hi! I'd like a table."), 1), 0)
    assert fx.Speak(1, "Hi! I'd like a table.") in e3
    assert state.speaking == 1


def test_stale_decision_is_dropped():
    state = connected()
    state, _ = step(state, Transcribed(1, "For what time?", 1), 0)
    state, _ = step(state, Transcribed(2, "And how many people?", 1), 0)
    state, effects = step(state, Decided(1, Action(say="At 7."), 1), 0)
    assert effects == []
    state, effects = step(state, Decided(2, Action(say="Four."), 1), 0)
    assert fx.Speak(1, "Four.") in effects


def _going_on_after(words):
    """A person's words ended and were sent to the dialogue, and their voice is back before any answer came."""
    state = connected()
    state, _ = step(state, UtteranceEnded(b"\0" * 320, 1.0), 0)
    state, _ = step(state, Transcribed(1, words, 100), 0)
    return step(state, SpeechStarted(2.0), 0)[0]


def test_an_answer_ready_while_they_go_on_talking_waits_and_the_whole_turn_is_decided_again():
    state = _going_on_after("Lovely, you're booked in for Saturday at ten.")  # "your booking number is ..." begins
    state, effects = step(state, Decided(1, Action(say="Perfect, so that's Saturday at ten. Is that right?"), 1), 0)
    assert not any(isinstance(e, fx.Speak) for e in effects) and state.speaking is None  # never over their words
    state, _ = step(state, UtteranceEnded(b"\0" * 320, 4.0), 0)
    state, effects = step(state, Transcribed(2, "Your booking number is 3 8 1 7.", 100), 0)
    assert fx.Decide(2, "heard", "Lovely, you're booked in for Saturday at ten. Your booking number is 3 8 1 7.",
                     again=True) in effects
    state, effects = step(state, Decided(2, Action(say="Perfect, code 3 8 1 7. Is that right?"), 1), 0)
    assert fx.Speak(1, "Perfect, code 3 8 1 7. Is that right?") in effects


def test_words_they_went_on_with_before_the_answer_came_are_decided_with_the_turn():
    state = _going_on_after("Lovely, you're booked in for Saturday at ten.")
    state, _ = step(state, UtteranceEnded(b"\0" * 320, 4.0), 0)
    state, effects = step(state, Transcribed(2, "See you then!", 100), 0)  # before the first answer came
    assert fx.Decide(2, "heard", "Lovely, you're booked in for Saturday at ten. See you then!", again=True) in effects
    state, effects = step(state, Decided(1, Action(say="Perfect."), 1), 0)
    assert effects == []  # superseded by the whole turn


def test_a_sound_without_words_after_a_withdrawn_answer_gets_that_answer():
    state = _going_on_after("For what time?")  # a cough
    state, effects = step(state, Decided(1, Action(say="At 7:30 pm."), 1), 0)
    assert effects == []
    state, _ = step(state, UtteranceEnded(b"\0" * 320, 2.5), 0)
    state, effects = step(state, Transcribed(2, "", 100), 0)
    assert effects == [fx.Decide(2, "heard", "For what time?", again=True)]
    # an answer that began before they went on is theirs to barge in on, as before
    state, effects = step(state, Decided(2, Action(say="At 7:30 pm."), 1), 0)
    assert fx.Speak(1, "At 7:30 pm.") in effects
    state, effects = step(state, SpeechStarted(5.0), 0)
    assert effects[0] == fx.StopSpeaking()


def test_their_turn_going_on_as_our_answer_begins_withdraws_the_answer_and_its_outcome():
    def answered(at):
        state = connected()
        state, _ = step(state, UtteranceEnded(b"\0" * 320, 1.0), 10.0)
        state, _ = step(state, Transcribed(1, "Lovely, you're booked in for Saturday at ten.", 100), 10.0)
        booked = Action(say="Perfect, so that's Saturday at ten. Is that right?", outcome="booked",
                        details=MappingProxyType({"time": "10 am"}))
        state, effects = step(state, Decided(1, booked, 1), 10.0)
        assert fx.Speak(1, booked.say) in effects and state.outcome == "booked"
        return step(state, SpeechStarted(2.0), at)

    state, effects = answered(10.0 + CONTINUED_S - 0.2)  # "Your booking number is ..." as our answer began
    assert fx.StopSpeaking() in effects and state.outcome == "" and not state.details
    state, _ = step(state, UtteranceEnded(b"\0" * 320, 4.0), 13.0)
    state, effects = step(state, Transcribed(2, "Your booking number is 3 8 1 7.", 100), 13.0)
    assert fx.Decide(2, "heard", "Lovely, you're booked in for Saturday at ten. Your booking number is 3 8 1 7.",
                     again=True) in effects
    # later, it is their reply to our answer: a barge-in as any other, read on its own
    state, effects = answered(10.0 + CONTINUED_S + 0.5)
    assert fx.StopSpeaking() in effects and state.outcome == "booked"
    state, _ = step(state, UtteranceEnded(b"\0" * 320, 4.0), 13.0)
    state, effects = step(state, Transcribed(2, "No, sorry, at eleven.", 100), 13.0)
    assert fx.Decide(2, "heard", "No, sorry, at eleven.") in effects


def test_a_sound_without_words_over_before_the_answer_came_withdraws_nothing():
    state = _going_on_after("For what time?")  # a hammer blow, its transcript back before our answer
    state, _ = step(state, UtteranceEnded(b"\0" * 320, 2.3), 0)
    state, _ = step(state, Transcribed(2, "", 100), 0)
    state, effects = step(state, Decided(1, Action(say="At 7:30 pm."), 1), 0)
    assert fx.Speak(1, "At 7:30 pm.") in effects


def test_barge_in_stops_speaking():
    state = connected()
    state, _ = step(state, Decided(0, Action(say="A long sentence."), 1), 0)
    assert state.speaking == 1
    state, effects = step(state, SpeechStarted(3.0), 0)
    assert effects[0] == fx.StopSpeaking()
    assert state.speaking is None


def test_goodbye_is_not_interrupted_and_hangs_up_after_playing():
    state = connected()
    action = Action(say="Goodbye!", hang_up=True, outcome="confirmed", details=MappingProxyType({"code": "4719"}))
    state, _ = step(state, Decided(0, action, 1), 0)
    state, effects = step(state, SpeechStarted(3.0), 0)
    assert fx.StopSpeaking() not in effects
    state, effects = step(state, SpeechFinished(1), 0)
    assert fx.HangUp() in effects and state.phase is Phase.ENDING
    state, effects = step(state, CallEnded(200, "OK", by_us=True), 0)
    assert effects[-1] == fx.Finish("confirmed", "the conversation was finished", MappingProxyType({"code": "4719"}))


def test_principal_question_and_reply():
    state = connected()
    state, _ = step(state, Transcribed(1, "Can I get a phone number?", 1), 0)
    action = Action(say="Could you hold on?", ask_principal="Can I get a phone number?")
    state, effects = step(state, Decided(1, action, 1), 0)
    assert fx.AskPrincipal(1, "Can I get a phone number?", "Luigi's") in effects
    assert fx.StartTimer("principal", 150) in effects and fx.CancelTimer("idle") in effects
    state, effects = step(state, PrincipalReplied(1, "555 0199"), 0)
    assert fx.CancelTimer("principal") in effects and fx.Decide(2, "principal", "555 0199") in effects


def test_principal_silence_promises_a_callback_and_hangs_up():
    state = connected()
    state, _ = step(state, Transcribed(1, "Phone number?", 1), 0)
    state, _ = step(state, Decided(1, Action(say="Hold on?", ask_principal="Phone number?"), 1), 0)
    state, _ = step(state, SpeechFinished(1), 0)
    state, effects = step(state, TimerFired("principal"), 0)
    assert fx.Speak(2, PRINCIPAL_TIMEOUT_LINE) in effects
    state, effects = step(state, SpeechFinished(2), 0)
    assert fx.HangUp() in effects
    state, effects = step(state, CallEnded(200, "OK", by_us=True), 0)
    assert effects[-1].outcome == "callback-needed"


def test_they_talk_while_we_wait_for_principal():
    state = connected()
    state, _ = step(state, Decided(0, Action(say="Hold on?", ask_principal="q"), 1), 0)
    state, effects = step(state, Transcribed(1, "Are you still there?", 1), 0)
    decide = next(e for e in effects if isinstance(e, fx.Decide))  # the dialogue reads it, waiting or not
    state, effects = step(state, Decided(decide.decision_id, Action(say="I'm still checking."), 1), 0)
    assert state.waiting_principal and not any(isinstance(e, fx.AskPrincipal) for e in effects)


def test_an_accepted_offer_settles_the_principal_question():
    state = connected()
    state, _ = step(state, Decided(0, Action(say="Hold on?", ask_principal="q"), 1), 0)
    state, effects = step(state, Transcribed(1, "actually I have 11:15", 1), 0)
    decide = next(e for e in effects if isinstance(e, fx.Decide))
    state, effects = step(state, Decided(decide.decision_id, Action(say="11:15 works.", settles_principal=True), 1), 0)
    assert not state.waiting_principal and fx.CancelTimer("principal") in effects


def test_greeting_timer_opens_when_they_stay_silent():
    state = connected()
    state, effects = step(state, TimerFired("greeting"), 0)
    assert effects == [fx.Decide(1, "opening", "")]


def test_they_hang_up_mid_call():
    state = connected()
    state, effects = step(state, CallEnded(200, "Normal", by_us=False), 0)
    assert state.phase is Phase.ENDED and effects[-1].outcome == "hung-up"


def test_worker_failure_hangs_up_with_its_code():
    state = connected()
    state, effects = step(state, WorkerFailed("stt", "stt-failed", "boom"), 0)
    assert fx.HangUp() in effects and state.outcome == "failed" and "stt-failed" in state.reason


def test_stop_request_in_every_phase_reaches_ended():
    for prefix in ([], [Started()], [Started(), CallRinging(180)], [Started(), CallRinging(180), CallAnswered()]):
        state, _ = run([*prefix, StopRequested("interrupted")])
        if state.phase is Phase.ENDING:
            state, _ = step(state, TimerFired("hangup_guard"), 0)
        assert state.phase is Phase.ENDED


def test_nothing_leaves_ended():
    state, _ = run([Started(), CallEnded(404, "Not Found", by_us=False)])
    assert state.phase is Phase.ENDED
    for event in (CallAnswered(), Started(), TimerFired("idle"), Transcribed(1, "hi", 1)):
        assert step(state, event, 0) == (state, [])


def test_idle_line_hangs_up():
    state = connected()
    state, effects = step(state, TimerFired("idle"), 0)
    assert fx.HangUp() in effects and state.outcome == "no-response"


def test_hold_request_is_a_hold_like_any_other():
    state = connected()
    state, effects = step(state, Decided(0, Action(hold=True), 1), 0)
    assert state.hold == "asked" and fx.HoldLine("asked") in effects  # the classifier listens for their return
    assert fx.CancelTimer("idle") in effects and fx.StartTimer("hold", 3600.0) in effects
    state, effects = step(state, TimerFired("idle"), 0)
    assert state.phase is Phase.CONNECTED  # silence on hold is no idleness
    state, effects = step(state, UtteranceEnded(b"", 230.0), 0)
    assert not any(isinstance(e, fx.StartTimer) and e.name == "idle" for e in effects)  # words on hold: not for us


def test_a_retracted_success_does_not_stand():
    state = connected()
    state, _ = step(state, Decided(0, Action(say="So that's Friday. Is that right?", outcome="booked"), 1), 0)
    assert state.outcome == "booked"
    state, _ = step(state, Transcribed(1, "no, it's not booked yet", 1), 0)
    state, _ = step(state, Decided(state.decision, Action(say="Oh, sorry.", retract=True), 1), 0)
    assert state.outcome == ""


def _left_unanswered(state, text="Sorry for family"):
    """Their words, read and answered with nothing (a statement, or words no rule could read)."""
    state, _ = step(state, UtteranceEnded(b"\0" * 320, 1.0), 0)
    state, _ = step(state, Transcribed(state.heard, text, 100), 0)
    return step(state, Decided(state.decision, Action(), 1), 0)


def test_words_left_unanswered_then_quiet_ask_the_dialogue_again():
    state, effects = _left_unanswered(connected())
    assert fx.StartTimer("quiet", QUIET_AFTER_WORDS_S) in effects
    state, effects = step(state, TimerFired("quiet"), 0)
    assert effects == [fx.Decide(state.decision, "quiet", "")]


def test_quiet_is_not_asked_when_they_go_on_or_we_talk_or_wait():
    state, _ = _left_unanswered(connected())
    talking, effects = step(state, SpeechStarted(3.0), 0)
    assert fx.CancelTimer("quiet") in effects
    assert step(talking, TimerFired("quiet"), 0)[1] == []  # they are talking: their turn is not over
    held, _ = step(state, Decided(state.decision, Action(), 1), 0)
    held = replace(held, hold="asked")
    assert step(held, TimerFired("quiet"), 0)[1] == []  # "let me check": a hold, waited out quietly
    waiting = replace(state, waiting_principal=True)
    assert step(waiting, TimerFired("quiet"), 0)[1] == []  # we asked them to hold for the principal
    state, effects = step(state, Decided(state.decision, Action(say="For 4 people."), 1), 0)
    assert fx.CancelTimer("quiet") in effects  # we answered after all


def test_a_sound_with_no_words_after_words_left_unanswered_still_leads_to_the_quiet_question():
    # "... Tuesday at night under Alex's event." left unanswered, then a hammer blow on their side: its
    # SpeechStarted stopped the quiet timer, and its empty transcript starts it again.
    state, _ = _left_unanswered(connected(), "Alright, you're good to inform Tuesday at night under Alex's event.")
    state, effects = step(state, SpeechStarted(5.0), 0)
    assert fx.CancelTimer("quiet") in effects
    state, _ = step(state, UtteranceEnded(b"\0" * 320, 5.5), 0)
    state, effects = step(state, Transcribed(state.heard, "", 100), 0)
    assert fx.StartTimer("quiet", QUIET_AFTER_WORDS_S) in effects
    state, effects = step(state, TimerFired("quiet"), 0)
    assert effects == [fx.Decide(state.decision, "quiet", "")]


def test_a_machine_or_a_menu_never_gets_the_quiet_question():
    for who in ("machine", "menu", "screening"):
        state = replace(connected(), answered_by=who)
        state, effects = step(state, Decided(0, Action(), 1), 0)
        assert not any(isinstance(e, fx.StartTimer) and e.name == "quiet" for e in effects), who


def _after_our_words(state):
    """We said something and it has played; nobody has spoken since."""
    state, _ = step(state, Decided(state.decision, Action(say="Hi! I'd like a table for 4."), 1), 0)
    return step(state, SpeechFinished(state.speaking), 0)


def test_nobody_answering_us_is_asked_are_you_still_there_then_a_recorder_gets_the_message():
    settings = replace(SETTINGS, machine_message="Hi, this is an assistant for Alex, please call back.")
    state, effects = _after_our_words(connected(settings))
    assert fx.StartTimer("unanswered", UNANSWERED_S) in effects
    state, effects = step(state, TimerFired("unanswered"), 0)
    assert fx.Speak(state.speaking, STILL_THERE_LINE) in effects
    state, effects = step(state, SpeechFinished(state.speaking), 0)
    assert fx.StartTimer("unanswered", UNANSWERED_S) in effects
    state, effects = step(state, TimerFired("unanswered"), 0)  # nobody ever answered anything we said
    assert state.answered_by == "machine" and state.message == state.speaking
    assert fx.Speak(state.speaking, settings.machine_message) in effects


def test_someone_who_answered_us_before_is_waited_for_after_are_you_still_there():
    state, _ = _after_our_words(connected())
    state, _ = step(state, UtteranceEnded(b"\0" * 320, 1.0), 0)
    state, _ = step(state, Transcribed(state.heard, "Sure, for what time?", 100), 0)
    state, _ = _after_our_words(state)
    state, effects = step(state, TimerFired("unanswered"), 0)
    assert fx.Speak(state.speaking, STILL_THERE_LINE) in effects
    state, _ = step(state, SpeechFinished(state.speaking), 0)
    state, effects = step(state, TimerFired("unanswered"), 0)
    assert effects == [] and state.answered_by == "person"  # the silent hold (10 s) takes it from here


def test_their_voice_cancels_the_unanswered_question_and_a_hold_never_gets_it():
    state, _ = _after_our_words(connected())
    talking, effects = step(state, SpeechStarted(3.0), 0)
    assert fx.CancelTimer("unanswered") in effects
    assert step(talking, TimerFired("unanswered"), 0)[1] == []
    held = replace(state, hold="asked")
    assert step(held, TimerFired("unanswered"), 0)[1] == []
