"""The far-end simulator: a separate SIP process that answers calls and plays a scenario.

It hears the agent only as RTP audio (VAD + Whisper, like a real callee) and writes a timestamped
JSONL log of what it played and heard. Run: python scripts/farend.py --scenario FILE --port 5070 --log LOG

Scenario keys: name, voice ("flite:<voice>"), answer_after_s (ring this long), listen_timeout_s (how long a
listen waits), [bed] and [[step]].

[bed], a noise bed under the far end's microphone, mixed into every frame sent for the whole call (under and
between the lines, also while the agent talks); a 60 s loop generated from `seed`, the same on every run:
  kind        "workshop" (hammering, a grinder or drill now and then, clanks), "radio" (a music track, or
              talk radio), "kitchen" (clatter, sizzling, dishes), "street" (traffic rumble, passing cars);
              one name or a list of them
  level_dbfs  long-term RMS level of the whole bed (default -35); the voice lines keep their own level
  seed        integer (default 1)
  radio       "music" (a packaged Asterisk music-on-hold track, default) or "talk" (espeak-ng sentences)

Steps, one action each, run in order (a step that fails ends the scenario, `completed` false):
  say = "text"          speak with `voice`, or the step's own voice = "flite:<voice>" (a second person; on a
                        listen step it says the retry). "{time}" etc. insert what `capture` found.
                        line_noise_dbfs = N: a live line's hiss around the words. Logs "said" (duration_s,
                        agent_talked).
  play = "file.wav"     play audio (relative to the scenario's folder or absolute); seconds, offset_s,
                        gain_db cut and scale it. Logs "played".
  beep = true           a voicemail tone after a short pause; beep_hz (default 1000), beep_s (default 0.5).
                        Logs "played" with text "beep".
  listen = true         wait for the agent's next utterance (listen_timeout_s). expect_any = [words]: one must
                        be heard; capture = "time"|"party_size"|"name"|"phone" stores what it said; retry =
                        "text" is said when it did not fit; optional = true: silence is fine. Logs "heard"
                        (text, v2v_ms from the end of our voice to the agent's first audible frame). An
                        utterance that ended before our last line did is no reply to it, and we listen on: logged
                        "talked-over" (text) when it stopped while our line played (the agent cut off as we went
                        on, even in words it began in our pause), "before-our-line" when it was over before.
                        When what did not fit asks us to say it again ("I didn't catch that", "pardon?"), our
                        last say step is said again first, up to 2 times; logs "repeated" (heard, text).
                        check_code = "4719": as a host hearing its code read back, when the agent says a code
                        ("code 4 7 1 1 9") that differs, say wrong_code (default "No, the code is 4 7 1 9.")
                        and listen again, up to 2 times; logs "code-checked" (heard, expected, ok). Asked for
                        the code itself ("could you read me the code one character at a time?"), read it
                        out ("Sure. It's four, seven, one, nine."), up to 2 times; logs "code-spelled" (heard).
                        answer = "Yes, that's right.": as a host asked something after the booking ("... Is that
                        right?", "we asked for 7:30 pm. Is it booked for 7:30 pm?"), say this and listen again, up to
                        2 times; logs "answered" (heard).
  silence_s = N         send nothing but the bed for N s; logs "silence" (agent_talked, agent_audio_s, and
                        the text of anything it said). Fails if the call ends.
  record_s = N          a voicemail recording: listen for N s (or until the caller hangs up) and transcribe
                        everything the agent said. Logs "recorded" (text, started_s: seconds after the step
                        began when its audio started, or null; agent_talked_before: it made a sound earlier
                        in the call, e.g. over the greeting or the beep).
  sip_hold = true       put the call on hold (re-INVITE, sendonly SDP). With play (and seconds, offset_s,
                        gain_db): music while held; with seconds alone: held that long with the bed only.
                        Logs "sip-hold" at once, then "played" for the music. The agent's side is recvonly
                        while held, so agent_talked stays false: check the agent's own transcript.
  sip_unhold = true     take the call off hold (re-INVITE, sendrecv). Logs "sip-unhold".
  barge_in = "text"     talk over the agent once it has spoken for after_s (default 1.0); logs "barged-in".
  dtmf = "digits"       send digits (RFC 4733, else SIP INFO).
  wait_s = N            wait N s (ends early if the call ends).
  hangup = true         hang up.
  call_back_after_s = N hang up, wait, and call the agent back at --callback-uri.

Phone menus (IVR; the runners live in scripts/farend_ivr.py). Steps run in order unless one jumps:
  label = "name"        marks a step as a jump target (beside any action); labels are unique.
  goto = "label"        jump to that step. Alone it is a step of its own; beside another action (not a
                        menu or a hangup) it is where to go once that step has run, e.g. a recording that
                        returns to its menu. A scenario completes when it runs off its end or through our
                        own hangup step; a step run more than 12 times in one call ends it ("loop-limit").
  menu = "prompt"       say the prompt (`voice` applies), then wait timeout_s (default 6) for a key or a word.
                        keys = {"1" = "label", "0" = "agent"}: one key (0-9 * #) each; words =
                        {"reservations" = "label"}: a word or phrase in the Whisper transcript of the agent's
                        next utterance (case-insensitive, from the start of a word). A target is a label,
                        "repeat" (this menu again) or "next" (the following step). A key during the prompt
                        stops it and is the answer, and so does a menu word said over it; after the prompt
                        any utterance is the answer. invalid = "text" (default "Sorry, that is not a valid
                        option.") is said on a key or an utterance that matches nothing, then the menu
                        repeats. no_input_repeats = N (default 2): the menu repeats after a silent timeout up
                        to N times, then goes to no_input_goto = "label", or gives up ("menu-gave-up") and
                        hangs up: the scenario fails. right = "1" or a list of keys/words: the inputs that
                        serve the caller's task (scored, not acted on). pause_s = N: that much silence
                        between the prompt's sentences (a slow utility menu). Logs "menu-prompt" (label,
                        text, repeat), "said" (interrupted: true when a key stopped it), "menu-input" (label,
                        input, method "rfc4733" | "info" | "in-band" | "speech", target, during_prompt,
                        after_prompt_s: from the prompt's end, <= 0 when during it; text for speech; right
                        when the step has `right`), "menu-invalid", "menu-no-input", "menu-gave-up".
  collect = "prompt"    say the prompt, then gather keys until `until` (default "#"; "" for none), max_digits
                        (default 20) or timeout_s (default 8) after the last key or the prompt's end; a key
                        during the prompt stops it. If the agent speaks instead, the digits it said are
                        taken ("four seven one one", "oh" for zero, "double four", numerals); speech = false
                        takes keys only. expect = "4711": the right value; on a mismatch invalid = "text"
                        (default "Sorry, that reference was not recognised.") is said and the prompt asked
                        again, up to attempts (default 3) in all; then fail_goto = "label", or the scenario
                        fails ("collect-gave-up") and hangs up. Without expect anything non-empty is
                        accepted. capture = "name" stores the digits for later lines ("{name}"); goto =
                        "label" is where a good value leads (else the next step). pause_s as for menu. Logs
                        "collect-prompt" (label, text, attempt) and "collected" (label, digits, methods,
                        expected, ok, attempt; text when spoken).
  hold_s = N            a queue hold: `play` (offset_s, seconds, gain_db apply) loops for N s; announce =
                        ["text", ...] are voiced in turn (scenario or step voice), one every
                        announce_every_s (default 30) from the start, over the music ducked 6 dB. Logs
                        "announced" per announcement (text, index, at_s, duration_s, agent_talked) and
                        "hold" at the end (seconds, agent_talked, agent_audio_s, text, announcements,
                        caller_hung_up).
  Every key that arrives is logged at once as "dtmf-received" (digit, method, t: when the press began, step),
  whatever step runs: RFC 4733 events and SIP INFO from the SIP stack, in-band tones from a DTMF detector
  over the agent's audio (a tone is not counted as the agent talking). The same key by a second route
  within 0.3 s is the same press: logged with duplicate: true and not used. Anything the agent says during
  a menu or collect step is logged as "ivr-heard" (label, step_kind, text, used).
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
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
from scipy.signal import butter, sosfilt  # noqa: E402

from agent.audio import frame_dbfs, read_wav_8k  # noqa: E402
from agent.speech import listen  # noqa: E402
from agent.speech.transcribe import WhisperSTT  # noqa: E402
from scripts.farend_ivr import (  # noqa: E402
    IVR_ACTIONS,
    IVR_STEP_KEYS,
    MAX_STEP_VISITS,
    IvrSteps,
    ScenarioError,
    check_flow,
    check_ivr_step,
    closing_only,
    digits_from_text,
    label_index,
    next_index,
)
from scripts.farend_ivr import span_seconds as _span_seconds  # noqa: E402
from sip.engine import SipEngine  # noqa: E402
from sip.events import CallAnswered, CallEnded, DtmfReceived, IncomingCall, SipFailed  # noqa: E402
from sip.playout import FRAME_BYTES, PlayoutBuffer  # noqa: E402
from sip.settings import SipSettings  # noqa: E402

ACTION_KEYS = {"say", "play", "beep", "listen", "silence_s", "record_s", "sip_hold", "sip_unhold", "barge_in",
               "dtmf", "wait_s", "hangup", "call_back_after_s", "renegotiate"} | IVR_ACTIONS
STEP_KEYS = ACTION_KEYS | IVR_STEP_KEYS | {"expect_any", "retry", "capture", "optional", "check_code", "wrong_code",
                                           "answer", "after_s", "seconds",
                                           "offset_s", "gain_db", "line_noise_dbfs", "beep_hz", "beep_s", "voice"}
NUMBER_KEYS = {"silence_s", "record_s", "wait_s", "call_back_after_s", "after_s", "seconds", "offset_s",
               "beep_hz", "beep_s", "timeout_s", "pause_s"}  # must be non-negative numbers
ACTION_PAIRS = ({"play", "sip_hold"}, {"play", "hold_s"})  # actions that share a step (the hold's music)
SCENARIO_KEYS = {"name", "voice", "answer_after_s", "listen_timeout_s", "bed", "step"}
BED_KEYS = {"kind", "level_dbfs", "seed", "radio"}
BED_KINDS = ("workshop", "radio", "kitchen", "street")
RATE = 8000  # Hz, the phone band everything here is made at
FRAME_SAMPLES = FRAME_BYTES // 2
AGENT_AUDIO_DBFS = -40.0  # an inbound frame louder than this is the agent speaking
AGENT_GAP_S = 0.3  # a quieter stretch this long ends one stretch of the agent's audio
MOH_DIR = Path("/usr/share/asterisk/moh")  # asterisk-moh-opsound-wav: the radio's music
_NUMBER_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
                 "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12"}
_RADIO_TALK = (
    "And that's the traffic on the fives. The northbound bridge is slow from the toll plaza.",
    "Time now is twenty past the hour, and here's a look at the weather.",
    "Clouds clearing this afternoon, a high of seventy one, light winds from the west.",
    "Coming up after the break, the city council votes on the new bus lanes downtown.",
    "Don't forget, tickets for the summer fair go on sale this Saturday morning.",
    "In sports, the home side came back in the ninth inning to win it four to three.",
    "You're listening to the afternoon drive. Stay with us, more music in just a minute.",
    "Callers, the lines are open. Tell us the best thing you fixed yourself this year.",
)


def load_scenario(path: Path) -> dict[str, Any]:
    """Read and check a scenario TOML, naming any bad key."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ScenarioError(f"{path}: {exc}") from exc
    for key in data:
        if key not in SCENARIO_KEYS:
            raise ScenarioError(f"{path}: unknown key {key!r}")
    if "bed" in data:
        data["bed"] = check_bed(data["bed"], str(path))
    steps = data.get("step")
    if not isinstance(steps, list) or not steps:
        raise ScenarioError(f"{path}: needs at least one [[step]]")
    for i, step in enumerate(steps, 1):
        _check_step(path, i, step)
    check_flow(steps, str(path))
    data["_dir"] = str(path.parent)
    return data


