"""Which backend serves each role: a pure function of the config (heavy libraries load lazily inside)."""

from __future__ import annotations

from agent.app.config import Config
from agent.app.escalation import Escalator, TerminalEscalator
from agent.conversation.dialogue import AssistedDialogue, Dialogue, RulesDialogue
from agent.conversation.task import Task
from agent.speech.speak import PiperTTS, TextToSpeech
from agent.speech.transcribe import SpeechToText, WhisperSTT


def build_stt(config: Config) -> SpeechToText:
    """faster-whisper with the configured model."""
    return WhisperSTT(model=config.models.stt, beam_size=config.models.stt_beam_size, threads=1)


def build_tts(config: Config) -> TextToSpeech:
    """Piper with the configured voice."""
    return PiperTTS(voice=config.models.tts_voice, length_scale=config.models.tts_length_scale, threads=1)


def build_dialogue(config: Config, task: Task) -> Dialogue:
    """Rules alone, or rules plus a local LLM for open talk when models.llm is set."""
    rules = RulesDialogue(task, config.principal.name)
    if config.models.llm == "none":
        return rules
    from agent.conversation.llm import LlamaChatModel, LlmWording

    model = LlamaChatModel(config.models.llm, threads=config.models.llm_threads, context=config.models.llm_context)
    model.load()
    return AssistedDialogue(rules, LlmWording(model, config.principal.name))


def build_escalator(config: Config) -> Escalator:
    """How the principal is asked (principal.contact)."""
    return TerminalEscalator()
