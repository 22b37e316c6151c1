"""A worker owns one heavy model on its own thread: an inbox in, results back as controller events."""

from __future__ import annotations

import itertools
import logging
import queue
import threading
from collections.abc import Callable
from typing import Any

from agent.call.events import ThreadFailed, WorkerFailed
from agent.errors import TaskcallError

log = logging.getLogger(__name__)
_STOP = object()


class Worker:
    """Runs `handle(job)` for each job in order, never a dead thread: a known failure (TaskcallError) becomes
    WorkerFailed, any other exception (a bug) ThreadFailed, which ends the call as an internal error."""

    def __init__(self, name: str, handle: Callable[[Any], object | None], emit: Callable[[object], None]) -> None:
        self.name = name
        self._handle = handle
        self._emit = emit
        # (priority, order, job): background jobs (priority 1) wait while any foreground job is queued.
        self._inbox: queue.PriorityQueue[tuple[int, int, Any]] = queue.PriorityQueue()
        self._order = itertools.count()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> None:
        """Start the thread."""
        self._thread.start()

    def submit(self, job: Any, *, background: bool = False) -> None:
        """Queue a job (any thread); a background one (warm-up synthesis) runs only when no other job waits."""
        self._inbox.put((1 if background else 0, next(self._order), job))

    def stop(self, timeout: float = 10.0) -> None:
        """Finish the current job, drop the rest, and end the thread."""
        while True:
            try:
                self._inbox.get_nowait()
            except queue.Empty:
                break
        self._inbox.put((-1, next(self._order), _STOP))
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        while True:
            job = self._inbox.get()[2]
            if job is _STOP:
                return
            try:
                result = self._handle(job)
            except TaskcallError as exc:
                self._emit(WorkerFailed(worker=self.name, code=exc.code, message=str(exc.args[0])))
                continue
            except Exception as exc:  # a bug must still reach the controller
                log.exception("%s worker failed", self.name)
                self._emit(ThreadFailed(where=self.name, message=f"{type(exc).__name__}: {exc}"))
                continue
            if result is not None:
                self._emit(result)
