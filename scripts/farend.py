"""The far-end simulator: a separate SIP process that answers calls and plays a scenario.

It hears the agent only as RTP audio (VAD + Whisper, like a real callee) and writes a timestamped
JSONL log of what it played and heard. Run: python scripts/farend.py --scenario FILE --port 5070 --log LOG
"""

from __future__ import annotations

import argparse
import json
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

from agent import listen  # noqa: E402
from agent.audio import frame_dbfs, read_wav_8k  # noqa: E402
from agent.transcribe import WhisperSTT  # noqa: E402
from sip.engine import SipEngine  # noqa: E402
from sip.events import CallAnswered, CallEnded, IncomingCall  # noqa: E402
from sip.settings import SipSettings  # noqa: E402

STEP_KEYS = {"say", "play", "listen", "expect_any", "retry", "capture", "optional", "dtmf", "wait_s", "hangup",
             "call_back_after_s", "barge_in", "after_s", "seconds", "offset_s", "gain_db", "line_noise_dbfs"}
SCENARIO_KEYS = {"name", "voice", "answer_after_s", "listen_timeout_s", "step"}
AGENT_AUDIO_DBFS = -40.0  # an inbound frame louder than this is the agent speaking
_NUMBER_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
                 "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12"}


class ScenarioError(ValueError):
    """A scenario file that cannot be played."""


