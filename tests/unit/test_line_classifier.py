"""The streaming line classifier on generated and Debian-packaged audio: labels, hold, pick-up, AMD, garbage."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from agent.audio import mulaw_roundtrip, read_wav_8k
from agent.line.classifier import LineClassifier, classify_pcm
from agent.line.events import (
    AmdDecided,
    BeepHeard,
    DigitHeard,
    HoldStarted,
    LabelChanged,
    PersonPickedUp,
    RingingHeard,
)
from scripts.tone_signals import cadence_audio, tone, white_noise

MOH = Path("/usr/share/asterisk/moh")
SOUNDS = Path("/usr/share/asterisk/sounds/en")
RATE = 8000


def debian(path: Path) -> np.ndarray:
    if not path.exists():
        pytest.fail(f"{path} is missing: install asterisk-moh-opsound-wav and asterisk-core-sounds-en-wav (make debs)")
    return read_wav_8k(path).astype(np.float64)


def line(*parts: np.ndarray) -> np.ndarray:
    """Concatenate float parts and pass them through a G.711 µ-law line."""
    joined = np.concatenate([np.asarray(p, dtype=np.float64) for p in parts])
    return mulaw_roundtrip(np.clip(joined, -32768, 32767).astype(np.int16))


def room_noise(seconds: float, dbfs: float, seed: int = 1) -> np.ndarray:
    """Gently tilted noise like a live line's room and headset hiss."""
    white = np.random.default_rng(seed).standard_normal(int(seconds * RATE))
    pink = np.convolve(white, [0.5, 0.3, 0.2], mode="same")
    return pink * 32768 * 10 ** (dbfs / 20) / pink.std()


def music(seconds: float, offset_s: float = 30.0, gain: float = 0.5) -> np.ndarray:
    track = debian(MOH / "manolo_camp-morning_coffee.wav")
    start = int(offset_s * RATE)
    return track[start : start + int(seconds * RATE)] * gain


def prompt(name: str) -> np.ndarray:
    return debian(SOUNDS / f"{name}.wav")


def labels(events) -> list[str]:
    return [e.label for e in events if isinstance(e, LabelChanged)]


def first(events, kind):
    return next((e for e in events if isinstance(e, kind)), None)


def test_music_is_music_and_means_hold():
    events = classify_pcm(line(music(12.0)))
    assert labels(events)[-1] == "music"
    hold = first(events, HoldStarted)
    assert hold is not None and hold.t < 4.0
    assert first(events, PersonPickedUp) is None


def test_every_music_track_is_music_most_of_the_time():
    for path in sorted(MOH.glob("*.wav")):
        pcm = line(debian(path)[RATE * 20 : RATE * 50])
        events = classify_pcm(pcm, detect_machine=False)
        music_s = _seconds_labelled(events, "music", len(pcm) / RATE)
        assert music_s > 0.8 * len(pcm) / RATE, (path.name, labels(events))


def _seconds_labelled(events, wanted: str, duration: float) -> float:
    total, label, since = 0.0, None, 0.0
    for e in events:
        if isinstance(e, LabelChanged):
            total += (e.t - since) if label == wanted else 0.0
            label, since = e.label, e.t
    return total + ((duration - since) if label == wanted else 0.0)


def test_an_announcement_on_hold_is_not_a_person():
    events = classify_pcm(line(music(10.0), np.zeros(4000), prompt("queue-periodic-announce"), music(10.0, 50.0)))
    assert "ivr_speech" in labels(events)
    assert first(events, PersonPickedUp) is None


def test_an_announcement_voiced_over_the_music_is_not_a_person():
    announce = prompt("queue-periodic-announce")
    bed = music(len(announce) / RATE, 60.0, gain=0.15)
    events = classify_pcm(line(music(10.0), announce + bed, music(8.0, 80.0)))
    assert "ivr_speech" in labels(events)
    assert first(events, PersonPickedUp) is None


def test_acoustics_alone_pick_up_a_person_on_a_live_line_when_they_wait():
    # Without words (tests/unit/test_line_answer_and_hold.py has them) the line's noise floor decides
    # nothing by itself: the person is found when they wait for an answer.
    voice = prompt("hello-world") * 1.0
    words = voice + room_noise(len(voice) / RATE, -52)
    pcm = line(music(10.0), room_noise(0.6, -52, seed=2), words, room_noise(3.0, -52, seed=3))
    end = 10.6 + len(voice) / RATE
    events = classify_pcm(pcm)
    pickup = first(events, PersonPickedUp)
    assert pickup is not None and pickup.reason == "waits-after-speech" and pickup.t <= end + 1.6, (end, events)


def test_a_person_on_a_clean_line_is_picked_up_when_they_wait_for_an_answer():
    pcm = line(music(10.0), np.zeros(4000), prompt("hello-world"), np.zeros(RATE * 3))
    events = classify_pcm(pcm)
    pickup = first(events, PersonPickedUp)
    assert pickup is not None and pickup.reason == "waits-after-speech"


