"""A worker owns one heavy model on its own thread: an inbox in, results back as controller events."""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from typing import Any

from agent.call.events import WorkerFailed
from agent.errors import TaskcallError

log = logging.getLogger(__name__)
_STOP = object()


class Worker:
    """Runs `handle(job)` for each job in order; exceptions become WorkerFailed events, never a dead thread."""

    def __init__(self, name: str, handle: Callable[[Any], object | None], emit: Callable[[object], None]) -> None:
        self.name = name
        self._handle = handle
        self._emit = emit
        self._inbox: queue.Queue[Any] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> None:
        """Start the thread."""
        self._thread.start()

    def submit(self, job: Any) -> None:
        """Queue a job (any thread)."""
        self._inbox.put(job)

    def stop(self, timeout: float = 10.0) -> None:
        """Finish the current job, drop the rest, and end the thread."""
        while True:
            try:
                self._inbox.get_nowait()
            except queue.Empty:
                break
        self._inbox.put(_STOP)
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        while True:
            job = self._inbox.get()
            if job is _STOP:
                return
            try:
                result = self._handle(job)
            except TaskcallError as exc:
                self._emit(WorkerFailed(worker=self.name, code=exc.code, message=str(exc.args[0])))
                continue
            except Exception as exc:  # a bug must still reach the controller
                log.exception("%s worker failed", self.name)
                self._emit(WorkerFailed(worker=self.name, code=f"{self.name}-failed", message=repr(exc)))
                continue
            if result is not None:
                self._emit(result)
