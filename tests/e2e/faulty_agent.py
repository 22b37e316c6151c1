"""`taskcall` with one injected bug, for the thread-failure tests: `python -m tests.e2e.faulty_agent WHERE
taskcall-args...`. WHERE is the thread that raises, a few seconds into the answered call:

- listener: the line listener raises on its 250th frame (5 s of audio);
- controller: the state machine raises on the first transcript of the other party;
- sip: the SIP thread's loop raises 4 s after the call is up.

Only this test harness patches; the agent itself has no fault switch."""

from __future__ import annotations

import sys
import time

from agent.app.cli import app
from agent.call import events, runner
from agent.line.listener import LineListener
from sip.engine import SipEngine


class InjectedFault(RuntimeError):
    """The bug this harness plants."""


def _listener() -> None:
    process = LineListener.process
    seen = [0]

    def faulty(self, frame, we_talk=False):
        seen[0] += 1
        if seen[0] == 250:
            raise InjectedFault("listener bug")
        return process(self, frame, we_talk)

    LineListener.process = faulty


def _controller() -> None:
    step = runner.step

    def faulty(state, event, now):
        if isinstance(event, events.Transcribed) and event.text.strip():
            raise InjectedFault("controller bug")
        return step(state, event, now)

    runner.step = faulty


def _sip() -> None:
    send = SipEngine._send_due_dtmf
    up_since: list[float] = []  # when the call's audio was first connected

    def faulty(self):
        if self._call is not None and self._audio is not None:
            if not up_since:
                up_since.append(time.monotonic())
            elif time.monotonic() - up_since[0] > 4.0:
                raise InjectedFault("SIP thread bug")
        return send(self)

    SipEngine._send_due_dtmf = faulty


if __name__ == "__main__":
    {"listener": _listener, "controller": _controller, "sip": _sip}[sys.argv[1]]()
    app(sys.argv[2:], prog_name="taskcall")
