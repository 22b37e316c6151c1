"""The call state machine reacting to what the line classifier heard: hold, pick-up, machines, menus."""

from __future__ import annotations

import pytest

from agent.call import effects as fx
from agent.call.controller import CallSettings, Phase, initial_state, step
from agent.call.events import Decided, SpeechFinished, SpeechStarted, Started, TimerFired, Transcribed, UtteranceEnded
from agent.call.hearing import GREETING_TAIL_S
from agent.conversation.dialogue_types import Action
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
from sip.events import CallAnswered, CallHeld, CallResumed, CallRinging

SETTINGS = CallSettings(
    uri="sip:clinic@127.0.0.1:5070",
    party="Riverside Clinic",
    register=False,
    max_hold_s=1800,
    machine_message="Hi, this is an assistant calling for Alex. Please call back.",
)


def connected(settings: CallSettings = SETTINGS):
    state = initial_state(settings)
    for event in (Started(), CallRinging(180), CallAnswered()):
        state, _ = step(state, event, 0.0)
    return state


def person(settings: CallSettings = SETTINGS):
    state, _ = feed(connected(settings), [AmdDecided(1.0, "person", "short-greeting")])
    return state


def feed(state, events, now=0.0):
    out = []
    for event in events:
        state, effects = step(state, event, now)
        out.append(effects)
    return state, out


def said(effects):
    return [e.text for e in effects if isinstance(e, fx.Speak)]


def test_hold_music_from_the_answer_gets_one_hello_and_no_opening_and_no_idle_limit():
    # A queue that answers with music, or someone who picked up in silence with a radio on: "Hello?" once.
    state, out = feed(connected(), [LabelChanged(0.5, "music"), HoldStarted(2.0, ), TimerFired("greeting")])
    assert state.on_hold
    assert fx.CancelTimer("idle") in out[1] and fx.StartTimer("hold", 1800) in out[1]
    assert fx.CancelTimer("greeting") not in out[1]
    assert said(out[2]) == ["Hello?"] and not any(isinstance(e, fx.Decide) for e in out[2])
    state, out = feed(state, [SpeechFinished(state.speaking), TimerFired("probe")])
    assert fx.NoteProbe() in out[0] and out[1] == []  # the classifier hears what answers it; no opening into music


def test_music_from_the_answer_heard_as_hold_after_the_greeting_wait_gets_its_hello_then():
    # The greeting timer found music on the line (never talk over it) and said nothing; 2 s later it is hold.
    state, out = feed(connected(), [LabelChanged(0.5, "music"), TimerFired("greeting")])
    assert said(out[1]) == []
    state, out = feed(state, [HoldStarted(6.0)], now=6.0)
    assert state.on_hold and said(out[0]) == ["Hello?"]


def test_a_hello_already_playing_when_the_music_is_heard_plays_out():
    state, out = feed(connected(), [TimerFired("greeting")])
    assert said(out[0]) == ["Hello?"]
    state, out = feed(state, [HoldStarted(4.5)])
    assert state.on_hold and not any(isinstance(e, fx.StopSpeaking) for e in out[0])
    state, out = feed(state, [SpeechFinished(state.speaking)])
    assert fx.NoteProbe() in out[0]


def test_hold_music_after_someone_spoke_silences_the_greeting():
    state, out = feed(person(), [HoldStarted(2.0), TimerFired("greeting")])
    assert state.on_hold and fx.CancelTimer("greeting") in out[0] and out[1] == []
    welcome = [UtteranceEnded(b"\0" * 320, 2.0), Transcribed(1, "Thank you for calling Riverside.", 1)]
    state, out = feed(connected(), [*welcome, HoldStarted(3.0), TimerFired("greeting")])
    assert out[3] == []  # a queue's welcome, then its music


