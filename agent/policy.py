"""The policy guard: nothing reaches the line unless the principal authorized it."""

from __future__ import annotations

import re

from agent.task import Task

_DIGIT_RUN = re.compile(r"\d[\d\s().+-]{1,}\d|\d")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_SENSITIVE_WORDS = re.compile(
    r"\b(credit card|card number|cvv|social security|ssn|passport|password|pin|bank account|iban|"
    r"date of birth|birthday)\b",
    re.I,
)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


class PolicyGuard:
    """Vetoes wording that carries numbers, emails or sensitive topics the task does not authorize."""

    def __init__(self, task: Task, extra_allowed: tuple[str, ...] = ()) -> None:
        self._sources = [task.goal, *task.facts.values(), *extra_allowed]
        self._digit_sources = [_digits(s) for s in self._sources if _digits(s)]
        self._emails = {e.lower() for s in self._sources for e in _EMAIL.findall(s)}
        self._fact_text = " ".join(self._sources).lower()

    def allow(self, text: str, heard: str = "") -> tuple[bool, str]:
        """(True, "") if `text` may be said; otherwise (False, why). Numbers the other party said may be echoed."""
        heard_digits = _digits(heard)
        for run in _DIGIT_RUN.findall(text):
            digits = _digits(run)
            if digits not in heard_digits and not any(digits in source for source in self._digit_sources):
                return False, f"the number {run.strip()!r} is not among the authorized facts"
        for email in _EMAIL.findall(text):
            if email.lower() not in self._emails:
                return False, f"the email {email!r} is not among the authorized facts"
        for topic in _SENSITIVE_WORDS.findall(text):
            if topic.lower() not in self._fact_text and topic.lower() not in heard.lower():
                return False, f"{topic!r} is not something the principal authorized to discuss"
        return True, ""