def _check_step(path: Path, index: int, step: dict[str, Any]) -> None:
    where = f"{path}: step {index}"
    if not isinstance(step, dict):
        raise ScenarioError(f"{where}: a step must be a table ([[step]])")
    unknown = set(step) - STEP_KEYS
    if unknown:
        raise ScenarioError(f"{where}: unknown key(s) {sorted(unknown)}")
    actions = sorted(set(step) & ACTION_KEYS)
    if not actions:
        raise ScenarioError(f"{where}: does nothing (give one of {sorted(ACTION_KEYS)})")
    main = set(actions) - {"goto"} or {"goto"}  # goto may follow any other action: where to go after it
    if len(main) > 1 and main not in ACTION_PAIRS:
        raise ScenarioError(f"{where}: one action per step, got {actions}")
    for key in set(step) & NUMBER_KEYS:
        value = step[key]
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise ScenarioError(f"{where}: {key!r} must be a non-negative number, got {value!r}")
    if "voice" in step and not str(step["voice"]).startswith("flite:"):
        raise ScenarioError(f"{where}: voice {step['voice']!r}: expected 'flite:<voice>'")
    if "play" in step and not (path.parent / step["play"]).exists() and not Path(step["play"]).exists():
        raise ScenarioError(f"{where}: audio file {step['play']!r} not found")
    if ("check_code" in step or "wrong_code" in step or "answer" in step) and "listen" not in step:
        raise ScenarioError(f"{where}: check_code, wrong_code and answer belong to a listen step")
    if "answer" in step and not (isinstance(step["answer"], str) and step["answer"].strip()):
        raise ScenarioError(f"{where}: answer must be the words to say, e.g. \"Yes, that's right.\"")
    if "check_code" in step and not re.fullmatch(r"\d{3,}", str(step["check_code"])):
        raise ScenarioError(f"{where}: check_code must be the code's digits, e.g. \"4719\"; got {step['check_code']!r}")
    check_ivr_step(step, where)


