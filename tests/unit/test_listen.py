"""SpeechSegmenter on generated audio and on real recorded speech."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from agent.audio import FRAME_BYTES, SAMPLE_RATE, mulaw_roundtrip, read_wav_8k, to_frames
from agent.speech.listen import SegmentEvent, SpeechEnded, SpeechSegmenter, SpeechStarted
from tests.unit.beds import hammering, radio_music

LIBRIVOX = Path("/usr/share/pocketsphinx/test/data/librivox")
# Speech inside each recording, in seconds from its start: where the level first and last
# passes -40 dBFS (the files carry about 0.25 s of room noise at either end).
SHORT = ("sense_and_sensibility_01_austen_64kb-0880.wav", 0.26, 2.80)  # "he was not an ill disposed..."
OTHER = ("sense_and_sensibility_01_austen_64kb-0930.wav", 0.26, 3.08)  # "he might even have been..."

rng = np.random.default_rng(7)


def noise(seconds: float, dbfs: float) -> np.ndarray:
    """White noise at an RMS level, like a quiet phone line (or a noisy one)."""
    return (rng.standard_normal(int(seconds * SAMPLE_RATE)) * 32768 * 10 ** (dbfs / 20)).astype(np.int16)


def tone(freq: float, seconds: float, amplitude: float = 8000.0) -> np.ndarray:
    """A sine tone as int16 samples."""
    t = np.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    return (amplitude * np.sin(2 * np.pi * freq * t)).astype(np.int16)


def click(seconds: float = 0.06) -> np.ndarray:
    """A loud decaying broadband burst, like a line click or a handset knock."""
    n = int(seconds * SAMPLE_RATE)
    return (rng.standard_normal(n) * 9000 * np.exp(-np.arange(n) / (n / 3))).astype(np.int16)


def run(pcm: np.ndarray, segmenter: SpeechSegmenter | None = None) -> list[SegmentEvent]:
    """Feed audio frame by frame and collect every event."""
    seg = segmenter or SpeechSegmenter()
    events: list[SegmentEvent] = []
    for frame in to_frames(pcm):
        events += seg.process(frame)
    return events


def two_utterances(line_dbfs: float) -> tuple[np.ndarray, list[tuple[float, float]]]:
    """0.5 s line noise + speech + 1 s line noise + speech + 1 s line noise, and the true spans."""
    first, second = read_wav_8k(LIBRIVOX / SHORT[0]), read_wav_8k(LIBRIVOX / OTHER[0])
    second_at = 0.5 + len(first) / SAMPLE_RATE + 1.0
    pcm = np.concatenate([noise(0.5, line_dbfs), first, noise(1.0, line_dbfs), second, noise(1.0, line_dbfs)])
    truth = [(0.5 + SHORT[1], 0.5 + SHORT[2]), (second_at + OTHER[1], second_at + OTHER[2])]
    return pcm, truth


def assert_matches(events: list[SegmentEvent], truth: list[tuple[float, float]]) -> None:
    """Alternating start/end pairs whose times sit near the true speech spans."""
    assert [type(e) for e in events] == [SpeechStarted, SpeechEnded] * len(truth)
    for (started, ended), (t0, t1) in zip(zip(events[::2], events[1::2], strict=True), truth, strict=True):
        assert isinstance(started, SpeechStarted) and isinstance(ended, SpeechEnded)
        assert ended.start_t == started.t
        # The recordings open with a 80 ms burst of room noise at -42 dBFS, which may count as
        # the onset. The voice ends before the truth's -40 dBFS tail of breath and decay (up to 0.3 s).
        assert t0 - 0.30 <= started.t <= t0 + 0.10
        assert t1 - 0.30 <= ended.t <= t1 + 0.35
        # Audio = up to 400 ms pre-roll + the utterance + the 450 ms that ended it (soft tails reach STT).
        expected = min(0.4, started.t) + (ended.t - started.t) + 0.46
        assert len(ended.audio) / (2 * SAMPLE_RATE) == pytest.approx(expected, abs=0.021)


def test_two_recorded_utterances_on_a_quiet_line() -> None:
    pcm, truth = two_utterances(line_dbfs=-65)
    assert_matches(run(pcm), truth)


def test_speech_through_mulaw_still_segments() -> None:
    pcm, truth = two_utterances(line_dbfs=-65)
    assert_matches(run(mulaw_roundtrip(pcm)), truth)


def test_steady_noise_on_the_line_does_not_hold_the_turn_open() -> None:
    # -48 dBFS of hiss is above the level gate: only the voice detector tells it from speech.
    pcm, truth = two_utterances(line_dbfs=-48)
    assert_matches(run(pcm), truth)


@pytest.mark.parametrize("offset_ms", [0, 3, 10, 17])
def test_a_click_does_not_start_a_turn(offset_ms: int) -> None:
    # Off frame boundaries a 60 ms click touches four 20 ms frames: it must still not count as 80 ms.
    pcm = np.concatenate([noise(0.5 + offset_ms / 1000, -65), click(), noise(1.0, -65)])
    assert run(pcm) == []


def test_tones_are_not_a_turn() -> None:
    # A beep or a ringback is no one talking (the line classifier reports tones): no turn, no barge-in.
    quiet = noise(0.5, -65)
    assert run(np.concatenate([quiet, tone(440, 0.06), quiet])) == []
    assert run(np.concatenate([quiet, tone(440, 0.5), noise(1.0, -65)])) == []
    assert run(np.concatenate([quiet, tone(1000, 1.0) + tone(1400, 1.0), noise(1.0, -65)])) == []


def test_quiet_noise_and_digital_silence_give_nothing() -> None:
    assert run(noise(3.0, -55)) == []
    assert run(np.zeros(3 * SAMPLE_RATE, np.int16)) == []


def test_max_utterance_forces_an_end() -> None:
    speech = read_wav_8k(LIBRIVOX / "sense_and_sensibility_01_austen_64kb-0870.wav")  # 7.1 s
    seg = SpeechSegmenter(max_utterance_s=2.0)
    events = run(np.concatenate([noise(0.5, -65), speech]), seg)
    first_end = next(e for e in events if isinstance(e, SpeechEnded))
    assert first_end.t - first_end.start_t == pytest.approx(2.0, abs=0.021)
    assert isinstance(events[0], SpeechStarted) and len(events) >= 3  # speech goes on: a new turn starts


def test_in_speech_and_reset() -> None:
    seg = SpeechSegmenter()
    pcm, _ = two_utterances(line_dbfs=-65)
    frames = to_frames(pcm)
    states = []
    for frame in frames[:60]:  # 1.2 s: into the first utterance
        seg.process(frame)
        states.append(seg.in_speech)
    assert not states[0] and states[-1]
    seg.reset()
    assert not seg.in_speech
    # After reset the clock restarts: the same audio gives the same times.
    assert run(pcm, seg) == run(pcm)


def test_times_come_from_the_frame_count() -> None:
    pcm, _ = two_utterances(line_dbfs=-65)
    padded = np.concatenate([np.zeros(SAMPLE_RATE, np.int16), pcm])  # one more second in front
    base, later = run(pcm), run(padded)
    assert [type(e) for e in later] == [type(e) for e in base]
    for a, b in zip(base, later, strict=True):
        assert b.t == pytest.approx(a.t + 1.0, abs=0.041)


def test_rejects_wrong_frame_size() -> None:
    with pytest.raises(ValueError, match="320"):
        SpeechSegmenter().process(bytes(FRAME_BYTES - 2))


# ---- noise beds under the far end's line: the turn ends when their voice does ----------------------------
def with_bed(bed: str, dbfs: float) -> tuple[np.ndarray, list[tuple[float, float]]]:
    pcm, truth = two_utterances(line_dbfs=-70)
    seconds = len(pcm) / SAMPLE_RATE
    noise_bed = hammering(seconds, dbfs) if bed == "hammering" else radio_music(seconds, dbfs)
    mixed = np.clip(pcm.astype(np.float64) + noise_bed, -32768, 32767).astype(np.int16)
    return mulaw_roundtrip(mixed), truth


@pytest.mark.parametrize(("bed", "dbfs"), [("hammering", -30), ("hammering", -36), ("music", -34), ("music", -38)])
def test_a_noise_bed_does_not_hold_the_turn_open(bed: str, dbfs: float) -> None:
    # The speech is at about -20 dBFS; a workshop or a radio 10-18 dB below it runs on after the words.
    pcm, truth = with_bed(bed, dbfs)
    assert_matches(run(pcm), truth)
