"""call.json, the call's summary: its disk space is reserved when the call starts and the summary is written over
that reservation and renamed into place, so a disk that filled during the call (or a process that died while
the disk was full) still gets it. Main thread: `taskcall dial` after the call, or recovery of an interrupted one."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

SUMMARY = "call.json"
SUMMARY_RESERVE = "call.json.tmp"
_RESERVE_BYTES = 256 * 1024


def reserve_summary(folder: Path) -> None:
    """Set aside disk space for call.json before the call, so a disk that fills during the call (recording,
    transcript) still takes the summary: outcome, what was agreed, and the lines the transcript missed."""
    with (folder / SUMMARY_RESERVE).open("wb") as f:
        try:
            os.posix_fallocate(f.fileno(), 0, _RESERVE_BYTES)
        except OSError:
            f.write(bytes(_RESERVE_BYTES))  # filesystems without fallocate: real zeros hold the blocks


def write_summary(folder: Path, summary: dict[str, Any]) -> None:
    """Write call.json atomically, over the reserved blocks when they are there (no new space needed)."""
    data = (json.dumps(summary, indent=2) + "\n").encode()
    tmp = folder / SUMMARY_RESERVE
    with tmp.open("r+b" if tmp.exists() else "wb") as f:
        f.write(data)
        f.truncate(len(data))
    tmp.replace(folder / SUMMARY)
