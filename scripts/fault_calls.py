"""Faults on real calls, shared by `make bench-faults` and tests/e2e/test_faults.py: the real agent (`taskcall
dial`, its own process) against the far-end simulator, through kamailio where the fault is the trunk's, and
the fault made for real: a lossy, jittery network (scripts/lossy_relay.py), kamailio killed, a trunk that
dies after registering, a registrar nobody answers at, a codec change and a hold by re-INVITE, a BYE while
the agent talks, a disk that fills while the call records, and `kill -9` of the agent.

Each fault ends in an expected outcome, and its records are checked from the files alone: call.json,
transcript.jsonl, recording.wav and the call index. `seconds_to_end` runs from the fault to the agent's exit.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import sqlite3
import subprocess
import time
import wave
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scripts.farend_process import SCENARIOS, FarEndProcess, free_udp_port, wait_until
from scripts.lossy_relay import LossyRelay
from tests.e2e.agent_process import RESTAURANT_TASK, TASKCALL, AgentRun, agent_env, dial, write_config
from tests.e2e.peers import Kamailio, Sipp

USER, PASSWORD = "taskcall", "s3cret"
NUMBER = "+15550100"
BOOKING_CODE = "4719"  # what the simulated restaurant gives (scripts/scenarios/restaurant.toml)


@dataclass
class FaultRun:
    """One fault: what the agent made of it and whether its records survived."""

    name: str
    outcome: str
    expected: tuple[str, ...]
    exit_code: int
    seconds_to_end: float
    record_problems: list[str]
    checks: dict[str, bool] = field(default_factory=dict)  # fault-specific conditions of "as expected"
    detail: dict[str, Any] = field(default_factory=dict)
    output: str = ""

    @property
    def as_expected(self) -> bool:
        return self.outcome in self.expected and all(self.checks.values())

    @property
    def records_complete(self) -> bool:
        return not self.record_problems

    def row(self) -> dict[str, Any]:
        """The bench JSON's row."""
        return {"name": self.name, "outcome": self.outcome, "as_expected": self.as_expected,
                "records_complete": self.records_complete, "seconds_to_end": round(self.seconds_to_end, 1),
                "exit_code": self.exit_code, "expected": list(self.expected), "checks": self.checks,
                "record_problems": self.record_problems, "detail": self.detail}


# ---- reading the records back ---------------------------------------------------------------------------
def record_problems(storage: Path, *, answered: bool = True) -> list[str]:
    """What is wrong with the records of the only call under `storage` (empty: complete and readable)."""
    folders = sorted((storage / "calls").iterdir()) if (storage / "calls").exists() else []
    if len(folders) != 1:
        return [f"expected one call folder, found {len(folders)}"]
    folder = folders[0]
    problems = []
    try:
        summary = json.loads((folder / "call.json").read_text())
        if not summary.get("outcome"):
            problems.append("call.json has no outcome")
    except (OSError, ValueError) as exc:
        problems.append(f"call.json: {exc}")
    raw = (folder / "transcript.jsonl").read_bytes() if (folder / "transcript.jsonl").exists() else b""
    if not raw:
        problems.append("transcript.jsonl is missing or empty")
    elif not raw.endswith(b"\n"):
        problems.append("transcript.jsonl ends in a torn line")
    for n, line in enumerate(raw.splitlines(), 1):
        try:
            json.loads(line)
        except ValueError:
            problems.append(f"transcript.jsonl line {n} is not JSON")
    wav = folder / "recording.wav"
    if answered:
        try:
            with wave.open(str(wav)) as w:
                data = w.getnframes() * w.getnchannels() * w.getsampwidth()
                if w.getnchannels() != 2 or w.getframerate() != 8000:
                    problems.append(f"recording.wav: {w.getnchannels()} channels at {w.getframerate()} Hz")
            if data != wav.stat().st_size - 44:
                problems.append(f"recording.wav: header says {data} bytes of audio, the file holds "
                                f"{wav.stat().st_size - 44}")
            if data == 0:
                problems.append("recording.wav holds no audio")
        except (OSError, EOFError, wave.Error) as exc:
            problems.append(f"recording.wav: {exc}")
    try:
        with sqlite3.connect(storage / "calls.sqlite") as db:
            row = db.execute("SELECT outcome FROM calls WHERE id = ?", (folder.name,)).fetchone()
        if row is None or not row[0]:
            problems.append(f"calls.sqlite: the call's row has no outcome ({row})")
    except sqlite3.Error as exc:
        problems.append(f"calls.sqlite: {exc}")
    return problems


def _summary(storage: Path) -> dict[str, Any]:
    folders = sorted((storage / "calls").iterdir())
    return json.loads((folders[0] / "call.json").read_text())


