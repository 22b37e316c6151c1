"""What a call leaves when the disk fills or the process dies: whole frames, whole lines, true headers, and an
interrupted call found and completed by the next start. (The real full disk and the real kill -9 are in
tests/e2e/test_faults.py; here a file that refuses writes stands in for the disk.)"""

from __future__ import annotations

import errno
import json
import os
import struct
import time
import wave
from pathlib import Path
from typing import Any

import pytest

from agent.app.interrupted import LOCK_NAME, CallLock, interrupted_calls, recover
from agent.app.recording import StereoWavWriter, TranscriptLog, repair_transcript, repair_wav
from agent.app.summary_file import SUMMARY_RESERVE, reserve_summary

FRAME = bytes(range(256)) * 1 + bytes(64)  # 320 bytes: 160 samples, one 20 ms frame


class _FillsUp:
    """A file that may grow by `budget` more bytes: the write that crosses it lands in part, then ENOSPC.
    Overwriting what is already there always works, as on a real full disk (the blocks are allocated)."""

    def __init__(self, real: Any, budget: int) -> None:
        self._real = real
        self.limit = os.fstat(real.fileno()).st_size + budget

    def write(self, data: bytes) -> int:
        position = self._real.tell() if self._real.seekable() else os.fstat(self._real.fileno()).st_size
        room = max(0, self.limit - position)
        if len(data) > room:
            self._real.write(data[:room])  # a short write reached the disk, as on a real full disk
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return int(self._real.write(data))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


def test_a_full_disk_stops_the_recording_at_its_last_whole_frame(tmp_path):
    writer = StereoWavWriter(tmp_path / "r.wav")
    writer._file = _FillsUp(writer._file, budget=10 * 640 + 100)  # 10 stereo frames and a bit
    for _ in range(10):
        writer.write(FRAME, FRAME)
    with pytest.raises(OSError):
        writer.write(FRAME, FRAME)
    writer.write(FRAME, FRAME)  # after the fault: nothing, and no second error
    writer.close()
    assert writer.stopped and "No space left" in writer.stopped
    assert (tmp_path / "r.wav").stat().st_size == 44 + 10 * 640  # the torn frame is cut off
    with wave.open(str(tmp_path / "r.wav")) as w:
        assert w.getnframes() == 10 * 160 and w.getnchannels() == 2


def test_a_full_disk_keeps_transcript_lines_in_memory_and_none_torn_on_disk(tmp_path):
    log = TranscriptLog(tmp_path / "t.jsonl")
    log.add("them", "Hello, how can I help?")
    log._file = _FillsUp(log._file, budget=20)
    log.add("agent", "I'd like to book a table for four.")
    log.add("them", "Sure, for what time?")
    log.close()
    assert [line["text"] for line in log.lines][-1] == "Sure, for what time?"
    assert log.saved == 1 and "No space left" in (log.write_error or "")
    on_disk = (tmp_path / "t.jsonl").read_text().splitlines()
    assert [json.loads(line)["text"] for line in on_disk] == ["Hello, how can I help?"]


def _wav_with_stale_header(path: Path, data: bytes) -> None:
    header = struct.pack("<4sI4s4sIHHIIHH4sI", b"RIFF", 36, b"WAVE", b"fmt ", 16, 1, 2, 8000, 32000, 4, 16,
                         b"data", 0)
    path.write_bytes(header + data)


def test_repair_wav_trusts_the_file_not_its_stale_header_and_cuts_a_torn_frame(tmp_path):
    path = tmp_path / "recording.wav"
    _wav_with_stale_header(path, bytes(32000 + 3))  # 1 s and three bytes of a sample pair
    assert repair_wav(path) == pytest.approx(1.0)
    with wave.open(str(path)) as w:
        assert w.getnframes() == 8000
    assert path.stat().st_size == 44 + 32000


def test_repair_wav_names_a_file_that_is_no_wav(tmp_path):
    path = tmp_path / "recording.wav"
    path.write_bytes(b"garbage" * 10)
    with pytest.raises(ValueError, match="not a WAV file"):
        repair_wav(path)


def test_repair_transcript_cuts_a_torn_last_line(tmp_path):
    path = tmp_path / "transcript.jsonl"
    path.write_text('{"t": 0.1, "speaker": "them", "text": "Hello"}\n{"t": 1.2, "speaker": "ag')
    assert [line["text"] for line in repair_transcript(path)] == ["Hello"]
    assert path.read_text().endswith("}\n")


def _interrupted_folder(calls: Path, name: str) -> Path:
    folder = calls / name
    folder.mkdir(parents=True)
    (folder / "transcript.jsonl").write_text('{"t": 3.5, "speaker": "agent", "text": "Hi!"}\n{"t": 4')
    _wav_with_stale_header(folder / "recording.wav", bytes(32000 * 2 + 1))
    (folder / LOCK_NAME).write_text("12345\n")  # the dead process's lock file: nobody holds it now
    return folder


def test_an_unlocked_unfinished_call_is_found_and_completed_as_interrupted(tmp_path):
    folder = _interrupted_folder(tmp_path / "calls", "20261202-100000-aaaaaa")
    assert interrupted_calls(tmp_path / "calls") == [folder]
    summary = recover(folder)
    assert summary["outcome"] == "interrupted"
    assert "transcript runs to 3.5 s" in summary["reason"] and "recording to 2.0 s" in summary["reason"]
    assert json.loads((folder / "call.json").read_text())["outcome"] == "interrupted"
    assert not (folder / LOCK_NAME).exists()
    assert interrupted_calls(tmp_path / "calls") == []  # done once
    assert not (folder / SUMMARY_RESERVE).exists()
    with wave.open(str(folder / "recording.wav")) as w:
        assert w.getnframes() == 16000


def test_a_call_whose_lock_is_held_is_running_and_left_alone(tmp_path):
    folder = tmp_path / "calls" / "20261202-100000-bbbbbb"
    folder.mkdir(parents=True)
    lock = CallLock(folder)  # as a live `taskcall dial` holds it
    try:
        assert interrupted_calls(tmp_path / "calls") == []
    finally:
        lock.release()
    assert not (folder / LOCK_NAME).exists()


def test_a_young_folder_without_its_lock_yet_is_left_alone_an_old_one_is_recovered(tmp_path):
    folder = tmp_path / "calls" / "20261202-100000-cccccc"
    folder.mkdir(parents=True)
    assert interrupted_calls(tmp_path / "calls") == []  # being made right now
    old = time.time() - 3600
    os.utime(folder, (old, old))
    assert interrupted_calls(tmp_path / "calls") == [folder]
    assert recover(folder)["files"] == {"transcript": None, "recording": None}


def test_an_interrupted_calls_summary_is_written_over_the_space_reserved_for_it(tmp_path):
    # The process may have died because the disk filled: recovery writes call.json into the blocks set aside
    # when the call started (overwritten in place, then renamed), needing no new space.
    folder = _interrupted_folder(tmp_path / "calls", "20261202-100000-bbbbbb")
    reserve_summary(folder)
    reserved = os.stat(folder / SUMMARY_RESERVE)
    assert reserved.st_size == 256 * 1024
    recover(folder)
    written = os.stat(folder / "call.json")
    assert written.st_ino == reserved.st_ino  # the same file, not a new one
    assert json.loads((folder / "call.json").read_text())["outcome"] == "interrupted"
    assert not (folder / SUMMARY_RESERVE).exists()