def load_scenario(path: Path) -> dict[str, Any]:
    """Read and check a scenario TOML, naming any bad key."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ScenarioError(f"{path}: {exc}") from exc
    for key in data:
        if key not in SCENARIO_KEYS:
            raise ScenarioError(f"{path}: unknown key {key!r}")
    steps = data.get("step")
    if not isinstance(steps, list) or not steps:
        raise ScenarioError(f"{path}: needs at least one [[step]]")
    for i, step in enumerate(steps, 1):
        unknown = set(step) - STEP_KEYS
        if unknown:
            raise ScenarioError(f"{path}: step {i}: unknown key(s) {sorted(unknown)}")
        if "play" in step and not (path.parent / step["play"]).exists() and not Path(step["play"]).exists():
            raise ScenarioError(f"{path}: step {i}: audio file {step['play']!r} not found")
    data["_dir"] = str(path.parent)
    return data


class Voice:
    """Speaks lines with flite (a voice unlike the agent's Piper voice), trimmed to the speech itself."""

    def __init__(self, spec: str) -> None:
        engine, _, name = spec.partition(":")
        if engine != "flite" or not shutil.which("flite"):
            raise ScenarioError(f"voice {spec!r}: only 'flite:<voice>' is supported and flite must be installed")
        self.name = name or "rms"
        self._cache: dict[str, bytes] = {}

    def pcm(self, text: str) -> bytes:
        """8 kHz 16-bit mono audio of `text`."""
        if text not in self._cache:
            with tempfile.TemporaryDirectory() as tmp:
                wav = Path(tmp) / "line.wav"
                subprocess.run(["flite", "-voice", self.name, "-t", text, "-o", str(wav)], check=True)
                samples = read_wav_8k(wav)
            self._cache[text] = _trim(samples).tobytes()
        return self._cache[text]


def with_line_noise(samples: np.ndarray, level_dbfs: float, seed: int, lead_s: float = 0.6) -> np.ndarray:
    """The samples with a lead-in and a bed of pink-ish noise at level_dbfs, as a live line carries."""
    rng = np.random.default_rng(seed)
    padded = np.concatenate([np.zeros(int(lead_s * 8000)), samples.astype(np.float64)])
    white = rng.standard_normal(len(padded))
    pink = np.convolve(white, [0.5, 0.3, 0.2], mode="same")  # gently tilted: room noise, not a hiss test tone
    pink *= 32768 * 10 ** (level_dbfs / 20) / (pink.std() + 1e-9)
    return np.clip(padded + pink, -32768, 32767).astype("<i2")


def _trim(samples: np.ndarray, threshold: int = 300) -> np.ndarray:
    loud = np.flatnonzero(np.abs(samples) > threshold)
    if loud.size == 0:
        return samples
    return samples[loud[0] : loud[-1] + 1]


def capture(kind: str, text: str) -> str | None:
    """Pull a time, party size or name out of what the agent said."""
    lowered = text.lower()
    if kind == "time":
        m = re.search(r"\b(\d{1,2})(?:[:.\s]?(\d{2}))?\s*(a\.?\s?m|p\.?\s?m)?\b", lowered)
        if not m:
            return "noon" if "noon" in lowered else None
        hour, minute, half = m.group(1), m.group(2) or "00", (m.group(3) or "").replace(".", "").replace(" ", "")
        if len(hour) > 2 or int(hour) > 23 or int(minute) > 59:
            return None
        return f"{int(hour)}:{minute}" + (f" {half}" if half else "")
    if kind == "party_size":
        m = re.search(r"\b(\d{1,2})\b", lowered)
        if m:
            return m.group(1)
        for word, digit in _NUMBER_WORDS.items():
            if re.search(rf"\b{word}\b", lowered):
                return digit
        return None
    if kind == "phone":
        digits = re.sub(r"\D", "", text)
        return digits if len(digits) >= 7 else None
    if kind == "name":
        m = re.search(r"name is ([a-z][a-z' -]+)", text, re.I)
        name = m.group(1) if m else text
        name = re.sub(r"[^A-Za-z' -]", "", name).strip()
        return name or None
    raise ScenarioError(f"unknown capture {kind!r}")


class FarEnd:
    """Answers calls and runs the scenario on the main thread; a pump thread handles frames."""

    def __init__(self, scenario: dict[str, Any], settings: SipSettings, log_path: Path, stt: WhisperSTT,
                 callback_uri: str = "") -> None:
        self.scenario = scenario
        self.events: queue.Queue[object] = queue.Queue()
        self.engine = SipEngine(settings, self.events.put)
        self.marks: queue.Queue[int] = queue.Queue()
        self.engine.playout.on_mark = self.marks.put
        self.voice = Voice(scenario.get("voice", "flite:rms"))
        self.stt = stt
        self.callback_uri = callback_uri
        self.log_file = log_path.open("a", encoding="utf-8")
        self.utterances: queue.Queue[listen.SpeechEnded] = queue.Queue()
        self.t0 = time.monotonic()
        self.vars: dict[str, str] = {}
        self._said_end: float | None = None  # when our last line finished playing
        self._first_agent_audio: float | None = None
        self._last_agent_audio = 0.0  # when the latest loud agent frame arrived
        self._agent_talking_since: float | None = None  # start of the agent's current stretch of audio
        self._in_call = threading.Event()
        self._ended = threading.Event()
        self._segmenter = listen.SpeechSegmenter(end_silence_ms=800)
        self._mark = 0

    def log(self, event: str, **fields: Any) -> None:
        entry = {"t": round(time.monotonic() - self.t0, 3), "event": event, **fields}
        self.log_file.write(json.dumps(entry) + "\n")
        self.log_file.flush()
        print(json.dumps(entry), flush=True)

    # ---- pump thread: frames from the line ---------------------------------------------------
    def pump(self) -> None:
        while True:
            pair = self.engine.inbound.get(timeout=0.2)
            if not self._in_call.is_set():
                self._flush_segmenter()
                continue
            if pair is None:
                continue
            heard = pair[0]
            now = time.monotonic()
            if frame_dbfs(heard) > AGENT_AUDIO_DBFS:
                if self._said_end is not None and self._first_agent_audio is None:
                    self._first_agent_audio = now
                if self._agent_talking_since is None or now - self._last_agent_audio > 0.3:
                    self._agent_talking_since = now
                self._last_agent_audio = now
            for seg in self._segmenter.process(heard):
                if isinstance(seg, listen.SpeechEnded):
                    self.utterances.put(seg)

    def _flush_segmenter(self) -> None:
        """The call ended mid-utterance (the agent hung up right after speaking): finish it with silence."""
        silence = bytes(320)
        while self._segmenter.in_speech:
            for seg in self._segmenter.process(silence):
                if isinstance(seg, listen.SpeechEnded):
                    self.utterances.put(seg)

    # ---- main thread ---------------------------------------------------------------------------
    def serve(self, calls: int) -> bool:
        contact = self.engine.start()
        threading.Thread(target=self.pump, name="pump", daemon=True).start()
        print(f"READY {contact}", flush=True)
        ok = True
        for _ in range(calls):
            self._wait_for(IncomingCall, timeout=None)
            self.log("incoming")
            time.sleep(float(self.scenario.get("answer_after_s", 1.0)))
            self.engine.answer()
            ok = self._run_call() and ok
        self.engine.stop()
        return ok

    def _wait_for(self, kind: type, timeout: float | None) -> object | None:
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            remaining = None if deadline is None else max(0.0, deadline - time.monotonic())
            try:
                event = self.events.get(timeout=remaining)
            except queue.Empty:
                return None
            if isinstance(event, CallEnded):
                self._on_ended(event)
                if kind is not CallEnded:
                    return event
            if isinstance(event, kind):
                return event

    def _on_ended(self, event: CallEnded) -> None:
        if not self._ended.is_set():
            self._ended.set()
            self._in_call.clear()
            self.log("call-ended", code=event.code, by_us=event.by_us)

    def _run_call(self) -> bool:
        self._ended.clear()
        if not isinstance(self._wait_for(CallAnswered, timeout=10), CallAnswered):
            self.log("not-answered")
            return False
        self._segmenter.reset()
        self._in_call.set()
        self.log("answered")
        steps = self.scenario["step"]
        # Done once every step that needs the caller has run: the caller may hang up before our own
        # closing steps (an optional listen, our hangup).
        needed = max((i for i, st in enumerate(steps, 1) if not (st.get("hangup") or st.get("optional"))), default=0)
        completed = True
        for index, step in enumerate(steps, 1):
            if self._ended.is_set() or not self._run_step(index, step):
                completed = index > needed
                break
        if not self._ended.is_set():
            self._wait_for(CallEnded, timeout=10)
        self.log("scenario-end", completed=completed, vars=self.vars)
        return completed

    def _run_step(self, index: int, step: dict[str, Any]) -> bool:
        if "say" in step:
            noise = step.get("line_noise_dbfs")
            return self._say(step["say"].format(**self.vars), None if noise is None else float(noise))
        if "play" in step:
            return self._play(self._clip(step).tobytes(), step["play"])
        if "barge_in" in step:
            return self._barge_in(step["barge_in"].format(**self.vars), float(step.get("after_s", 1.0)))
        if "listen" in step:
            return self._listen_step(step)
        if "dtmf" in step:
            self.engine.send_dtmf(str(step["dtmf"]))
            self.log("dtmf-sent", digits=str(step["dtmf"]))
            return True
        if "wait_s" in step:
            self._wait_for(CallEnded, timeout=float(step["wait_s"]))
            return not self._ended.is_set()
        if step.get("hangup"):
            self.engine.hangup()
            self.log("hangup")
            self._wait_for(CallEnded, timeout=5)
            return True
        if "call_back_after_s" in step:
            return self._call_back(float(step["call_back_after_s"]))
        raise ScenarioError(f"step {index} does nothing")

    def _say(self, text: str, line_noise_dbfs: float | None = None) -> bool:
        pcm = self.voice.pcm(text)
        if line_noise_dbfs is not None:  # a person on a live line: their room and headset hiss around the words
            pcm = with_line_noise(np.frombuffer(pcm, dtype="<i2"), line_noise_dbfs, self._mark).tobytes()
        return self._play(pcm, text, event="said")

    def _clip(self, step: dict[str, Any]) -> np.ndarray:
        """A step's audio file, cut to offset_s + seconds and scaled by gain_db."""
        path = Path(self.scenario["_dir"]) / step["play"]
        samples = read_wav_8k(path if path.exists() else Path(step["play"])).astype(np.float64)
        start = int(float(step.get("offset_s", 0.0)) * 8000)
        end = start + int(float(step["seconds"]) * 8000) if "seconds" in step else len(samples)
        samples = samples[start:end] * 10 ** (float(step.get("gain_db", 0.0)) / 20)
        return np.clip(samples, -32768, 32767).astype("<i2")

    def _play(self, pcm: bytes, what: str, event: str = "played") -> bool:
        self._mark += 1
        start = time.monotonic()
        self._said_end = None
        self._first_agent_audio = None
        self.engine.playout.push(pcm)
        self.engine.playout.mark(self._mark)
        while True:
            try:
                mark = self.marks.get(timeout=0.1)
            except queue.Empty:
                if self._ended.is_set() or self._check_ended():
                    return False
                continue
            if mark == self._mark:
                break
        self._said_end = time.monotonic()
        talked = self._last_agent_audio > start
        self.log(event, text=what, duration_s=round(self._said_end - start, 2), agent_talked=talked)
        return True

    def _barge_in(self, text: str, after_s: float) -> bool:
        """Talk over the agent once it has spoken for after_s; log how soon its audio stopped."""
        deadline = time.monotonic() + 20
        while True:
            since = self._agent_talking_since
            now = time.monotonic()
            if since is not None and now - self._last_agent_audio < 0.1 and now - since >= after_s:
                break
            if now > deadline or self._ended.is_set() or self._check_ended():
                self.log("barge-in-skipped", reason="the agent did not talk")
                return False
            time.sleep(0.01)
        start = time.monotonic()
        if not self._play(self.voice.pcm(text), text, event="said"):
            return False
        time.sleep(0.5)
        stop_ms = round((self._last_agent_audio - start) * 1000, 1)
        self.log("barged-in", text=text, agent_stop_ms=stop_ms)
        return True

    def _check_ended(self) -> bool:
        try:
            event = self.events.get_nowait()
        except queue.Empty:
            return False
        if isinstance(event, CallEnded):
            self._on_ended(event)
            return True
        return False

    def _listen_step(self, step: dict[str, Any]) -> bool:
        tries = 0
        while True:
            heard = self._hear(float(self.scenario.get("listen_timeout_s", 15.0)))
            if heard is None:
                if step.get("optional"):
                    return True
                self.log("listen-timeout")
                return False
            ok = True
            if step.get("expect_any"):
                ok = any(word in heard.lower() for word in step["expect_any"])
            if ok and step.get("capture"):
                value = capture(step["capture"], heard)
                ok = value is not None
                if ok:
                    self.vars[step["capture"]] = value  # type: ignore[assignment]
                    self.log("captured", key=step["capture"], value=value)
            if ok:
                return True
            if "retry" not in step:
                continue  # nothing to ask again: keep listening until the timeout
            tries += 1
            if tries > 2:
                self.log("gave-up", step=step)
                return False
            if not self._say(step["retry"]):
                return False

    def _hear(self, timeout: float) -> str | None:
        """The next thing the agent says, transcribed; v2v is measured from our last line's end."""
        deadline = time.monotonic() + timeout
        while True:
            if self._ended.is_set() or self._check_ended():
                deadline = min(deadline, time.monotonic() + 1.0)  # a last utterance may still be in the pump
            try:
                seg = self.utterances.get(timeout=0.1)
            except queue.Empty:
                if time.monotonic() > deadline:
                    return None
                continue
            text = self.stt.transcribe(seg.audio).strip()
            if not text:
                continue
            v2v = None
            if self._said_end is not None and self._first_agent_audio is not None:
                v2v = round((self._first_agent_audio - self._said_end) * 1000, 1)
            self.log("heard", text=text, v2v_ms=v2v, speech_s=round(len(seg.audio) / (2 * 8000), 2))
            self._said_end = None
            return text

    def _call_back(self, after_s: float) -> bool:
        if not self.callback_uri:
            raise ScenarioError("call_back_after_s needs --callback-uri")
        self.engine.hangup()
        self._wait_for(CallEnded, timeout=5)
        time.sleep(after_s)
        self._ended.clear()
        self.log("calling-back", uri=self.callback_uri)
        self.engine.dial(self.callback_uri)
        if not isinstance(self._wait_for(CallAnswered, timeout=30), CallAnswered):
            return False
        self._in_call.set()
        return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scenario", type=Path, required=True)
    parser.add_argument("--port", type=int, default=5070)
    parser.add_argument("--bind", default="127.0.0.1")
    parser.add_argument("--user", default="luigis")
    parser.add_argument("--log", type=Path, required=True, help="JSONL log of what was played and heard")
    parser.add_argument("--calls", type=int, default=1, help="answer this many calls, then exit")
    parser.add_argument("--callback-uri", default="")
    parser.add_argument("--sip-log", default="")
    args = parser.parse_args(argv)
    try:
        scenario = load_scenario(args.scenario)
    except ScenarioError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    stt = WhisperSTT()
    stt.load()
    args.log.parent.mkdir(parents=True, exist_ok=True)
    settings = SipSettings(bind_address=args.bind, port=args.port, user=args.user, log_path=args.sip_log)
    far_end = FarEnd(scenario, settings, args.log, stt, callback_uri=args.callback_uri)
    try:
        return 0 if far_end.serve(args.calls) else 1
    except KeyboardInterrupt:
        far_end.engine.stop()
        return 130


if __name__ == "__main__":
    sys.exit(main())