def test_a_blip_of_the_radio_that_comes_back_with_no_words_still_gets_the_hello():
    # The voice detector sent a bit of the radio to STT before the music was hold; it came back empty: no one
    # spoke, so the music is still the music at the answer. Words on their way are not known to be none.
    blip = [LabelChanged(0.5, "music"), UtteranceEnded(b"\0" * 320, 3.0), Transcribed(1, "", 1), TimerFired("greeting")]
    state, out = feed(connected(), blip)
    assert said(out[3]) == []  # music on the line: never talk over it
    state, out = feed(state, [HoldStarted(5.0)], now=5.0)
    assert state.on_hold and said(out[0]) == ["Hello?"]
    # Still being transcribed when the music became hold: no "Hello?" yet, and none if words come back (a queue's
    # welcome); empty, it goes then.
    pending = [LabelChanged(0.5, "music"), UtteranceEnded(b"\0" * 320, 3.0), TimerFired("greeting")]
    for words, hello in (("", ["Hello?"]), ("Thank you for calling, please hold.", [])):
        state, _ = feed(connected(), pending)
        state, out = feed(state, [HoldStarted(5.0), Transcribed(1, words, 1)], now=5.0)
        assert state.on_hold and said(out[0]) == [] and said(out[1]) == hello, words
    # Back before the greeting wait is over: the greeting timer says it when it is.
    state, _ = feed(connected(), [LabelChanged(0.5, "music"), UtteranceEnded(b"\0" * 320, 1.0)])
    state, out = feed(state, [HoldStarted(2.5), Transcribed(1, "", 1)], now=2.5)
    assert said(out[1]) == [] and fx.StartTimer("greeting", 1.5) in out[1]
    state, out = feed(state, [TimerFired("greeting")], now=4.0)
    assert said(out[0]) == ["Hello?"]

def test_music_the_vad_took_for_a_voice_is_not_even_transcribed():
    state, _ = feed(connected(), [LabelChanged(0.5, "music"), HoldStarted(2.0)])
    state, out = feed(state, [UtteranceEnded(b"\0" * 320, 20.0)])
    assert out[0] == [] and state.heard == 0


def test_announcements_on_hold_are_transcribed_but_never_answered():
    state, _ = feed(connected(), [LabelChanged(0.5, "music"), HoldStarted(2.0), LabelChanged(19.0, "ivr_speech")])
    state, out = feed(state, [UtteranceEnded(b"\0" * 320, 20.0), Transcribed(1, "Your call is important to us.", 5)])
    assert isinstance(out[0][0], fx.Transcribe) and not any(isinstance(e, fx.StartTimer) for e in out[0])
    assert fx.NoteHeard("Your call is important to us.") in out[1]
    assert not any(isinstance(e, fx.Decide) for e in out[1])
    assert any(isinstance(e, fx.Record) and e.text.startswith("(on hold)") for e in out[1])


def test_words_before_anything_decided_who_answered_are_recorded_as_an_unknown_speakers():
    words = [UtteranceEnded(b"\0" * 320, 2.0), Transcribed(1, "Luigi's, how can I help?", 1)]
    _, out = feed(connected(), words)
    assert [e.text for e in out[1] if isinstance(e, fx.Record)] == ["(unknown speaker) Luigi's, how can I help?"]
    machine, _ = feed(connected(), [AmdDecided(3.0, "machine", "leave-a-message")])
    _, out = feed(machine, words)
    assert any(isinstance(e, fx.Record) and e.text.startswith("(recording)") for e in out[1])

def test_the_classifier_segment_an_utterance_ended_in_goes_back_with_its_words():
    # STT answers up to a second after the utterance ended: its words are of the sound it was, not of one since.
    state, _ = feed(connected(), [LabelChanged(0.5, "music"), HoldStarted(2.0), LabelChanged(19.0, "ivr_speech")])
    state, out = feed(state, [UtteranceEnded(b"\0" * 320, 20.0, segment=7)])
    assert out[0][0] == fx.Transcribe(1, b"\0" * 320, 7)
    state, out = feed(state, [Transcribed(1, "Your call is important to us.", 5, -0.3, segment=7)])
    assert fx.NoteHeard("Your call is important to us.", -0.3, 7) in out[0]


