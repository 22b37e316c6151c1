"""Frame buffers at the media boundary and the crash-safe call record."""

from __future__ import annotations

import json
import time
import wave

from agent.app.recording import StereoWavWriter, TranscriptLog
from sip.playout import FRAME_BYTES, SILENCE, InboundFrames, PlayoutBuffer


def test_playout_frames_marks_and_silence():
    marks = []
    buf = PlayoutBuffer(on_mark=marks.append)
    buf.push(b"\x01" * (FRAME_BYTES + 100))  # one whole frame plus a partial one held back
    assert buf.pending_frames == 1
    buf.mark(7)  # pads and releases the partial frame
    assert buf.pop_frame() == b"\x01" * FRAME_BYTES
    assert buf.pop_frame()[:100] == b"\x01" * 100
    assert marks == []
    assert buf.pop_frame() == SILENCE and marks == [7]
    assert buf.underruns == 0


def test_flush_is_barge_in():
    buf = PlayoutBuffer()
    buf.push(b"\x02" * FRAME_BYTES * 10)
    buf.pop_frame()
    buf.flush()
    assert buf.pop_frame() == SILENCE and buf.pending_frames == 0


def test_underrun_counted_only_mid_utterance():
    buf = PlayoutBuffer()
    assert buf.pop_frame() == SILENCE and buf.underruns == 0  # idle line
    buf.push(b"\x03" * FRAME_BYTES)
    buf.pop_frame()
    buf.pop_frame()  # utterance started, no mark yet, nothing queued: a gap the far end hears
    assert buf.underruns == 1


def test_inbound_drops_when_full_and_never_blocks():
    frames = InboundFrames(max_frames=2)
    for _ in range(3):
        frames.put(SILENCE, SILENCE)
    assert frames.dropped == 1
    heard, sent, arrived = frames.get(0.01)
    assert (heard, sent) == (SILENCE, SILENCE) and arrived <= time.monotonic()


def test_stereo_wav_header_valid_while_growing(tmp_path):
    path = tmp_path / "rec.wav"
    writer = StereoWavWriter(path)
    left, right = b"\x10\x00" * 160, b"\x20\x00" * 160
    for _ in range(60):  # past one header patch, without closing: a crash leaves a readable file
        writer.write(left, right)
    with wave.open(str(path)) as w:
        assert w.getnchannels() == 2 and w.getframerate() == 8000 and w.getnframes() >= 50 * 160
    writer.close()
    with wave.open(str(path)) as w:
        assert w.getnframes() == 60 * 160
        first = w.readframes(1)
    assert first == b"\x10\x00\x20\x00"


def test_transcript_lines_are_on_disk_at_once(tmp_path):
    ticks = iter([0.0, 1.5, 2.0])
    log = TranscriptLog(tmp_path / "t.jsonl", clock=lambda: next(ticks))
    log.add("them", "hello")
    lines = (tmp_path / "t.jsonl").read_text().splitlines()
    assert json.loads(lines[0]) == {"t": 1.5, "speaker": "them", "text": "hello"}


def test_a_clip_plays_whole_frames_and_its_end_is_no_underrun():
    marks: list[int] = []
    buf = PlayoutBuffer(on_mark=marks.append)
    buf.push_clip(b"\x01\x00" * 250)  # 250 samples: one whole frame and a padded one
    played = [buf.pop_frame() for _ in range(4)]
    assert played[0] == b"\x01\x00" * 160 and played[1][:180] == b"\x01\x00" * 90 and not any(played[1][180:])
    assert played[2] == SILENCE and buf.underruns == 0 and marks == []
