"""Run the real agent (`taskcall dial`) as its own process against real peers, and read what it left."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

TASKCALL = str(Path(sys.executable).parent / "taskcall")
RESTAURANT_TASK = ["--task", "Book a table for 4 tomorrow at 7:30 pm", "--fact", "name=Alex Smith",
                   "--party", "Luigi's"]


@dataclass
class AgentRun:
    """A finished `taskcall dial`."""

    returncode: int
    output: str
    storage: Path

    def calls(self) -> list[Path]:
        """Call folders, oldest first."""
        root = self.storage / "calls"
        return sorted(root.iterdir()) if root.exists() else []

    def summary(self) -> dict[str, Any]:
        """call.json of the only call."""
        folders = self.calls()
        assert len(folders) == 1, f"expected one call folder, found {folders}\n{self.output}"
        return json.loads((folders[0] / "call.json").read_text())

    def transcript(self) -> list[dict[str, Any]]:
        """transcript.jsonl of the only call."""
        path = self.calls()[0] / "transcript.jsonl"
        return [json.loads(line) for line in path.read_text().splitlines()]

    def diagnosis(self) -> str:
        """The output, the call's metrics and the pauses of 1 s or more inside our own speech (a stalled voice
        shows there): what a failed end-to-end call needs to be understood after its folder is gone."""
        lines = [self.output]
        folders = self.calls()
        if not folders:
            return self.output
        try:
            lines.append(f"metrics: {json.dumps(json.loads((folders[-1] / 'call.json').read_text()).get('metrics'))}")
            with wave.open(str(folders[-1] / "recording.wav")) as w:
                ours = np.frombuffer(w.readframes(w.getnframes()), "<i2").reshape(-1, 2)[:, 1].astype(np.float64)
            frames = ours[: len(ours) // 160 * 160].reshape(-1, 160)
            voiced = np.flatnonzero(np.sqrt((frames ** 2).mean(axis=1)) > 100)  # about -50 dBFS
            gaps = [(round(float(a) * 0.02, 2), round(float(b - a) * 0.02, 2))
                    for a, b in zip(voiced, voiced[1:], strict=False) if b - a >= 50]
            lines.append(f"our pauses of 1 s or more (start s, length s): {gaps}")
        except (OSError, ValueError, wave.Error) as exc:
            lines.append(f"(records unreadable: {exc})")
        return "\n".join(lines)


def write_config(workdir: Path, *, trunk: str = "", limits: dict[str, float] | None = None,
                 principal: str = "") -> Path:
    """A config TOML for one test: storage inside workdir, optional trunk, tightened limits, principal's name."""
    workdir.mkdir(parents=True, exist_ok=True)
    text = f'[storage]\ndir = "{workdir / "data"}"\n\n'
    if principal:
        text += f'[principal]\nname = "{principal}"\n\n'
    if trunk:
        text += f'[trunk]\nregistrar = "sip:{trunk}"\nusername = "taskcall"\ndomain = "{trunk}"\n' \
                "register_timeout_s = 4\n\n"
    text += "[limits]\n" + "".join(f"{k} = {v}\n" for k, v in (limits or {}).items())
    path = workdir / "config.toml"
    path.write_text(text)
    return path


def agent_env(config: Path, password: str | None = None) -> dict[str, str]:
    """The agent's environment for a test: none of the caller's TASKCALL_ settings, the trunk password if given,
    and a credentials file that does not exist."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TASKCALL_")}
    if password is not None:
        env["TASKCALL_TRUNK_PASSWORD"] = password
    env["TASKCALL_CREDENTIALS"] = str(config.parent / "no-credentials.toml")
    return env


def dial(destination: str, config: Path, *extra: str, password: str | None = None, stdin: str | None = None,
         timeout: float = 180) -> AgentRun:
    """Run the agent to the end of the call."""
    env = agent_env(config, password)
    proc = subprocess.run(
        [TASKCALL, "dial", destination, "--config", str(config), *(extra or RESTAURANT_TASK)],
        input=stdin, stdin=None if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        timeout=timeout, env=env,
    )
    storage = config.parent / "data"
    return AgentRun(proc.returncode, proc.stdout, storage)