def test_a_person_picking_up_mid_sentence_is_answered_when_their_turn_ends():
    state, _ = feed(connected(), [LabelChanged(0.5, "music"), HoldStarted(2.0), LabelChanged(62.0, "ivr_speech")])
    state, out = feed(state, [PersonPickedUp(63.0, "live-floor"), LabelChanged(63.0, "live_speech")])
    assert not state.on_hold and fx.CancelTimer("hold") in out[0]
    words = Transcribed(1, "Hi, this is Dana, how can I help?", 5)
    state, out = feed(state, [UtteranceEnded(b"\0" * 320, 65.0), words])
    assert any(isinstance(e, fx.Decide) and e.kind == "heard" for e in out[1])


def test_a_pickup_decided_after_their_words_ended_answers_those_words():
    state, _ = feed(connected(), [LabelChanged(0.5, "music"), HoldStarted(2.0), LabelChanged(63.0, "ivr_speech")])
    state, _ = feed(state, [UtteranceEnded(b"\0" * 320, 64.0), Transcribed(1, "Hello?", 5)], now=100.0)
    state, out = feed(state, [PersonPickedUp(65.5, "waits-after-speech")], now=101.5)
    decide = [e for e in out[0] if isinstance(e, fx.Decide)]
    assert decide and decide[0].text == "Hello?"


def _picked_up_from_hold():
    state, _ = feed(connected(), [LabelChanged(0.5, "music"), HoldStarted(2.0), LabelChanged(62.0, "ivr_speech")])
    state, _ = feed(state, [PersonPickedUp(63.0, "transcript"), SpeechStarted(63.0)], now=63.0)
    return state


def test_a_greeting_that_asks_nothing_yet_waits_for_the_rest_and_both_are_answered_together():
    # "Riverside Family Practice, this is Jen at the front desk." <pause> "How can I help?": our opening
    # must not cross the second sentence.
    first = Transcribed(1, "Riverside Family Practice. This is Jen at the front desk.", 5)
    state, out = feed(_picked_up_from_hold(), [UtteranceEnded(b"\0" * 320, 65.0), first])
    assert not any(isinstance(e, fx.Decide) for e in out[1])
    assert fx.StartTimer("greeting_tail", GREETING_TAIL_S) in out[1]
    state, out = feed(state, [SpeechStarted(65.6)])
    assert fx.CancelTimer("greeting_tail") in out[0]
    state, out = feed(state, [UtteranceEnded(b"\0" * 320, 66.5), Transcribed(2, "How can I help?", 5)])
    decide = [e for e in out[1] if isinstance(e, fx.Decide)]
    assert [d.text for d in decide] == ["Riverside Family Practice. This is Jen at the front desk. How can I help?"]
    state, out = feed(state, [TimerFired("greeting_tail")])  # a stale tail timer changes nothing
    assert not any(isinstance(e, fx.Decide) for e in out[0])
    state, out = feed(state, [UtteranceEnded(b"\0" * 320, 70.0), Transcribed(3, "Sure.", 5)])
    assert any(isinstance(e, fx.Decide) for e in out[1])  # greeted: later short words are answered at once


def test_a_greeting_still_going_when_its_transcript_comes_is_answered_with_the_rest():
    state, _ = feed(_picked_up_from_hold(), [UtteranceEnded(b"\0" * 320, 65.0), SpeechStarted(65.4)])
    state, out = feed(state, [Transcribed(1, "Good morning, Riverside.", 5)])
    assert not any(isinstance(e, (fx.Decide, fx.StartTimer)) for e in out[0])  # they are talking: no timer either
    state, out = feed(state, [UtteranceEnded(b"\0" * 320, 66.5), Transcribed(2, "", 5)])
    assert any(isinstance(e, fx.StartTimer) and e.name == "greeting_tail" for e in out[0])
    state, out = feed(state, [TimerFired("greeting_tail")])  # the rest was a cough: the greeting is answered
    assert [e.text for e in out[0] if isinstance(e, fx.Decide)] == ["Good morning, Riverside."]


