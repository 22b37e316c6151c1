"""Calls that a dead agent process left behind (kill -9, a crash, a power cut), found and made whole.

A running call holds an exclusive flock on `in-progress.lock` in its folder; the kernel releases it when the
process dies, however it dies. A folder without call.json whose lock nobody holds is an interrupted call:
its transcript is cut to whole lines, its recording to whole frames with a true header, and it gets a
call.json with the outcome "interrupted". The next `taskcall dial` or `taskcall calls` does this (main thread).
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path
from typing import IO, Any

from agent.app.recording import repair_transcript, repair_wav
from agent.app.summary_file import SUMMARY, write_summary

LOCK_NAME = "in-progress.lock"
INTERRUPTED = "interrupted"


class CallLock:
    """Held for the life of a call (main thread takes it, releases it after call.json is written)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / LOCK_NAME
        self._file: IO[str] | None = self.path.open("w")
        fcntl.flock(self._file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        self._file.write(f"{os.getpid()}\n")
        self._file.flush()

    def release(self) -> None:
        """Drop the lock file: the call's records are final (idempotent)."""
        if self._file is not None:
            self.path.unlink(missing_ok=True)
            self._file.close()  # closing releases the flock
            self._file = None


def _held(lock: Path) -> bool:
    if not lock.exists():  # a call folder is locked right after it is made: young and unlocked is being born
        return time.time() - lock.parent.stat().st_mtime < 60
    try:
        with lock.open("r") as f:
            try:
                fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return True
            return False
    except FileNotFoundError:
        return False


def interrupted_calls(calls_dir: Path) -> list[Path]:
    """Folders of calls that started and never finished, and that no live process is running."""
    if not calls_dir.is_dir():
        return []
    found = []
    for folder in sorted(calls_dir.iterdir()):
        if folder.is_dir() and not (folder / SUMMARY).exists() and not _held(folder / LOCK_NAME):
            found.append(folder)
    return found


def recover(folder: Path) -> dict[str, Any]:
    """Make an interrupted call's records whole and give it a call.json; returns that summary."""
    notes = []
    lines: list[dict[str, Any]] = []
    transcript = folder / "transcript.jsonl"
    if transcript.exists():
        lines = repair_transcript(transcript)
    recording = folder / "recording.wav"
    seconds = None
    if recording.exists():
        try:
            seconds = repair_wav(recording)
        except (OSError, ValueError) as exc:
            notes.append(f"recording.wav could not be repaired: {exc}")
    last_t = max((float(line.get("t", 0.0)) for line in lines), default=0.0)
    reason = ("the agent process stopped during the call (killed, crashed or the machine went down); "
              f"the transcript runs to {last_t:.1f} s")
    if seconds is not None:
        reason += f", the recording to {seconds:.1f} s"
    summary = {
        "call_id": folder.name,
        "outcome": INTERRUPTED,
        "reason": reason,
        "details": {},
        "duration_s": round(last_t, 2),
        "talk_s": round(seconds, 2) if seconds is not None else 0.0,
        "metrics": None,
        "notes": notes,
        "files": {"transcript": "transcript.jsonl" if transcript.exists() else None,
                  "recording": "recording.wav" if recording.exists() else None},
    }
    write_summary(folder, summary)
    (folder / LOCK_NAME).unlink(missing_ok=True)
    return summary
