"""Frame buffers between the agent's threads and PJSIP's media clock thread (no pjsua2 here)."""

from __future__ import annotations

import collections
import queue
import threading
import time
from collections.abc import Callable

FRAME_BYTES = 320  # 20 ms of 8 kHz 16-bit mono
SILENCE = bytes(FRAME_BYTES)


class PlayoutBuffer:
    """What the agent will say next, popped one 20 ms frame per clock tick; barge-in is `flush()`.

    `push` runs on the TTS worker thread, `pop_frame` on PJSIP's clock thread: both are a few
    deque operations under a lock so the clock thread never waits long.
    """

    def __init__(self, on_mark: Callable[[int], None] | None = None) -> None:
        self._frames: collections.deque[bytes | int | None] = collections.deque()
        self._lock = threading.Lock()
        self._carry = b""
        self.on_mark = on_mark  # called on the clock thread: must only enqueue
        self.active = False  # an utterance has started playing and has not reached its mark
        self.underruns = 0  # frames played as silence while an utterance was still active
        self.frames_played = 0

    def push(self, pcm: bytes) -> None:
        """Queue PCM (8 kHz 16-bit mono); partial frames are held until the next push or mark."""
        with self._lock:
            data = self._carry + pcm
            whole = len(data) - len(data) % FRAME_BYTES
            for i in range(0, whole, FRAME_BYTES):
                self._frames.append(data[i : i + FRAME_BYTES])
            self._carry = data[whole:]

    def mark(self, utterance_id: int) -> None:
        """Report `utterance_id` through on_mark once everything queued before it has played."""
        with self._lock:
            if self._carry:
                self._frames.append(self._carry.ljust(FRAME_BYTES, b"\0"))
                self._carry = b""
            self._frames.append(utterance_id)

    def push_clip(self, pcm: bytes) -> None:
        """Queue a short sound that no one waits for (an in-band DTMF tone): its end reports no mark."""
        with self._lock:
            data = self._carry + pcm
            data += bytes(-len(data) % FRAME_BYTES)
            self._carry = b""
            for i in range(0, len(data), FRAME_BYTES):
                self._frames.append(data[i : i + FRAME_BYTES])
            self._frames.append(None)  # the clip ended: the silence after it is not an underrun

    def flush(self) -> None:
        """Drop everything not yet played (barge-in)."""
        with self._lock:
            self._frames.clear()
            self._carry = b""
            self.active = False

    def pop_frame(self) -> bytes:
        """Clock thread: the next frame to send, silence when nothing is queued."""
        marks: list[int] = []
        with self._lock:
            frame = SILENCE
            while self._frames:
                item = self._frames.popleft()
                if item is None:
                    self.active = False
                    continue
                if isinstance(item, int):
                    marks.append(item)
                    self.active = False
                    continue
                frame = item
                self.frames_played += 1
                self.active = True
                break
            else:
                if self.active and not marks:
                    self.underruns += 1
        if marks and self.on_mark is not None:
            for mark in marks:
                self.on_mark(mark)
        return frame

    @property
    def pending_frames(self) -> int:
        """Frames not yet played."""
        with self._lock:
            return sum(1 for item in self._frames if isinstance(item, bytes))


class InboundFrames:
    """Frames heard from the line, handed from the clock thread to the listener thread.

    Each pair carries the monotonic time it arrived, so the listener can tell how late it handles it."""

    def __init__(self, max_frames: int = 500) -> None:
        self._queue: queue.Queue[tuple[bytes, bytes, float]] = queue.Queue(maxsize=max_frames)
        self.dropped = 0  # frames lost because the listener fell behind

    def put(self, heard: bytes, sent: bytes) -> None:
        """Clock thread: never blocks; counts a drop when the listener is 10 s behind."""
        try:
            self._queue.put_nowait((heard, sent, time.monotonic()))
        except queue.Full:
            self.dropped += 1

    def get(self, timeout: float) -> tuple[bytes, bytes, float] | None:
        """Listener thread: the next (heard, sent, arrived_at) frames, or None on timeout."""
        try:
            return self._queue.get(timeout=timeout)
        except queue.Empty:
            return None
