"""DtmfDetector against Q.24-style accept/reject cases, timing rules, and talk-off on real speech and music."""

from __future__ import annotations

import time

import numpy as np
import pytest

from agent.audio import FRAME_BYTES, FRAME_MS, SAMPLE_RATE, mulaw_roundtrip, to_frames
from agent.line.dtmf import DBM0_PEAK, DBM0_POWER, DtmfDetected, DtmfDetector, detect_digits
from scripts.dtmf_cases import (
    DIGITS,
    LEAD_MS,
    MUSIC_PACKAGE,
    SEQUENCE,
    SPEECH_PACKAGE,
    Case,
    accept_cases,
    add_noise,
    digit_freqs,
    dtmf_sequence,
    dtmf_tone,
    music_paths,
    reject_cases,
    reported,
    silence,
    speech_paths,
    talkoff_digits,
)

ACCEPT = accept_cases()
REJECT = reject_cases()
_FRAME_S = FRAME_MS / 1000.0


def line(pcm: np.ndarray) -> np.ndarray:
    """What a PCMU phone line delivers."""
    return mulaw_roundtrip(pcm)


def run_frames(pcm: np.ndarray, detector: DtmfDetector | None = None) -> list[tuple[int, DtmfDetected]]:
    """Feed audio frame by frame; each event with the index of the frame that returned it."""
    det = detector or DtmfDetector()
    return [(i, event) for i, frame in enumerate(to_frames(pcm)) for event in det.process(frame)]


@pytest.mark.parametrize("case", ACCEPT, ids=[c.name for c in ACCEPT])
def test_must_accept(case: Case) -> None:
    assert reported(case) == case.expected


@pytest.mark.parametrize("case", REJECT, ids=[c.name for c in REJECT])
def test_must_reject(case: Case) -> None:
    assert reported(case) == ""


def test_the_cases_cover_the_brief() -> None:
    names = " | ".join(c.name for c in ACCEPT + REJECT)
    needles = "digit D|offset|twist|level 5 -25 dBm0|noise 12 dB|alignment 19 ms|2000 ms|20 ms|single|DC|clipped"
    for needle in needles.split("|") + ["white noise", "silence", "level -36 dBm0"]:
        assert needle in names
    assert {c.expected for c in ACCEPT} >= set(DIGITS)


@pytest.mark.parametrize("samples", range(0, 40, 3))
def test_every_alignment_to_the_window_grid(samples: int) -> None:
    # The detector analyses 5 ms (40-sample) hops, so sample offsets 0..39 cover every alignment.
    lead = silence(LEAD_MS + samples / 8)
    assert detect_digits(line(np.concatenate([lead, dtmf_tone("7", 40, -10), silence(60)]))) != []
    assert detect_digits(line(np.concatenate([lead, dtmf_tone("7", 20, 0), silence(60)]))) == []


def test_decided_within_40_ms_of_tone_and_returned_at_once() -> None:
    on_s, off_s = 0.040, 0.040
    events = run_frames(line(dtmf_sequence(SEQUENCE, on_ms=40, off_ms=40)))
    assert "".join(e.digit for _, e in events) == SEQUENCE
    for n, (frame_index, event) in enumerate(events):
        tone_start = LEAD_MS / 1000 + n * (on_s + off_s)
        assert event.t - tone_start <= 0.040 + 1e-9  # within 40 ms of tone, so before it even ends
        assert event.start_t == pytest.approx(tone_start, abs=0.006)
        # Never uses later audio: decided inside the frame that returned it.
        frame_end = (frame_index + 1) * _FRAME_S
        assert frame_end - _FRAME_S <= event.t <= frame_end + 1e-9


def test_long_tone_is_reported_early_and_once() -> None:
    pcm = line(np.concatenate([silence(500), dtmf_tone("#", 2000, -10), silence(500)]))
    events = detect_digits(pcm)
    assert [e.digit for e in events] == ["#"]
    assert 0.5 < events[0].t <= 0.540


def test_long_tone_in_noise_is_reported_once() -> None:
    for seed in range(3):
        pcm = add_noise(np.concatenate([silence(300), dtmf_tone("0", 2000, -20), silence(300)]), 12.0, -20.0, seed)
        assert [e.digit for e in detect_digits(line(pcm))] == ["0"]