def test_words_that_ask_or_tell_something_after_a_pickup_are_answered_at_once():
    for words in ("Hi, this is Dana, how can I help?", "Hello?", "Okay, we have a table at 8 on Friday.",
                  "Can I get your name please",
                  "Thanks for waiting for what time."):  # a question Whisper wrote without its "?"
        state, out = feed(_picked_up_from_hold(), [UtteranceEnded(b"\0" * 320, 65.0), Transcribed(1, words, 5)])
        assert [e.text for e in out[1] if isinstance(e, fx.Decide)] == [words], words


def test_an_old_announcement_is_not_claimed_by_a_later_pickup():
    state, _ = feed(connected(), [LabelChanged(0.5, "music"), HoldStarted(2.0), LabelChanged(19.0, "ivr_speech")])
    state, _ = feed(state, [UtteranceEnded(b"\0" * 320, 20.0), Transcribed(1, "Please stay on the line.", 5)], now=30.0)
    state, out = feed(state, [PersonPickedUp(63.0, "live-floor")], now=73.0)
    assert not any(isinstance(e, fx.Decide) for e in out[0])


def test_hold_limit_hangs_up_with_its_own_outcome():
    state, _ = feed(connected(), [HoldStarted(2.0)])
    state, out = feed(state, [TimerFired("hold")])
    assert state.phase is Phase.ENDING and state.outcome == "hold-too-long"
    assert fx.HangUp() in out[0]


def test_hold_music_stops_our_own_sentence():
    state = person()
    state, _ = feed(state, [TimerFired("greeting"), Decided(1, Action(say="Hi! I'd like an appointment."), 1)])
    assert state.speaking is not None
    state, out = feed(state, [HoldStarted(4.0)])
    assert fx.StopSpeaking() in out[0] and state.speaking is None


def test_a_machine_gets_the_message_after_the_beep_then_a_hang_up():
    state, out = feed(connected(), [AmdDecided(3.0, "machine", "long-greeting")])
    assert fx.CancelTimer("greeting") in out[0] and fx.StartTimer("machine", 30.0) in out[0]
    state, out = feed(state, [UtteranceEnded(b"\0" * 320, 6.0), BeepHeard(7.0)])
    assert not any(isinstance(e, fx.StartTimer) and e.name == "idle" for e in out[0])  # the greeting is not answered
    assert said(out[1]) == [SETTINGS.machine_message]
    speak = next(e for e in out[1] if isinstance(e, fx.Speak))
    state, out = feed(state, [SpeechFinished(speak.utterance_id)])
    assert fx.HangUp() in out[0] and state.outcome == "left-message"


def test_a_beep_alone_makes_it_a_machine():
    state, out = feed(connected(), [BeepHeard(5.0)])
    assert said(out[0]) == [SETTINGS.machine_message] and state.answered_by == "machine"


def test_the_machine_policy_can_hang_up_instead():
    settings = CallSettings(uri="sip:x@127.0.0.1", party="x", register=False, on_machine="hang_up")
    state, out = feed(connected(settings), [AmdDecided(3.0, "machine", "long-greeting"), GreetingEnded(9.0)])
    assert state.outcome == "answering-machine" and fx.HangUp() in out[1] and said(out[1]) == []


def test_no_beep_and_no_end_still_leaves_the_message_in_time():
    state, _ = feed(connected(), [AmdDecided(3.0, "machine", "long-greeting")])
    state, out = feed(state, [TimerFired("machine")])
    assert said(out[0]) == [SETTINGS.machine_message]
    # A beep after all: the recorder starts only now, so the message starts over, whole.
    state, out = feed(state, [BeepHeard(40.0)])
    assert fx.StopSpeaking() in out[0] and said(out[0]) == [SETTINGS.machine_message]


