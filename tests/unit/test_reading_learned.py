"""The learned second opinion on every reading: where it may overrule the rules, and never beyond."""

from __future__ import annotations

import gzip
import json

import pytest

from agent.conversation.reading import learned, read
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


@pytest.mark.parametrize("rules_act", ["done", "unavailable", "offer", "callback", "goodbye", "extraction", "ack",
                                       "unclear"])
def test_a_completion_refusal_offer_ending_manipulation_ack_or_garble_the_rules_read_is_never_replaced(monkeypatch,
                                                                                                     rules_act):
    for act in ("inform", "ask_fact", "offer", "unavailable", "hold", "extraction"):
        monkeypatch.setattr(learned, "predict", lambda text, act=act: (act, 0.99))
        assert learned.second_opinion("anything at all", rules_act, True) is None


def test_the_model_never_claims_a_success_or_ends_a_call(monkeypatch):
    for rules_act in ("inform", "question", "ask_fact", "ask_confirm"):
        for act in ("done", "goodbye", "callback"):
            monkeypatch.setattr(learned, "predict", lambda text, act=act: (act, 0.99))
            assert learned.second_opinion("anything at all", rules_act, True) is None


@pytest.mark.parametrize(("rules_act", "act", "needed"), [
    ("inform", "offer", 0.5),  # the rules only defaulted
    ("question", "ask_fact", 0.5),
    ("inform", "unavailable", 0.7),  # a refusal, a hold or a transfer: the agent asks for another option, or waits
    ("question", "transfer", 0.7),
    ("ask_fact", "extraction", 0.8),  # a fact request the rules recognised
    ("ask_fact", "ask_confirm", 0.8),
    ("ask_confirm", "ask_principal", 0.8),
    ("ask_confirm", "offer", 0.85),  # a reading the rules make from a few words ("is that right", "hello")
    ("greeting", "unavailable", 0.85),
    ("hold", "inform", 0.85),
    ("transfer", "hold", 0.85),
    ("small_talk", "question", 0.85),
])
def test_each_overruling_needs_its_own_probability(monkeypatch, rules_act, act, needed):
    monkeypatch.setattr(learned, "predict", lambda text: (act, needed - 0.01))
    assert learned.second_opinion("anything at all", rules_act, True) is None
    monkeypatch.setattr(learned, "predict", lambda text: (act, needed))
    assert learned.second_opinion("anything at all", rules_act, True) == act


def test_a_fact_request_is_never_made_a_refusal_a_hold_or_a_transfer(monkeypatch):
    for act in ("unavailable", "hold", "transfer"):
        monkeypatch.setattr(learned, "predict", lambda text, act=act: (act, 0.99))
        assert learned.second_opinion("ten is gone, it's half past ten, is half ten ok", "ask_confirm", True) is None


def test_a_line_with_anything_recognised_in_it_is_never_read_as_a_garble(monkeypatch):
    monkeypatch.setattr(learned, "predict", lambda text: ("unclear", 0.99))
    assert learned.second_opinion("it's forty euro for the year", "inform", understood=True) is None
    assert learned.second_opinion("the object can I have a domain for the", "inform", understood=False) == "unclear"


def test_a_line_nothing_recognised_needs_a_sure_model_else_it_stays_unread(monkeypatch):
    monkeypatch.setattr(learned, "predict", lambda text: ("offer", 0.6))
    assert learned.second_opinion("short for what time", "inform", understood=False) is None
    assert learned.second_opinion("short for what time", "inform", understood=True) == "offer"
    monkeypatch.setattr(learned, "predict", lambda text: ("offer", 0.4))
    assert learned.second_opinion("short for what time", "inform", understood=True) is None
    monkeypatch.setattr(learned, "predict", lambda text: ("unavailable", 0.75))
    assert learned.second_opinion("short for what time", "inform", understood=False) is None


def test_a_whisper_garble_still_gets_a_clarifying_question():
    from agent.conversation.dialogue import RulesDialogue
    from agent.conversation.policy import PARDON_LINE
    from agent.conversation.task import build_task

    task = build_task("Book a table for 4 this Friday at 7:30 pm", facts={"name": "Alex Smith"})
    d = RulesDialogue(task, "Alex Smith")
    d.respond("heard", "Hello, how can I help you")
    for garble in ("it's fine the calendar of the pigeon two", "bread on the matter of the seven the so"):
        assert d.respond("heard", garble).say == PARDON_LINE


@pytest.mark.parametrize("content", [None, b"not gzip", gzip.compress(b'{"acts": ["ask_fact"], "bias": []}')],
                         ids=["missing", "not-gzip", "incomplete"])
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
