"""`taskcall analyze`: the streaming classifier over a recording, its JSONL, and bad files."""

from __future__ import annotations

import json
import wave

import numpy as np
from typer.testing import CliRunner

from agent.app.cli import app
from agent.audio import mulaw_roundtrip, write_wav
from agent.line.analyze import PROBE_SPOKEN_S, analyze_pcm, clip_label
from scripts.tone_signals import cadence_audio, tone
from tests.unit.test_line_answer_and_hold import line, prompt, silence

runner = CliRunner()
LABELS = {"music", "silence", "ivr_speech", "live_speech", "ringback", "busy", "dtmf"}


def _ringback_then_digits() -> np.ndarray:
    digits = [tone(pair, 100, -10.0) for pair in ([697.0, 1209.0], [852.0, 1336.0])]
    gap = np.zeros(800, dtype=np.int16)
    parts = [cadence_audio("us-ringback", 7.0), np.zeros(8000, np.int16), digits[0], gap, digits[1], np.zeros(16000)]
    return mulaw_roundtrip(np.concatenate(parts).astype(np.int16))


def test_jsonl_gives_labels_digits_and_the_clip_label_last(tmp_path):
    path = tmp_path / "line.wav"
    write_wav(path, _ringback_then_digits(), 8000)
    result = runner.invoke(app, ["analyze", str(path), "--jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    labels = [r["label"] for r in records if "label" in r]
    assert set(labels) <= LABELS and "ringback" in labels
    assert [r["dtmf"] for r in records if "dtmf" in r] == ["1", "8"]
    times = [r["t"] for r in records if "t" in r]
    assert times == sorted(times) and all(t <= 7.0 + 1.0 + 0.5 + 2.0 + 0.1 for t in times)
    assert records[-1] == {"clip_label": "ringback"}
    shapes = ({"t", "label"}, {"dtmf", "t"}, {"event", "t"}, {"event", "t", "reason"})
    assert all(set(r) in shapes for r in records[:-1])


def test_stereo_and_other_rates_are_converted_with_a_note(tmp_path):
    pcm = _ringback_then_digits()
    stereo = np.repeat(np.repeat(pcm, 2), 2)  # 16 kHz, both channels the same
    path = tmp_path / "call.wav"
    write_wav(path, stereo, 16000, channels=2)
    result = runner.invoke(app, ["analyze", str(path)])
    assert result.exit_code == 0, result.output
    assert "left channel" in result.stderr and "16000 Hz: resampled" in result.stderr
    assert "ringback" in result.stdout and "whole recording: ringback" in result.stdout


def test_not_a_wav_file_is_named(tmp_path):
    path = tmp_path / "notes.wav"
    path.write_text("hello, this is not audio")
    result = runner.invoke(app, ["analyze", str(path)])
    assert result.exit_code == 2 and "not a PCM wav file" in result.stderr


def test_truncated_wav_is_named(tmp_path):
    path = tmp_path / "cut.wav"
    write_wav(path, np.zeros(8000, np.int16), 8000)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    result = runner.invoke(app, ["analyze", str(path)])
    assert result.exit_code == 2 and "truncated" in result.stderr


def test_missing_and_empty_files_are_named(tmp_path):
    result = runner.invoke(app, ["analyze", str(tmp_path / "nope.wav")])
    assert result.exit_code == 2 and "file not found" in result.stderr
    empty = tmp_path / "empty.wav"
    with wave.open(str(empty), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(8000)
    result = runner.invoke(app, ["analyze", str(empty)])
    assert result.exit_code == 2 and "holds no audio" in result.stderr


def test_clip_label_is_the_label_that_lasted_longest():
    records = [{"t": 0.5, "label": "music"}, {"t": 2.0, "label": "live_speech"}, {"t": 3.0, "label": "silence"}]
    assert clip_label(records, 10.0) == "silence"
    assert clip_label(records, 3.2) == "music"
    assert clip_label([], 5.0) == "silence"


class _ScriptedSTT:
    """Says the same neutral words for every utterance: what a long greeting that decides nothing reads as."""

    def load(self) -> None:
        pass

    def transcribe(self, pcm: bytes) -> str:
        return "Thank you for calling the Riverside Inn on Main Street by the river."


def test_the_bench_says_the_probe_a_call_would_say_and_a_recording_that_stays_silent_is_a_machine():
    greeting = prompt("demo-thanks", "hello-world", "demo-thanks")
    pcm = line(silence(0.5), greeting, silence(9.0))
    unprobed = analyze_pcm(pcm, _ScriptedSTT())
    assert [r["event"] for r in unprobed if "event" in r] == ["probe-wanted"]  # undecided without a "Hello?"
    probed = analyze_pcm(pcm, _ScriptedSTT(), probe=True)
    by_event = {r["event"]: r["t"] for r in probed if "event" in r}
    assert by_event.keys() == {"probe-wanted", "machine", "greeting-ended"}
    # Nothing answered the "Hello?" for 3 s after it played: a recorder, whose greeting is over.
    assert by_event["machine"] == by_event["greeting-ended"] >= by_event["probe-wanted"] + PROBE_SPOKEN_S + 3.0


class _SlowSTT:
    """Takes `seconds` of the bench's clock for every decode, and counts the whole greeting's (one pass, no retries)."""

    def __init__(self, clock: list[float], seconds: float) -> None:
        self.clock, self.seconds, self.greetings = clock, seconds, 0

    def load(self) -> None:
        pass

    def transcribe_scored(self, pcm: bytes, retries: bool = True) -> tuple[str, float | None]:
        self.clock[0] += self.seconds
        self.greetings += not retries
        return "Thank you for calling the Riverside Inn.", -0.3


def test_the_bench_drops_a_whole_greeting_decode_that_a_newer_one_overtook_while_stt_was_busy(monkeypatch):
    # As the call's STT worker does: a whole-greeting request still waiting for STT when a newer one comes is
    # dropped (the newer holds all it would decode).
    clock = [0.0]
    monkeypatch.setattr("agent.line.analyze.time.perf_counter", lambda: clock[0])
    pcm = line(silence(0.5), prompt("demo-thanks"), silence(0.8), prompt("hello-world"), silence(0.8),
               prompt("demo-thanks"), silence(15.0))
    quick, slow = _SlowSTT(clock, 0.01), _SlowSTT(clock, 6.0)
    analyze_pcm(pcm, quick)
    analyze_pcm(pcm, slow)
    assert quick.greetings == 2  # after the second and the third utterance
    assert slow.greetings == 1  # the second's still waited behind 6 s of STT when the third asked