def test_an_automated_menu_gets_no_voicemail():
    state, _ = feed(connected(), [AmdDecided(3.0, "machine", "long-greeting")])
    state, _ = feed(state, [UtteranceEnded(b"\0" * 320, 6.0), Transcribed(1, "For billing, press 2.", 5)])
    state, out = feed(state, [GreetingEnded(8.0)])
    assert said(out[0]) == [] and state.answered_by == "menu" and state.phase is Phase.CONNECTED


def test_a_person_answering_is_just_noted():
    state, out = feed(connected(), [AmdDecided(1.2, "person", "short-greeting")])
    assert state.answered_by == "person" and [type(e) for e in out[0]] == [fx.Record, fx.CancelTimer]


def test_first_words_wait_for_detection_then_a_person_is_answered():
    words = Transcribed(1, "Luigi's, how can I help?", 5)
    state, out = feed(connected(), [UtteranceEnded(b"\0" * 320, 1.0), words], 2.0)
    assert not any(isinstance(e, fx.Decide) for e in out[1])
    state, out = feed(state, [AmdDecided(1.4, "person", "short-greeting")], 2.4)
    decide = [e for e in out[0] if isinstance(e, fx.Decide)]
    assert decide and decide[0].text == "Luigi's, how can I help?"


def test_first_words_of_a_machine_are_never_answered():
    state, out = feed(connected(), [UtteranceEnded(b"\0" * 320, 2.0), AmdDecided(2.8, "machine", "long-greeting")])
    state, out = feed(state, [Transcribed(1, "Hi, you've reached Alex.", 5)])
    assert not any(isinstance(e, fx.Decide) for e in out[0])


def test_a_queue_greeting_then_music_is_hold_not_voicemail():
    state, _ = feed(connected(), [AmdDecided(2.8, "machine", "long-greeting"), HoldStarted(6.0)])
    assert state.answered_by == "queue"
    state, out = feed(state, [TimerFired("machine"), GreetingEnded(9.0)])
    assert said(out[0]) == [] and said(out[1]) == []


def test_barge_in_still_works_with_a_person():
    state = person()
    state, _ = feed(state, [TimerFired("greeting"), Decided(1, Action(say="Hi!"), 1)])
    state, out = feed(state, [SpeechStarted(5.0)])
    assert fx.StopSpeaking() in out[0]


def test_queue_wording_before_the_music_is_not_a_voicemail():
    state, _ = feed(connected(), [AmdDecided(2.8, "machine", "long-greeting"), UtteranceEnded(b"\0" * 320, 5.0)])
    state, _ = feed(state, [Transcribed(1, "All of our hosts are busy. Please stay on the line.", 5)])
    state, out = feed(state, [GreetingEnded(6.5)])
    assert state.answered_by == "queue" and said(out[0]) == []


def test_hold_wording_from_a_person_we_thought_picked_up_puts_us_back_on_hold():
    state, _ = feed(connected(), [HoldStarted(2.0), PersonPickedUp(40.0, "live-floor")])
    state, out = feed(state, [UtteranceEnded(b"\0" * 320, 44.0), Transcribed(1, "Please stay on the line.", 5)])
    assert state.on_hold and not any(isinstance(e, fx.Decide) for e in out[1])
    assert fx.StartTimer("hold", 1800) in out[1]


def test_signalled_and_in_band_digits_are_one_event():
    from agent.line.classifier import LineClassifier

    signalled = LineClassifier().digit_received("7")
    assert isinstance(signalled[0], DigitHeard) and signalled[0].how == "signalled"
    state, out = feed(person(), [signalled[0], DigitHeard(3.0, "8")])
    assert [e.text for e in out[0] + out[1] if isinstance(e, fx.Record)] == ["[DTMF 7]", "[DTMF 8, in-band]"]


# ---- probing, screening, messages that must be whole, and one notion of hold -------------------------
SCREENED = CallSettings(uri="sip:x@127.0.0.1", party="x", register=False,
                        machine_message=SETTINGS.machine_message,
                        screening_reply="Hi, this is an assistant calling for Alex about a table for four.")


