"""Asking the principal: one Escalator per channel (the terminal now; Slack later)."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import Protocol, TextIO

Reply = Callable[[int, str], None]


def principal_message(party: str, question: str) -> str:
    """The message the principal gets when the call needs a decision."""
    who = party or "the other party"
    return f'Hey, I\'m on the call with {who}. They ask: "{question}" I need your timely response.'


class Escalator(Protocol):
    """Delivers a question to the principal; their answer comes back through `reply`, at most once."""

    def ask(self, question_id: int, question: str, party: str, reply: Reply) -> None:
        """Must not block: the controller thread calls it."""
        ...


class TerminalEscalator:
    """Prints the question and reads one line from the terminal on a reader thread."""

    def __init__(self, stdin: TextIO | None = None, stdout: TextIO | None = None) -> None:
        self._stdin = stdin or sys.stdin
        self._stdout = stdout or sys.stdout

    def ask(self, question_id: int, question: str, party: str, reply: Reply) -> None:
        """See Escalator."""
        print(f"\n>>> {principal_message(party, question)}\n>>> Your answer: ", end="", file=self._stdout, flush=True)
        threading.Thread(
            target=self._read, args=(question_id, reply), name="principal-terminal", daemon=True
        ).start()

    def _read(self, question_id: int, reply: Reply) -> None:
        # An empty Enter is not an answer: keep reading, so the principal can still reply (the reader used to end).
        while True:
            try:
                line = self._stdin.readline()
            except (OSError, ValueError):
                return
            if not line:
                return  # end of input: nobody will answer here; the principal timer handles it
            if line.strip():
                reply(question_id, line.strip())
                return
            print(">>> (empty line) Your answer: ", end="", file=self._stdout, flush=True)