def test_a_queue_that_pauses_after_its_announcements_teaches_how_long_a_person_must_wait():
    # The first announcement is followed by 1.0 s of silence before the music comes back; the second by 1.3 s,
    # which alone would look like a person waiting (1.2 s). A person who then waits 3 s is still found.
    quiet = np.zeros  # three different recordings: a replayed one is known as an announcement anyway
    pcm = line(music(10.0), quiet(2400), prompt("hello-world"), quiet(RATE), music(8.0, 38.0), quiet(2400),
               prompt("auth-thankyou"), quiet(int(1.3 * RATE)), music(8.0, 46.0), quiet(2400), prompt("demo-echodone"),
               quiet(3 * RATE))
    events = classify_pcm(pcm)
    pickups = [e for e in events if isinstance(e, PersonPickedUp)]
    person_at = len(pcm) / RATE - 3.0
    assert len(pickups) == 1 and person_at < pickups[0].t < person_at + 2.8, pickups  # found while they wait


def test_a_greeting_in_the_transcript_is_a_pickup():
    classifier = LineClassifier()
    for frame in _frames(line(music(6.0))):
        classifier.process(frame)
    assert classifier.on_hold
    found = classifier.transcript("Hi, this is Dana, how can I help you?")
    assert any(isinstance(e, PersonPickedUp) and e.reason == "transcript" for e in found)
    assert classifier.transcript("Your call is important to us.") == []


def _frames(pcm: np.ndarray):
    data = pcm.astype("<i2")
    for start in range(0, len(data) - 159, 160):
        yield data[start : start + 160].tobytes()


def test_a_short_hello_is_a_person_and_a_long_greeting_alone_is_not_a_machine():
    # Without words it waits WORDS_WAIT_S (2.5 s) for them first: "You've reached Tom." pauses like "Hello?".
    person = classify_pcm(line(np.zeros(4000), prompt("hello-world"), np.zeros(RATE * 3)))
    decided = first(person, AmdDecided)
    assert decided is not None and decided.who == "person"
    # Businesses greet at length: without words or a beep, a long greeting asks for a probe.
    greeting = line(np.zeros(4000), prompt("vm-intro"), np.zeros(RATE * 4))
    assert first(classify_pcm(greeting), AmdDecided) is None


def test_a_voicemail_beep_is_heard_after_the_greeting():
    beep = tone([1000.0], 500, -10.0).astype(np.float64)
    events = classify_pcm(line(np.zeros(4000), prompt("vm-intro"), np.zeros(2400), beep, np.zeros(RATE * 2)))
    heard = first(events, BeepHeard)
    start = 0.5 + len(prompt("vm-intro")) / RATE + 0.3
    assert heard is not None and start < heard.t < start + 0.8


def test_no_beep_from_music():
    assert first(classify_pcm(line(music(30.0))), BeepHeard) is None


@pytest.mark.parametrize("plan", ["us-ringback", "uk-ringback", "cept-ringback"])
def test_ringback_is_labelled_and_reported(plan):
    events = classify_pcm(line(cadence_audio(plan, 8.0)))
    assert "ringback" in labels(events) and first(events, RingingHeard) is not None


@pytest.mark.parametrize("plan", ["us-busy", "uk-busy", "cept-congestion"])
def test_busy_and_congestion_are_busy(plan):
    assert labels(classify_pcm(line(cadence_audio(plan, 6.0))))[-1] == "busy"


def test_dtmf_digits_come_out_with_the_dtmf_label():
    digits = [tone(pair, 80, -10.0) for pair in ([697.0, 1209.0], [770.0, 1336.0], [941.0, 1477.0])]
    gaps = [np.zeros(800)] * 3
    pcm = line(np.zeros(4000), *[x for pair in zip(digits, gaps, strict=True) for x in pair], np.zeros(4000))
    events = classify_pcm(pcm)
    assert [e.digit for e in events if isinstance(e, DigitHeard)] == ["1", "5", "#"]
    assert "dtmf" in labels(events)


@pytest.mark.parametrize(
    ("name", "pcm", "expected"),
    [
        ("digital silence", np.zeros(RATE * 5), "silence"),
        ("quiet hiss", white_noise(5.0, -70.0), "silence"),
        ("dc offset", np.full(RATE * 5, 3000.0), "silence"),
        ("clipped noise", np.clip(white_noise(5.0, 0.0) * 4, -32768, 32767), None),
        ("loud noise", white_noise(5.0, -20.0), None),
    ],
)
def test_garbage_never_crashes_and_is_labelled_sensibly(name, pcm, expected):
    events = classify_pcm(line(pcm))
    found = labels(events)
    assert found, name
    if expected is not None:
        assert found[-1] == expected, (name, found)
    assert first(events, PersonPickedUp) is None and first(events, DigitHeard) is None, (name, events)