def test_silence_after_the_answer_gets_a_hello_then_the_opening():
    state, out = feed(connected(), [AmdDecided(4.0, "unknown", "no-speech"), TimerFired("greeting")])
    assert said(out[1]) == ["Hello?"] and state.probed
    probe = next(e for e in out[1] if isinstance(e, fx.Speak))
    state, out = feed(state, [SpeechFinished(probe.utterance_id)])
    assert fx.NoteProbe() in out[0] and fx.StartTimer("probe", 4.0) in out[0]
    state, out = feed(state, [TimerFired("probe")])
    assert any(isinstance(e, fx.Decide) and e.kind == "opening" for e in out[0])


def test_a_probe_is_asked_for_once_and_never_into_a_decided_line():
    state, out = feed(connected(), [ProbeWanted(6.0), ProbeWanted(9.0)])
    assert said(out[0]) == ["Hello?"] and out[1] == []
    state, out = feed(person(), [ProbeWanted(6.0)])
    assert out[0] == []


def test_no_probe_goes_over_a_greeting_whose_next_sentence_has_started():
    # The probe was wanted after a pause, but their voice is back before it was said: the greeting goes on.
    state, out = feed(connected(), [SpeechStarted(6.9), ProbeWanted(7.0)])
    assert said(out[1]) == [] and not state.probed
    state, out = feed(state, [UtteranceEnded(b"\0" * 320, 9.0), ProbeWanted(11.0)])
    assert said(out[1]) == ["Hello?"]  # wanted again at its real end


def test_a_screening_assistant_hears_who_calls_and_why_then_the_person_is_answered():
    state, out = feed(connected(SCREENED), [AmdDecided(4.0, "screening", "transcript")])
    assert said(out[0]) == [SCREENED.screening_reply] and state.hold == "screening"
    assert fx.HoldLine("screening") in out[0]
    reply = next(e for e in out[0] if isinstance(e, fx.Speak))
    state, _ = feed(state, [SpeechFinished(reply.utterance_id), UtteranceEnded(b"\0" * 320, 9.0)])
    state, out = feed(state, [Transcribed(1, "Sorry, please say your name and why you are calling.", 5)])
    assert said(out[0]) == [SCREENED.screening_reply]  # asked again: answered again
    state, out = feed(state, [PersonPickedUp(20.0, "transcript"), UtteranceEnded(b"\0" * 320, 21.0)], 21.0)
    state, out2 = feed(state, [Transcribed(2, "Hello, this is Jamie.", 5)], 21.2)
    assert state.answered_by == "person" and not state.on_hold
    assert not any(isinstance(e, fx.Decide) for e in out2[0])  # a greeting that asks nothing yet: a beat
    assert fx.StartTimer("greeting_tail", GREETING_TAIL_S) in out2[0]
    state, out3 = feed(state, [TimerFired("greeting_tail")], 22.0)  # nothing more came: answered
    assert [e.text for e in out3[0] if isinstance(e, fx.Decide)] == ["Hello, this is Jamie."]


def test_a_screener_first_taken_for_a_person_hears_who_calls_and_why_instead_of_the_answer_meant_for_a_person():
    state, out = feed(connected(SCREENED), [AmdDecided(2.5, "person", "short-greeting"),
                                            Transcribed(1, "Hi there.", 5)])
    pending = state.decision
    state, out = feed(state, [AmdDecided(6.0, "screening", "transcript")])
    assert said(out[0]) == [SCREENED.screening_reply] and state.hold == "screening"
    assert state.answered_by == "screening" and state.decision > pending  # the person's answer is dropped


def test_an_answer_composed_for_a_person_is_not_said_once_later_words_make_it_a_machine():
    state, out = feed(connected(), [AmdDecided(2.5, "person", "short-greeting"), Transcribed(1, "Hi, it's Sam.", 5)])
    pending = state.decision
    assert any(isinstance(e, fx.Decide) and e.decision_id == pending for effects in out for e in effects)
    state, out = feed(state, [AmdDecided(6.0, "machine", "transcript"),
                              Decided(pending, Action(say="Hi Sam! I'm calling about a table."), 1)])
    assert said(out[1]) == [] and state.answered_by == "machine"