def _transcript(storage: Path) -> list[dict[str, Any]]:
    folder = sorted((storage / "calls").iterdir())[0]
    return [json.loads(line) for line in (folder / "transcript.jsonl").read_text().splitlines()]


def _outcome(run: AgentRun) -> str:
    try:
        return str(_summary(run.storage)["outcome"])
    except (OSError, ValueError, IndexError, KeyError):
        return "(no call.json)"


def _booked_right(storage: Path, code: str | None = BOOKING_CODE) -> bool:
    """Not "booked" with a code other than the one the business gave (None: it gives none, and none may be
    claimed): a wrong success is the worst error. A code not caught is no wrong claim (see _code_kept)."""
    with contextlib.suppress(OSError, ValueError, IndexError):
        summary = _summary(storage)
        return summary["outcome"] != "booked" or summary["details"].get("booking_code") in (code, None)
    return True


def _code_kept(storage: Path) -> str | None:
    """The booking code the call brought back, for the bench's detail."""
    with contextlib.suppress(OSError, ValueError, IndexError):
        return _summary(storage)["details"].get("booking_code")
    return None


# ---- a running agent, for faults that strike mid-call ---------------------------------------------------
class AgentProcess:
    """`taskcall dial` started in the background, to fault it (or its peers) while the call is up."""

    def __init__(self, destination: str, config: Path, *extra: str, password: str | None = None) -> None:
        env = agent_env(config, password)
        self.storage = config.parent / "data"
        self.out_path = config.parent / "agent.out"
        self._out = self.out_path.open("w")
        self.proc = subprocess.Popen([TASKCALL, "dial", destination, "--config", str(config),
                                      *(extra or RESTAURANT_TASK)], stdin=subprocess.DEVNULL, stdout=self._out,
                                     stderr=subprocess.STDOUT, text=True, env=env)

    def folder(self) -> Path | None:
        root = self.storage / "calls"
        folders = sorted(root.iterdir()) if root.exists() else []
        return folders[0] if folders else None

    def agent_lines(self) -> int:
        """How many lines the agent has said so far (from its transcript file)."""
        folder = self.folder()
        path = folder / "transcript.jsonl" if folder else None
        if path is None or not path.exists():
            return 0
        return sum('"speaker": "agent"' in line for line in path.read_text().splitlines())

    def recorded_s(self) -> float:
        folder = self.folder()
        wav = folder / "recording.wav" if folder else None
        return (wav.stat().st_size - 44) / 32000 if wav is not None and wav.exists() else 0.0

    def wait(self, timeout: float) -> AgentRun:
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._out.close()
        return AgentRun(self.proc.returncode, self.out_path.read_text(), self.storage)


# ---- the faults ------------------------------------------------------------------------------------------
def lossy_network(work: Path, loss: float, jitter_ms: float = 60.0, name: str | None = None,
                  seed: int = 7) -> FaultRun:
    """The restaurant booking over a path that loses `loss` of the RTP packets both ways, with jitter."""
    started = time.monotonic()
    with FarEndProcess("restaurant", work / "farend") as far, \
            LossyRelay(("127.0.0.1", far.port), loss=loss, jitter_ms=jitter_ms, seed=seed) as relay:
        run = dial(relay.uri("luigis"), write_config(work / "agent"), timeout=240)
        far.wait(30)
    expected = ("booked",) if loss <= 0.05 else ("booked", "hung-up", "not-confirmed", "unclear")
    return FaultRun(name or f"rtp_loss_{round(loss * 100)}pct_jitter_{round(jitter_ms)}ms", _outcome(run),
                    expected, run.returncode, time.monotonic() - started, record_problems(run.storage),
                    checks={"no wrong booking": _booked_right(run.storage)},
                    detail={"rtp_packets": relay.stats.rtp_in, "rtp_lost": round(relay.stats.loss, 3),
                            "rtp_reordered": relay.stats.rtp_reordered, "booking_code": _code_kept(run.storage)},
                    output=run.output)


