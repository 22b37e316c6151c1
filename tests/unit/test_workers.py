"""The model workers: real speech goes ahead of warm-up synthesis, and a bug becomes an event, not a dead thread."""

from __future__ import annotations

import queue
import threading

from agent.call.events import ThreadFailed, WorkerFailed
from agent.call.workers import Worker
from agent.errors import TaskcallError


def test_real_jobs_keep_their_order_and_warm_ups_run_after_them():
    done: list[str] = []
    worker = Worker("tts", done.append, lambda e: None)
    for job, background in (("w1", True), ("r1", False), ("w2", True), ("r2", False)):
        worker.submit(job, background=background)
    finished = threading.Event()
    worker.submit("last", background=True)
    worker._handle = lambda job: (done.append(job), job == "last" and finished.set())
    worker.start()
    assert finished.wait(5)
    worker.stop(5)
    assert done == ["r1", "r2", "w1", "w2", "last"]


def test_a_known_failure_and_a_bug_reach_the_controller_differently():
    events: queue.Queue[object] = queue.Queue()

    def handle(job):
        if job == "known":
            raise TaskcallError("the model file is missing", code="stt-failed")
        raise KeyError("oops")

    worker = Worker("stt", handle, events.put)
    worker.start()
    worker.submit("known")
    worker.submit("bug")
    first, second = events.get(timeout=5), events.get(timeout=5)
    worker.stop(5)
    assert isinstance(first, WorkerFailed) and first.code == "stt-failed"
    assert second == ThreadFailed("stt", "KeyError: 'oops'")
