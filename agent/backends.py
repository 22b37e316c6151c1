"""Which backend serves each role: a pure function of the config (heavy libraries load lazily inside)."""

from __future__ import annotations

from agent.config import Config
from agent.dialogue import AssistedDialogue, Dialogue, RulesDialogue
from agent.escalation import Escalator, TerminalEscalator
from agent.policy import PolicyGuard
from agent.speak import PiperTTS, TextToSpeech
from agent.task import Task
from agent.transcribe import SpeechToText, WhisperSTT


def build_stt(config: Config) -> SpeechToText:
    """faster-whisper with the configured model."""
    return WhisperSTT(model=config.models.stt, beam_size=config.models.stt_beam_size, threads=1)


def build_tts(config: Config) -> TextToSpeech:
    """Piper with the configured voice."""
    return PiperTTS(voice=config.models.tts_voice, length_scale=config.models.tts_length_scale, threads=1)


def build_dialogue(config: Config, task: Task) -> Dialogue:
    """Rules alone, or rules plus a local LLM for open talk when models.llm is set."""
    rules = RulesDialogue(task)
    if config.models.llm == "none":
        return rules
    from agent.llm import LlamaChatModel, LlmWording

    model = LlamaChatModel(config.models.llm, threads=config.models.llm_threads, context=config.models.llm_context)
    model.load()
    return AssistedDialogue(rules, LlmWording(model, config.principal.name), PolicyGuard(task))


def build_escalator(config: Config) -> Escalator:
    """How the principal is asked (principal.contact)."""
    return TerminalEscalator()