def trunk_killed_mid_call(work: Path) -> FaultRun:
    """kamailio (the trunk, on the call's signalling path by record-route) is killed 6 s into the call. The host
    hangs up after giving the code without answering the read-back, so the end of the call is theirs: their BYE,
    routed through the dead trunk, never comes, and the agent must notice the dead line itself."""
    work.mkdir(parents=True, exist_ok=True)
    host = work / "restaurant_hangs_up.toml"
    host.write_text("\n".join(line for line in (SCENARIOS / "restaurant.toml").read_text().splitlines()
                              if not line.startswith("answer =")) + "\n")
    with FarEndProcess(host, work / "farend") as far, \
            Kamailio(USER, PASSWORD, routes={NUMBER: far.uri}, workdir=work / "trunk") as trunk:
        agent = AgentProcess(NUMBER, write_config(work / "agent", trunk=trunk.address),
                             password=PASSWORD)
        wait_until(lambda: agent.recorded_s() > 6.0, 60)
        assert trunk.pid is not None
        os.killpg(trunk.pid, signal.SIGKILL)
        killed = time.monotonic()
        run = agent.wait(240)
        far.wait(60)
    return FaultRun("trunk_killed_mid_call", _outcome(run), ("booked",), run.returncode,
                    time.monotonic() - killed, record_problems(run.storage),
                    checks={"no wrong booking": _booked_right(run.storage),
                            "the dead line was noticed": "the line went dead" in run.output}, output=run.output)


def trunk_dies_before_invite(work: Path) -> FaultRun:
    """The trunk accepts the REGISTER and is gone when the INVITE follows."""
    started = time.monotonic()
    with Sipp("registrar_dies_uas", free_udp_port(), workdir=work / "sipp") as registrar:
        run = dial(NUMBER, write_config(work / "agent", trunk=registrar.address), password=PASSWORD, timeout=120)
    return FaultRun("trunk_dies_before_invite", _outcome(run), ("trunk-unreachable",), run.returncode,
                    time.monotonic() - started, record_problems(run.storage, answered=False),
                    checks={"exit code 3": run.returncode == 3}, output=run.output)


def registrar_unreachable(work: Path) -> FaultRun:
    """Nothing listens where the registrar should be."""
    started = time.monotonic()
    run = dial(NUMBER, write_config(work / "agent", trunk=f"127.0.0.1:{free_udp_port()}"), password=PASSWORD,
               timeout=120)
    return FaultRun("registrar_unreachable", _outcome(run), ("trunk-unreachable",), run.returncode,
                    time.monotonic() - started, record_problems(run.storage, answered=False),
                    checks={"exit code 3": run.returncode == 3}, output=run.output)


def reinvite(work: Path, scenario: str, expected: tuple[str, ...], task: tuple[str, ...] = (),
             code: str | None = BOOKING_CODE) -> FaultRun:
    """The far end re-INVITEs mid-call (codec_change: only PCMA offered; sip_hold: sendonly, then back)."""
    started = time.monotonic()
    with FarEndProcess(scenario, work / "farend") as far:
        run = dial(far.uri, write_config(work / "agent"), *task, timeout=300)
        far.wait(30)
        far_log = far.entries()
    checks = {"no wrong booking": _booked_right(run.storage, code),
              "the far end completed its scenario": any(e["event"] == "scenario-end" and e.get("completed")
                                                        for e in far_log)}
    if scenario == "codec_change":  # the agent's stream really went over to A-law (its own PJSIP log says)
        log = sorted((run.storage / "calls").iterdir())[0] / "pjsip.log"
        checks["stream switched to PCMA"] = "Audio updated, stream #0: PCMA" in log.read_text(errors="replace")
    return FaultRun(f"reinvite_{scenario}", _outcome(run), expected, run.returncode, time.monotonic() - started,
                    record_problems(run.storage), checks=checks, output=run.output)


def bye_mid_sentence(work: Path) -> FaultRun:
    """The other party hangs up 2 s into the agent's first sentence."""
    with FarEndProcess("hangup_midway", work / "farend") as far:
        run = dial(far.uri, write_config(work / "agent"), timeout=120)
        far.wait(20)
        far_log = far.entries()
    ended = next((e for e in far_log if e["event"] == "call-ended"), None)
    answered = next((e for e in far_log if e["event"] == "answered"), None)
    summary = _summary(run.storage) if not record_problems(run.storage) else {}
    lines = _transcript(run.storage) if summary else []
    said = [line for line in lines if line["speaker"] == "agent"]
    # Both ends count from the answer: the agent's talk time less the far end's time to its BYE.
    seconds = summary["talk_s"] - (ended["t"] - answered["t"]) if summary and ended and answered else -1.0
    return FaultRun("bye_mid_sentence", _outcome(run), ("hung-up",), run.returncode, seconds,
                    record_problems(run.storage), checks={"the agent had started a sentence": bool(said)},
                    output=run.output)


