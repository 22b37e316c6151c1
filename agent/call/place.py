"""Placing one call end to end: models, folder, store, runner, and the record it leaves."""

from __future__ import annotations

import dataclasses
import logging
import secrets
import signal
import threading
import time
from collections.abc import Coroutine
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from agent.app import backends
from agent.app.config import Config, dtmf_methods
from agent.app.escalation import Escalator
from agent.app.interrupted import CallLock, interrupted_calls, recover
from agent.app.numbers import Destination
from agent.app.private import private_dir
from agent.app.services import ServiceLoop
from agent.app.store import SqliteCallStore
from agent.app.summary_file import SUMMARY_RESERVE, reserve_summary, write_summary
from agent.call.controller import CallSettings
from agent.call.runner import CallResult, CallRunner, Progress
from agent.conversation.dialogue import machine_message, screening_reply
from agent.conversation.task import DONE_WHEN, Task
from agent.errors import ConfigError
from sip.settings import SipSettings

log = logging.getLogger(__name__)
SUCCESS_OUTCOMES = set(DONE_WHEN)  # the goal's own outcome: booked, changed, cancelled, ...


def sip_settings(config: Config, log_path: Path) -> SipSettings:
    """The SIP layer's settings from the config tree."""
    s = config.sip
    trunk = config.trunk
    base = SipSettings(
        bind_address=s.bind_address,
        port=s.port,
        public_address=s.public_address,
        log_path=s.log_path or str(log_path),
        log_level=4,  # every SIP message in and out, so a malformed or unexpected one leaves its line
        dtmf_methods=dtmf_methods(s),
        dtmf_gap_s=s.dtmf_gap_ms / 1000,
        media_timeout_s=config.limits.media_timeout_s,
    )
    if trunk is None:
        return base
    if not trunk.password:
        raise ConfigError(
            "trunk.password: no trunk password; set TASKCALL_TRUNK_PASSWORD or [trunk] password in the "
            "credentials file"
        )
    return dataclasses.replace(
        base,
        registrar=trunk.registrar,
        username=trunk.username,
        domain=trunk.domain,
        password=trunk.password,
        transport=trunk.transport,
        caller_id=trunk.caller_id,
        outbound_proxy=trunk.outbound_proxy,
        realm=trunk.realm,
    )


def call_settings(config: Config, task: Task, destination: Destination) -> CallSettings:
    """The controller's fixed settings."""
    sip = sip_settings_domain(config)
    limits = config.limits
    return CallSettings(
        uri=destination.uri(sip),
        party=task.party or destination.text,
        register=config.trunk is not None,
        register_timeout_s=config.trunk.register_timeout_s if config.trunk else 10.0,
        ring_timeout_s=limits.ring_timeout_s,
        max_call_s=limits.max_call_s,
        principal_timeout_s=limits.principal_timeout_s,
        greeting_wait_s=limits.greeting_wait_s,
        idle_hangup_s=limits.idle_hangup_s,
        max_hold_s=limits.max_hold_s,
        max_silent_hold_s=limits.max_silent_hold_s,
        menu_budget_s=limits.menu_budget_s,
        on_machine=task.on_machine,
        machine_message=machine_message(task, config.principal.name),
        screening_reply=screening_reply(task, config.principal.name),
    )


def sip_settings_domain(config: Config) -> str | None:
    """The domain numbers are dialled at, or None without a trunk."""
    if config.trunk is None:
        return None
    return SipSettings(registrar=config.trunk.registrar, domain=config.trunk.domain).account_domain


@dataclasses.dataclass
class PlacedCall:
    """A finished call and where its record lies."""

    call_id: str
    folder: Path
    result: CallResult


def place_call(
    config: Config,
    task: Task,
    destination: Destination,
    *,
    escalator: Escalator | None = None,
    on_line: Progress | None = None,
    on_status: Progress | None = None,
) -> PlacedCall:
    """Load the models, place the call, and keep its transcript, recording and summary."""
    settings = call_settings(config, task, destination)  # validates the destination before anything is written
    started_at = datetime.now(UTC)
    call_id = started_at.strftime("%Y%m%d-%H%M%S-") + secrets.token_hex(3)
    storage = config.storage_dir
    folder = storage / "calls" / call_id
    sip = sip_settings(config, folder / "pjsip.log")

    t0 = time.monotonic()
    stt, tts = backends.build_stt(config), backends.build_tts(config)
    stt.load()
    tts.load()
    dialogue = backends.build_dialogue(config, task)
    if on_status:
        on_status({"status": "models-loaded", "seconds": round(time.monotonic() - t0, 2)})

    private_dir(storage / "calls", tighten=True)
    private_dir(folder, exist_ok=False)
    lock = CallLock(folder)  # held until call.json is written: a dead process leaves it for recovery
    reserve_summary(folder)
    services = ServiceLoop()
    store = StoreWriter(SqliteCallStore(storage / "calls.sqlite"), services)
    store.do(store.store.open())
    for summary in recover_calls(storage, store):
        if on_status:
            on_status({"status": "recovered", **summary})
    store.do(store.store.start_call(call_id, started_at.isoformat(), destination.text, settings.party, task.goal,
                                    str(folder)))

    def line(entry: dict) -> None:
        store.later(store.store.add_line(call_id, entry["t"], entry["speaker"], entry["text"]))
        if on_line:
            on_line(entry)

    runner = CallRunner(
        sip,
        settings,
        stt=stt,
        tts=tts,
        dialogue=dialogue,
        escalator=escalator or backends.build_escalator(config),
        folder=folder,
        end_silence_ms=config.limits.end_silence_ms,
        on_line=line,
    )
    try:
        result = _run_interruptible(runner)
    finally:
        store.settle()
    store.do(store.store.finish_call(call_id, result.outcome, result.reason, result.details, result.duration_s))
    store.do(store.store.close())
    services.close()
    result.records_incomplete.extend(store.errors)
    try:
        _write_summary(folder, call_id, task, destination, result)
    except OSError as exc:  # the outcome is still printed and returned; the folder keeps what it has
        result.records_incomplete.append(f"call.json: {type(exc).__name__}: {exc.strerror or exc}")
        (folder / SUMMARY_RESERVE).unlink(missing_ok=True)
    else:
        lock.release()  # kept on failure: the next start finds the call and completes its record
    return PlacedCall(call_id=call_id, folder=folder, result=result)


