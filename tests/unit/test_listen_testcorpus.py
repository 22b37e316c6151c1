"""scripts/listen_testcorpus.py: its signals, its scenes' truth (over stand-in sources) and its independence from
the tuning corpus's wording."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from scripts import listen_corpus, listen_testcorpus
from scripts.listen_corpus import SR, block_levels
from scripts.listen_testcorpus import (
    FAMILIES,
    TONE_PLANS,
    answer_scene,
    beep,
    hold_call,
    lose_packets,
    ringing_scene,
    synth_music,
    tone_plan,
)


class FakeSources:
    """Stand-in for TestSources: speech-like bursts as long as the text, a steady chord for music."""

    def voice(self, voice: str, text: str) -> np.ndarray:
        seconds = max(0.4, 0.06 * len(text)) if text else 2.5
        t = np.arange(int(seconds * SR)) / SR
        rng = np.random.default_rng(len(text))
        x = rng.standard_normal(len(t)) * (0.6 + 0.4 * np.sin(2 * np.pi * 4 * t)) * 3000.0
        return np.concatenate([np.zeros(SR // 10), x, np.zeros(SR // 10)])

    def music(self, name: str) -> np.ndarray:
        t = np.arange(30 * SR) / SR
        return 4000.0 * sum(np.sin(2 * np.pi * f * t) for f in (262.0, 330.0, 392.0))


def on_share(x: np.ndarray, a: float, b: float) -> float:
    """Share of 10 ms blocks between a and b seconds that carry the tone."""
    levels = block_levels(x[int(a * SR) : int(b * SR)])
    return float(np.mean(levels > -50.0))


def covers(item: Any, seconds: float) -> bool:
    """Segments are contiguous from 0 to the end."""
    segs = item.segments()
    return segs[0]["start"] == 0.0 and segs[-1]["end"] == round(seconds, 2) and all(
        a["end"] == b["start"] for a, b in zip(segs, segs[1:], strict=False))


def label_at(scene: Any, t: float) -> str:
    """The truth label at t."""
    return next(s["label"] for s in scene.segments() if s["start"] <= t < s["end"])


@pytest.mark.parametrize(("plan", "on", "off"), [("jp-ringback", (0.1, 0.9), (1.1, 2.9)),
                                                 ("fr-ringback", (0.1, 1.4), (1.6, 4.9)),
                                                 ("de-busy", (0.05, 0.43), (0.53, 0.91)),
                                                 ("au-ringback", (0.65, 0.75), (0.45, 0.55))])
def test_tone_plans_follow_their_cadence(plan: str, on: tuple[float, float], off: tuple[float, float]) -> None:
    x = tone_plan(plan, 6.0, -10.0)
    assert on_share(x, *on) == 1.0
    assert on_share(x, *off) == 0.0


def test_every_country_has_ringback_and_busy() -> None:
    for country in ("jp", "au", "fr", "it", "de"):
        assert f"{country}-ringback" in TONE_PLANS and f"{country}-busy" in TONE_PLANS


def test_beeps_stay_in_the_band_and_length() -> None:
    for seed in range(40):
        x, what = beep(np.random.default_rng(seed))
        assert 0.2 <= len(x) / SR <= 1.2, what
        spectrum = np.abs(np.fft.rfft(x))
        peak = np.fft.rfftfreq(len(x), 1 / SR)[int(np.argmax(spectrum))]
        assert 390.0 <= peak <= 2010.0, what


def test_packet_loss_zeroes_frames_inside_the_greeting_only() -> None:
    x = np.full(10 * SR, 1000.0)
    lost = lose_packets(np.random.default_rng(3), x, 2.0, 6.0)
    assert lost and all(2.0 <= t and t + length <= 6.0 + 1e-6 for t, length in lost)
    assert np.all(x[: 2 * SR] == 1000.0) and np.all(x[6 * SR + 1 :] == 1000.0)
    assert np.any(x[2 * SR : 6 * SR] == 0.0)


def test_synthesized_music_is_fixed_and_audible() -> None:
    a, b = synth_music("pluck-1", 8.0), synth_music("pluck-1", 8.0)
    assert np.array_equal(a, b)
    assert np.mean(block_levels(a) > -40.0) > 0.9


@pytest.mark.parametrize("family", list(FAMILIES))
def test_answer_scene_truth(family: str) -> None:
    for i in range(4):
        scene = answer_scene(FakeSources(), np.random.default_rng([1, i]), family, small=False)  # type: ignore[arg-type]
        extra, seconds = scene.extra, len(scene.mix) / SR
        assert covers(scene, seconds)
        assert extra["machine"] == (extra["answer"] == "machine")
        assert extra["answer"] == FAMILIES[family][0] or family == "packet-loss"
        if family == "silent":
            assert extra["greeting_end_t"] is None and {s["label"] for s in scene.segments()} == {"silence"}
            continue
        start, end = extra["silence_before_s"], extra["greeting_end_t"]
        assert 0.0 < start < end < seconds
        spoken = "live_speech" if extra["answer"] == "person" else "ivr_speech"
        assert label_at(scene, start + 0.01) == spoken
        if extra["beep_t"] is not None:
            assert extra["answer"] == "machine" and extra["beep_t"] > end
        if extra["answer"] == "person":
            assert seconds - end >= 2.0  # the person waits for the caller
        if family == "voicemail-nobeep":
            assert extra["beep_t"] is None


def test_hold_call_ends_with_a_person_at_pickup_t() -> None:
    for i in range(3):
        scene = hold_call(FakeSources(), np.random.default_rng([2, i]), 90.0, True, small=True)  # type: ignore[arg-type]
        pickup_t = scene.extra["pickup_t"]
        seconds = len(scene.mix) / SR
        assert covers(scene, seconds)
        assert label_at(scene, pickup_t + 0.01) == "live_speech"
        assert label_at(scene, pickup_t - 0.05) == "silence"
        assert seconds >= pickup_t + 5.0


def test_unanswered_ringing_turns_busy() -> None:
    scene = ringing_scene(FakeSources(), np.random.default_rng(5), "jp", False, small=True)  # type: ignore[arg-type]
    labels = [s["label"] for s in scene.segments()]
    assert labels[:2] == ["silence", "ringback"] and labels[-1] == "busy"


def _strings(value: Any) -> set[str]:
    """Every string inside nested tuples, lists and dicts."""
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*(_strings(v) for v in value.values())) if value else set()
    if isinstance(value, (tuple, list)):
        return set().union(*(_strings(v) for v in value)) if value else set()
    return set()


def test_test_corpus_wording_is_its_own() -> None:
    tuning = set().union(*(_strings(v) for k, v in vars(listen_corpus).items() if k.isupper()))
    test = set().union(*(_strings(v) for k, v in vars(listen_testcorpus).items() if k.isupper()))
    # What is said (not file or voice names); a bare "Hello?" or "Yeah?" is everybody's.
    sentences = {s for s in test if s.rstrip().endswith((".", "?", "!")) and len(s.split()) >= 3}
    assert not sentences & tuning
    assert len(sentences) > 100


def test_festival_speaks_through_one_process(tmp_path: Path) -> None:
    # festival and festvox-kdlpc16k are in the Makefile's DEBS: `make test` installs them.
    assert shutil.which("festival") and Path("/usr/share/festival/voices/english/ked_diphone").is_dir()
    fest = listen_testcorpus.Festival("voice_ked_diphone")
    try:
        for i, text in enumerate(("Hello?", "Cycle Works, this is Rob.")):
            fest.say(text, tmp_path / f"{i}.wav")
    finally:
        fest.close()
    lengths = [len(listen_testcorpus.read_wav_8k(tmp_path / f"{i}.wav")) / SR for i in range(2)]
    assert 0.2 < lengths[0] < lengths[1] < 5.0
