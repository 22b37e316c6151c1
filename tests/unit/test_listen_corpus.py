"""The line classifier over the committed slice of the labelled corpus (tests/data/listen, built by
scripts/listen_corpus.py --small): what `make bench-listen` measures on the full corpus, pinned here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agent.audio import read_wav_8k
from agent.line.analyze import analyze_pcm
from scripts.bench_listen import AMD_TAIL_S, line_goes_on

CORPUS = Path(__file__).resolve().parents[1] / "data" / "listen"
ITEMS = json.loads((CORPUS / "manifest.json").read_text())["items"]
AMD_WHO = ("person", "machine", "menu", "screening", "unknown")


def records(item):
    return analyze_pcm(read_wav_8k(CORPUS / item["file"]))


class ScriptedStt:
    """Stands in for Whisper with the scene's own words: sentence i answers utterance i (the rest, the last)."""

    def __init__(self, item):
        meta = item.get("meta", {})
        text = meta.get("text") or meta.get("greeting") or meta.get("live_text") or ""
        self.sentences = [s.strip() for s in text.split(" / ") if s.strip()]

    def transcribe(self, pcm: bytes) -> str:
        if len(self.sentences) > 1:
            return self.sentences.pop(0)
        return self.sentences[0] if self.sentences else ""


def heard_records(item):
    """As a call hears the scene: acoustics plus its words (long greetings are decided by what they say), and the
    line going on after the clip as `make bench-listen` hears it (a greeting's end is judged from the silence after
    it, which a call has and the short committed clip may not)."""
    pcm = line_goes_on(read_wav_8k(CORPUS / item["file"]), AMD_TAIL_S, seed=0)
    return analyze_pcm(pcm, ScriptedStt(item))


def by_kind(kind):
    return [pytest.param(item, id=item["file"]) for item in ITEMS if item["kind"] == kind]


@pytest.mark.parametrize("item", by_kind("hold"))
def test_hold_calls_pick_up_only_the_person(item):
    found = records(item)
    pickups = [r["t"] for r in found if r.get("event") == "pickup"]
    assert any(r.get("event") == "hold-started" for r in found)
    if item["pickup_t"] is None:
        assert pickups == [], "a pickup on a call where nobody picked up"
        return
    assert pickups and item["pickup_t"] - 0.3 <= pickups[0] <= item["pickup_t"] + 6.0, (item["pickup_t"], pickups)


@pytest.mark.parametrize("item", by_kind("amd"))
def test_answering_machines_and_people_are_told_apart(item):
    found = heard_records(item)
    decisions = [r["event"] for r in found if r.get("event") in AMD_WHO and r["event"] != "unknown"]
    assert decisions and decisions[0] == item["answer"], decisions  # the first decision is right
    if item["answer"] == "machine":  # and the message would start only when the greeting is over
        starts = [r["t"] for r in found if r.get("event") in ("beep", "greeting-ended")]
        assert starts and starts[0] >= max(item["greeting_end_t"], item["beep_t"] or 0.0), (item, starts)


@pytest.mark.parametrize("item", by_kind("amd"))
def test_acoustics_alone_never_take_a_person_for_a_machine(item):
    decisions = [r["event"] for r in records(item) if r.get("event") in AMD_WHO and r["event"] != "unknown"]
    if item["answer"] == "person":
        assert "machine" not in decisions, decisions


@pytest.mark.parametrize("item", [pytest.param(i, id=i["file"]) for i in ITEMS if i["kind"] == "amd"])
def test_answer_truth_is_in_the_manifest(item):
    assert item["answer"] in ("person", "machine", "menu", "screening")
    assert item["machine"] == (item["answer"] == "machine")
    assert 0.0 <= item["silence_before_s"] < item["greeting_end_t"] < item["seconds"]
    if item["beep_t"] is not None:
        assert item["beep_t"] > item["greeting_end_t"]


@pytest.mark.parametrize("item", by_kind("ringing"))
def test_ringback_is_heard(item):
    found = records(item)
    assert any(r.get("event") == "ringing" for r in found)
    assert found[-1]["clip_label"] == item["clip_label"]


@pytest.mark.parametrize("item", by_kind("clip"))
def test_clips_get_their_label_and_digits(item):
    found = records(item)
    assert "".join(r["dtmf"] for r in found if "dtmf" in r) == item["digits"]
    assert found[-1]["clip_label"] == item["clip_label"]