class StoreWriter:
    """The call index's writes from the main thread (run on the services loop). The index is a copy of what
    the folder holds: a write the disk refuses is noted once, not raised, so it never ends the call."""

    def __init__(self, store: SqliteCallStore, services: ServiceLoop) -> None:
        self.store = store
        self._services = services
        self._pending: list = []
        self.errors: list[str] = []

    def do(self, coro: Coroutine[Any, Any, Any]) -> None:
        """Run one write now."""
        try:
            self._services.call(coro)
        except Exception as exc:  # noqa: BLE001 - a copy's failure is noted, never fatal
            self._failed(exc)

    def later(self, coro: Coroutine[Any, Any, Any]) -> None:
        """Queue a write (any thread); settle() waits for them."""
        self._pending.append(self._services.submit(coro))

    def settle(self) -> None:
        """Wait for the queued writes."""
        for future in self._pending:
            try:
                future.result(10)
            except Exception as exc:  # noqa: BLE001 - a copy's failure is noted, never fatal
                self._failed(exc)
        self._pending.clear()

    def _failed(self, exc: BaseException) -> None:
        log.warning("call index write failed: %s", exc)
        note = f"calls.sqlite: {type(exc).__name__}: {exc}"
        if note not in self.errors:
            self.errors.append(note)


def list_calls(config: Config, limit: int = 20) -> tuple[list[dict[str, Any]], list[tuple[Any, ...]]]:
    """The calls recovered now, and the latest `limit` rows of the call index (`taskcall calls`)."""
    storage = config.storage_dir
    if not (storage / "calls.sqlite").exists() and not (storage / "calls").exists():
        return [], []
    services = ServiceLoop()
    store = StoreWriter(SqliteCallStore(storage / "calls.sqlite"), services)
    try:
        store.do(store.store.open())
        recovered = recover_calls(storage, store)
        rows = services.call(store.store.recent(limit))
        store.do(store.store.close())
    finally:
        services.close()
    return recovered, rows


def recover_calls(storage: Path, store: StoreWriter) -> list[dict[str, Any]]:
    """Complete the records of calls an earlier process left unfinished (see agent.app.interrupted)."""
    recovered = []
    for folder in interrupted_calls(storage / "calls"):
        summary = recover(folder)
        store.do(store.store.finish_call(folder.name, summary["outcome"], summary["reason"], {},
                                         summary["duration_s"]))
        recovered.append(summary)
    return recovered


def _run_interruptible(runner: CallRunner) -> CallResult:
    """Run the controller on its own thread; SIGINT (Ctrl-C) and SIGTERM (service stop) hang up cleanly.

    A signal handler, not KeyboardInterrupt: an exception could surface anywhere in the main thread and
    end the interpreter while PJSIP's media thread still calls into Python.
    """
    box: dict[str, CallResult | BaseException] = {}

    def target() -> None:
        try:
            box["result"] = runner.run()
        except BaseException as exc:  # handed to the main thread
            box["error"] = exc

    def on_signal(signum: int, frame: object) -> None:
        runner.stop("interrupted by the principal" if signum == signal.SIGINT else "the service is stopping")

    thread = threading.Thread(target=target, name="controller")
    in_main = threading.current_thread() is threading.main_thread()
    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)} if in_main else {}
    try:
        thread.start()
        thread.join()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    result = box["result"]
    assert isinstance(result, CallResult)
    return result


def _write_summary(folder: Path, call_id: str, task: Task, destination: Destination, result: CallResult) -> None:
    m = result.metrics
    summary = {
        "call_id": call_id,
        "destination": destination.text,
        "party": task.party,
        "goal": task.goal,
        "outcome": result.outcome,
        "reason": result.reason,
        "details": result.details,
        "duration_s": round(result.duration_s, 2),
        "talk_s": round(result.talk_s, 2),
        "metrics": {
            "stt_ms": [round(x, 1) for x in m.stt_ms],
            "greeting_stt_ms": [round(x, 1) for x in m.greeting_stt_ms],
            "greeting_stt_skipped": m.greeting_stt_skipped,
            "dialogue_ms": [round(x, 2) for x in m.dialogue_ms],
            "tts_first_ms": [round(x, 1) for x in m.tts_first_ms],
            "response_ms": [round(x, 1) for x in m.response_ms],
            "lost_frames": m.lost_frames,
            "late_frames": m.late_frames,
            "frames_heard": m.frames_heard,
        },
        "records_incomplete": result.records_incomplete,
        # Lines the disk refused to transcript.jsonl (a full disk): kept here when call.json can still be written.
        "unsaved_lines": result.lines[len(result.lines) - result.unsaved_lines:] if result.unsaved_lines else [],
        "files": {"transcript": "transcript.jsonl",
                  "recording": "recording.wav" if (folder / "recording.wav").exists() else None},
    }
    write_summary(folder, summary)