def test_a_message_cut_by_the_greeting_going_on_starts_again_when_it_really_ends():
    state, out = feed(connected(), [AmdDecided(3.0, "machine", "transcript"), GreetingEnded(6.0)])
    assert said(out[1]) == [SETTINGS.machine_message]
    state, out = feed(state, [SpeechStarted(6.5)])  # only a pause: the greeting goes on
    assert fx.StopSpeaking() in out[0] and state.message is None and fx.HangUp() not in out[0]
    state, out = feed(state, [GreetingEnded(10.0)])
    assert said(out[0]) == [SETTINGS.machine_message]
    state, out = feed(state, [BeepHeard(10.5)])  # and then a beep: once more, after it
    assert said(out[0]) == [SETTINGS.machine_message]
    speak = next(e for e in out[0] if isinstance(e, fx.Speak))
    state, out = feed(state, [SpeechStarted(11.0)])  # the recorder runs: nothing stops the message now
    assert fx.StopSpeaking() not in out[0]
    state, out = feed(state, [SpeechFinished(speak.utterance_id)])
    assert fx.HangUp() in out[0] and state.outcome == "left-message"


def test_hold_wording_from_a_live_person_is_a_hold_the_classifier_hears_about():
    state, _ = feed(person(), [UtteranceEnded(b"\0" * 320, 5.0)])
    state, out = feed(state, [Transcribed(1, "Let me check that, please stay on the line.", 5)])
    assert state.hold == "asked" and fx.HoldLine("asked") in out[0]
    assert not any(isinstance(e, fx.Decide) for e in out[0])
    state, out = feed(state, [TimerFired("idle"), PersonPickedUp(40.0, "voice-after-hold")], 40.0)
    assert state.phase is Phase.CONNECTED and not state.on_hold
    state, out = feed(state, [UtteranceEnded(b"\0" * 320, 42.0), Transcribed(2, "Okay, we have a table at 8.", 5)])
    assert any(isinstance(e, fx.Decide) for e in out[1])


@pytest.mark.parametrize("text", [
    "We're busier than usual tonight, so the earliest is nine.",
    "Sorry, I was helping other customers. What name is it under?",
    "Great, someone will be with you on Tuesday between eight and ten.",
])
def test_a_queues_wording_said_in_passing_by_a_person_is_read_not_taken_for_a_hold(text):
    state, _ = feed(person(), [UtteranceEnded(b"\0" * 320, 5.0)])
    state, out = feed(state, [Transcribed(1, text, 5)])
    assert not state.on_hold and any(isinstance(e, fx.Decide) for e in out[0])


def test_a_far_end_sip_hold_is_held_through_and_answered_after():
    state, _ = feed(person(), [TimerFired("greeting"), Decided(1, Action(say="Hi, I'd like a table."), 1)])
    state, out = feed(state, [CallHeld()])
    assert state.hold == "sip" and fx.StopSpeaking() in out[0] and fx.HoldLine("sip") in out[0]
    state, out = feed(state, [TimerFired("idle"), CallResumed()])
    assert state.phase is Phase.CONNECTED and fx.HoldLine("resumed") in out[1] and state.hold == "asked"
    state, out = feed(state, [PersonPickedUp(30.0, "voice-after-hold")])
    assert not state.on_hold and state.answered_by == "person"


def test_music_on_the_line_does_not_silence_a_person_we_are_talking_to():
    # A radio in their shop: the classifier labels music between their words.
    state, _ = feed(person(), [LabelChanged(3.0, "music")])
    state, out = feed(state, [UtteranceEnded(b"\0" * 320, 5.0), Transcribed(1, "What time?", 5)])
    assert any(isinstance(e, fx.Decide) for e in out[1])


