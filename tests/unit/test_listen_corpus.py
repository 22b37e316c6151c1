"""The line classifier over the committed slice of the labelled corpus (tests/data/listen, built by
scripts/listen_corpus.py --small): what `make bench-listen` measures on the full corpus, pinned here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agent.analyze import analyze_pcm
from agent.audio import read_wav_8k

CORPUS = Path(__file__).resolve().parents[1] / "data" / "listen"
ITEMS = json.loads((CORPUS / "manifest.json").read_text())["items"]
AMD_WHO = ("person", "machine", "unknown")


def records(item):
    return analyze_pcm(read_wav_8k(CORPUS / item["file"]))


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
    decisions = [r["event"] for r in records(item) if r.get("event") in AMD_WHO]
    assert decisions, "no decision"
    assert decisions[-1] == ("machine" if item["machine"] else "person"), decisions


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
