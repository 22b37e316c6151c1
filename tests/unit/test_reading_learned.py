"""The learned second opinion on the lines the rules leave at a default: where it may speak, and never beyond."""

from __future__ import annotations

import gzip
import json

import pytest

from agent.conversation.reading import learned, read
from agent.conversation.reading.transcript import normalise
from scripts.train_act_model import development_parts, digest, load


def test_the_shipped_model_was_trained_on_the_development_parts_as_they_are_now():
    data = json.loads(gzip.decompress(learned.MODEL_PATH.read_bytes()))
    assert data["trained_on"] == digest(load(development_parts())), (
        "tests/data/dialogue/dev*.jsonl changed since the act model was trained: run "
        ".venv/bin/python scripts/train_act_model.py")
    assert not any("test" in p.name for p in development_parts())  # the held-out part is never trained on


@pytest.mark.parametrize(("text", "act"), [
    ("sorry is that for tonight or Saturday", "ask_fact"),  # the rules: a question, from its form
    ("flying out of gatwick not heathrow is that right", "ask_confirm"),  # the rules: nothing matched
    ("no problem we can do her a courtesy car while its in", "offer"),
    ("you sound like you've got a bit of a cold yourself", "small_talk"),
])
def test_a_line_the_rules_only_default_on_is_read_by_the_model(text, act):
    rules = read(text, second_opinion=False)
    assert rules.act in ("inform", "question") and rules.act != act
    reading = read(text)
    assert reading.act == act and reading.by_model and act in reading.acts


def test_the_model_fact_request_still_names_its_fact_by_the_rules_cues():
    reading = read("ok and then the three digits on the back of the card")
    assert reading.act == "ask_fact" and reading.by_model and reading.fact == "card_security_code"


@pytest.mark.parametrize("rules_act", ["done", "unavailable", "offer", "ask_fact", "hold", "transfer", "callback",
                                       "goodbye", "greeting", "ask_principal", "extraction", "small_talk"])
def test_a_reading_the_rules_made_is_never_replaced(rules_act):
    assert learned.second_opinion(normalise("you're all booked in for Friday at eight"), rules_act, True) is None


def test_the_model_never_says_anything_that_ends_a_call_or_claims_a_success(monkeypatch):
    for act in ("done", "unavailable", "goodbye", "callback", "hold", "transfer", "ask_principal", "greeting"):
        monkeypatch.setattr(learned, "predict", lambda text, act=act: (act, 0.99))
        assert learned.second_opinion("anything at all", "inform", True) is None


def test_a_line_nothing_recognised_needs_a_sure_model_else_it_stays_unread(monkeypatch):
    monkeypatch.setattr(learned, "predict", lambda text: ("offer", 0.6))
    assert learned.second_opinion("short for what time", "inform", understood=False) is None
    assert learned.second_opinion("short for what time", "inform", understood=True) == "offer"
    monkeypatch.setattr(learned, "predict", lambda text: ("offer", 0.4))
    assert learned.second_opinion("short for what time", "inform", understood=True) is None


def test_a_whisper_garble_still_gets_a_clarifying_question():
    from agent.conversation.dialogue import RulesDialogue
    from agent.conversation.policy import PARDON_LINE
    from agent.conversation.task import build_task

    task = build_task("Book a table for 4 this Friday at 7:30 pm", facts={"name": "Alex Smith"})
    d = RulesDialogue(task, "Alex Smith")
    d.respond("heard", "Hello, how can I help you")
    for garble in ("it's fine the calendar of the pigeon two", "bread on the matter of the seven the so"):
        assert d.respond("heard", garble).say == PARDON_LINE


@pytest.mark.parametrize("content", [None, b"not gzip", gzip.compress(b'{"acts": ["ask_fact"], "bias": []}')])
def test_a_missing_or_broken_model_file_leaves_the_rules_reading_alone(tmp_path, monkeypatch, caplog, content):
    path = tmp_path / "act_model.json.gz"
    if content is not None:
        path.write_bytes(content)
    monkeypatch.setattr(learned, "MODEL_PATH", path)
    learned._model.cache_clear()
    try:
        learned.load()
        line = "flying out of gatwick not heathrow is that right"
        assert read(line) == read(line, second_opinion=False)  # the rules' reading, no error
        assert "unusable" in caplog.text
    finally:
        learned._model.cache_clear()