def test_a_person_after_a_menu_and_its_queue_is_answered():
    state, _ = feed(connected(), [AmdDecided(3.0, "menu", "transcript"), HoldStarted(20.0)])
    state, _ = feed(state, [PersonPickedUp(80.0, "transcript"), UtteranceEnded(b"\0" * 320, 81.0)], 81.0)
    state, out = feed(state, [Transcribed(1, "Hi, this is Sam, how can I help?", 5)], 81.2)
    assert state.answered_by == "person" and any(isinstance(e, fx.Decide) for e in out[0])


def test_a_silent_line_is_a_hold_with_its_own_shorter_limit():
    settings = CallSettings(uri="sip:clinic@127.0.0.1:5070", party="Riverside Clinic", register=False,
                            max_hold_s=1800, max_silent_hold_s=240)
    state, out = feed(person(settings), [HoldStarted(12.0, "silence")])
    assert state.hold == "silence"
    assert fx.CancelTimer("idle") in out[0] and fx.StartTimer("hold", 240) in out[0]
    # It turns out to be a queue: the queue's budget, not the silent line's.
    queued, out = feed(state, [HoldStarted(30.0, "music")])
    assert queued.hold == "music" and fx.StartTimer("hold", 1800) in out[0]
    # Nobody ever speaks: a no-response, not a hold that was too long.
    ended, _ = feed(state, [TimerFired("hold")])
    assert ended.outcome == "no-response" and "silent" in ended.reason


def test_silence_while_they_wait_for_us_is_no_hold():
    state = person()
    # Our answer to their words is still being composed.
    composing, _ = feed(state, [SpeechStarted(2.0), UtteranceEnded(b"\0" * 3200, 3.0)])
    composing, _ = feed(composing, [Transcribed(composing.heard, "Can I have your name?", 80.0)])
    assert composing.decided < composing.decision
    waiting, out = feed(composing, [HoldStarted(14.0, "silence")])
    assert not waiting.on_hold and out[0] == [fx.HoldLine("declined")]  # the classifier hears it is none
    # We asked them to hold while we ask the principal.
    asking, _ = feed(state, [Decided(state.decision, Action(say="One moment please.", ask_principal="Which day?"),
                                     5.0)])
    asking, _ = feed(asking, [SpeechFinished(asking.speaking), HoldStarted(20.0, "silence")])
    assert asking.waiting_principal and not asking.on_hold


def test_an_answer_withdrawn_as_they_put_us_on_hold_is_decided_again_with_the_hold():
    # "Sure, what time?" ... "Oh, hold on one second, please." before our answer began: the whole turn is decided
    # again (the dialogue reads it as the hold it ends in), and nothing is said over them as they go.
    state, _ = feed(person(), [UtteranceEnded(b"\0" * 320, 3.0), Transcribed(1, "Sure, what time?", 5),
                               SpeechStarted(3.5)], now=3.5)
    state, out = feed(state, [Decided(state.decision, Action(say="At 7:30 pm."), 1)], now=3.6)
    assert said(out[0]) == [] and state.unsaid == "Sure, what time?"
    state, out = feed(state, [UtteranceEnded(b"\0" * 320, 5.0), Transcribed(2, "Oh, hold on one second, please.", 5)],
                      now=5.5)
    decide = [e for e in out[1] if isinstance(e, fx.Decide)]
    whole = "Sure, what time? Oh, hold on one second, please."
    assert decide == [fx.Decide(state.decision, "heard", whole, again=True)]
    state, out = feed(state, [Decided(state.decision, Action(hold=True), 1)], now=5.6)
    assert state.on_hold and said(out[0]) == [] and not state.unsaid
    state, _ = feed(state, [PersonPickedUp(40.0, "transcript"), SpeechStarted(40.0)], now=40.0)
    state, out = feed(state, [UtteranceEnded(b"\0" * 320, 41.5), Transcribed(3, "Sorry about that. So, what time?", 5)],
                      now=41.6)
    assert fx.Decide(state.decision, "heard", "Sorry about that. So, what time?") in out[1]  # read on its own
