"""The guard: nothing reaches the line, spoken or keyed, unless the principal authorized it.

Every word and every DTMF key passes `Guard.check` / `Guard.check_keys` before synthesis or sending, whoever
proposed it (rules, the principal's relayed reply, an LLM). Runs on the dialogue worker thread.

Two layers:
1. Protected values (`never` facts, and `ask_principal` facts not yet approved) are refused in any form: their
   digits as any run of 4 or more (spaced, spelled as words, "double 4", reformatted), their words, their
   letters spelled one by one. Even when the other party said them first.
2. For free wording (LLM, relayed text): numbers, emails and sensitive topics that no authorized source
   carries are refused; numbers the other party just said may be echoed.
"""

from __future__ import annotations

import re

from agent.conversation.entities import digits_of
from agent.conversation.task import Task

_DIGIT_RUN = re.compile(r"\d[\d\s().+-]{1,}\d|\d")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_SENSITIVE_WORDS = re.compile(
    r"\b(credit card|card number|cvv|social security|ssn|passport|password|pin|bank account|iban|"
    r"date of birth|birthday)\b",
    re.I,
)
_STOPWORDS = {"the", "and", "for", "with", "her", "his", "our", "street", "road", "lane", "avenue", "usd", "gbp"}
_MIN_DIGITS = 4  # a run this long of a protected number is a leak


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


class Guard:
    """Vetoes anything that would disclose what the task does not let the agent disclose."""

    def __init__(self, task: Task, extra_allowed: tuple[str, ...] = ()) -> None:
        self._task = task
        self._approved: set[str] = set()
        self._extra: list[str] = list(extra_allowed)

    # ---- what is authorized ------------------------------------------------------------------
    def approve(self, key: str) -> None:
        """The principal approved sharing an ask_principal fact."""
        self._approved.add(key)

    def allow_text(self, text: str) -> None:
        """Words the principal wrote themself (a reply): their numbers may be said."""
        self._extra.append(text)

    def protected(self) -> dict[str, str]:
        """Values that must not be disclosed now: never facts and unapproved ask_principal facts."""
        return {k: f.value for k, f in self._task.facts.items()
                if f.level == "never" or (f.level == "ask_principal" and k not in self._approved)}

    def _task_sources(self) -> list[str]:
        """The goal and the facts that may be said now (not the principal's relayed words)."""
        shared = [f.value for k, f in self._task.facts.items()
                  if f.level in ("share", "if_asked") or (f.level == "ask_principal" and k in self._approved)]
        return [self._task.goal, *shared]

    def _sources(self) -> list[str]:
        return [*self._task_sources(), *self._extra]

    # ---- checks --------------------------------------------------------------------------------
    def check(self, text: str, heard: str = "", free: bool = True) -> tuple[bool, str]:
        """(True, "") if `text` may be said; else (False, why). `free`: wording the rules did not compose."""
        leak = self.leak(text)
        if leak:
            return False, leak
        if not free:
            return True, ""
        return self._authorized_wording(text, heard)

    def check_keys(self, keys: str) -> tuple[bool, str]:
        """DTMF keys pass the same protected-value check as words."""
        leak = self.leak(keys)
        return (False, leak) if leak else (True, "")

    def leak(self, text: str) -> str:
        """Why `text` discloses a protected value, or "" when it does not."""
        said_digits = digits_of(text)
        said_words = {w.lower() for w in re.findall(r"[A-Za-z]{3,}", text)}
        said_letters = "".join(re.findall(r"(?<![A-Za-z])[A-Za-z](?![A-Za-z])", text)).lower()
        squashed = re.sub(r"[^a-z0-9]", "", text.lower())
        shared = self._task_sources()
        shared_digits = " ".join(_digits(s) for s in shared)
        shared_words = {w.lower() for s in shared for w in re.findall(r"[A-Za-z]{3,}", s)}
        for key, value in self.protected().items():
            digits = _digits(value)
            if len(digits) >= _MIN_DIGITS:
                for i in range(len(digits) - _MIN_DIGITS + 1):
                    window = digits[i : i + _MIN_DIGITS]
                    if window in said_digits and window not in shared_digits:
                        return f"it would disclose {key} (a protected value)"
            words = [w.lower() for w in re.findall(r"[A-Za-z]{3,}", value)
                     if w.lower() not in _STOPWORDS and w.lower() not in shared_words]
            if any(w in said_words for w in words):
                return f"it would disclose {key} (a protected value)"
            letters = re.sub(r"[^a-z]", "", value.lower())
            if len(letters) >= 3 and (letters in said_letters or (len(letters) >= 5 and letters in squashed)):
                return f"it would disclose {key} (spelled out)"
        return ""

    def _authorized_wording(self, text: str, heard: str) -> tuple[bool, str]:
        sources = self._sources()
        digit_sources = [_digits(s) for s in sources if _digits(s)]
        emails = {e.lower() for s in sources for e in _EMAIL.findall(s)}
        fact_text = " ".join(sources).lower()
        heard_digits = _digits(heard)
        for run in _DIGIT_RUN.findall(text):
            digits = _digits(run)
            if digits not in heard_digits and not any(digits in source for source in digit_sources):
                return False, f"the number {run.strip()!r} is not among the authorized facts"
        for email in _EMAIL.findall(text):
            if email.lower() not in emails:
                return False, f"the email {email!r} is not among the authorized facts"
        for topic in _SENSITIVE_WORDS.findall(text):
            if topic.lower() not in fact_text and topic.lower() not in heard.lower():
                return False, f"{topic!r} is not something the principal authorized to discuss"
        return True, ""

    def allow(self, text: str, heard: str = "") -> tuple[bool, str]:
        """Free wording (an LLM's proposal): see check."""
        return self.check(text, heard=heard, free=True)
