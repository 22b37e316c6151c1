"""Start the far-end simulator as its own process and read back its log (used by demo, bench and tests)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scripts" / "scenarios"


def free_udp_port() -> int:
    """A UDP port nobody on 127.0.0.1 is using right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class FarEndProcess:
    """`with FarEndProcess(scenario, workdir) as far:` -> far.uri to dial, far.entries() after the call."""

    def __init__(self, scenario: str | Path, workdir: Path, *, calls: int = 1, user: str = "luigis",
                 port: int | None = None, echo: bool = False) -> None:
        self.scenario = Path(scenario) if Path(scenario).exists() else SCENARIOS / f"{scenario}.toml"
        self.workdir = workdir
        self.calls = calls
        self.user = user
        self.port = port or free_udp_port()
        self.log_path = workdir / "farend.jsonl"
        self.out_path = workdir / "farend.out"
        self.echo = echo
        self.proc: subprocess.Popen[str] | None = None
        self._ready = threading.Event()

    @property
    def uri(self) -> str:
        """Where to call it."""
        return f"sip:{self.user}@127.0.0.1:{self.port}"

    def __enter__(self) -> FarEndProcess:
        self.workdir.mkdir(parents=True, exist_ok=True)
        if self.log_path.exists():
            self.log_path.unlink()
        cmd = [sys.executable, str(ROOT / "scripts" / "farend.py"), "--scenario", str(self.scenario),
               "--port", str(self.port), "--user", self.user, "--log", str(self.log_path),
               "--calls", str(self.calls), "--sip-log", str(self.workdir / "farend-pjsip.log")]
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        threading.Thread(target=self._drain, daemon=True).start()
        if not self._ready.wait(60):
            self.__exit__(None, None, None)
            raise RuntimeError(f"far-end simulator did not start; see {self.out_path}")
        return self

    def _drain(self) -> None:
        assert self.proc is not None and self.proc.stdout is not None
        with self.out_path.open("w") as out:
            for line in self.proc.stdout:
                out.write(line)
                out.flush()
                if line.startswith("READY "):
                    self._ready.set()
                elif self.echo and line.startswith("{"):
                    entry = json.loads(line)
                    if entry["event"] in ("said", "heard", "recorded"):
                        print(f"    (far end {entry['event']}: {entry.get('text')})", flush=True)
                    elif entry["event"] in ("sip-hold", "sip-unhold"):
                        print(f"    (far end: {entry['event']})", flush=True)
                    elif entry["event"] == "menu-input":
                        print(f"    (far end menu {entry['label']}: {entry['method']} {entry['input']!r} -> "
                              f"{entry['target']})", flush=True)
                    elif entry["event"] in ("collected", "hold", "menu-gave-up", "collect-gave-up"):
                        detail = {k: v for k, v in entry.items() if k not in ("t", "event")}
                        print(f"    (far end {entry['event']}: {detail})", flush=True)

    def wait(self, timeout: float = 30) -> int:
        """Wait for the simulator to finish its calls; its exit code."""
        assert self.proc is not None
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.terminate()
            return self.proc.wait(5)

    def __exit__(self, *exc: Any) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def entries(self) -> list[dict[str, Any]]:
        """The simulator's log, one dict per line."""
        if not self.log_path.exists():
            return []
        return [json.loads(line) for line in self.log_path.read_text().splitlines() if line.strip()]


def wait_until(predicate: Any, timeout: float, interval: float = 0.05) -> bool:
    """Poll until predicate() is true or the timeout passes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return bool(predicate())