def disk_full(work: Path) -> FaultRun:
    """The disk holding the call records fills 6 s into the call (a small tmpfs, then a filler file)."""
    disk = work / "disk"
    disk.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m,mode=0700", "tmpfs", str(disk)], check=True,
                   capture_output=True)
    try:
        with FarEndProcess("restaurant", work / "farend") as far:
            config = write_config(disk / "agent")
            agent = AgentProcess(far.uri, config)
            wait_until(lambda: agent.recorded_s() > 6.0, 60)
            filled = time.monotonic()
            _fill(disk / "filler")
            run = agent.wait(240)
            far.wait(30)
        kept = work / "kept"  # copied off the tmpfs before it goes
        subprocess.run(["cp", "-a", str(disk / "agent"), str(kept)], check=True)
        (disk / "filler").unlink()
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False, capture_output=True)
    storage = kept / "data"
    summary = _summary(storage) if (sorted((storage / "calls").iterdir())[0] / "call.json").exists() else {}
    problems = [p for p in record_problems(storage) if not p.startswith("calls.sqlite")]  # the index is a copy
    incomplete = summary.get("records_incomplete", [])
    checks = {"recording stop noted": any(n.startswith("recording.wav stops at") for n in incomplete),
              "no wrong booking": _booked_right(storage),
              "warned on stderr": "records incomplete" in run.output}
    return FaultRun("disk_full_while_recording", summary.get("outcome", "(no call.json)"), ("booked",),
                    run.returncode, time.monotonic() - filled, problems, checks=checks,
                    detail={"records_incomplete": incomplete, "unsaved_lines": len(summary.get("unsaved_lines", []))},
                    output=run.output)


def _fill(path: Path) -> None:
    """Write zeros until the filesystem refuses."""
    block = bytes(1 << 20)
    with path.open("wb", buffering=0) as f:
        while True:
            try:
                f.write(block)
            except OSError:
                break
    with path.open("ab", buffering=0) as f:  # the last partial megabyte too
        for _ in range(1 << 10):
            try:
                f.write(bytes(1024))
            except OSError:
                break


def kill_9(work: Path) -> FaultRun:
    """`kill -9` of the agent 8 s into the call; the next `taskcall calls` completes the records."""
    with FarEndProcess("restaurant", work / "farend") as far:
        config = write_config(work / "agent")
        agent = AgentProcess(far.uri, config)
        wait_until(lambda: agent.recorded_s() > 8.0 and agent.agent_lines() >= 1, 60)
        agent.proc.kill()
        killed = time.monotonic()
        run = agent.wait(10)
        before = _readable_before_recovery(run.storage)
        listing = subprocess.run([TASKCALL, "calls", "--config", str(config)], capture_output=True, text=True,
                                 timeout=60)
    seconds = time.monotonic() - killed
    checks = {"killed": run.returncode == -signal.SIGKILL, "readable before recovery": before,
              "recovery reported": "recovered" in listing.stdout and listing.returncode == 0}
    return FaultRun("kill_9_mid_call", _outcome(run), ("interrupted",), run.returncode, seconds,
                    record_problems(run.storage), checks=checks, output=run.output + listing.stdout + listing.stderr)


def _readable_before_recovery(storage: Path) -> bool:
    """What a killed agent left is readable as it is: whole transcript lines, a WAV with a valid header."""
    folder = sorted((storage / "calls").iterdir())[0]
    lines = (folder / "transcript.jsonl").read_text().splitlines()
    try:
        [json.loads(line) for line in lines]
        with wave.open(str(folder / "recording.wav")) as w:
            return bool(lines) and w.getnframes() > 8000 * 4
    except (ValueError, wave.Error, EOFError):
        return False


# As in tests/e2e/test_line_scenarios.py, which pins the silence on hold itself.
_HOLD_TASK = ("--task", "Book a flu shot for Thursday at 11 am", "--fact", "name=Alex Smith",
              "--fact", "phone=+1 555 0142", "--party", "Riverside Pharmacy")

FAULTS: dict[str, Callable[[Path], FaultRun]] = {
    "rtp_loss_5pct": lambda work: lossy_network(work, 0.05),
    "rtp_loss_15pct": lambda work: lossy_network(work, 0.15),
    "trunk_killed_mid_call": trunk_killed_mid_call,
    "trunk_dies_before_invite": trunk_dies_before_invite,
    "registrar_unreachable": registrar_unreachable,
    "reinvite_codec_change": lambda work: reinvite(work, "codec_change", ("booked",)),
    "reinvite_hold": lambda work: reinvite(work, "sip_hold", ("booked",), _HOLD_TASK, code=None),
    "bye_mid_sentence": bye_mid_sentence,
    "disk_full_while_recording": disk_full,
    "kill_9_mid_call": kill_9,
}


def can_mount_tmpfs() -> bool:
    """The disk-full fault mounts a small tmpfs (root in this sandbox and in CI)."""
    return os.geteuid() == 0 and re.search(r"\btmpfs\b", Path("/proc/filesystems").read_text()) is not None