def check_bed(bed: Any, where: str) -> dict[str, Any]:
    """The [bed] table with defaults filled in and kinds as a list; names any bad key or kind."""
    if not isinstance(bed, dict):
        raise ScenarioError(f"{where}: 'bed' must be a table ([bed])")
    unknown = set(bed) - BED_KEYS
    if unknown:
        raise ScenarioError(f"{where}: bed: unknown key(s) {sorted(unknown)}")
    kinds = bed.get("kind")
    kinds = [kinds] if isinstance(kinds, str) else kinds
    if not kinds or not isinstance(kinds, list) or any(k not in BED_KINDS for k in kinds):
        raise ScenarioError(f"{where}: bed: kind {bed.get('kind')!r}: expected one or a list of {list(BED_KINDS)}")
    level = bed.get("level_dbfs", -35.0)
    if isinstance(level, bool) or not isinstance(level, int | float) or not -80 <= level <= -6:
        raise ScenarioError(f"{where}: bed: level_dbfs {level!r}: expected a number from -80 to -6")
    seed = bed.get("seed", 1)
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ScenarioError(f"{where}: bed: seed {seed!r}: expected an integer")
    radio = bed.get("radio", "music")
    if radio not in ("music", "talk"):
        raise ScenarioError(f"{where}: bed: radio {radio!r}: expected 'music' or 'talk'")
    return {"kind": kinds, "level_dbfs": float(level), "seed": seed, "radio": radio}


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


# ---- the noise bed (pure: numpy and scipy, plus espeak-ng for talk radio) ---------------------------
def _filter(x: np.ndarray, kind: str, cutoff: float | tuple[float, float]) -> np.ndarray:
    sos = butter(4, cutoff, btype=kind, fs=RATE, output="sos")
    return np.asarray(sosfilt(sos, x))


def _rms(x: np.ndarray) -> float:
    return float(np.sqrt(np.mean(np.square(x, dtype=np.float64)))) + 1e-12


def _times(rng: np.random.Generator, n: int, gap_lo: float, gap_hi: float) -> Iterator[int]:
    """Sample indices of events spaced gap_lo..gap_hi seconds apart, the first within one gap."""
    at = rng.uniform(0.2, gap_hi)
    while at * RATE < n:
        yield int(at * RATE)
        at += rng.uniform(gap_lo, gap_hi)


def _place(out: np.ndarray, sound: np.ndarray, at: int) -> None:
    """Add a sound at sample `at`, cut at the end of the bed."""
    end = min(len(out), at + len(sound))
    if end > at:
        out[at:end] += sound[: end - at]


def _ring(rng: np.random.Generator, freqs: np.ndarray, decays: np.ndarray, seconds: float) -> np.ndarray:
    """A struck object: inharmonic damped partials, started by a short noise click."""
    t = np.arange(int(seconds * RATE)) / RATE
    out = np.zeros_like(t)
    for f, d in zip(freqs, decays, strict=True):
        out += rng.uniform(0.4, 1.0) * np.exp(-t / d) * np.sin(2 * np.pi * f * t + rng.uniform(0, 2 * np.pi))
    click = min(len(t), 24)
    out[:click] += rng.standard_normal(click) * np.linspace(1.0, 0.0, click)
    return out / (np.abs(out).max() + 1e-9)


def _motor(rng: np.random.Generator, seconds: float) -> np.ndarray:
    """A grinder or drill: a motor that spins up, whines with grinding noise, and spins down."""
    n = int(seconds * RATE)
    t = np.arange(n) / RATE
    spin = np.clip(np.minimum(t / 0.35, (seconds - t) / 0.6), 0.0, 1.0)
    f0 = rng.uniform(150, 320) * (0.4 + 0.6 * spin) * (1 + 0.01 * np.sin(2 * np.pi * rng.uniform(3, 7) * t))
    phase = 2 * np.pi * np.cumsum(f0) / RATE
    tone = sum(np.sin(k * phase) / k for k in range(1, 7))
    whine = 0.5 * np.sin(rng.uniform(8, 12) * phase)  # the high whine of the gearing
    grind = 0.6 * _filter(rng.standard_normal(n), "bandpass", (1000, 3500))
    return 0.45 * spin * (tone + whine + grind * rng.uniform(0.3, 1.0))


