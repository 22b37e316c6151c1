"""What a call leaves behind, written as it happens so a dropped call still has its transcript and audio."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import struct
import time
from pathlib import Path
from typing import Any, BinaryIO

_HEADER_BYTES = 44
_PATCH_EVERY = 50  # frames (1 s): how stale the WAV header may get if the process dies
_BLOCK = 4  # bytes per stereo sample pair: a recording is cut back to whole pairs


class StereoWavWriter:
    """8 kHz 16-bit stereo WAV (left: the other party, right: the agent) whose header stays valid as it grows."""

    def __init__(self, path: Path, rate: int = 8000) -> None:
        self.path = path
        self.rate = rate
        # Unbuffered: a write either lands whole or fails here, so a full disk is seen on the frame it hits.
        self._file: BinaryIO | None = None
        self._data_bytes = 0
        self._since_patch = 0
        self.stopped: str | None = None  # why recording stopped early (a full disk), if it did
        self._file = path.open("wb", buffering=0)
        try:
            self._write_header()
        except OSError:
            self._file.close()
            path.unlink(missing_ok=True)  # a file without a whole header is no recording
            raise

    @classmethod
    def refused(cls, path: Path, exc: OSError) -> StereoWavWriter:
        """A writer for a recording the disk refused from the start: it writes nothing and says why."""
        writer = cls.__new__(cls)
        writer.path, writer.rate, writer._file = path, 8000, None
        writer._data_bytes, writer._since_patch = 0, 0
        writer.stopped = f"{type(exc).__name__}: {exc.strerror or exc}"
        return writer

    def write(self, left: bytes, right: bytes) -> None:
        """Append one pair of mono frames of equal length.

        OSError (a full disk, a quota) stops the recording: the file is cut back to the last whole frame
        and its header fixed (in place, needing no new space), and the error is raised once to say so."""
        if self._file is None:
            return
        samples_l = memoryview(left).cast("h")
        samples_r = memoryview(right).cast("h")
        interleaved = bytearray(len(left) * 2)
        out = memoryview(interleaved).cast("h")
        out[0::2] = samples_l
        out[1::2] = samples_r
        try:
            _write_all(self._file, interleaved)
        except OSError as exc:
            self.stopped = f"{type(exc).__name__}: {exc.strerror or exc}"
            self._stop()
            raise
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

    def _stop(self) -> None:
        """After a failed write: drop any part of a frame that reached the disk, fix the header, close."""
        assert self._file is not None
        with contextlib.suppress(OSError):
            self._file.truncate(_HEADER_BYTES + self._data_bytes)
            self._file.seek(_HEADER_BYTES + self._data_bytes)
            self._patch()
        with contextlib.suppress(OSError):
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


def _write_all(file: BinaryIO, data: bytes | bytearray) -> None:
    """Write everything (unbuffered files may take part of it); a disk that takes no more raises its own error
    (ENOSPC, EDQUOT, EFBIG) on the next attempt."""
    view = memoryview(data)
    while view:
        written = file.write(view)
        if not written:
            raise OSError(errno.ENOSPC, "the disk took no more bytes")
        view = view[written:]


def repair_wav(path: Path) -> float:
    """Make a recording left by a process that died (kill -9, power loss) whole: cut any partial stereo frame,
    set the header's sizes to what is on disk. Returns the seconds it holds. The header it had may be up to
    a second stale (patched once a second while recording)."""
    with path.open("r+b") as f:
        size = os.fstat(f.fileno()).st_size
        if size < _HEADER_BYTES:
            raise ValueError(f"{path}: {size} bytes, shorter than a WAV header")
        head = f.read(12)
        if head[:4] != b"RIFF" or head[8:12] != b"WAVE":
            raise ValueError(f"{path}: not a WAV file")
        data = (size - _HEADER_BYTES) // _BLOCK * _BLOCK
        f.truncate(_HEADER_BYTES + data)
        f.seek(0)
        f.write(_wav_header(data, 8000, channels=2))
    return data / (8000 * _BLOCK)


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
        self._file = path.open("ab", buffering=0)  # each line lands whole or fails here, never half-buffered
        self.lines: list[dict[str, Any]] = []
        self.write_error: str | None = None  # set when the disk refused a line; later lines stay in memory
        self.saved = 0  # lines on disk (the first `saved` of `lines`)

    def add(self, speaker: str, text: str, **extra: Any) -> dict[str, Any]:
        """Append a line and return it. When the disk refuses it, the line is kept in memory (the call goes on
        and its summary still has it), the file is cut back to its last whole line, and `write_error` says why."""
        line = {"t": round(self._clock() - self._start, 3), "speaker": speaker, "text": text, **extra}
        self.lines.append(line)
        if not self._file.closed and self.write_error is None:
            data = (json.dumps(line) + "\n").encode()
            at = os.fstat(self._file.fileno()).st_size
            try:
                _write_all(self._file, data)
                self.saved += 1
            except OSError as exc:
                self.write_error = f"{type(exc).__name__}: {exc.strerror or exc}"
                with contextlib.suppress(OSError):
                    os.truncate(self.path, at)  # no half line for a reader to choke on
        return line

    def close(self) -> None:
        """Close the file (idempotent)."""
        with contextlib.suppress(OSError):  # a full disk may refuse the final flush: what it took stays
            self._file.close()


def repair_transcript(path: Path) -> list[dict[str, Any]]:
    """The whole lines of a transcript left by a process that died; a torn last line is cut off the file."""
    raw = path.read_bytes()
    lines: list[dict[str, Any]] = []
    good = 0
    for chunk in raw.splitlines(keepends=True):
        if not chunk.endswith(b"\n"):
            break
        try:
            lines.append(json.loads(chunk))
        except ValueError:
            break
        good += len(chunk)
    if good != len(raw):
        os.truncate(path, good)
    return lines
