"""Who answered and when hold ends, as a call hears the line: the listener with scripted transcripts.

The audio is real recorded speech (Debian's Asterisk prompts) and generated beds; the words STT would
return are scripted, delivered when a call would get them (the end of the utterance, or the moment the
classifier asked, plus STT's time).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np
import pytest

from agent.audio import mulaw_roundtrip, read_wav_8k
from agent.line.events import (
    AmdDecided,
    BeepHeard,
    GreetingEnded,
    HoldStarted,
    LineEvent,
    PersonPickedUp,
    ProbeWanted,
    WordsWanted,
)
from agent.line.listener import LineListener
from agent.speech.listen import SpeechEnded
from scripts.farend import Voice, make_bed
from scripts.tone_signals import tone
from tests.unit.beds import hammering, radio_music

SOUNDS = Path("/usr/share/asterisk/sounds/en")
MOH = Path("/usr/share/asterisk/moh/manolo_camp-morning_coffee.wav")
RATE = 8000
STT_S = 0.25  # seconds STT takes in these scripted calls


def prompt(*names: str, gap_s: float = 0.0) -> np.ndarray:
    """Recorded prompts back to back (with gap_s of silence between them), trimmed of their own silence."""
    parts: list[np.ndarray] = []
    for name in names:
        x = read_wav_8k(SOUNDS / f"{name}.wav").astype(np.float64)
        loud = np.flatnonzero(np.abs(x) > 200)
        parts += [x[loud[0] : loud[-1] + 1], silence(gap_s)]
    return np.concatenate(parts[:-1])


def silence(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * RATE))


def music(seconds: float, offset_s: float = 30.0, gain: float = 0.5) -> np.ndarray:
    x = read_wav_8k(MOH).astype(np.float64)[int(offset_s * RATE) :]
    return x[: int(seconds * RATE)] * gain


def line(*parts: np.ndarray) -> np.ndarray:
    joined = np.concatenate(parts)
    return mulaw_roundtrip(np.clip(joined, -32768, 32767).astype(np.int16))


def hear(
    pcm: np.ndarray,
    words: Iterable[str | tuple[str, float]] = (),
    partials: Iterable[str | tuple[str, float]] = (),
    setup: Callable[[LineListener], list[LineEvent]] | None = None,
    at: dict[float, Callable[[LineListener], None]] | None = None,
    we_talk: Iterable[tuple[float, float]] = (),
    stt_s: float = STT_S,
    greetings: Iterable[str] = (),
) -> list[LineEvent]:
    """Run the listener over pcm; `words` answer its utterances in order (text, or (text, STT's confidence)), with
    the segment each ended in, as a call does; `partials` its WordsWanted requests; `greetings` its requests for
    the whole greeting's words (the rest are not answered); `we_talk`: (start, end) seconds in which our own side
    carries sound; `stt_s`: how long STT takes."""
    listener = LineListener()
    classifier = listener.classifier
    events = setup(listener) if setup else []
    words, partials, actions = list(words), list(partials), dict(at or {})
    greetings = list(greetings)
    pending: list[tuple[float, str | tuple[str, float], int | None]] = []
    whole: list[tuple[float, str]] = []  # the whole greeting's words, and when they come
    ours = list(we_talk)
    for start in range(0, len(pcm) - 159, 160):
        talking = any(a <= start / RATE < b for a, b in ours)
        found, segments = listener.process(pcm[start : start + 160].astype("<i2").tobytes(), talking)
        for when in [w for w in actions if w <= classifier.t]:
            actions.pop(when)(listener)
        for event in found:
            if isinstance(event, WordsWanted) and event.greeting:
                if greetings:
                    whole.append((classifier.t + 2 * stt_s, greetings.pop(0)))  # after the utterance's own words
            elif isinstance(event, WordsWanted):
                if partials:
                    pending.append((classifier.t + stt_s, partials.pop(0), event.segment))
            else:
                events.append(event)
        for segment in segments:
            if isinstance(segment, SpeechEnded) and words:
                pending.append((classifier.t + stt_s, words.pop(0), listener.utterance_segment))
        for item in [p for p in pending if p[0] <= classifier.t]:
            pending.remove(item)
            text, confidence = item[1] if isinstance(item[1], tuple) else (item[1], None)
            events.extend(classifier.transcript(text, item[2], confidence))
        for heard in [w for w in whole if w[0] <= classifier.t]:
            whole.remove(heard)
            events.extend(classifier.greeting_transcript(heard[1]))
    return events


def decisions(events: list[LineEvent]) -> list[AmdDecided]:
    return [e for e in events if isinstance(e, AmdDecided) and e.who != "unknown"]


def first(events: list[LineEvent], kind: type) -> LineEvent | None:
    return next((e for e in events if isinstance(e, kind)), None)


# ---- who answered ------------------------------------------------------------------------------------
def test_a_long_business_greeting_that_offers_help_is_a_person():
    greeting = prompt("demo-thanks", "hello-world")  # over 3 s of speech, then the host waits
    events = hear(line(silence(0.5), greeting, silence(4.0)),
                  words=["Good evening, Luigi's, this is Marco, how can I help you?"])
    end = 0.5 + len(greeting) / RATE
    assert [(d.who, d.reason) for d in decisions(events)] == [("person", "offers-help")]
    assert decisions(events)[0].t <= end + 1.5  # answered promptly, not after a machine's wait


def test_a_short_hello_is_a_person_from_timing_alone():
    events = hear(line(silence(0.5), prompt("hello-world"), silence(3.0)))
    assert [d.who for d in decisions(events)] == ["person"]


def test_a_long_greeting_is_never_a_machine_by_length_alone():
    greeting = prompt("demo-thanks", "hello-world", "demo-thanks")  # 7 s of neutral words, then silence
    events = hear(line(silence(0.5), greeting, silence(6.0)), words=["Thank you for calling the Riverside Inn."])
    assert decisions(events) == []
    probe = first(events, ProbeWanted)
    assert probe is not None and probe.t > 0.5 + len(greeting) / RATE + 1.0


def test_a_greeting_that_goes_on_after_the_probe_was_wanted_wants_it_again_at_its_real_end():
    # A closed office's greeting pauses long enough to want "Hello?" and then goes on (no probe was said:
    # the controller saw their voice back); the probe is wanted again when the greeting has really ended.
    first_part = prompt("demo-thanks", "hello-world", "demo-thanks")
    rest = prompt("hello-world")
    events = hear(line(silence(0.5), first_part, silence(2.0), rest, silence(4.0)),
                  words=["Thank you for calling the Riverside Inn.", "On Main Street, by the river."])
    probes = [e.t for e in events if isinstance(e, ProbeWanted)]
    rest_ends = 0.5 + (len(first_part) + len(rest)) / RATE + 2.0
    assert len(probes) == 2 and probes[0] < rest_ends - len(rest) / RATE < probes[1], probes


def test_a_probe_answered_briefly_is_a_person_and_an_unanswered_one_a_machine():
    greeting = prompt("demo-thanks", "hello-world", "demo-thanks")
    end = 0.5 + len(greeting) / RATE

    def probed_at(t: float) -> dict[float, Callable[[LineListener], None]]:
        return {t: lambda listener: listener.classifier.probed()}

    answered = line(silence(0.5), greeting, silence(3.5), prompt("hello-world"), silence(3.0))
    events = hear(answered, words=["Thank you for calling the Riverside Inn.", "Yes."], at=probed_at(end + 3.0))
    assert [(d.who, d.reason) for d in decisions(events)] == [("person", "answered-probe")]
    silent = line(silence(0.5), greeting, silence(8.0))
    events = hear(silent, words=["Thank you for calling the Riverside Inn."], at=probed_at(end + 3.0))
    assert [(d.who, d.reason) for d in decisions(events)] == [("machine", "silent-after-probe")]
    # Nothing answered the probe: that silence is the greeting's end as well, and the message goes at once.
    ended = [e.t for e in events if isinstance(e, GreetingEnded)]
    assert len(ended) == 1 and ended[0] == decisions(events)[0].t


def test_voicemail_wording_is_a_machine_and_the_message_waits_for_the_beep():
    greeting = prompt("vm-intro")
    beep_at = 0.5 + len(greeting) / RATE + 0.6
    pcm = line(silence(0.5), greeting, silence(0.6), tone([1000.0], 500, -10.0), silence(3.0))
    events = hear(pcm, words=["Please leave your message after the tone. When done, hang up."])
    assert [d.who for d in decisions(events)] == ["machine"]
    beep = first(events, BeepHeard)
    assert beep is not None and beep_at < beep.t < beep_at + 0.8
    assert first(events, GreetingEnded) is None  # the beep, not a guess, starts the message


def test_a_beep_sounding_is_no_silence_in_which_a_greeting_waits_for_us():
    # A friendly voicemail greeting with no recorder words, then a long beep that starts 1.2 s after it: the
    # silence a person's greeting waits in would run out while the beep still sounds. The beep decides.
    greeting = prompt("demo-thanks", "hello-world")
    pcm = line(silence(0.5), greeting, silence(1.2), tone([1000.0], 1000, -10.0), silence(3.0))
    events = hear(pcm, words=["Hi, this is Sam at Riverside Plumbing, thanks so much for calling."])
    assert [(d.who, d.reason) for d in decisions(events)] == [("machine", "beep")]


def test_a_three_sentence_greeting_ends_after_its_last_sentence_not_its_first_pause():
    # "We're closed. Our hours are ... Please leave a message." with pauses between the sentences, no beep.
    sentences = [prompt("demo-thanks"), prompt("hello-world", "vm-isunavail"), prompt("vm-intro")]
    pcm = line(silence(0.5), sentences[0], silence(0.9), sentences[1], silence(1.1), sentences[2], silence(6.0))
    last_word = 0.5 + sum(len(s) for s in sentences) / RATE + 2.0
    words = ["Thank you for calling Riverside Dental.", "Our office is currently closed.",
             "Please leave a message and we will call you back."]
    events = hear(pcm, words=words)
    assert decisions(events)[0].who == "machine"
    ended = [e.t for e in events if isinstance(e, GreetingEnded)]
    assert len(ended) == 1 and last_word + 1.5 <= ended[0] <= last_word + 4.6, (last_word, ended)


def test_screening_and_menus_are_their_own_answers():
    assistant = hear(line(silence(0.5), prompt("demo-thanks", "hello-world"), silence(3.0)),
                     words=["The person you're calling is using a screening service. Please say your name."])
    assert [d.who for d in decisions(assistant)] == ["screening"]
    menu = hear(line(silence(0.5), prompt("demo-thanks", "hello-world"), silence(3.0)),
                words=["Thank you for calling. For appointments, press 1."])
    assert [d.who for d in decisions(menu)] == ["menu"]


@pytest.mark.parametrize("prompt_words", [
    "The person you're calling is using a screening service. Please say your name and why you're calling.",
    "Please say your name and reason for calling.",
    "Who's calling, and what's it regarding?",
])
def test_a_screener_first_taken_for_a_person_is_a_screener_once_it_asks_who_and_why(prompt_words):
    # "Hi there." and a pause sounds like a person; what follows only a screening assistant says.
    pcm = line(silence(0.5), prompt("hello-world"), silence(2.5), prompt("demo-thanks", "vm-intro"), silence(3.0))
    events = hear(pcm, words=["Hi there.", prompt_words])
    assert [d.who for d in decisions(events)] == ["person", "screening"]


def test_a_menu_first_taken_for_a_person_from_its_pause_is_a_menu_once_it_names_its_keys():
    pcm = line(silence(0.5), prompt("hello-world"), silence(2.5), prompt("demo-thanks", "vm-intro"), silence(3.0))
    events = hear(pcm, words=["Northwind Travel, good morning.", "For bookings, press 1. For billing, press 2."])
    assert [d.who for d in decisions(events)] == ["person", "menu"]
    # A person who offered help is not corrected by a key they mention.
    events = hear(pcm, words=["Northwind, how can I help?", "Sorry, press 1 on your phone if you hear the beep."])
    assert [d.who for d in decisions(events)] == ["person"]


@pytest.mark.parametrize("choices", [
    "You can say reservations, hours, or directions.",
    "Please say or enter your account number.",
])
def test_a_speech_menu_first_taken_for_a_person_from_its_pause_is_a_menu_once_it_lists_its_choices(choices):
    pcm = line(silence(0.5), prompt("hello-world"), silence(2.5), prompt("demo-thanks", "vm-intro"), silence(3.0))
    events = hear(pcm, words=["Sunnyvale Library, good morning.", choices])
    assert [d.who for d in decisions(events)] == ["person", "menu"]
    # "You can say that again" is a person's.
    events = hear(pcm, words=["Sunnyvale Library, good morning.", "Oh, you can say that again."])
    assert [d.who for d in decisions(events)] == ["person"]


def greeting_requests(pcm: np.ndarray, setup: Callable[[LineListener], None] | None = None) -> list[float]:
    """When the listener asked for the whole greeting's words, hearing pcm."""
    listener = LineListener()
    if setup:
        setup(listener)
    asked = []
    for start in range(0, len(pcm) - 159, 160):
        found, _ = listener.process(pcm[start : start + 160].astype("<i2").tobytes())
        asked += [e.t for e in found if isinstance(e, WordsWanted) and e.greeting]
    return asked


def test_a_menu_whose_keys_stt_garbled_sentence_by_sentence_is_a_menu_from_its_whole_greeting():
    # Cut at its pauses, a speech menu's choices came back as "Forward personal tax." and "Side business."; the
    # whole greeting decoded at once ("... say personal for business tax, say business") names them.
    pcm = line(silence(0.5), prompt("demo-thanks"), silence(1.0), prompt("hello-world"), silence(1.0),
               prompt("vm-intro"), silence(5.0))
    said = ["Hello, you have reached the Revenue helpline.", "Forward personal tax.", "Side business."]
    assert "menu" not in [d.who for d in decisions(hear(pcm, words=said))]
    whole = ["Hello, you have reached the Revenue helpline. For personal tax,",
             "Hello, you have reached the Revenue helpline. For personal tax, say personal for business tax, say "
             "business."]
    assert [d.who for d in decisions(hear(pcm, words=said, greetings=whole))] == ["menu"]


def test_the_whole_greeting_does_not_overturn_what_its_sentences_own_words_decided():
    # A screener decided by its prompt; the whole greeting, decoded again worse ("You reach the ..."), is no
    # voicemail's wording that would make it a machine.
    pcm = line(silence(0.5), prompt("demo-thanks"), silence(1.0), prompt("hello-world"), silence(1.0),
               prompt("vm-intro"), silence(5.0))
    said = ["Good afternoon.", "You've reached the virtual receptionist for Kwame.", "Who should I say is calling?"]
    whole = ["Good afternoon. You reach the virtual receptionist for Kwame.",
             "Good afternoon. You reach the majority of the options for two ways."]
    assert [d.who for d in decisions(hear(pcm, words=said, greetings=whole))] == ["screening"]
    # One decided from timing alone is corrected as a sentence's words would (see the menu test above).


def test_the_whole_greeting_is_asked_for_from_its_second_utterance_and_only_while_who_answered_is_open():
    pcm = line(silence(0.5), prompt("demo-thanks"), silence(1.0), prompt("hello-world"), silence(1.0),
               prompt("vm-intro"), silence(3.0))
    asked = greeting_requests(pcm)
    assert len(asked) == 2  # after the second and the third utterance: the first is the whole greeting so far
    # Not once a person is talking with us (their turns are transcribed as they end) ...
    assert greeting_requests(pcm, lambda listener: listener.classifier._amd._decide("person", "offers-help", 0.0)) == []
    # ... nor after the time in which words may still correct who answered.
    late = line(silence(31.0), prompt("demo-thanks"), silence(1.0), prompt("hello-world"), silence(2.0))
    assert greeting_requests(late) == []


def test_a_menu_first_taken_for_a_machine_by_an_announcement_is_a_menu_once_it_names_its_keys():
    # "Our hours are ..." is a closed office's, and a menu's before its keys.
    pcm = line(silence(0.5), prompt("demo-thanks"), silence(1.0), prompt("vm-intro"), silence(1.0),
               prompt("hello-world"), silence(5.0))
    events = hear(pcm, words=["Thank you for calling Westfield Medical.",
                              "Our hours are eight to five, Monday to Friday.", "For the pharmacy, dial 2."])
    assert [(d.who, d.reason) for d in decisions(events)] == [("machine", "announcement"), ("menu", "transcript")]
    # A voicemail that asked for a message stays a machine, whatever key it mentions after.
    events = hear(pcm, words=["Thank you for calling Westfield Medical.", "We're closed, please leave a message.",
                              "For the pharmacy, dial 2."])
    assert [d.who for d in decisions(events)] == ["machine"]


def test_an_emergency_notice_waits_for_its_next_sentence_a_menu_or_a_closed_office():
    # A doctor's menu and a closed office's voicemail both open with it: it says a recording, not which.
    pcm = line(silence(0.5), prompt("demo-thanks"), silence(1.0), prompt("vm-intro"), silence(1.0),
               prompt("hello-world"), silence(6.0))
    notice = "If this is a medical emergency, hang up and dial 911."
    menu = hear(pcm, words=["Thank you for calling Westfield Medical.", notice, "For the pharmacy, dial 2."])
    assert [(d.who, d.reason) for d in decisions(menu)] == [("menu", "transcript")]
    closed = hear(pcm, words=["Thank you for calling Westfield Medical.", notice,
                              "Our office is closed, please leave a message after the tone."])
    assert [d.who for d in decisions(closed)] == ["machine"]
    # With the notice that calls are recorded beside it, still nothing decided; with the hours, a closed office.
    both = hear(pcm, words=["Thank you for calling Westfield Medical.",
                            "Calls may be recorded. In an emergency, call 999.", "For the pharmacy, dial 2."])
    assert [d.who for d in decisions(both)] == ["menu"]
    hours = hear(pcm, words=["Thank you for calling Westfield Medical.",
                             "If this is an emergency, dial 911. Our hours are eight to five.",
                             "For the pharmacy, dial 2."])
    assert [(d.who, d.reason) for d in decisions(hours)][0] == ("machine", "announcement")
    # Said and then silence: a recording waiting for us, a machine, and its message goes after that silence.
    alone = hear(line(silence(0.5), prompt("demo-thanks"), silence(1.0), prompt("vm-intro"), silence(8.0)),
                 words=["Thank you for calling Westfield Medical.", notice])
    assert [(d.who, d.reason) for d in decisions(alone)] == [("machine", "notice-and-paused")]
    assert first(alone, GreetingEnded) is not None


def test_a_voicemail_first_taken_for_a_person_from_its_pause_is_a_machine_once_it_asks_for_a_message():
    # "Hi, Priya here." and a slow owner's pause sounds like a person; "Leave a message." only a recorder says.
    pcm = line(silence(0.5), prompt("hello-world"), silence(2.5), prompt("demo-thanks"), silence(4.0))
    events = hear(pcm, words=["Hi, Priya here.", "Can't talk right now. Leave a message."])
    assert [d.who for d in decisions(events)] == ["person", "machine"]
    # ... or as the other choice after a number to call, in a sentence of its own or after a comma.
    for said in ("If it's urgent, call my cell. Otherwise, leave a message.",
                 "For emergencies, call our on-call line, otherwise leave a message."):
        events = hear(pcm, words=["Hi, Priya here.", said])
        assert [d.who for d in decisions(events)] == ["person", "machine"], said
    # A receptionist asks it; and a person who offered help is not corrected by words a receptionist also says.
    events = hear(pcm, words=["Hi, Priya here.", "She's out, would you like to leave a message?"])
    assert [d.who for d in decisions(events)] == ["person"]
    events = hear(pcm, words=["Hi, Priya speaking, how can I help?", "Leave your name and number."])
    assert [d.who for d in decisions(events)] == ["person"]


def test_a_greeting_that_paused_long_between_its_sentences_is_not_a_person_at_a_pause_as_long():
    # A slow owner's voicemail: a greeting, 1.6 s, a sentence whose words decide nothing, 2.3 s, then the rest.
    # A person who greets and waits is decided after 2 s of silence; this greeting has paused that long already.
    first_sentence, second, rest = prompt("hello-world"), prompt("pls-hold-while-try"), prompt("vm-intro")
    pcm = line(silence(0.5), first_sentence, silence(1.6), second, silence(2.3), rest, silence(6.0))
    events = hear(pcm, words=["Hello, this is Mei from Sunset Realty.", "I'm probably showing a home right now.",
                              "If it's urgent, call my cell. Otherwise, leave a message after the tone."])
    assert [d.who for d in decisions(events)] == ["machine"]
    # With a breath between its sentences, the same greeting and silence is a person waiting for us.
    pcm = line(silence(0.5), first_sentence, silence(0.4), second, silence(4.0))
    events = hear(pcm, words=["Hello, this is Mei from Sunset Realty.", "Sorry, I was just with a client."])
    end = 0.5 + (len(first_sentence) + len(second)) / RATE + 0.4
    assert [(d.who, d.reason) for d in decisions(events)] == [("person", "greets-and-waits")]
    assert decisions(events)[0].t <= end + 2.5


def test_a_menu_first_taken_for_a_machine_because_it_talked_through_the_probe_is_a_menu_once_it_names_its_keys():
    greeting = prompt("demo-thanks", "hello-world", "demo-thanks")
    end = 0.5 + len(greeting) / RATE
    pcm = line(silence(0.5), greeting, silence(3.5), prompt("demo-thanks"), silence(2.5), prompt("vm-intro"),
               silence(3.0))
    probe = {end + 3.0: lambda listener: listener.classifier.probed()}
    words = ["Welcome to the Riverside Inn on Main Street by the river.", "We look forward", "to seeing you.",
             "For bookings, press 1. For events, press 2."]
    events = hear(pcm, words=words, at=probe)
    assert [(d.who, d.reason) for d in decisions(events)] == [("machine", "talked-through-probe"),
                                                              ("menu", "transcript")]
    # A voicemail that talks through the probe is not corrected by a key it mentions after its beep.
    beeped = line(silence(0.5), greeting, silence(3.5), prompt("demo-thanks"), silence(2.5),
                  tone([1000.0], 500, -10.0), silence(0.5), prompt("vm-intro"), silence(3.0))
    events = hear(beeped, words=[*words[:3], "Or press 1 for more options."], at=probe)
    assert [d.reason for d in decisions(events)] == ["talked-through-probe"]
    assert any(isinstance(e, BeepHeard) for e in events)


def test_a_receptionist_asking_for_a_name_stays_a_person():
    pcm = line(silence(0.5), prompt("hello-world"), silence(2.5), prompt("demo-thanks"), silence(3.0))
    events = hear(pcm, words=["Hi there.", "Could you state your name and date of birth, please?"])
    assert [d.who for d in decisions(events)] == ["person"]


def test_silence_after_the_answer_is_unknown_and_a_late_voicemail_greeting_still_decides():
    # Carriers send seconds of silence before their voicemail greeting.
    pcm = line(silence(6.0), prompt("vm-intro"), silence(3.0))
    events = hear(pcm, words=["The person you are calling is not available. Please leave a message."])
    whos = [e.who for e in events if isinstance(e, AmdDecided)]
    assert whos == ["unknown", "machine"]


def test_a_workshop_under_the_line_does_not_make_a_greeting_go_on():
    greeting = prompt("demo-thanks")
    voice = np.concatenate([silence(0.5), greeting, silence(5.0)])
    pcm = line(voice + hammering(len(voice) / RATE, -32))
    events = hear(pcm, words=["Riverside Bikes, this is Sam, how can I help?"])
    assert [d.who for d in decisions(events)] == ["person"]


# ---- hold, whatever started it -----------------------------------------------------------------------
def test_a_person_coming_back_after_let_me_check_is_picked_up_at_once():
    back_at = 30.0
    pcm = line(silence(back_at), prompt("demo-thanks"), silence(2.0))
    events = hear(pcm, setup=lambda listener: listener.classifier.hold("asked"))
    pickup = first(events, PersonPickedUp)
    assert pickup is not None and back_at <= pickup.t <= back_at + 0.6


def test_nothing_is_picked_up_during_a_sip_hold_and_their_voice_after_it_is():
    held = line(music(10.0), prompt("queue-periodic-announce"), silence(3.0), prompt("demo-thanks"), silence(2.0))
    resume_at = 10.0 + 7.9 + 2.0

    def resume(listener: LineListener) -> None:
        listener.classifier.sip_resumed()

    events = hear(held, setup=lambda listener: listener.classifier.hold("sip"), at={resume_at: resume})
    pickups = [e for e in events if isinstance(e, PersonPickedUp)]
    assert len(pickups) == 1 and pickups[0].t >= resume_at


def test_on_music_hold_the_words_of_a_person_pick_up_within_a_second():
    greeting = prompt("demo-thanks", "hello-world")
    pcm = line(music(12.0), silence(0.5), greeting, silence(3.0))
    onset = 12.5
    events = hear(pcm, partials=["Hi, thanks for holding, who am I speaking with?"])
    pickup = first(events, PersonPickedUp)
    assert isinstance(first(events, HoldStarted), HoldStarted)
    assert pickup is not None and pickup.reason == "transcript" and onset <= pickup.t <= onset + 1.1


def test_on_music_hold_an_announcement_is_vetoed_by_its_words():
    announce = prompt("queue-periodic-announce")
    pcm = line(music(12.0), silence(0.5), announce, silence(2.0), music(10.0, 60.0))
    events = hear(pcm, partials=["Your call is important to us.", "Please stay on the line."],
                  words=["Your call is important to us. Please stay on the line."])
    assert first(events, PersonPickedUp) is None


def test_a_radio_under_a_live_talker_is_not_hold():
    voice = np.concatenate([silence(0.5), prompt("demo-thanks"), silence(1.0), prompt("demo-thanks"), silence(8.0)])
    radio = music(len(voice) / RATE, gain=0.06)  # about 20 dB under the voice
    events = hear(line(voice + radio), words=["Riverside Bikes, how can I help?", "We are open until six."])
    assert [d.who for d in decisions(events)][:1] == ["person"]
    assert first(events, HoldStarted) is None


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("radio_dbfs", [-40.0, -33.0])
def test_a_radio_and_a_workshop_under_a_short_greeting_and_our_reply_are_not_hold(seed: int, radio_dbfs: float):
    # The host greets once and listens while we talk: their greeting is all there is to measure their voice by.
    voice = np.concatenate([silence(0.5), prompt("demo-thanks"), silence(10.0)])
    seconds = len(voice) / RATE
    bed = radio_music(seconds, radio_dbfs) + hammering(seconds, radio_dbfs - 2, seed=seed)
    events = hear(line(voice + bed), words=["Spoke and Chain Cycles, this is Dave."])
    assert [d.who for d in decisions(events)][:1] == ["person"]
    assert first(events, HoldStarted) is None


@pytest.mark.parametrize("radio_dbfs", [-40.0, -37.0])
def test_a_radio_under_a_bare_hello_and_the_silence_after_it_is_not_hold(radio_dbfs: float):
    # "Hello?" from a shop with the radio on, then they listen: too short a greeting for its segment to count as
    # speech over the music, but its voice is theirs, and the music was under it before and after.
    voice = np.concatenate([silence(1.5), prompt("hello"), silence(10.0)])
    events = hear(line(voice + radio_music(len(voice) / RATE, radio_dbfs)), words=["Hello?"])
    assert [d.who for d in decisions(events)][:1] == ["person"]
    assert first(events, HoldStarted) is None


@pytest.mark.parametrize("words,picked", [
    ("You add hello, use this.", True),  # "Yeah, hello? Who's this?" over a radio, as STT made it
    ("Your call is important to us.", False),  # a queue's announcement that happened to start then
])
def test_what_answers_our_hello_on_music_is_someone_unless_its_words_are_a_recordings(words: str, picked: bool):
    radio, hello = radio_music(12.0, -36.0), prompt("hello")
    voice = silence(12.0)
    voice[int(6.2 * RATE) : int(6.2 * RATE) + len(hello)] = hello
    probe = {5.6: lambda listener: listener.classifier.probed()}
    events = hear(line(radio + voice), partials=[words, words], at=probe)
    assert (first(events, PersonPickedUp) is not None) == picked


@pytest.mark.parametrize("probed", [True, False])
def test_a_voice_over_music_that_answers_our_hello_is_someone_there(probed: bool):
    # Music from the answer and not a word: a queue, or someone who picked up with the radio on and waits. The call
    # says "Hello?" into it; a voice over the music right after that answers it. Without our "Hello?" a voice over
    # the music is an announcement, as on any queue's hold.
    radio, hello = radio_music(12.0, -36.0), prompt("hello")
    voice = silence(12.0)
    voice[int(6.2 * RATE) : int(6.2 * RATE) + len(hello)] = hello
    probe = {5.6: lambda listener: listener.classifier.probed()} if probed else {}
    events = hear(line(radio + voice), partials=["Hello?", "Hello?"], at=probe)
    held = first(events, HoldStarted)
    assert held is not None and held.t < 5.6  # the music was the hold before our "Hello?"
    picked = first(events, PersonPickedUp)
    assert (picked is not None and picked.t < 7.5) if probed else picked is None


@pytest.mark.parametrize("offset_s", [12.0, 16.0, 21.0, 36.0])
def test_an_answer_to_our_hello_in_two_breaths_over_the_radio_is_someone_there(offset_s: float):
    # "Yeah, hello? ... Who's this?" over the barber's radio (the far-end simulator's voice and bed): the voice
    # stops for a breath, or the classifier hears a bar of the radio in it, so the reply makes two sounds, and the
    # utterance's words come with the second. At these points of the radio, while only the first sound that began
    # after our "Hello?" counted as the answer, no one was picked up.
    bed = make_bed(["radio"], -38.0, seed=3).astype(np.float64)[int(offset_s * RATE) :][: int(14.0 * RATE)]
    reply = np.frombuffer(Voice("flite:rms").pcm("Yeah, hello? Who's this?"), "<i2").astype(np.float64)
    voice = silence(14.0)
    voice[int(7.0 * RATE) : int(7.0 * RATE) + len(reply)] = reply
    probe = {6.5: lambda listener: listener.classifier.probed()}
    events = hear(np.clip(bed + voice, -32768, 32767), words=["You had to lo do this."], at=probe)
    held, picked = first(events, HoldStarted), first(events, PersonPickedUp)
    assert held is not None and held.t < 6.5  # the radio was taken for a queue's music before our "Hello?"
    assert picked is not None and picked.t < 11.0


def test_soft_music_long_after_a_greeting_taken_for_a_person_is_hold():
    # A queue's greeting can pass for a person; its music, however soft, plays on with no voice: hold.
    greeting = prompt("demo-thanks")
    pcm = line(silence(0.5), greeting, silence(1.5), music(25.0, gain=0.5))  # about 10 dB under the greeting
    events = hear(pcm, words=["Thank you for calling Riverside Bikes, this is Dave."])
    assert [d.who for d in decisions(events)][:1] == ["person"]
    started = first(events, HoldStarted)
    assert started is not None and started.t <= 0.5 + len(greeting) / RATE + 1.5 + 3.0


@pytest.mark.parametrize("when", [0.0, 3.0])
def test_a_greeting_cut_by_packet_loss_still_decides(when: float):
    greeting = prompt("demo-thanks", "hello-world")
    rng = np.random.default_rng(5)
    lossy = greeting.copy()
    for start in rng.integers(0, len(lossy) - 480, 12):  # 20-60 ms dropouts
        lossy[start : start + int(rng.integers(160, 480))] = 0
    events = hear(line(silence(0.5 + when), lossy, silence(4.0)), words=["Luigi's, how can I help you?"])
    assert [d.who for d in decisions(events)] == ["person"]


def test_a_person_talking_the_instant_the_music_stops_is_picked_up():
    greeting = prompt("demo-thanks", "hello-world")
    pcm = line(music(12.0), greeting, silence(3.0))  # no pause at all between the music and the voice
    events = hear(pcm, partials=["Good morning, this is Ana at the front desk."] * 4)
    pickup = first(events, PersonPickedUp)
    assert pickup is not None and 12.0 <= pickup.t <= 12.0 + 1.5, events


def test_a_sung_question_in_the_hold_music_picks_nobody_up():
    # A voice inside the music (its singer) on a hissy line, then its lyrics read like a question to us. The level
    # before that voice is the music's own, no live line's floor, and the music never stopped for it.
    mix = music(25.0)
    voice = prompt("hello-world")
    mix[int(12 * RATE) : int(12 * RATE) + len(voice)] += voice
    mix += np.random.default_rng(1).normal(0.0, 150.0, len(mix))
    pcm = line(mix)
    listener = LineListener()
    events: list[LineEvent] = []
    for start in range(0, int(13.2 * RATE), 160):
        found, _ = listener.process(pcm[start : start + 160].astype("<i2").tobytes())
        events += found
    assert first(events, HoldStarted) is not None
    events += listener.classifier.transcript("Are you lonely tonight?", None, -0.9)
    assert first(events, PersonPickedUp) is None and listener.classifier.on_hold


def test_an_announcement_over_ducked_music_is_not_picked_up_by_its_greeting():
    announce = prompt("demo-thanks", "hello-world")
    bed = music(len(announce) / RATE, offset_s=60.0, gain=0.15)  # the music goes on, softer, under the voice
    pcm = line(music(12.0), announce + bed, music(8.0, 80.0))
    events = hear(pcm, partials=["Hello, and thank you for holding."] * 4, words=["Hello, and thank you for holding."])
    assert first(events, PersonPickedUp) is None


def test_words_stt_could_not_make_out_on_hold_are_no_person():
    # An announcement in another language after the music stopped, then a pause: the English model invents
    # words for it, unsure of them. The same sound with words it is sure of is a person waiting.
    pcm = line(music(10.0), silence(0.5), prompt("hello-world"), silence(3.0))
    setup = _on_hold
    garbled = hear(pcm, words=[("In a place that is not the same.", -1.9)], setup=setup)
    assert first(garbled, PersonPickedUp) is None
    clear = hear(pcm, words=[("Hi, thanks for holding.", -0.2)], setup=setup)
    assert first(clear, PersonPickedUp) is not None
    short = hear(pcm, words=[("Hello?", -1.9)], setup=setup)  # a short reply scores low even in English
    assert first(short, PersonPickedUp) is not None
    offer = hear(pcm, words=[("Slunt Next, Mark Speaking", -1.6)], setup=setup)  # an unsure "Front desk, Mark ..."
    assert first(offer, PersonPickedUp) is not None
    # Unsure words that greet or say they are back are a person's first words misheard ("So I checked, and the
    # Tuesday slot is gone." as "So I can consume the unit"), as an offer of help is.
    for said in ("So I can consume the unit", "Hello, this is the last one."):
        back = hear(pcm, words=[(said, -1.7)], setup=setup)
        assert first(back, PersonPickedUp) is not None, said
    # ... unless STT all but guessed them: an announcement garbled into "Thank you, my name is...".
    guessed = hear(pcm, words=[("Thank you, my name is...", -2.1)], setup=setup)
    assert first(guessed, PersonPickedUp) is None


def test_words_stt_made_out_after_guessing_at_a_part_of_them_are_judged_instead():
    # A person back from hold in a voice STT mishears: a part of their words comes back a guess (vetoed, as another
    # language's announcement would be), their whole utterance made out ("and showing on other end", then "I've
    # been showing off at the end." for "Nothing's showing on our end."). The later words decide: they say nothing
    # of who talks, and the silence after them is a person waiting.
    pcm = line(music(10.0), silence(0.5), prompt("hello-world"), silence(4.0))
    guesses = [("and showing on other end", -1.4)]
    made_out = hear(pcm, partials=guesses, words=[("I've been showing off at the end.", -0.97)], setup=_on_hold)
    pickup = first(made_out, PersonPickedUp)
    assert pickup is not None and pickup.reason == "waits-after-speech", made_out
    # Guessed at all through, it stays no person.
    guessed = hear(pcm, partials=guesses, words=[("and showing on the other end", -1.5)], setup=_on_hold)
    assert first(guessed, PersonPickedUp) is None


def _on_hold(listener: LineListener) -> list[LineEvent]:
    return listener.classifier.hold("music")


def test_a_person_who_comes_back_talking_is_picked_up_from_their_first_words_not_when_they_stop():
    # "Okay, I'm back. Let me just pull up the details ...": no offer, no question, no pause to wait in.
    talk = prompt("hello-world", "demo-thanks", "hello-world", "demo-thanks")
    pcm = line(music(10.0), silence(0.3), talk, silence(2.0))
    events = hear(pcm, partials=["Okay, I'm back.", "Okay, I'm back. Let me just pull up the"], setup=_on_hold)
    pickup = first(events, PersonPickedUp)
    assert pickup is not None and pickup.reason == "transcript" and pickup.t <= 10.3 + 2.0, pickup
    announced = hear(pcm, partials=["Your call is important to us.", "Your call is important to us. Please"],
                     setup=_on_hold)
    assert first(announced, PersonPickedUp) is None or first(announced, PersonPickedUp).t > 10.3 + len(talk) / RATE


def test_no_probe_is_wanted_in_a_pause_no_longer_than_the_greetings_own_pauses():
    # A closed office: "Thank you for calling Harbor Dental." 1.0 s "Our offices currently close." (Whisper's
    # words, no machine wording) 1.6 s "Our hours are ...". The second pause is a pause of the same greeting,
    # little longer than its first (synthesized voices add their own silence at each sentence's edges).
    s1, s2, s3 = prompt("demo-thanks"), prompt("hello-world"), prompt("demo-thanks", "hello-world")
    pcm = line(silence(0.5), s1, silence(1.0), s2, silence(1.6), s3, silence(5.0))
    events = hear(pcm, words=["Thank you for calling Harbor Dental.", "our offices currently close.",
                              "Our hours are Monday to Friday, 8 am to 5 pm."])
    third_starts = 0.5 + (len(s1) + len(s2)) / RATE + 2.6
    probes = [e.t for e in events if isinstance(e, ProbeWanted)]
    assert all(t > third_starts for t in probes), (probes, third_starts)


@pytest.mark.parametrize("said", [
    "I'm sorry, she's not available right now. Would you like to leave a message?",
    "He's out of the office today, can I take a message?",
    "She can't come to the phone right now, do you want her voicemail?",
    "Doctor Patel is not available at the moment.",
    "Okay, I'll put you through to her voicemail.",
])
def test_a_receptionist_saying_who_is_not_available_stays_a_person(said):
    # A receptionist tells us the person we want is out, and offers a message: a person, never a voicemail.
    pcm = line(silence(0.5), prompt("hello-world"), silence(2.5), prompt("demo-thanks", "vm-intro"), silence(3.0))
    events = hear(pcm, words=["Good morning, Dr Patel's office.", said])
    assert [d.who for d in decisions(events)] == ["person"]


@pytest.mark.parametrize("said", [
    "Hello, Dr. Brown isn't available at the moment, can I help you with something?",
    "Front desk, she's out today, is there anything I can do for you?",
    "Hello, we're closed actually, but how can I help?",  # the hours, said by someone still there
    "Hello? Sorry, I missed your call earlier, who is this?",  # how our callback is answered
])
def test_a_receptionist_whose_first_words_say_who_is_out_and_offer_help_is_a_person(said):
    # Said in one breath as the call is answered: "isn't available" alone is a voicemail's wording.
    pcm = line(silence(0.5), prompt("hello-world", "demo-thanks"), silence(4.0))
    assert [d.who for d in decisions(hear(pcm, words=[said]))] == ["person"]


def test_a_voicemail_greeting_after_a_hi_is_still_corrected_to_a_machine():
    # "Hi, it's Sam." and a pause is taken for a person; the recording's next words say it is one.
    pcm = line(silence(0.5), prompt("hello-world"), silence(2.5), prompt("demo-thanks", "vm-intro"), silence(3.0))
    events = hear(pcm, words=["Hi, it's Sam.", "I'm out of the office until Monday, leave me a message."])
    assert [d.who for d in decisions(events)] == ["person", "machine"]


# ---- a silent line -----------------------------------------------------------------------------------
def test_ten_seconds_of_silence_on_both_sides_is_a_hold_and_the_voice_after_it_a_pick_up():
    # "Riverside Dental." - then nothing for 40 s (a silent transfer); then someone greets us.
    pcm = line(silence(0.5), prompt("hello-world"), silence(40.0), prompt("demo-thanks"), silence(3.0))
    events = hear(pcm, words=["Riverside Dental.", "Hi, thanks for waiting, how can I help?"])
    held = [e for e in events if isinstance(e, HoldStarted)]
    assert [h.kind for h in held] == ["silence"]
    assert 11.0 <= held[0].t <= 13.0  # 10 s after their greeting ended
    back = 0.5 + 1.5 + 40.0
    pickup = first(events, PersonPickedUp)
    assert pickup is not None and back <= pickup.t <= back + 2.0, events


def test_silence_while_we_talk_is_them_listening_not_a_hold():
    pcm = line(silence(0.5), prompt("hello-world"), silence(16.0), prompt("demo-thanks"), silence(3.0))
    events = hear(pcm, words=["Riverside Dental.", "Sure, one moment."], we_talk=[(3.0, 9.0)])
    assert first(events, HoldStarted) is None


def test_ringing_and_a_machine_listening_after_its_beep_are_no_silent_hold():
    ringback = tone((440.0, 480.0), 2000.0).astype(np.float64)
    ringing = line(*[np.concatenate([ringback, silence(4.0)]) for _ in range(5)])
    assert first(hear(ringing), HoldStarted) is None
    pcm = line(silence(0.5), prompt("vm-intro"), silence(0.5), tone((1000.0,), 500.0).astype(np.float64),
                silence(15.0))
    events = hear(pcm, words=["Please leave a message after the tone."])
    assert [d.who for d in decisions(events)] == ["machine"] and first(events, HoldStarted) is None


def test_a_silent_hold_the_controller_declines_leaves_the_line_live():
    # We asked them to hold while we ask the principal: their silence is no hold, and their voice is live.
    pcm = line(silence(0.5), prompt("hello-world"), silence(14.0), prompt("demo-thanks"), silence(3.0))
    listener_events: list[LineEvent] = []

    def decline(listener: LineListener) -> None:
        assert listener.classifier.hold_kind == "silence"
        listener.classifier.silence_declined()
        listener_events.append(HoldStarted(0.0))

    events = hear(pcm, words=["Riverside Dental.", "Sure."], at={12.5: decline})
    assert listener_events and first(events, PersonPickedUp) is None


# ---- recordings that pause like a person waiting ------------------------------------------------------
def test_a_short_greeting_whose_words_decide_nothing_outwaits_a_recordings_pause_between_sentences():
    # "Welcome to Northwind." and 1.7 s later the menu's keys: a person would still be waiting for us then.
    pcm = line(silence(0.5), prompt("hello-world"), silence(1.7), prompt("vm-intro"), silence(4.0))
    events = hear(pcm, words=["Welcome to Northwind.", "For bookings, press 1. For billing, press 2."])
    assert [d.who for d in decisions(events)] == ["menu"]


def test_a_businesss_own_formula_outwaits_a_longer_pause_and_is_still_a_person_if_nobody_goes_on():
    # "Welcome to Rapid Parcel." and 2.5 s later the menu; the same words and silence: a person waiting.
    menu = hear(line(silence(0.5), prompt("hello-world"), silence(2.5), prompt("vm-intro"), silence(4.0)),
                words=["Welcome to Rapid Parcel.", "To track a package, press 1."])
    assert [d.who for d in decisions(menu)] == ["menu"]
    greeting = prompt("hello-world")
    person = hear(line(silence(0.5), greeting, silence(5.0)), words=["Thank you for calling the Anchor."])
    assert [(d.who, d.reason) for d in decisions(person)] == [("person", "short-greeting")]
    assert decisions(person)[0].t <= 0.5 + len(greeting) / RATE + 3.2


def test_a_neutral_short_greeting_and_silence_is_still_a_person_within_two_and_a_half_seconds():
    greeting = prompt("hello-world")
    events = hear(line(silence(0.5), greeting, silence(4.0)), words=["Dunmore Motors."])
    end = 0.5 + len(greeting) / RATE
    assert [(d.who, d.reason) for d in decisions(events)] == [("person", "short-greeting")]
    assert decisions(events)[0].t <= end + 2.5


def test_a_voicemails_greeting_does_not_end_at_the_pause_after_its_first_sentence():
    # Decided a machine from its first sentence's words; a long pause, then the rest of the greeting.
    first_sentence, rest = prompt("hello-world"), prompt("vm-intro")
    pcm = line(silence(0.5), first_sentence, silence(3.0), rest, silence(7.0))
    events = hear(pcm, words=["You've reached the voicemail of Sam Parker.", "Please leave a message after the tone."])
    assert decisions(events)[0].who == "machine"
    rest_ends = 0.5 + (len(first_sentence) + len(rest)) / RATE + 3.0
    ended = [e.t for e in events if isinstance(e, GreetingEnded)]
    assert ended and ended[0] >= rest_ends, (rest_ends, ended)


def test_on_music_hold_a_question_heard_in_an_announcements_next_breath_is_the_announcement():
    # STT hears the announcement, and 0.4 s later its next clause as a question: no person picked up.
    pcm = line(music(12.0), silence(0.5), prompt("pls-hold-while-try"), silence(0.4), prompt("hello-world"),
               silence(0.8), music(10.0, 60.0))
    events = hear(pcm, partials=["Please hold while I try that extension.", "Will that be all?", "Will that be all?"])
    assert first(events, PersonPickedUp) is None


@pytest.mark.parametrize("first_heard", ["Hi, thanks for holding, how can I help you?", "Hello?"])
def test_on_music_hold_an_offer_of_help_straight_after_a_cut_announcement_is_a_person(first_heard: str):
    # A queue bridging its agent stops the announcement mid-word; the agent offers help 0.4 s later. A question
    # there may be the announcement misheard (above); an offer of help is the person, also when the first words
    # asked for of their sound said less ("Hello?", taken as the announcement going on).
    announcement = prompt("pls-hold-while-try")
    pcm = line(music(12.0), silence(0.5), announcement[: len(announcement) * 2 // 3], silence(0.4),
               prompt("hello-world"), silence(5.0))
    # (the cut announcement's own utterance comes back empty: its words were heard while it played)
    offer = "Hi, thanks for holding, how can I help you?"
    events = hear(pcm, partials=["Please hold while I try", first_heard], words=["", offer])
    pickup = first(events, PersonPickedUp)
    first_word = 12.0 + 0.5 + (len(announcement) * 2 // 3) / RATE + 0.4
    assert pickup is not None and pickup.t <= first_word + len(prompt("hello-world")) / RATE + 1.0


def test_on_music_hold_an_offer_after_the_announcement_in_one_transcript_is_a_person():
    # Put through 0.15 s after the cut: one sound, and STT hears the announcement and the offer in one transcript.
    announcement = prompt("pls-hold-while-try")
    pcm = line(music(12.0), silence(0.5), announcement[: len(announcement) * 2 // 3], silence(0.15),
               prompt("hello-world"), silence(5.0))
    both = "Please hold while I try. Hi, thanks for holding, how can I help you?"
    assert first(hear(pcm, partials=["Please hold while I try"], words=[both]), PersonPickedUp) is not None
    # The announcement alone, or followed by more of it, is no person.
    alone = "Please hold while I try. Your call is important to us."
    assert first(hear(pcm, partials=["Please hold while I try"], words=[alone]), PersonPickedUp) is None


def test_while_a_screening_assistant_decides_its_own_offer_after_its_words_is_no_person_back():
    pcm = line(silence(0.5), prompt("hello-world"), silence(0.3), prompt("vm-intro"), silence(5.0))
    assistant = "Hi, I'm Dana's virtual assistant. How can I help you today?"
    events = hear(pcm, words=[assistant, assistant], setup=lambda listener: listener.classifier.hold("screening"))
    assert first(events, PersonPickedUp) is None


def test_an_utterance_is_stamped_with_the_segment_its_last_words_were_in():
    # Music comes back half a second after the voice: a new sound for the classifier before the segmenter, waiting
    # 0.9 s for more words, ends the turn.
    pcm = line(silence(0.5), prompt("pls-hold-while-try"), silence(0.5), music(3.0))
    listener = LineListener(end_silence_ms=900)
    stamps: list[tuple[int, int]] = []  # (the utterance's stamp, the classifier's segment) at each SpeechEnded
    spoken: set[int] = set()  # the segments the voice was heard in
    for start in range(0, len(pcm) - 159, 160):
        _, turns = listener.process(pcm[start : start + 160].astype("<i2").tobytes())
        if listener.segmenter.last_was_speech:
            spoken.add(listener.classifier.segment)
        stamps += [(listener.utterance_segment, listener.classifier.segment) for t in turns
                   if isinstance(t, SpeechEnded)]
    assert len(stamps) == 1 and stamps[0][0] in spoken
    assert stamps[0][1] > stamps[0][0]  # the music had begun a segment of its own


def test_who_answered_reads_an_utterances_words_however_many_sounds_came_since():
    # A greeting's words come back late, after five more short sounds (a noisy room): on hold they would be words
    # of a sound long over, but who answered still reads them.
    hello = prompt("hello-world")
    pcm = line(silence(0.5), hello, *[np.concatenate([silence(0.45), hello[:2400]]) for _ in range(5)], silence(0.1))
    listener = LineListener()
    events: list[LineEvent] = []
    for start in range(0, len(pcm) - 159, 160):
        events += listener.process(pcm[start : start + 160].astype("<i2").tobytes())[0]
    assert decisions(events) == [] and listener.classifier.segment >= 6
    late = listener.classifier.transcript("Hi, you've reached Sam's voicemail. Please leave a message.", 1, -0.3)
    assert [(d.who, d.reason) for d in decisions(late)] == [("machine", "transcript")]


def test_an_announcements_words_that_come_back_after_a_person_began_do_not_make_the_person_a_recording():
    # The queue's announcement, a second's silence, and the agent put through says "Hello?" and waits. STT answers
    # the announcement 1.2 s after it ended, when the agent is already talking: its words are the announcement's
    # sound's, not the agent's, whose wait is still a person waiting.
    announcement = prompt("pls-hold-while-try")
    pcm = line(music(12.0), silence(0.5), announcement, silence(1.0), prompt("hello-world"), silence(5.0))
    events = hear(pcm, words=["Please hold while I try that extension."], stt_s=1.2)
    pickup = first(events, PersonPickedUp)
    hello_ends = 12.0 + 0.5 + (len(announcement) + len(prompt("hello-world"))) / RATE + 1.0
    assert pickup is not None and pickup.reason == "waits-after-speech" and pickup.t <= hello_ends + 2.0, events


def test_an_announcements_late_words_still_make_its_next_breath_the_announcement():
    # The announcement goes on after a half-second breath; the words of its first part come back while the second
    # plays, and the second's come back empty: the silence after it is no person waiting.
    pcm = line(music(12.0), silence(0.5), prompt("pls-hold-while-try"), silence(0.5), prompt("vm-intro"),
               silence(5.0))
    events = hear(pcm, words=["Please hold while I try that extension.", ""], stt_s=0.6)
    assert first(events, PersonPickedUp) is None


@pytest.mark.parametrize("heard", ["Otherwise, it's next.", "It's time for the"])
def test_on_music_hold_another_languages_announcement_heard_as_its_word_is_no_person(heard: str):
    # STT's invented English for a Russian or an Italian announcement: "it's" before a word that names nobody.
    pcm = line(music(12.0), silence(0.5), prompt("queue-periodic-announce"), silence(0.8), music(10.0, 60.0))
    events = hear(pcm, partials=[heard, heard])
    assert first(events, PersonPickedUp) is None


def test_on_music_hold_a_question_only_by_its_mark_is_no_person_but_a_question_in_form_is():
    # "You are caller number 6. Please stay on the line." asked for while it played: STT ended the cut sentence with a
    # question mark ("You must hold the number, see?"), which read as a question to us and picked up the queue; an
    # Italian "Grazie per la sua pazienza" came out as "Grat if it was what at the end?" and did the same.
    pcm = line(music(12.0), silence(0.5), prompt("queue-periodic-announce"), silence(0.8), music(10.0, 60.0))
    events = hear(pcm, partials=["You must hold the number, see?", "You must hold the number, see?"])
    assert first(events, PersonPickedUp) is None
    assert first(hear(pcm, words=["Grat if it was what at the end?"]), PersonPickedUp) is None
    # A question in a question's form, or a bare "Okay?", is someone back at once; a statement's question mark
    # followed by a person's wait is someone back by the wait.
    back = line(music(12.0), silence(0.5), prompt("hello-world"), silence(3.0))
    for heard in ("Sorry, where were we?", "Okay?"):
        asked = first(hear(back, partials=[heard]), PersonPickedUp)
        assert asked is not None and asked.reason == "transcript", heard
    whole = first(hear(back, words=["You still with me?"]), PersonPickedUp)
    assert whole is not None and whole.reason == "waits-after-speech"


QUEUE_SAYS = "Your call is important to us. Please stay on the line."


def queue_that_pauses() -> list[np.ndarray]:
    """A queue that pauses 1.8 s after its announcement (QUEUE_SAYS) before its music: a person's silence after
    speech must outlast 3 s there."""
    return [music(12.0), silence(0.5), prompt("queue-periodic-announce"), silence(1.8), music(20.0, 60.0)]


def test_on_music_hold_words_a_wait_and_more_words_with_no_music_between_are_a_person_speaking_again():
    # A "Hello?" STT heard as "No, no.", 1.6 s of waiting, then "Hi, can you hear me?" is someone speaking again.
    queue, said = queue_that_pauses(), QUEUE_SAYS
    person = line(*queue, silence(0.5), prompt("hello-world"), silence(1.6), prompt("demo-thanks"), silence(4.0))
    again_at = (sum(len(x) for x in queue) + len(prompt("hello-world"))) / RATE + 0.5 + 1.6
    pickup = first(hear(person, words=[said, "No, no.", "High and with your knees."]), PersonPickedUp)
    assert pickup is not None and pickup.reason == "spoke-again" and pickup.t <= again_at + 1.0
    # The queue's own announcements one after another are a recording by their words.
    announcements = line(*queue, silence(0.5), prompt("queue-periodic-announce"), silence(1.6),
                         prompt("pls-hold-while-try"), silence(1.0), music(15.0, 90.0))
    events = hear(announcements,
                  words=[said, "Your call is important to us.", "Please hold while I try that extension."])
    assert first(events, PersonPickedUp) is None


def test_on_music_hold_music_back_after_the_wait_is_a_queue_and_its_next_announcement_no_person_speaking_again():
    # Something heard as speech, as long a wait as a person's, then the music back: the queue was pausing. Its
    # announcement, straight out of the music later, is no one speaking again.
    pcm = line(*queue_that_pauses(), silence(0.5), prompt("hello-world"), silence(1.6), music(12.0, 45.0),
               prompt("queue-periodic-announce"), music(8.0, 120.0))
    events = hear(pcm, words=[QUEUE_SAYS, "No, no.", QUEUE_SAYS])
    assert first(events, PersonPickedUp) is None


def test_on_music_hold_a_question_after_the_announcement_and_a_silence_is_a_person():
    pcm = line(music(12.0), silence(0.5), prompt("pls-hold-while-try"), silence(1.5), prompt("hello-world"),
               silence(3.0))
    events = hear(pcm, partials=["Please hold while I try that extension.", "Hi, are you still there?",
                                 "Hi, are you still there?"])
    pickup = first(events, PersonPickedUp)
    assert pickup is not None and pickup.reason == "transcript"


def test_youve_reached_waits_for_its_next_sentence_a_menu_or_a_voicemail():
    pcm = line(silence(0.5), prompt("hello-world"), silence(1.5), prompt("vm-intro"), silence(6.0))
    menu = hear(pcm, words=["You've reached Lotus Spa.", "To book an appointment, press one."])
    assert [d.who for d in decisions(menu)] == ["menu"]
    voicemail = hear(pcm, words=["You've reached the Garcia family.", "Please leave a message."])
    assert [d.who for d in decisions(voicemail)] == ["machine"]
    # Said alone and then silence: a voicemail waiting for us, and its message goes after that silence.
    alone = hear(line(silence(0.5), prompt("hello-world"), silence(8.0)), words=["You've reached Tom Parker."])
    assert [(d.who, d.reason) for d in decisions(alone)] == [("machine", "reached-and-paused")]
    assert first(alone, GreetingEnded) is not None


def test_the_notice_that_calls_are_recorded_decides_nothing_and_the_menus_keys_do():
    # "You have reached the Revenue helpline. / Please note that calls may be recorded ... / For personal tax, say
    # 'personal'": menus and queues give the notice, a voicemail hardly ever does.
    pcm = line(silence(0.5), prompt("hello-world"), silence(1.2), prompt("demo-thanks"), silence(1.2),
               prompt("vm-intro"), silence(6.0))
    words = ["You have reached the Revenue Services helpline.",
             "Please note that calls may be recorded for training purposes.",
             "For personal tax, say personal. For business tax, say business."]
    assert [d.who for d in decisions(hear(pcm, words=words))] == ["menu"]
    # With a voicemail's own wording it is still a machine.
    closed = ["Thank you for calling Brightside.", "Calls may be recorded. Our office is now closed."]
    assert [d.who for d in decisions(hear(pcm, words=closed))] == ["machine"]


def test_a_greeting_that_greeted_and_then_talked_on_for_sentences_gets_the_probe_not_a_person():
    # "Hello, this is Mei from Sunset Realty. I'm probably showing a home right now. If it's urgent ..." with
    # pauses under 2 s: its first sentence greeted, but no person talks that long before leaving room for us.
    parts = [prompt("hello-world"), silence(1.2), prompt("demo-thanks"), silence(1.5), prompt("vm-intro")]
    greeting = np.concatenate(parts)
    events = hear(line(silence(0.5), greeting, silence(6.0)),
                  words=["Hello, this is Mei from Sunset Realty.", "I'm probably out showing a home right now.",
                         "If it's urgent, call my cell."])
    assert decisions(events) == []
    probe = first(events, ProbeWanted)
    assert probe is not None and probe.t > 0.5 + len(greeting) / RATE + 1.5


def test_a_greeting_in_two_sentences_that_then_waits_is_still_a_person():
    # "Good morning, Harbour Dental. [pause] This is Jen." and silence: under 6 s of voice, a greeting word.
    greeting = np.concatenate([prompt("hello-world"), silence(0.9), prompt("vm-nobodyavail")])
    events = hear(line(silence(0.5), greeting, silence(4.0)), words=["Good morning, Harbour Dental.", "This is Jen."])
    assert [(d.who, d.reason) for d in decisions(events)] == [("person", "greets-and-waits")]


def test_you_have_reached_the_voicemail_corrects_a_hello_taken_for_a_person():
    # "Hello." (heard as "Hello?") and a pause is answered as a person; "you reach to the voicemail, I'm tapping
    # her" (as STT heard "you've reached the voicemail of Fatima") is the recording's own words.
    pcm = line(silence(0.5), prompt("hello-world"), silence(1.5), prompt("demo-thanks"), silence(3.0))
    events = hear(pcm, words=["Hello?", "You reach to the voicemail, I'm tapping her."])
    assert [d.who for d in decisions(events)] == ["person", "machine"]


def test_a_bare_hello_waits_out_a_recordings_pause_between_its_sentences():
    # A recording's "Hello." (STT writes "Hello?") and a 1 s pause before "You've reached the voicemail of Kwame":
    # a person who asked "Hello?" waits longer than that before asking again.
    pcm = line(silence(0.5), prompt("hello-world"), silence(1.0), prompt("demo-thanks"), silence(3.0))
    events = hear(pcm, words=["Hello?", "You've reached the voicemail of Kwame. Please leave a message."])
    assert [d.who for d in decisions(events)] == ["machine"]
    alone = hear(line(silence(0.5), prompt("hello-world"), silence(3.0)), words=["Hello?"])
    end = 0.5 + len(prompt("hello-world")) / RATE
    assert [(d.who, d.reason) for d in decisions(alone)] == [("person", "asks-us")]
    assert decisions(alone)[0].t <= end + 1.8
    # Words that ask more than "Hello?" are a person at once.
    asked = hear(line(silence(0.5), prompt("hello-world"), silence(3.0)), words=["Hello, who's this?"])
    assert decisions(asked)[0].t <= end + 1.0


def test_a_hello_then_this_is_my_voicemail_is_corrected_to_a_machine():
    # The prank greeting "Hello? [pause] Ha, got you, this is actually my voicemail." (as STT heard it once: "I got
    # you, nothing actually in my voicemail"): its owner naming their own recorder, after a person was decided.
    pcm = line(silence(0.5), prompt("hello-world"), silence(1.5), prompt("demo-thanks"), silence(3.0))
    events = hear(pcm, words=["Hello?", "I got you, nothing actually in my voicemail."])
    assert [d.who for d in decisions(events)] == ["person", "machine"]


@pytest.mark.parametrize("said", ["Did you get my voicemail?", "Oh, is that about my voicemail?"])
def test_a_person_asking_about_their_voicemail_stays_a_person(said):
    pcm = line(silence(0.5), prompt("hello-world"), silence(1.5), prompt("demo-thanks"), silence(3.0))
    events = hear(pcm, words=["Hello?", said])
    assert [d.who for d in decisions(events)] == ["person"]


def test_the_whole_greeting_is_wanted_while_who_answered_is_open_and_no_longer_once_a_person_is_decided():
    # STT checks again when it is free to decode it: a person decided meanwhile needs it no more.
    said = "Hi, this is Dana, how can I help you?"
    greeting = np.frombuffer(Voice("flite:rms").pcm(said), "<i2").astype(np.float64)
    wanted: list[bool] = []
    ended = 3.0 + len(greeting) / RATE
    check = {t: lambda listener: wanted.append(listener.classifier.greeting_words_wanted()) for t in (2.9, ended + 3)}
    events = hear(line(silence(3.0), greeting, silence(4.0)), words=[said], at=check)
    assert [(d.who, d.reason) for d in decisions(events)] == [("person", "offers-help")]
    assert wanted == [True, False]  # before anyone spoke, and after their offer of help decided a person


@pytest.mark.parametrize("radio", [False, True])
def test_two_frames_scored_as_voice_are_no_greeting(radio: bool):
    # The barber's radio from the first second, and the voice detector scoring two of its frames as speech: a short
    # greeting and its silence made a person before our "Hello?", and he never heard it. Here 80 ms of a "Hi." that
    # the detector scores as two voiced frames. Nobody greets in 40 ms.
    said = np.frombuffer(Voice("flite:rms").pcm("Hi."), "<i2").astype(np.float64)
    loudest = int(np.argmax(np.convolve(np.abs(said), np.ones(640), "valid")))
    blip = np.zeros(int(9.0 * RATE))
    blip[int(0.5 * RATE) : int(0.5 * RATE) + 640] = said[loudest : loudest + 640]
    bed = make_bed(["radio"], -38.0, seed=3).astype(np.float64)[: len(blip)] if radio else 0.0
    events = hear(np.clip(blip + bed, -32768, 32767))
    assert not [d for d in decisions(events) if d.t < 4.0], decisions(events)
    if not radio:  # a silent line goes on: a person who says nothing, after the provisional "unknown"
        assert [(e.who, e.reason) for e in events if isinstance(e, AmdDecided)] == [
            ("unknown", "no-speech"), ("person", "silent-line")]