def test_a_10_ms_dropout_does_not_split_a_digit_but_a_40_ms_pause_does() -> None:
    def broken(gap_ms: float) -> np.ndarray:
        parts = [silence(60), dtmf_tone("6", 100, -10), silence(gap_ms), dtmf_tone("6", 100, -10), silence(60)]
        return line(np.concatenate(parts))

    assert [e.digit for e in detect_digits(broken(10))] == ["6"]
    assert [e.digit for e in detect_digits(broken(40))] == ["6", "6"]


def test_digit_change_without_a_pause() -> None:
    pcm = np.concatenate([silence(60), dtmf_tone("1", 60, -10), dtmf_tone("9", 60, -10), silence(60)])
    assert [e.digit for e in detect_digits(line(pcm))] == ["1", "9"]


def test_reset_and_times_come_from_the_sample_count() -> None:
    pcm = line(dtmf_sequence("42"))
    det = DtmfDetector()
    first = run_frames(pcm, det)
    det.reset()
    assert run_frames(pcm, det) == first
    later = detect_digits(np.concatenate([np.zeros(SAMPLE_RATE, np.int16), pcm]))
    assert [(e.digit, e.t - 1.0, e.start_t - 1.0) for e in later] == [
        (e.digit, pytest.approx(e.t), pytest.approx(e.start_t)) for _, e in first
    ]


def test_rejects_wrong_frame_size() -> None:
    with pytest.raises(ValueError, match="320"):
        DtmfDetector().process(bytes(FRAME_BYTES - 2))


def test_level_reference_and_generator() -> None:
    # 0 dBm0 is 3.17 dB below G.711's largest sine, taken as int16 full scale.
    assert DBM0_PEAK == pytest.approx(22748, abs=1)
    # A tone pair at -10 dBm0 with 6 dB normal twist: the pair power and the split are as asked.
    pcm = dtmf_tone("5", 1000, -10, twist_db=6).astype(np.float64)
    low, high = digit_freqs("5")
    n = np.arange(pcm.size)
    amp = [2 * abs(np.dot(pcm, np.exp(-2j * np.pi * f * n / SAMPLE_RATE))) / pcm.size for f in (low, high)]
    powers = [a * a / 2 for a in amp]
    assert 10 * np.log10(sum(powers) / DBM0_POWER) == pytest.approx(-10, abs=0.05)
    assert 10 * np.log10(powers[0] / powers[1]) == pytest.approx(6, abs=0.05)


def test_cost_is_well_under_one_percent_of_a_core() -> None:
    # 60 s of steady noise keeps every window in the spectral path: the detector's costliest input
    # short of continuous DTMF. Budget 2 % of a core, loose for a slow shared machine (measured ~0.4 %).
    pcm = line(np.random.default_rng(3).normal(0, 3000, 60 * SAMPLE_RATE).astype(np.int16))
    frames, det = to_frames(pcm), DtmfDetector()
    start = time.process_time()
    for frame in frames:
        det.process(frame)
    assert time.process_time() - start < 0.02 * 60


def test_talk_off_speech_and_music() -> None:
    # Needs Debian's asterisk-core-sounds-en-wav and asterisk-moh-opsound-wav; a missing one fails here.
    speech, music = speech_paths(), music_paths()
    assert len(speech) >= 300, f"only {len(speech)} speech prompts: reinstall {SPEECH_PACKAGE}"
    assert len(music) == 5, f"only {len(music)} music tracks: reinstall {MUSIC_PACKAGE}"
    # All of it: about 25 minutes of prompts and 18 minutes of music, some 10 s of CPU here.
    digits, seconds = talkoff_digits(speech + music)
    assert seconds > 2400
    assert digits == 0


def test_the_senders_inband_tones_are_heard_by_the_detector():
    from sip.dtmf_tones import dtmf_tone

    keys = "0123456789*#ABCD"
    pcm = b"".join(dtmf_tone(k, 0.1) + bytes(2 * 2400) for k in keys)  # 100 ms keys, 300 ms apart
    assert "".join(e.digit for e in detect_digits(np.frombuffer(pcm, dtype="<i2"))) == keys
    with pytest.raises(ValueError, match="not a DTMF key: 'x'"):
        dtmf_tone("x")