def test_wrong_frame_size_is_refused():
    with pytest.raises(ValueError, match="320 bytes"):
        LineClassifier().process(b"\0" * 100)


def test_an_announcement_replayed_on_a_noisy_line_is_recognised_the_second_time():
    # A recording with hiss in it sounds like a live line; queues replay it, and the replay matches.
    announce = prompt("queue-periodic-announce")
    noisy = np.concatenate([room_noise(0.5, -52, seed=4), announce + room_noise(len(announce) / RATE, -52, seed=5)])
    pcm = line(music(10.0), np.zeros(2000), noisy, music(12.0, 50.0), np.zeros(2000), noisy, music(8.0, 70.0))
    pickups = [e for e in classify_pcm(pcm) if isinstance(e, PersonPickedUp)]
    assert len(pickups) <= 1 and all(p.t < 10.0 + 0.25 + len(noisy) / RATE + 1.0 for p in pickups), pickups


def test_a_beep_like_tone_inside_music_is_no_beep():
    # A 1 kHz note held for half a second inside hold music: a steady pure tone, but not out of quiet.
    pcm = music(12.0)
    at = 6 * RATE
    pcm[at : at + RATE // 2] += tone([1000.0], 500, -12.0).astype(np.float64)[: RATE // 2]
    events = classify_pcm(line(pcm, np.zeros(RATE)))
    assert first(events, BeepHeard) is None and first(events, HoldStarted) is not None


def _held_then_spoken(classifier: LineClassifier, spoken: np.ndarray) -> list:
    """Music hold, then a recording's voice after the music stopped; the events of the voice."""
    for frame in _frames(line(music(10.0))):
        classifier.process(frame)
    assert classifier.on_hold
    events = []
    for frame in _frames(line(np.zeros(2400), spoken)):
        events += classifier.process(frame)
    return events


def test_words_that_say_nothing_of_who_talks_wait_as_long_as_a_queue_pauses_before_a_pick_up():
    # "Ask about our new spring menu ...", then 2 s of silence before the music is back: a promotion, no person.
    classifier = LineClassifier()
    events = _held_then_spoken(classifier, prompt("hello-world"))
    events += classifier.transcript("Ask about our new spring specials at all of our locations.")
    for frame in _frames(line(np.zeros(2 * RATE), music(6.0, 40.0))):
        events += classifier.process(frame)
    assert first(events, PersonPickedUp) is None
    # The same words and a silence that goes on: someone waits for us after all, answered 3 s after them.
    classifier = LineClassifier()
    events = _held_then_spoken(classifier, prompt("hello-world"))
    events += classifier.transcript("Ask about our new spring specials at all of our locations.")
    waited = []
    for frame in _frames(line(np.zeros(4 * RATE))):
        waited += classifier.process(frame)
    pickup = first(waited, PersonPickedUp)
    assert pickup is not None and pickup.reason == "waits-after-speech"
    # A short reply, or words that greet, keep the usual wait (1.2 s): a person back from hold says so.
    classifier = LineClassifier()
    _held_then_spoken(classifier, prompt("hello-world"))
    classifier.transcript("Okay.")
    quick = []
    for frame in _frames(line(np.zeros(int(1.8 * RATE)))):
        quick += classifier.process(frame)
    assert first(quick, PersonPickedUp) is not None


def test_words_that_say_nothing_on_a_live_line_keep_the_usual_wait():
    # The same words from someone whose room was on the line before them and stays under the silence after them:
    # the floor and the silence together are a person waiting, answered at the usual wait, not a queue's 3 s. (A
    # queue's announcement starts out of its PBX's own silence.)
    def spoken_on_a_live_line(after: np.ndarray) -> list:
        classifier = LineClassifier()
        for frame in _frames(line(music(10.0))):
            classifier.process(frame)
        talk = prompt("hello-world")
        events = []
        for frame in _frames(line(room_noise(0.5, -50.0), talk + room_noise(len(talk) / RATE, -50.0, seed=2))):
            events += classifier.process(frame)
        events += classifier.transcript("Ask about our new spring specials at all of our locations.")
        for frame in _frames(line(after)):
            events += classifier.process(frame)
        return events

    waited = spoken_on_a_live_line(room_noise(4.0, -50.0, seed=3))
    pickup = first(waited, PersonPickedUp)
    assert pickup is not None and pickup.reason == "waits-after-speech"
    assert pickup.t <= 10.0 + 0.5 + len(prompt("hello-world")) / RATE + 2.0, pickup
    # ... and the music back within that wait is still a queue.
    queued = spoken_on_a_live_line(np.concatenate([room_noise(0.8, -50.0, seed=3), music(6.0, 40.0)]))
    assert first(queued, PersonPickedUp) is None
