"""What a call leaves behind, written as it happens so a dropped call still has its transcript and audio."""

from __future__ import annotations

import json
import struct
import time
from pathlib import Path
from typing import Any, BinaryIO

_HEADER_BYTES = 44
_PATCH_EVERY = 50  # frames (1 s): how stale the WAV header may get if the process dies


class StereoWavWriter:
    """8 kHz 16-bit stereo WAV (left: the other party, right: the agent) whose header stays valid as it grows."""

    def __init__(self, path: Path, rate: int = 8000) -> None:
        self.path = path
        self.rate = rate
        self._file: BinaryIO | None = path.open("wb")
        self._data_bytes = 0
        self._since_patch = 0
        self._write_header()

    def write(self, left: bytes, right: bytes) -> None:
        """Append one pair of mono frames of equal length."""
        if self._file is None:
            return
        samples_l = memoryview(left).cast("h")
        samples_r = memoryview(right).cast("h")
        interleaved = bytearray(len(left) * 2)
        out = memoryview(interleaved).cast("h")
        out[0::2] = samples_l
        out[1::2] = samples_r
        self._file.write(interleaved)
        self._data_bytes += len(interleaved)
        self._since_patch += 1
        if self._since_patch >= _PATCH_EVERY:
            self._patch()

    def close(self) -> None:
        """Fix the header and close (idempotent)."""
        if self._file is not None:
            self._patch()
            self._file.close()
            self._file = None

    @property
    def seconds(self) -> float:
        """Duration written so far."""
        return self._data_bytes / (self.rate * 4)

    def _write_header(self) -> None:
        assert self._file is not None
        self._file.write(_wav_header(self._data_bytes, self.rate, channels=2))

    def _patch(self) -> None:
        assert self._file is not None
        position = self._file.tell()
        self._file.seek(0)
        self._write_header()
        self._file.seek(position)
        self._file.flush()
        self._since_patch = 0


def _wav_header(data_bytes: int, rate: int, channels: int) -> bytes:
    block = channels * 2
    return struct.pack(
        "<4sI4s4sIHHIIHH4sI",
        b"RIFF", 36 + data_bytes, b"WAVE", b"fmt ", 16, 1, channels, rate, rate * block, block, 16,
        b"data", data_bytes,
    )


class TranscriptLog:
    """One JSON object per line, flushed at once: {"t": seconds since start, "speaker": ..., "text": ...}."""

    def __init__(self, path: Path, clock: Any = time.monotonic) -> None:
        self.path = path
        self._clock = clock
        self._start = clock()
        self._file = path.open("a", encoding="utf-8")
        self.lines: list[dict[str, Any]] = []

    def add(self, speaker: str, text: str, **extra: Any) -> dict[str, Any]:
        """Append a line and return it."""
        line = {"t": round(self._clock() - self._start, 3), "speaker": speaker, "text": text, **extra}
        self.lines.append(line)
        if not self._file.closed:
            self._file.write(json.dumps(line) + "\n")
            self._file.flush()
        return line

    def close(self) -> None:
        """Close the file (idempotent)."""
        self._file.close()
