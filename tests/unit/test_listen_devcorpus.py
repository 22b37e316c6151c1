"""scripts/listen_devcorpus.py: its scenes' truth (over stand-in sounds), that it leaves the tuning corpus's
builder as it found it, and that its wording is its own."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from scripts import listen_corpus, listen_devcorpus, listen_devwording, listen_testcorpus
from scripts.listen_corpus import SR


class StandIn(listen_devcorpus.DevSources):
    """Speech-like bursts as long as the text, a steady chord for any music: no TTS, no package."""

    def _render(self, voice: str, text: str) -> np.ndarray:
        assert voice in listen_devcorpus.VOICES, voice  # never a tuning-corpus voice
        seconds = max(0.4, 0.06 * len(text))
        t = np.arange(int(seconds * SR)) / SR
        x = np.random.default_rng(len(text)).standard_normal(len(t)) * (0.6 + 0.4 * np.sin(2 * np.pi * 4 * t))
        return np.concatenate([np.zeros(SR // 10), x * 3000.0, np.zeros(SR // 10)])

    def music_seconds(self, source: str, name: str) -> float:
        assert source in listen_devcorpus.MUSIC, source
        return 60.0

    def music_excerpt(self, source: str, name: str, start: float, seconds: float) -> np.ndarray:
        t = np.arange(int(seconds * SR)) / SR
        return 4000.0 * sum(np.sin(2 * np.pi * f * t) for f in (262.0, 330.0, 392.0))


def _build(tmp_path: Path) -> dict:
    plan = listen_devcorpus.Plan(answers=len(listen_devcorpus.FAMILIES), holds=2, hold_seconds=(40.0, 45.0))
    return listen_devcorpus.build(tmp_path, seed=3, plan=plan, sources=StandIn)


def test_every_answer_family_with_its_truth_and_hold_calls_with_a_pickup(tmp_path: Path) -> None:
    manifest = _build(tmp_path)
    answers = [i for i in manifest["items"] if i["kind"] == "amd"]
    assert sorted(i["meta"]["family"] for i in answers) == sorted(listen_devcorpus.FAMILIES)
    for item in answers:
        family = item["meta"]["family"]
        assert item["answer"] == listen_devcorpus.FAMILIES[family][0] or family == "packet-loss"
        if family == "silent":
            assert item["greeting_end_t"] is None
            continue
        assert 0.0 < item["silence_before_s"] < item["greeting_end_t"] < item["seconds"]
        if item["answer"] == "person":
            assert item["greeting_end_t"] - item["silence_before_s"] <= 6.5
        if item["beep_t"] is not None:
            assert item["answer"] == "machine" and item["beep_t"] >= item["greeting_end_t"]
        if family == "voicemail-nobeep":
            assert item["beep_t"] is None
    holds = [i for i in manifest["items"] if i["kind"] == "hold"]
    assert [h["pickup_t"] is not None for h in holds] == [True, True]
    assert all(h["meta"]["source"] in listen_devcorpus.MUSIC for h in holds)
    assert json.loads((tmp_path / "manifest.json").read_text())["items"] == manifest["items"]


def test_the_same_seed_builds_the_same_files(tmp_path: Path) -> None:
    _build(tmp_path / "a")
    _build(tmp_path / "b")
    for wav in sorted((tmp_path / "a").glob("*.wav")):
        assert wav.read_bytes() == (tmp_path / "b" / wav.name).read_bytes(), wav.name


def test_the_tuning_corpus_builder_is_left_as_it_was(tmp_path: Path) -> None:
    before = {name: getattr(listen_corpus, name) for name in ("TTS_VOICES", "PICKUP_TURNS", "AGAIN", "RING_ANSWERS",
                                                              "BABBLE", "MUSIC_SOURCES")}
    _build(tmp_path)
    assert all(getattr(listen_corpus, name) is value for name, value in before.items())


def _strings(value: object) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, (tuple, list)):
        return set().union(*(_strings(v) for v in value)) if value else set()
    if isinstance(value, dict):
        return _strings(list(value.values()))
    return set()


def test_development_wording_is_its_own() -> None:
    dev = set().union(*(_strings(v) for k, v in vars(listen_devwording).items() if k.isupper()))
    sentences = {s for s in dev if s.rstrip().endswith((".", "?", "!")) and len(s.split()) >= 3}
    assert len(sentences) > 200
    # Stock phrases recur wherever real systems are written down ("Please leave a message after the tone."); a
    # corpus written apart shares no more than those. Counted, never listed: the test corpus's wording stays unread.
    for other in (listen_corpus, listen_testcorpus):
        said = set().union(*(_strings(v) for k, v in vars(other).items() if k.isupper()))
        shared = len(sentences & said)
        assert shared <= 0.1 * len(sentences), (other.__name__, shared)