def _workshop(rng: np.random.Generator, n: int) -> np.ndarray:
    """Hammering in groups of blows, a grinder or drill now and then, dropped tools; a quiet room under it."""
    out = 0.06 * _filter(rng.standard_normal(n), "lowpass", 2500)  # fans, a compressor, the room
    for at in _times(rng, n, 1.5, 6.0):
        metal = rng.random() < 0.6
        freqs = rng.uniform(1200, 3300, 4) if metal else rng.uniform(140, 420, 3)
        decays = rng.uniform(0.05, 0.15, len(freqs)) if metal else rng.uniform(0.015, 0.04, len(freqs))
        period = rng.uniform(0.35, 0.7)
        for blow in range(int(rng.integers(2, 8))):
            jitter = 1 + rng.uniform(-0.08, 0.08)
            _place(out, rng.uniform(0.6, 1.0) * _ring(rng, freqs, decays, 0.5), at + int(blow * period * jitter * RATE))
    for at in _times(rng, n, 10.0, 25.0):
        _place(out, _motor(rng, rng.uniform(1.5, 4.0)), at)
    for at in _times(rng, n, 4.0, 12.0):
        _place(out, 0.7 * _ring(rng, rng.uniform(300, 1500, 4), rng.uniform(0.15, 0.4, 4), 1.2), at)
    return out


def _kitchen(rng: np.random.Generator, n: int) -> np.ndarray:
    """A pan sizzling with crackles, bursts of cutlery clatter, dishes set down, the hood fan."""
    swell = 0.7 + 0.3 * np.sin(2 * np.pi * np.arange(n) / RATE / rng.uniform(4, 9))
    sizzle = 0.05 * swell * _filter(rng.standard_normal(n), "highpass", 1800)
    pops = (rng.random(n) < 40 / RATE) * rng.uniform(-1.0, 1.0, n)
    crackle = 0.6 * np.convolve(pops, np.exp(-np.arange(40) / 8.0), mode="same")
    fan = 0.02 * _filter(rng.standard_normal(n), "lowpass", 400) + 0.006 * np.sin(2 * np.pi * 120 * np.arange(n) / RATE)
    out = sizzle + _filter(crackle, "highpass", 1000) + fan
    for at in _times(rng, n, 3.0, 9.0):
        for _ in range(int(rng.integers(3, 11))):
            tick = _ring(rng, rng.uniform(2500, 3800, 2), rng.uniform(0.008, 0.03, 2), 0.12)
            _place(out, rng.uniform(0.2, 0.6) * tick, at + int(rng.uniform(0, 0.6) * RATE))
    for at in _times(rng, n, 5.0, 14.0):
        _place(out, rng.uniform(0.5, 1.0) * _ring(rng, rng.uniform(1400, 3400, 3), rng.uniform(0.08, 0.25, 3), 0.8), at)
    return out


def _car(rng: np.random.Generator, seconds: float) -> np.ndarray:
    """One car passing: tyre and engine noise swelling and fading, its engine note dropping as it goes by."""
    n = int(seconds * RATE)
    t = np.arange(n) / RATE
    swell = np.exp(-0.5 * ((t - seconds / 2) / (seconds / 6)) ** 2)
    doppler = 1.06 - 0.12 / (1 + np.exp(-(t - seconds / 2) * 4))
    phase = 2 * np.pi * np.cumsum(rng.uniform(70, 120) * doppler) / RATE
    engine = sum(np.sin(k * phase) / k for k in range(1, 5))
    tyres = _filter(rng.standard_normal(n), "bandpass", (120, 1800))
    return swell * (0.3 * engine + tyres)


def _street(rng: np.random.Generator, n: int) -> np.ndarray:
    """Traffic rumble, cars passing every few seconds, now and then a horn."""
    rumble = 0.15 * _filter(rng.standard_normal(n), "lowpass", 250)
    out = rumble + 0.03 * _filter(rng.standard_normal(n), "bandpass", (200, 2000))  # distant traffic
    for at in _times(rng, n, 4.0, 12.0):
        _place(out, rng.uniform(0.4, 1.0) * _car(rng, rng.uniform(3.0, 7.0)), at)
        if rng.random() < 0.15:
            t = np.arange(int(rng.uniform(0.25, 0.6) * RATE)) / RATE
            horn = np.sign(np.sin(2 * np.pi * 400 * t)) + np.sign(np.sin(2 * np.pi * 500 * t))
            _place(out, 0.2 * _filter(horn, "lowpass", 2500), at + int(rng.uniform(0.5, 2.0) * RATE))
    return out


def _radio_music(rng: np.random.Generator, n: int) -> np.ndarray:
    """A stretch of a packaged music track through a small speaker."""
    tracks = sorted(MOH_DIR.glob("*.wav"))
    if not tracks:
        raise ScenarioError(f"bed: radio music needs the music tracks in {MOH_DIR} (asterisk-moh-opsound-wav)")
    track = read_wav_8k(tracks[int(rng.integers(len(tracks)))]).astype(np.float64)
    start = int(rng.integers(max(1, len(track) - n)))
    return _filter(np.resize(track[start:], n), "bandpass", (200, 3400))


def _radio_talk(rng: np.random.Generator, n: int) -> np.ndarray:
    """Talk radio: espeak-ng reading a shuffled run of radio sentences, through a small speaker."""
    if not shutil.which("espeak-ng"):
        raise ScenarioError("bed: talk radio needs espeak-ng")
    text = " ".join(_RADIO_TALK[i] for i in rng.permutation(len(_RADIO_TALK)))
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "radio.wav"
        subprocess.run(["espeak-ng", "-v", "en-us+m3", "-s", "175", "-w", str(wav), text], check=True)
        speech = read_wav_8k(wav).astype(np.float64)
    hiss = 0.01 * _rms(speech) * rng.standard_normal(n)  # a radio is never digitally silent between words
    return _filter(np.resize(speech, n) + hiss, "bandpass", (250, 3300))


