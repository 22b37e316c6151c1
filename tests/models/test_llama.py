"""The llama-cpp-python path with the bundled SmolLM2 GGUF: loads, answers under the JSON schema."""

from __future__ import annotations

import pytest

from agent.conversation.dialogue import AssistedDialogue, RulesDialogue
from agent.conversation.guard import Guard
from agent.conversation.llm import ACTION_SCHEMA, LlamaChatModel, LlmWording, bundled_gguf, check_schema
from agent.conversation.task import build_task
from agent.errors import LlmError

pytestmark = pytest.mark.models
TASK = build_task("Book a table for 4 tomorrow at 7:30 pm", party="Luigi's", facts={"name": "Alex Smith"})


@pytest.fixture(scope="module")
def model():
    m = LlamaChatModel("bundled", threads=1, context=1024)
    m.load()
    return m


def test_bundled_gguf_ships_in_its_package():
    assert bundled_gguf().name == "SmolLM2-135M-Instruct.Q4_1.gguf" and bundled_gguf().stat().st_size > 50e6


def test_output_is_schema_valid_json(model):
    wording = LlmWording(model, "Alex")
    for line in ("We have a live band tonight!", "Lovely weather today, isn't it?"):
        prompt = wording.messages(TASK, TASK.values("share", "if_asked"), [("them", line)])
        data = model.complete_json(prompt, ACTION_SCHEMA)
        check_schema(data, ACTION_SCHEMA)
        assert data["action"] in ("say", "ask_principal", "wait")


def test_assisted_dialogue_with_the_real_model_keeps_rules_and_guard(model):
    d = AssistedDialogue(RulesDialogue(TASK, "Alex"), LlmWording(model, "Alex"))
    assert "I'd like to book" in d.respond("heard", "Luigi's, how can I help?").say
    open_talk = d.respond("heard", "We have a live band tonight!")
    if open_talk.say:  # whatever the tiny model says has passed the policy guard
        assert Guard(TASK).allow(open_talk.say, heard="We have a live band tonight!")[0]
    assert d.respond("heard", "For what time?").say == "At 7:30 pm."


def test_missing_gguf_is_a_clear_error(tmp_path):
    with pytest.raises(LlmError, match="GGUF model file not found"):
        LlamaChatModel(str(tmp_path / "nope.gguf"))


def test_schema_checker_rejects_bad_objects():
    for bad in ([], {"text": "x"}, {"action": "dance", "text": "x"}, {"action": "say", "text": 3}):
        with pytest.raises(LlmError):
            check_schema(bad, ACTION_SCHEMA)
