"""Errors with stable codes, raised `from` their cause at adapter boundaries."""

from __future__ import annotations


class TaskcallError(Exception):
    """An error a user can act on: a stable code plus a message naming what is wrong."""

    code = "error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return f"[{self.code}] {self.args[0]}"


class ConfigError(TaskcallError):
    code = "config-invalid"


class TaskFileError(TaskcallError):
    code = "task-invalid"


class NumberError(TaskcallError):
    code = "number-invalid"


class SipError(TaskcallError):
    code = "sip-failed"


class SttError(TaskcallError):
    code = "stt-failed"


class TtsError(TaskcallError):
    code = "tts-failed"


class LlmError(TaskcallError):
    code = "llm-failed"


class AudioFileError(TaskcallError):
    code = "audio-invalid"