def make_bed(kinds: list[str], level_dbfs: float = -35.0, seed: int = 1, seconds: float = 60.0,
             radio: str = "music") -> np.ndarray:
    """A seamless loop of the noise bed (int16 at 8 kHz, whole frames) at level_dbfs RMS."""
    rng = np.random.default_rng(seed)
    n = int(seconds * RATE) // FRAME_SAMPLES * FRAME_SAMPLES
    fade = RATE // 4
    builders: dict[str, Callable[[np.random.Generator, int], np.ndarray]] = {
        "workshop": _workshop, "kitchen": _kitchen, "street": _street,
        "radio": _radio_talk if radio == "talk" else _radio_music,
    }
    mix = np.zeros(n + fade)
    for kind in kinds:
        part = builders[kind](rng, n + fade)
        mix += part / _rms(part) * (0.6 if kind == "radio" else 1.0)  # a radio plays low under the room
    ramp = np.linspace(0.0, 1.0, fade)
    mix[:fade] = mix[:fade] * ramp + mix[n:] * (1.0 - ramp)  # the loop's end fades into its start
    mix = mix[:n]
    target = 32768 * 10 ** (level_dbfs / 20)
    ceiling = min(30000.0, target * 10)  # impacts may peak 20 dB over the bed, not clip
    mix = ceiling * np.tanh(mix * target / _rms(mix) / ceiling)
    mix *= target / _rms(mix)
    return np.clip(np.rint(mix), -32768, 32767).astype(np.int16)


