"""CallProgressDetector on generated call-progress tones (US, UK, CEPT and E.180 national plans) through G.711
mu-law, and on real speech and music."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from agent.audio import FRAME_BYTES, SAMPLE_RATE, mulaw_roundtrip, read_wav_8k, to_frames
from agent.line.tones import CallProgressDetector, ToneChanged
from scripts.tone_signals import (
    CADENCES,
    CARRIER_TIMES_SINE,
    FULL_AM,
    SAME_AS,
    SPEECH_DIR,
    SPEECH_PACKAGE,
    Cadence,
    cadence_audio,
    cadence_pcm,
    dbm0_to_dbfs,
    debian_recordings,
    false_tone_seconds,
    pattern_audio,
    tone,
    white_noise,
)

LEAD_S = 0.37  # seconds of line before the first burst, so burst edges fall mid-frame
TAIL_S = 7.0  # seconds of line after the tone stops: longer than any gap
# Latest acceptable decision, in seconds from the first burst: ringback soon after its first on-part ends
# (US 2.0 s, UK 0.4+0.2+0.4 s, CEPT 1.0 s; Japan's 1.0 s once the gap outlasts India's 0.75 s busy gaps);
# busy within about two cycles.
DECIDE_BY = {
    "us-ringback": 2.3,
    "uk-ringback": 1.3,
    "cept-ringback": 1.3,
    "us-busy": 2.2,
    "us-reorder": 1.3,
    "uk-busy": 1.7,
    "uk-congestion": 1.7,
    "cept-busy": 2.2,
    "cept-congestion": 1.3,
    "jp-ringback": 2.1,
    "jp-busy": 2.2,
    "in-ringback": 1.3,
    "in-busy": 3.2,
    "au-ringback": 1.3,
    "au-busy": 1.7,
    "fr-ringback": 1.8,
    "fr-busy": 2.2,
    "es-ringback": 1.8,
    "cn-ringback": 1.3,
    "cn-busy": 1.6,
}
# (id, level dBm0, SNR dB or None for a clean line, frequency offset %)
CONDITIONS = [
    ("-10dBm0", -10.0, None, 0.0),
    ("-30dBm0", -30.0, None, 0.0),
    ("snr20dB", -20.0, 20.0, 0.0),
    ("freq+1.5%", -13.0, None, 1.5),
    ("freq-1.5%", -13.0, None, -1.5),
    ("all-at-once", -30.0, 20.0, 1.5),
]


def label_of(name: str) -> str:
    """The label a plan reports."""
    return "ringback" if name.endswith("ringback") else "busy"


def run(pcm: np.ndarray, detector: CallProgressDetector | None = None) -> list[ToneChanged]:
    """Send audio through a mu-law line, feed it frame by frame and collect every change."""
    det = detector or CallProgressDetector()
    events: list[ToneChanged] = []
    for frame in to_frames(mulaw_roundtrip(pcm)):
        events += det.process(frame)
    return events


def line(seconds: float, level_dbfs: float | None, seed: int = 1) -> np.ndarray:
    """A quiet line: digital silence, or white noise at level_dbfs."""
    if level_dbfs is None:
        return np.zeros(round(seconds * SAMPLE_RATE), dtype=np.int16)
    return white_noise(seconds, level_dbfs, seed)


def with_line(
    signal: np.ndarray, noise_dbfs: float | None, lead_s: float = LEAD_S, tail_s: float = TAIL_S
) -> np.ndarray:
    """Lead and tail of quiet line around a signal, with the line's noise over all of it."""
    quiet = np.zeros(round(lead_s * SAMPLE_RATE), dtype=np.int16)
    pcm = np.concatenate([quiet, signal, np.zeros(round(tail_s * SAMPLE_RATE), dtype=np.int16)])
    noise = line(len(pcm) / SAMPLE_RATE, noise_dbfs)
    return np.clip(pcm.astype(np.int32) + noise, -32768, 32767).astype(np.int16)


def cycles_for(name: str, pattern: tuple[float, ...], at_least_s: float = 8.0) -> float:
    """Seconds of whole cycles, at least 3 and at least at_least_s."""
    cycle = sum(pattern)
    return cycle * max(3, int(np.ceil(at_least_s / cycle)))