def beep_tone(hz: float = 1000.0, seconds: float = 0.5, lead_s: float = 0.4, level_dbfs: float = -12.0) -> np.ndarray:
    """A voicemail beep: lead_s of silence, then a sine with 5 ms ramps (int16 at 8 kHz)."""
    t = np.arange(int(seconds * RATE)) / RATE
    tone = np.sin(2 * np.pi * hz * t) * 32768 * 10 ** (level_dbfs / 20) * np.sqrt(2)
    ramp = min(len(t) // 2, RATE // 200)
    if ramp:
        tone[:ramp] *= np.linspace(0.0, 1.0, ramp)
        tone[len(t) - ramp :] *= np.linspace(1.0, 0.0, ramp)
    return np.concatenate([np.zeros(int(lead_s * RATE)), tone]).astype(np.int16)


class BedPlayout(PlayoutBuffer):
    """The simulator's playout: every frame it sends carries the noise bed under whatever it says.

    pop_frame runs on PJSIP's clock thread: one slice and one add per 20 ms, nothing heavier.
    """

    def __init__(self, bed: np.ndarray) -> None:
        super().__init__()
        if len(bed) < FRAME_SAMPLES or len(bed) % FRAME_SAMPLES:
            raise ValueError("the bed must be whole 20 ms frames")
        self._bed = bed.astype(np.int32)
        self._pos = 0

    def pop_frame(self) -> bytes:
        """Clock thread: the next voice frame (or silence) with the bed mixed in."""
        voice = np.frombuffer(super().pop_frame(), dtype="<i2").astype(np.int32)
        bed = self._bed[self._pos : self._pos + FRAME_SAMPLES]
        self._pos = (self._pos + FRAME_SAMPLES) % len(self._bed)
        return np.clip(voice + bed, -32768, 32767).astype("<i2").tobytes()


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
        if not m and re.search(r"\?\s*$|^\W*(?:sorry|what|pardon|could you|can you|hold on)\b", text, re.I):
            return None  # "Sorry, what was it you need?": a question back, not a name (the host asks again)
        name = m.group(1) if m else text
        name = re.sub(r"[^A-Za-z' -]", "", name).strip()
        return name or None
    raise ScenarioError(f"unknown capture {kind!r}")


def asks_something(text: str) -> bool:
    """The caller's words put a question to us ("... Is that right?", "is that what's booked"), as Whisper writes it."""
    return "?" in text or bool(re.search(r"\b(?:is that|is it|are you|can you|could you)\b", text, re.I))


# The caller did not catch our last line: "Sorry, I didn't quite catch that. Could you say it again?", "pardon?",
# "come again?". A person asked that says their line again.
_ASKS_TO_REPEAT = re.compile(
    r"\b(?:(?:say|repeat)\s+(?:it|that)(?:\s+again)?"
    r"|(?:did\s*n[o']?t|did not|could\s*n[o']?t|could not)\s+(?:quite\s+)?(?:catch|hear|get)\s+(?:that|you|it|what)"
    r"|come again|pardon|one more time)\b", re.I)


def asks_to_repeat(text: str) -> bool:
    """The caller asks us to say our last line again, as Whisper writes it."""
    return bool(_ASKS_TO_REPEAT.search(text))


# The caller asks for the code itself again ("Could you read me the code one character at a time?"), not a read-back
# of theirs (which carries the code's digits).
_ASKS_FOR_CODE = re.compile(r"\b(?:read|spell|say|give)\b.*\b(?:code|reference)\b|\b(?:code|reference)\b.*\b(?:again|"
                            r"(?:one|1) (?:character|digit|letter|number) at a time)\b", re.I)
_DIGIT_NAMES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def asks_for_code(text: str) -> bool:
    """The caller asks us to read the code out (again), as Whisper writes it."""
    return asks_something(text) and bool(_ASKS_FOR_CODE.search(text)) and _digit_run(text) is None


def spelled_code(code: str) -> str:
    """A code as a host reads it out one character at a time: "four, seven, one, nine"."""
    return ", ".join(_DIGIT_NAMES[int(c)] if c.isdigit() else c for c in code)


def code_read_back(text: str) -> str | None:
    """The code in the caller's read-back: the digits said after its last "code" ("... under Alex, code 4 7 1
    9. Is that right?" -> "4719"), up to the sentence's end; None when it named no code."""
    found = list(re.finditer(r"\b(?:code|reference|number)\b", text, re.I))
    if not found:
        return _digit_run(text)
    tail = re.split(r"[.?!]\s|\b(?:is that|right|correct)\b", text[found[-1].end():], maxsplit=1)[0]
    return digits_from_text(tail) or None


_DIGIT_TOKEN = r"(?:\d+|zero|oh|one|two|three|four|five|six|seven|eight|nine|double|triple)"


def _digit_run(text: str) -> str | None:
    """A code read out with its word misheard ("under Maria Delgado co 3 817. Is that right?"): the last run of
    three or more digits that is no time of day, as a host hears a number read back; None when there is none."""
    runs = re.finditer(rf"\b{_DIGIT_TOKEN}(?:[\s,-]+{_DIGIT_TOKEN})*\b(?!\s*(?:am|pm|a\.m|p\.m|o'clock|:))",
                       text, re.I)
    codes = [digits_from_text(m.group(0)) for m in runs]
    return next((c for c in reversed(codes) if len(c) >= 3), None)


class FarEnd(IvrSteps):
    """Answers calls and runs the scenario on the main thread; a pump thread handles frames."""

    def __init__(self, scenario: dict[str, Any], settings: SipSettings, log_path: Path, stt: WhisperSTT,
                 callback_uri: str = "") -> None:
        self.scenario = scenario
        self.events: queue.Queue[object] = queue.Queue()
        bed = scenario.get("bed")
        playout = BedPlayout(make_bed(bed["kind"], bed["level_dbfs"], bed["seed"], radio=bed["radio"])) if bed else None
        self._init_ivr()
        self.engine = SipEngine(settings, self._on_sip_event, playout=playout)
        self.marks: queue.Queue[tuple[int, float]] = queue.Queue()
        self.engine.playout.on_mark = self._on_mark
        self.voice = Voice(scenario.get("voice", "flite:rms"))
        self._voices = {scenario.get("voice", "flite:rms"): self.voice}  # by spec, for steps with their own voice
        self.stt = stt
        self.callback_uri = callback_uri
        self.log_file = log_path.open("a", encoding="utf-8")
        self.utterances: queue.Queue[listen.SpeechEnded] = queue.Queue()
        self.t0 = time.monotonic()
        self.vars: dict[str, str] = {}
        self._said_start = 0.0  # when our last line began playing
        self._said_end: float | None = None  # when our last line finished playing
        self._first_agent_audio: float | None = None
        self._last_agent_audio = 0.0  # when the latest loud agent frame arrived
        self._agent_talking_since: float | None = None  # start of the agent's current stretch of audio
        # [first, last] arrival of each stretch of the agent's audio this call: the pump appends, steps read.
        self._spans: list[list[float]] = []
        self._spans_lock = threading.Lock()
        self._record: list[tuple[float, bytes]] | None = None  # frames heard during record_s (the pump appends)
        self._answered_at = 0.0
        self._in_call = threading.Event()
        self._ended = threading.Event()
        self._segmenter = listen.SpeechSegmenter(end_silence_ms=800)
        self._mark = 0
        self._last_line: tuple[str, float | None, Voice] | None = None  # our last say step, said again if asked
        self._log_lock = threading.Lock()  # the pump thread logs keys as they arrive

    def log(self, event: str, **fields: Any) -> None:
        """One JSONL line; `t` is seconds since start (a field `t` passed in replaces it)."""
        entry = {"t": round(time.monotonic() - self.t0, 3), "event": event, **fields}
        line = json.dumps(entry)
        with self._log_lock:
            self.log_file.write(line + "\n")
            self.log_file.flush()
            print(line, flush=True)

    def _on_sip_event(self, event: object) -> None:
        """SIP thread: keys go to the pump thread (which logs them at once), everything else to the scenario."""
        if isinstance(event, DtmfReceived):
            self._signalled_key(event.digit, getattr(event, "method", ""))
        else:
            self.events.put(event)

    def _on_mark(self, mark: int) -> None:
        """Clock thread: note when a line's last frame went out (the end of our voice, not of the bed)."""
        self.marks.put((mark, time.monotonic()))

    # ---- pump thread: frames from the line ---------------------------------------------------
    def pump(self) -> None:
        while True:
            pair = self.engine.inbound.get(timeout=0.2)
            if not self._in_call.is_set():
                self._take_keys(None, time.monotonic())
                self._flush_segmenter()
                continue
            if pair is None:
                self._take_keys(None, time.monotonic())
                continue
            heard = pair[0]
            now = time.monotonic()
            tone = self._take_keys(heard, now)  # keys, signalled or in-band; a DTMF tone is no talk
            if not tone and frame_dbfs(heard) > AGENT_AUDIO_DBFS:
                self._note_agent_audio(now)
            record = self._record
            if record is not None:
                record.append((now, heard))
            for seg in self._segmenter.process(heard):
                if isinstance(seg, listen.SpeechEnded):
                    self.utterances.put(seg)

    def _note_agent_audio(self, now: float) -> None:
        """Pump thread: a loud frame from the agent arrived."""
        if self._said_end is not None and self._first_agent_audio is None:
            self._first_agent_audio = now
        if self._agent_talking_since is None or now - self._last_agent_audio > AGENT_GAP_S:
            self._agent_talking_since = now
        self._last_agent_audio = now
        with self._spans_lock:
            if self._spans and now - self._spans[-1][1] <= AGENT_GAP_S:
                self._spans[-1][1] = now
            else:
                self._spans.append([now, now])

    def _agent_audio(self, start: float, end: float) -> list[tuple[float, float]]:
        """Stretches of the agent's audio that overlap [start, end], clipped to it."""
        with self._spans_lock:
            return [(max(a, start), min(b, end)) for a, b in self._spans if b >= start and a <= end]

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
            self._note_event(event)
            if isinstance(event, CallEnded) and kind is not CallEnded:
                return event
            if isinstance(event, kind):
                return event

    def _note_event(self, event: object) -> None:
        """Main thread: what every SIP event means to the scenario, whoever was waiting for it."""
        if isinstance(event, CallEnded):
            self._on_ended(event)
        elif isinstance(event, SipFailed):  # e.g. a hold the peer refused
            self.log("sip-failed", code=event.code, message=event.message)

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
        self._reset_keys()
        with self._spans_lock:
            self._spans.clear()
        self._answered_at = time.monotonic()
        self._in_call.set()
        self.log("answered")
        completed = self._run_steps(self.scenario["step"])
        if not self._ended.is_set():
            self._wait_for(CallEnded, timeout=10)
        self.log("scenario-end", completed=completed, vars=self.vars)
        return completed

    def _run_steps(self, steps: list[dict[str, Any]]) -> bool:
        """Run the steps in order, following jumps; True when the scenario completed. It completes when it
        runs off its end or through our own hangup, or when the caller leaves where only steps that need
        no caller (a hangup, an optional listen) can follow."""
        labels = label_index(steps)
        visits = [0] * len(steps)
        index = 0
        while index < len(steps):
            step = steps[index]
            visits[index] += 1
            if visits[index] > MAX_STEP_VISITS:
                self.log("loop-limit", step=step.get("label", index + 1), visits=MAX_STEP_VISITS)
                self._hangup(step)
                return False
            if self._ended.is_set() or not self._run_step(index + 1, step):
                return closing_only(steps, labels, index)
            if step.get("hangup"):
                return True
            index = next_index(labels, index, self._jump)
        return True

    def _run_step(self, index: int, step: dict[str, Any]) -> bool:
        """Run one step; False ends the scenario (the call ended, or the agent did not do its part).
        A step that jumps leaves the label in self._jump (a step's own `goto` applies after it ran)."""
        self._jump = None
        self._where = step.get("label", index)
        actions: list[tuple[str, Callable[[dict[str, Any]], bool]]] = [
            ("sip_hold", self._sip_hold),  # before play: a hold step may carry its music
            ("hold_s", self._hold_step),  # before play: the queue hold's music
            ("menu", self._menu_step),
            ("collect", self._collect_step),
            ("sip_unhold", self._sip_unhold),
            ("renegotiate", self._renegotiate),
            ("say", self._say_step),
            ("play", lambda st: self._play(self._clip(st).tobytes(), st["play"])),
            ("beep", self._beep),
            ("barge_in", lambda st: self._barge_in(st["barge_in"].format(**self.vars), float(st.get("after_s", 1.0)))),
            ("listen", self._listen_step),
            ("silence_s", self._silence),
            ("record_s", self._record_message),
            ("dtmf", self._dtmf),
            ("wait_s", lambda st: self._wait(float(st["wait_s"]))),
            ("hangup", self._hangup),
            ("call_back_after_s", lambda st: self._call_back(float(st["call_back_after_s"]))),
            ("goto", lambda st: True),  # last: on any other step it only says where to go next
        ]
        for key, action in actions:
            if step.get(key) not in (None, False):
                ok = action(step)
                if ok and self._jump is None and "goto" in step:
                    self._jump = step["goto"]
                return ok
        raise ScenarioError(f"step {index} does nothing")

    def _say_step(self, step: dict[str, Any]) -> bool:
        noise = step.get("line_noise_dbfs")
        self._last_line = step["say"].format(**self.vars), None if noise is None else float(noise), self._voice(step)
        return self._say(*self._last_line)

    def _voice(self, step: dict[str, Any]) -> Voice:
        """The step's own voice (say and a listen's retry), or the scenario's."""
        spec = step.get("voice")
        if not spec:
            return self.voice
        if spec not in self._voices:
            self._voices[spec] = Voice(spec)
        return self._voices[spec]

    def _dtmf(self, step: dict[str, Any]) -> bool:
        self.engine.send_dtmf(str(step["dtmf"]))
        self.log("dtmf-sent", digits=str(step["dtmf"]))
        return True

    def _wait(self, seconds: float) -> bool:
        """Wait (the bed keeps playing); False if the call ended meanwhile."""
        self._wait_for(CallEnded, timeout=seconds)
        return not self._ended.is_set()

    def _hangup(self, _: dict[str, Any]) -> bool:
        self.engine.hangup()
        self.log("hangup")
        self._wait_for(CallEnded, timeout=5)
        return True

    def _beep(self, step: dict[str, Any]) -> bool:
        """A voicemail tone after a short pause."""
        hz, seconds = float(step.get("beep_hz", 1000.0)), float(step.get("beep_s", 0.5))
        return self._play(beep_tone(hz, seconds).tobytes(), "beep", beep_hz=hz, beep_s=seconds)

    def _silence(self, step: dict[str, Any]) -> bool:
        """Send nothing but the bed; note whether the agent talked meanwhile, and what it said."""
        seconds = float(step["silence_s"])
        start = time.monotonic()
        self._wait(seconds)
        spans = self._agent_audio(start, time.monotonic())
        self.log("silence", seconds=seconds, agent_talked=bool(spans), agent_audio_s=_span_seconds(spans),
                 text=self._drain_heard())
        return not self._ended.is_set()

    def _sip_hold(self, step: dict[str, Any]) -> bool:
        """Put the call on hold (sendonly); music while held if the step plays some, else `seconds` of bed."""
        self.engine.hold()
        self.log("sip-hold")
        if "play" in step:
            return self._play(self._clip(step).tobytes(), step["play"])
        return self._wait(float(step.get("seconds", 0.0)))

    def _sip_unhold(self, _: dict[str, Any]) -> bool:
        self.engine.unhold()
        self.log("sip-unhold")
        return not self._ended.is_set()

    def _renegotiate(self, step: dict[str, Any]) -> bool:
        """Re-INVITE offering only another codec (e.g. "PCMA/8000/1"), as a carrier or PBX may mid-call."""
        self.engine.renegotiate(str(step["renegotiate"]))
        self.log("renegotiate", codec=step["renegotiate"])
        return not self._ended.is_set()

    def _record_message(self, step: dict[str, Any]) -> bool:
        """A voicemail recording: everything the agent says in the next record_s seconds, as one transcript."""
        start = time.monotonic()
        self._record = []  # first, so the message's opening is kept while older talk is transcribed
        said_before = self._drain_heard()
        self._wait(max(0.0, float(step["record_s"]) - (time.monotonic() - start)))
        frames, self._record = self._record, None
        end = time.monotonic()
        spans = self._agent_audio(start, end)
        text = self._transcribe_spans(frames, spans)
        self._drain_utterances()  # the same audio, already in the message
        before = self._agent_audio(self._answered_at, start - 0.05)
        self.log("recorded", text=text, started_s=round(spans[0][0] - start, 2) if spans else None,
                 agent_talked_before=bool(before), said_before=said_before, agent_audio_s=_span_seconds(spans),
                 seconds=round(end - start, 2), caller_hung_up=self._ended.is_set())
        return True

    def _transcribe_spans(self, frames: list[tuple[float, bytes]], spans: list[tuple[float, float]]) -> str:
        """One transcript of the frames from the first stretch of agent audio to the last."""
        if not spans:
            return ""
        first, last = spans[0][0] - 0.3, spans[-1][1] + 0.5
        audio = b"".join(frame for t, frame in frames if first <= t <= last)
        return self.stt.transcribe(audio).strip() if audio else ""

    def _drain_utterances(self) -> list[listen.SpeechEnded]:
        found = []
        while True:
            try:
                found.append(self.utterances.get_nowait())
            except queue.Empty:
                return found

    def _drain_heard(self) -> str:
        """What the agent said that no listen step took (it must not answer a later question), transcribed."""
        texts = [self.stt.transcribe(seg.audio).strip() for seg in self._drain_utterances()]
        return " ".join(text for text in texts if text)

    def _say(self, text: str, line_noise_dbfs: float | None = None, voice: Voice | None = None) -> bool:
        pcm = (voice or self.voice).pcm(text)
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

    def _play(self, pcm: bytes, what: str, event: str = "played", **extra: Any) -> bool:
        """Send audio and wait until its last frame has gone out; v2v is measured from that moment."""
        self._mark += 1
        start = time.monotonic()
        self._said_start = start
        self._said_end = None
        self._first_agent_audio = None
        self.engine.playout.push(pcm)
        self.engine.playout.mark(self._mark)
        while True:
            try:
                mark, sent_at = self.marks.get(timeout=0.1)
            except queue.Empty:
                if self._ended.is_set() or self._check_ended():
                    return False
                continue
            if mark == self._mark:
                break
        self._said_end = sent_at
        talked = bool(self._agent_audio(start, time.monotonic()))
        self.log(event, text=what, duration_s=round(sent_at - start, 2), agent_talked=talked, **extra)
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
        self._note_event(event)
        return isinstance(event, CallEnded)

    def _listen_step(self, step: dict[str, Any]) -> bool:
        tries = answered = repeated = spelled = 0
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
            if ok and step.get("check_code") and spelled < 2 and asks_for_code(heard):
                spelled += 1  # asked for the code itself: a host reads it out, one character at a time
                self.log("code-spelled", heard=heard)
                if not self._say(f"Sure. It's {spelled_code(str(step['check_code']))}.", voice=self._voice(step)):
                    return bool(step.get("optional"))
                continue
            if ok and step.get("check_code"):
                said = code_read_back(heard)
                ok = said in (None, str(step["check_code"]))
                self.log("code-checked", heard=said, expected=str(step["check_code"]), ok=ok)
                if not ok:
                    tries += 1
                    wrong = step.get("wrong_code") or f"No, the code is {' '.join(str(step['check_code']))}."
                    if tries > 2 or not self._say(wrong, voice=self._voice(step)):
                        return tries > 2  # said twice and still wrong: the host gives up, the call goes on
                    continue
            if ok and step.get("answer") and answered < 2 and asks_something(heard):
                answered += 1
                self.log("answered", heard=heard)
                if not self._say(step["answer"].format(**self.vars), voice=self._voice(step)):
                    return bool(step.get("optional"))  # they hung up as we answered
                continue
            if ok:
                return True
            if self._last_line and repeated < 2 and asks_to_repeat(heard):
                repeated += 1  # they did not catch our line: a person says it again, and listens on
                self.log("repeated", heard=heard, text=self._last_line[0])
                if not self._say(*self._last_line):
                    return bool(step.get("optional"))
                continue
            if "retry" not in step:
                continue  # nothing to ask again: keep listening until the timeout
            tries += 1
            if tries > 2:
                self.log("gave-up", step=step)
                return False
            if not self._say(step["retry"], voice=self._voice(step)):
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
            why = self._not_a_reply(seg) if text else ""
            if why:
                # It stopped before our line ended (cut off as we went on, or said before it began): no reply to
                # our line. A person finishes and waits for the answer.
                self.log(why, text=text, speech_s=round(len(seg.audio) / (2 * 8000), 2))
                continue
            if not text:
                # An utterance STT made nothing of: logged, so that a scenario that timed out listening says
                # whether the agent's words never came as speech or came and were not made out.
                self.log("heard-nothing", speech_s=round(len(seg.audio) / (2 * 8000), 2))
                continue
            v2v = None
            if self._said_end is not None and self._first_agent_audio is not None:
                v2v = round((self._first_agent_audio - self._said_end) * 1000, 1)
            self.log("heard", text=text, v2v_ms=v2v, speech_s=round(len(seg.audio) / (2 * 8000), 2))
            self._said_end = None
            return text

    def _not_a_reply(self, seg: listen.SpeechEnded) -> str:
        """Why the agent's utterance is no reply to our last line ("" when it may be one).

        A reply to a line ends after the line does. One that stopped while our line played was cut off as we went
        on, wherever it began ("Perfect-" begun in our pause, as we say "Your booking number is ..."):
        "talked-over". One that was over before our line began answered something else: "before-our-line".
        The segmenter's clock starts at the answer."""
        if self._said_end is None:
            return ""
        ended = self._answered_at + seg.t
        if ended >= self._said_end:
            return ""
        return "talked-over" if ended > self._said_start else "before-our-line"

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