def speech(name: str = "hello-world.wav") -> tuple[np.ndarray, float]:
    """A Debian-packaged prompt and the seconds into it where speech starts (first 20 ms above -40 dBFS)."""
    path = SPEECH_DIR / name
    if not path.is_file():
        pytest.fail(f"{path} is missing: install the Debian package {SPEECH_PACKAGE}")
    pcm = read_wav_8k(path)
    frames = pcm[: len(pcm) // 160 * 160].astype(np.float64).reshape(-1, 160)
    loud = (frames**2).mean(axis=1) > (32768 * 10 ** (-40 / 20)) ** 2
    return pcm, float(np.argmax(loud)) * 0.02


def assert_detected_then_dropped(
    events: list[ToneChanged], name: str, first_burst: float, stop: float, pattern: tuple[float, ...] = ()
) -> None:
    """One decision with the right label and plan, held to the end, then one drop soon after the tone stops."""
    assert [(e.label, e.plan) for e in events] == [(label_of(name), name), (None, "")], events
    decided, dropped = events
    assert first_burst < decided.t <= first_burst + DECIDE_BY[name]
    # The tone stops at the end of a gap: the drop comes once the next burst is overdue (20 % + 20 ms).
    last_gap = (pattern or CADENCES[name].pattern)[-1]
    assert stop < dropped.t <= stop + 0.2 * last_gap + 0.1


@pytest.mark.parametrize("name", list(CADENCES))
@pytest.mark.parametrize(("level", "snr", "offset"), [c[1:] for c in CONDITIONS], ids=[c[0] for c in CONDITIONS])
def test_each_cadence_is_detected_and_held(name: str, level: float, snr: float | None, offset: float) -> None:
    seconds = cycles_for(name, CADENCES[name].pattern)
    noise_dbfs = None if snr is None else dbm0_to_dbfs(level) - snr
    pcm = with_line(cadence_audio(name, seconds, level_dbm0=level, freq_offset_pct=offset), noise_dbfs)
    assert_detected_then_dropped(run(pcm), name, LEAD_S, LEAD_S + seconds)


def test_every_plan_is_decided_within_a_bounded_time() -> None:
    # Ringback within 1.5 cycles (well within: the first cycle); busy early in its third cycle.
    for name, cadence in CADENCES.items():
        cycle = sum(cadence.pattern)
        assert DECIDE_BY[name] <= (1.5 * cycle if label_of(name) == "ringback" else 2.0 * cycle + 0.3), name


# 15 % off, these busy cadences reach a plan on the same tone listed before them (0.85 * 0.5 s is UK busy's
# 0.375 s + 13 %): still busy, under the other plan's name.
TIMING_ALIASES = {("jp-busy", 0.85): "uk-busy", ("au-busy", 0.85): "cept-congestion", ("au-busy", 1.15): "cept-busy"}


@pytest.mark.parametrize("name", list(CADENCES))
@pytest.mark.parametrize("scale", [0.85, 1.15])
def test_cadence_timing_may_be_off_by_15_percent(name: str, scale: float) -> None:
    cadence = CADENCES[name]
    pattern = tuple(scale * s for s in cadence.pattern)
    seconds = cycles_for(name, pattern)
    events = run(with_line(pattern_audio(cadence.freqs, pattern, seconds, modulation_hz=cadence.modulation_hz), None))
    plan = TIMING_ALIASES.get((name, scale), name)
    assert [(e.label, e.plan) for e in events] == [(label_of(name), plan), (None, "")], events


@pytest.mark.parametrize("key", list(SAME_AS))
@pytest.mark.parametrize(("level", "snr", "offset"), [c[1:] for c in CONDITIONS], ids=[c[0] for c in CONDITIONS])
def test_national_tones_are_heard_as_the_plan_they_share(
    key: str, level: float, snr: float | None, offset: float
) -> None:
    cadence, plan = SAME_AS[key]
    seconds = cycles_for(key, cadence.pattern)
    noise_dbfs = None if snr is None else dbm0_to_dbfs(level) - snr
    pcm = with_line(cadence_pcm(cadence, seconds, level, offset), noise_dbfs)
    assert_detected_then_dropped(run(pcm), plan, LEAD_S, LEAD_S + seconds, cadence.pattern)


# (plan, modulation Hz, envelope bias, the plan it is heard as): E.180's 15-20 Hz (Japan) and 25 Hz, as full or
# half AM and as the carrier times the sine, whose spectrum is two tones 2 * f_mod apart (Australia's 425*25
# is then 400+450 Hz, the UK's ringback with the same cadence).
MODULATIONS = [
    ("jp-ringback", 15.0, FULL_AM, "jp-ringback"),
    ("jp-ringback", 16.0, FULL_AM, "jp-ringback"),
    ("jp-ringback", 20.0, FULL_AM, "jp-ringback"),
    ("jp-ringback", 16.0, 2.0, "jp-ringback"),
    ("jp-ringback", 15.0, CARRIER_TIMES_SINE, "jp-ringback"),
    ("jp-ringback", 20.0, CARRIER_TIMES_SINE, "jp-ringback"),
    ("in-ringback", 25.0, FULL_AM, "in-ringback"),
    ("in-ringback", 25.0, 2.0, "in-ringback"),
    ("in-ringback", 25.0, CARRIER_TIMES_SINE, "in-ringback"),
    ("au-ringback", 25.0, 2.0, "au-ringback"),
    ("au-ringback", 25.0, CARRIER_TIMES_SINE, "uk-ringback"),
]


@pytest.mark.parametrize(
    ("name", "rate", "bias", "plan"), MODULATIONS, ids=[f"{m[0]}-{m[1]:g}Hz-{m[2]:g}" for m in MODULATIONS]
)
@pytest.mark.parametrize(("level", "snr", "offset"), [c[1:] for c in CONDITIONS], ids=[c[0] for c in CONDITIONS])
def test_modulated_ringback_is_heard_whatever_its_modulation(
    name: str, rate: float, bias: float, plan: str, level: float, snr: float | None, offset: float
) -> None:
    cadence = Cadence(CADENCES[name].freqs, CADENCES[name].pattern, rate)
    seconds = cycles_for(name, cadence.pattern)
    noise_dbfs = None if snr is None else dbm0_to_dbfs(level) - snr
    events = run(with_line(cadence_pcm(cadence, seconds, level, offset, bias), noise_dbfs))
    assert_detected_then_dropped(events, plan, LEAD_S, LEAD_S + seconds)
    # Not before the last on-part of the first cycle has ended: the modulation must not stretch a burst's edges.
    assert events[0].t >= LEAD_S + sum(cadence.pattern[:-1]) + 0.1


@pytest.mark.parametrize("bias", [FULL_AM, CARRIER_TIMES_SINE], ids=["full-am", "carrier-times-sine"])
@pytest.mark.parametrize("name", ["jp-ringback", "in-ringback"])
def test_tone_on_follows_modulated_bursts(name: str, bias: float) -> None:
    cadence = CADENCES[name]
    level = -25.0
    pcm = with_line(cadence_pcm(cadence, 2 * sum(cadence.pattern), level, bias=bias), dbm0_to_dbfs(level) - 20.0)
    det = CallProgressDetector()
    on = []
    for frame in to_frames(mulaw_roundtrip(pcm)):
        det.process(frame)
        on.append(det.tone_on)
    edges = LEAD_S + np.cumsum((0.0,) + cadence.pattern * 2)
    for start, end, sounding in zip(edges[:-1], edges[1:], [True, False] * len(cadence.pattern), strict=True):
        # On from the burst's confirmation (80 ms, plus a frame) to its end; off from a frame after it ends.
        first = start + (0.12 if sounding else 0.06)
        frames = on[int(np.ceil(first / 0.02)) : int((end - 0.02) / 0.02)]
        assert frames, (start, end)
        if not sounding:
            assert not any(frames), (start, end, frames)
            continue
        # A full-AM trough in 20 dB noise may miss one frame, which a burst bridges: never two in a row.
        gaps = "".join("x" if state else "." for state in frames).split("x")
        assert max(len(gap) for gap in gaps) <= 1 and sum(frames) >= 0.9 * len(frames), (start, end, frames)


@pytest.mark.parametrize("scale", [1.0, 1.05, 1.1, 1.15])
def test_slow_indian_busy_is_never_a_japanese_ring(scale: float) -> None:
    # Both 400 Hz: a 0.8 s busy burst is within a 1 s ring's tolerance, but its gap is not a ring's.
    pattern = (0.75 * scale, 0.75 * scale)
    events = run(with_line(pattern_audio((400.0,), pattern, 4 * sum(pattern)), None))
    assert [(e.label, e.plan) for e in events] == [("busy", "in-busy"), (None, "")], events


@pytest.mark.parametrize(
    ("name", "pattern"),
    [("cept-congestion", (0.2, 0.3)), ("us-reorder", (0.3, 0.2))],
    ids=["cept-0.2/0.3", "us-0.3/0.2"],
)
def test_network_variants_of_fast_cadences(name: str, pattern: tuple[float, ...]) -> None:
    pcm = with_line(pattern_audio(CADENCES[name].freqs, pattern, 8.0), None)
    assert_detected_then_dropped(run(pcm), name, LEAD_S, LEAD_S + 8.0)


def test_tone_on_follows_bursts_before_the_cadence_is_confirmed() -> None:
    det = CallProgressDetector()
    frames = to_frames(mulaw_roundtrip(cadence_audio("us-busy", 3.0)))
    states = []
    for frame in frames:
        det.process(frame)
        states.append((det.tone_on, det.label))
    # 0.1-0.45 s: first burst sounding, nothing decided; 0.55-0.95 s: the gap; 2.2 s: third burst, decided.
    assert all(on and label is None for on, label in states[5:22])
    assert not any(on for on, _ in states[28:48])
    assert states[110] == (True, "busy")


@pytest.mark.parametrize("name", [name for name in CADENCES if name.endswith("ringback")])
def test_ringback_then_silence_then_speech_drops_soon_after_speech(name: str) -> None:
    cadence = CADENCES[name]
    ring_s = sum(cadence.pattern[:-1]) + 1.0  # through the last on-part, then 1 s into the long gap
    voice, onset = speech()
    pcm = np.concatenate([cadence_audio(name, ring_s), voice, line(1.0, None)])
    events = run(pcm)
    assert [(e.label, e.plan) for e in events] == [("ringback", name), (None, "")], events
    assert ring_s + onset < events[1].t <= ring_s + onset + 0.2


def test_ringback_that_stops_drops_once_the_next_ring_is_overdue() -> None:
    pcm = np.concatenate([cadence_audio("us-ringback", 2.0), line(10.0, dbm0_to_dbfs(-13) - 30)])
    events = run(pcm)
    assert [e.label for e in events] == ["ringback", None]
    assert 6.0 < events[1].t <= 2.0 + 4.0 * 1.2 + 0.1  # next ring due at 6.0 s, tolerance 20 % of the gap


def test_answer_spoken_over_the_ringback_drops_it() -> None:
    voice, onset = speech("demo-congrats.wav")
    ring = cadence_audio("us-ringback", 12.0).astype(np.int32)
    at = round(6.5 * SAMPLE_RATE)  # half a second into the second ring
    ring[at : at + len(voice)] += voice[: len(ring) - at]
    events = run(np.clip(ring, -32768, 32767).astype(np.int16))
    assert [e.label for e in events] == ["ringback", None]
    assert events[1].t <= 6.5 + onset + 0.3


def test_busy_after_ringback_is_relabelled() -> None:
    pcm = np.concatenate([cadence_audio("uk-ringback", 3.0), cadence_audio("uk-busy", 4.5)])
    events = run(pcm)
    assert [(e.label, e.plan) for e in events] == [("ringback", "uk-ringback"), (None, ""), ("busy", "uk-busy")]
    assert events[2].t <= 3.0 + 2.2


def dtmf(digits: str, on_ms: float = 100.0, off_ms: float = 100.0) -> np.ndarray:
    """DTMF digits at -10 dBm0, as a keypad or an IVR sends them."""
    low = {"1": 697, "2": 697, "3": 697, "4": 770, "5": 770, "6": 770, "7": 852, "8": 852, "9": 852, "0": 941}
    high = {"1": 1209, "2": 1336, "3": 1477, "4": 1209, "5": 1336, "6": 1477, "7": 1209, "8": 1336, "9": 1477}
    parts = []
    for d in digits:
        parts += [tone((low[d], high.get(d, 1336)), on_ms, -10.0), tone((), off_ms)]
    return np.concatenate(parts)


def glide_in_cadence(low: float, high: float, pattern: tuple[float, ...], seconds: float) -> np.ndarray:
    """A tone sweeping low to high Hz within each on-part (a glissando near a carrier), gated by pattern."""
    gate = pattern_audio((1000.0,), pattern, seconds) != 0  # where the cadence is on
    t = np.arange(len(gate)) / SAMPLE_RATE
    sweep = (t % sum(pattern)) / pattern[0]  # 0 to 1 across the first on-part
    phase = 2.0 * np.pi * np.cumsum(low + (high - low) * np.clip(sweep, 0.0, 1.0)) / SAMPLE_RATE
    return (np.sin(phase) * 10000.0 * gate).astype(np.int16)


NOT_TONES: dict[str, Callable[[], np.ndarray]] = {
    "silence": lambda: line(10.0, None),
    "dc-offset": lambda: np.full(80000, 3000, dtype=np.int16),
    "dc-offset-with-noise": lambda: (line(10.0, -50.0) + 3000).astype(np.int16),
    "white-noise": lambda: line(10.0, -20.0),
    "clipped-noise": lambda: np.clip(line(10.0, 0.0).astype(np.int32) * 4, -32768, 32767).astype(np.int16),
    "clipped-speech": lambda: np.clip(np.tile(speech()[0], 5).astype(np.int32) * 20, -32768, 32767).astype(np.int16),
    "beep-1000Hz": lambda: np.concatenate([line(1.0, None), tone((1000.0,), 800, -10.0), line(4.0, None)]),
    "beep-1000Hz-busy-cadence": lambda: pattern_audio((1000.0,), (0.5, 0.5), 8.0),
    "dtmf-digits": lambda: np.tile(dtmf("5551234090"), 3),
    "dtmf-busy-cadence": lambda: pattern_audio((770.0, 1336.0), (0.5, 0.5), 8.0),
    "dial-tone-425Hz": lambda: tone((425.0,), 8000),
    "dial-tone-us": lambda: tone((350.0, 440.0), 8000),
    "440Hz-in-cept-ringback-cadence": lambda: pattern_audio((440.0,), (1.0, 4.0), 11.0),  # and in China's, 450 Hz
    "400+440Hz-in-jp-ringback-cadence": lambda: pattern_audio((400.0, 440.0), (1.0, 2.0), 9.0),
    "glide-360-440Hz-in-jp-ringback-cadence": lambda: glide_in_cadence(360.0, 440.0, (1.0, 2.0), 9.0),
    "glide-385-465Hz-in-au-ringback-cadence": lambda: glide_in_cadence(385.0, 465.0, (0.4, 0.2, 0.4, 2.0), 9.0),
    "375Hz-in-jp-ringback-cadence": lambda: pattern_audio((375.0,), (1.0, 2.0), 9.0),
    "dtmf-in-jp-ringback-cadence": lambda: pattern_audio((697.0, 1209.0), (1.0, 2.0), 9.0),
    "480Hz-alone-in-us-busy-cadence": lambda: pattern_audio((480.0,), (0.5, 0.5), 8.0),
}


@pytest.mark.parametrize("make", list(NOT_TONES.values()), ids=list(NOT_TONES))
def test_other_sounds_give_no_label(make: Callable[[], np.ndarray]) -> None:
    det = CallProgressDetector()
    assert run(make(), det) == []
    assert det.label is None


@pytest.mark.parametrize(
    "make", [NOT_TONES["silence"], NOT_TONES["white-noise"], NOT_TONES["beep-1000Hz"], NOT_TONES["dtmf-digits"]]
)
def test_no_tone_on_for_non_tones(make: Callable[[], np.ndarray]) -> None:
    det = CallProgressDetector()
    for frame in to_frames(mulaw_roundtrip(make())):
        det.process(frame)
        assert not det.tone_on


def recordings() -> tuple[list[Path], list[Path]]:
    """The Debian speech prompts and music tracks, or a failure naming the package to install."""
    try:
        return debian_recordings()
    except FileNotFoundError as exc:
        pytest.fail(str(exc))


def test_real_speech_and_music_never_labelled() -> None:
    prompts, tracks = recordings()
    # Every 4th prompt (about 5 minutes) and two music tracks (about 4 minutes); the benchmark runs them all.
    labelled, seconds = false_tone_seconds(prompts[::4] + [tracks[1], tracks[3]])
    assert seconds > 400
    assert labelled == 0.0


def test_music_between_ringback_bursts_is_not_a_gap() -> None:
    _, tracks = recordings()
    music = read_wav_8k(tracks[3])[: 20 * SAMPLE_RATE]
    # Ringback, then music where the gap should be: the label must drop at the music, not hold for 4 s.
    events = run(np.concatenate([cadence_audio("cept-ringback", 1.5), music]))
    assert [e.label for e in events] == ["ringback", None]
    assert events[1].t < 2.5


def test_missing_recording_names_its_package(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="asterisk-moh-opsound-wav"):
        false_tone_seconds([Path("/usr/share/asterisk/moh/no-such-track.wav")])
    with pytest.raises(FileNotFoundError, match="asterisk-core-sounds-en-wav"):
        false_tone_seconds([SPEECH_DIR / "no-such-prompt.wav"])


def test_wrong_frame_length_is_rejected() -> None:
    det = CallProgressDetector()
    with pytest.raises(ValueError, match="320 bytes"):
        det.process(bytes(FRAME_BYTES - 2))
    with pytest.raises(ValueError):
        det.process(b"")


def test_reset_restarts_the_clock_and_forgets_the_tone() -> None:
    det = CallProgressDetector()
    run(cadence_audio("us-reorder", 1.2), det)
    assert det.label == "busy"
    det.reset()
    assert det.label is None and not det.tone_on
    events = run(cadence_audio("us-reorder", 1.2), det)
    assert [(e.t, e.plan) for e in events] == [(pytest.approx(1.08), "us-reorder")]
