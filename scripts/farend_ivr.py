"""The far-end simulator's phone menus (IVR): labels and jumps, menus, digit collection and queue holds.

scripts/farend.py runs a scenario's steps; the step keys are documented there. This module holds the
IVR pieces so that file stays readable:
- pure helpers, unit-tested on their own: checking the IVR keys of a step and the scenario's jumps,
  where the scenario goes next, which steps are still to come, reading digits out of a transcript,
  matching a spoken menu word, telling one key press from its echo by another route, mixing
  announcements over hold music, taking a DTMF tone's audio back out of "the agent talked";
- `IvrSteps`, a mixin FarEnd inherits: the step runners (menu, collect, hold) and the key plumbing.
  Keys come from the SIP thread (RFC 4733 events, SIP INFO) and from the pump thread (in-band tones,
  `agent.line.dtmf.DtmfDetector` over the inbound frames); the pump thread de-duplicates them, logs
  "dtmf-received" at once and queues them for the main thread, which runs the steps.
"""

from __future__ import annotations

import queue
import re
import threading
import time
from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np

from agent.line.dtmf import DtmfDetector
from agent.speech import listen

RATE = 8000  # Hz
FRAME_SAMPLES = 160  # one 20 ms frame at 8 kHz
KEY_CHARS = "0123456789*#"  # keys a menu table may map
SPECIAL_TARGETS = ("repeat", "next")  # menu targets that are not labels
MENU_TIMEOUT_S = 6.0
MENU_INVALID = "Sorry, that is not a valid option."
MENU_NO_INPUT_REPEATS = 2
MAX_MENU_PROMPTS = 8  # prompts in one visit of a menu (invalid keys, repeats): then it gives up
COLLECT_TIMEOUT_S = 8.0
COLLECT_UNTIL = "#"
COLLECT_MAX_DIGITS = 20
COLLECT_INVALID = "Sorry, that reference was not recognised."
COLLECT_ATTEMPTS = 3
ANNOUNCE_EVERY_S = 30.0
DUCK_DB = 6.0  # the hold music drops this much under an announcement
DUCK_RAMP_S = 0.15
DEDUP_WINDOW_S = 0.3  # the same key by two routes this close together is one press
MAX_STEP_VISITS = 12  # a step run more often than this in one call: the scenario gives up (a loop nobody leaves)
MAX_TONE_S = 1.0  # an in-band tone longer than this is not a key press any more: loud frames count as talk again
AGENT_SPEECH_GRACE_S = 10.0  # a menu's timeout waits this much longer for an utterance already under way

# Modifier keys of the IVR actions: which actions each belongs to.
IVR_MODIFIERS: dict[str, tuple[str, ...]] = {
    "keys": ("menu",), "words": ("menu",), "no_input_repeats": ("menu",), "no_input_goto": ("menu",),
    "right": ("menu",), "invalid": ("menu", "collect"), "timeout_s": ("menu", "collect"),
    "pause_s": ("menu", "collect"), "until": ("collect",), "max_digits": ("collect",), "expect": ("collect",),
    "attempts": ("collect",), "fail_goto": ("collect",), "speech": ("collect",),
    "announce": ("hold_s",), "announce_every_s": ("hold_s",),
}
IVR_ACTIONS = {"goto", "menu", "collect", "hold_s"}
IVR_STEP_KEYS = IVR_ACTIONS | set(IVR_MODIFIERS) | {"label"}
JUMP_KEYS = ("goto", "no_input_goto", "fail_goto")  # keys whose value is a label
_NO_GOTO_WITH = ("menu", "hangup", "call_back_after_s")  # a step that cannot be followed by a jump

_DIGIT_WORDS = {"zero": "0", "oh": "0", "o": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
                "six": "6", "seven": "7", "eight": "8", "nine": "9"}
_REPEATS = {"double": 2, "triple": 3}


class ScenarioError(ValueError):
    """A scenario file that cannot be played."""


# ---- checking a scenario's IVR keys -----------------------------------------------------------------
def check_ivr_step(step: dict[str, Any], where: str) -> None:
    """Check a step's IVR keys (label, goto, menu, collect, hold_s and their modifiers); names any bad one."""
    actions = set(step) - set(IVR_MODIFIERS) - {"label"}
    for key, owners in IVR_MODIFIERS.items():
        if key in step and not actions & set(owners):
            raise ScenarioError(f"{where}: {key!r} belongs to a {' or '.join(owners)} step")
    if "label" in step:
        label = step["label"]
        if not isinstance(label, str) or not label.strip():
            raise ScenarioError(f"{where}: label must be a non-empty string, got {label!r}")
        if label in SPECIAL_TARGETS:
            raise ScenarioError(f"{where}: label {label!r} is reserved (a menu target meaning {label} itself)")
    for key in JUMP_KEYS:
        if key in step and (not isinstance(step[key], str) or not step[key].strip()):
            raise ScenarioError(f"{where}: {key!r} must name a label, got {step[key]!r}")
    if "goto" in step:
        clash = [key for key in _NO_GOTO_WITH if key in step]
        if clash:
            raise ScenarioError(f"{where}: goto cannot follow {clash[0]!r} (a menu's keys and words say where to go)")
    if "menu" in step:
        _check_menu(step, where)
    if "collect" in step:
        _check_collect(step, where)
    if "hold_s" in step:
        _check_hold(step, where)


def _text(step: dict[str, Any], key: str, where: str, example: str) -> None:
    value = step[key]
    if not isinstance(value, str) or not value.strip():
        raise ScenarioError(f"{where}: {key} needs the prompt text, e.g. {key} = {example!r}; got {value!r}")


def _count(step: dict[str, Any], key: str, where: str, least: int) -> None:
    value = step.get(key, least)
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        raise ScenarioError(f"{where}: {key!r} must be a whole number of at least {least}, got {value!r}")


def _check_menu(step: dict[str, Any], where: str) -> None:
    _text(step, "menu", where, "For sales, press 1.")
    if "keys" not in step and "words" not in step:
        raise ScenarioError(f"{where}: a menu needs keys = {{\"1\" = \"label\"}} or words = {{\"sales\" = \"label\"}}")
    for table in ("keys", "words"):
        if table not in step:
            continue
        mapping = step[table]
        if not isinstance(mapping, dict) or not mapping:
            raise ScenarioError(f"{where}: {table} must be a table, e.g. {table} = {{\"1\" = \"label\"}}")
        for item, target in mapping.items():
            if table == "keys" and (len(item) != 1 or item not in KEY_CHARS):
                raise ScenarioError(f"{where}: keys: {item!r} is not a key (one of {KEY_CHARS})")
            if table == "words" and not item.strip():
                raise ScenarioError(f"{where}: words: an empty word")
            if not isinstance(target, str) or not target.strip():
                raise ScenarioError(f"{where}: {table}: {item!r} must map to a label, 'repeat' or 'next'; "
                                    f"got {target!r}")
    if "invalid" in step:
        _text(step, "invalid", where, MENU_INVALID)
    _count(step, "no_input_repeats", where, 0)
    if "right" in step:
        right = step["right"]
        items = [right] if isinstance(right, str) else right
        if not isinstance(items, list) or not items or not all(isinstance(r, str) for r in items):
            raise ScenarioError(f"{where}: right must be a key or word, or a list of them; got {right!r}")
        known = set(step.get("keys", {})) | {w.lower() for w in step.get("words", {})}
        for item in items:
            if item.lower() not in known:
                raise ScenarioError(f"{where}: right: {item!r} is in neither keys nor words")


def _check_collect(step: dict[str, Any], where: str) -> None:
    _text(step, "collect", where, "Please enter your account number, followed by the pound key.")
    until = step.get("until", COLLECT_UNTIL)
    if not isinstance(until, str) or len(until) > 1 or (until and until not in KEY_CHARS):
        raise ScenarioError(f"{where}: until must be one key (e.g. \"#\") or \"\" for none, got {until!r}")
    _count(step, "max_digits", where, 1)
    _count(step, "attempts", where, 1)
    if "expect" in step:
        expect = step["expect"]
        if not isinstance(expect, str) or not re.fullmatch(r"[0-9*#]+", expect):
            raise ScenarioError(f"{where}: expect must be a string of keys, e.g. expect = \"4711\"; got {expect!r}")
        if len(expect) > step.get("max_digits", COLLECT_MAX_DIGITS):
            raise ScenarioError(f"{where}: expect {expect!r} is longer than max_digits")
    if "invalid" in step:
        _text(step, "invalid", where, COLLECT_INVALID)
    if "capture" in step and (not isinstance(step["capture"], str) or not re.fullmatch(r"\w+", step["capture"])):
        raise ScenarioError(f"{where}: capture must name a variable, got {step['capture']!r}")
    if not isinstance(step.get("speech", True), bool):
        raise ScenarioError(f"{where}: speech must be true or false, got {step['speech']!r}")


def _check_hold(step: dict[str, Any], where: str) -> None:
    seconds = step["hold_s"]
    if isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds <= 0:
        raise ScenarioError(f"{where}: hold_s must be a positive number of seconds, got {seconds!r}")
    if "play" not in step:
        raise ScenarioError(f"{where}: hold_s needs play = \"music.wav\" (the hold music)")
    announce = step.get("announce", [])
    if not isinstance(announce, list) or not all(isinstance(a, str) and a.strip() for a in announce):
        raise ScenarioError(f"{where}: announce must be a list of texts, got {announce!r}")
    every = step.get("announce_every_s", ANNOUNCE_EVERY_S)
    if isinstance(every, bool) or not isinstance(every, int | float) or every <= 0:
        raise ScenarioError(f"{where}: announce_every_s must be a positive number, got {every!r}")


def step_targets(step: dict[str, Any]) -> list[tuple[str, str]]:
    """(key, target) for every jump a step can make: goto, no_input_goto, fail_goto, keys and words."""
    found = [(key, step[key]) for key in JUMP_KEYS if key in step]
    for table in ("keys", "words"):
        found += [(f"{table}.{item}", target) for item, target in step.get(table, {}).items()]
    return found


def check_flow(steps: list[dict[str, Any]], where: str) -> dict[str, int]:
    """Labels must be unique and every jump must land on one; returns label -> step index (0-based)."""
    labels: dict[str, int] = {}
    for i, step in enumerate(steps):
        if "label" in step:
            if step["label"] in labels:
                raise ScenarioError(f"{where}: step {i + 1}: label {step['label']!r} is already step "
                                    f"{labels[step['label']] + 1}'s")
            labels[step["label"]] = i
    for i, step in enumerate(steps):
        for key, target in step_targets(step):
            special = key.startswith(("keys.", "words.")) and target in SPECIAL_TARGETS
            if not special and target not in labels:
                raise ScenarioError(f"{where}: step {i + 1}: {key} = {target!r}: no step has label {target!r}")
    return labels


def label_index(steps: list[dict[str, Any]]) -> dict[str, int]:
    """Label -> step index (0-based) of a checked scenario."""
    return {step["label"]: i for i, step in enumerate(steps) if "label" in step}


# ---- where the scenario goes -----------------------------------------------------------------------
def next_index(labels: dict[str, int], index: int, jump: str | None) -> int:
    """The step after `index` (0-based): the jump's label, the same step on 'repeat', else the next one."""
    if jump is None or jump == "next":
        return index + 1
    if jump == "repeat":
        return index
    return labels[jump]


def successors(steps: list[dict[str, Any]], labels: dict[str, int], index: int) -> set[int]:
    """Steps that may run right after step `index` (0-based); len(steps) means the scenario ends."""
    step = steps[index]
    if step.get("hangup"):
        return set()
    found: set[int] = set()
    if "menu" in step:
        for _, target in step_targets(step):
            found.add(next_index(labels, index, target))
        return found
    found.add(labels[step["goto"]] if "goto" in step else index + 1)
    if "fail_goto" in step:
        found.add(labels[step["fail_goto"]])
    return found


def closing_only(steps: list[dict[str, Any]], labels: dict[str, int], index: int) -> bool:
    """True when every step from `index` on, wherever the jumps lead, needs no caller (a hangup, an
    optional listen): the caller may leave there and the scenario still counts as completed."""
    seen: set[int] = set()
    todo = [index]
    while todo:
        i = todo.pop()
        if i in seen or i >= len(steps):
            continue
        seen.add(i)
        if not (steps[i].get("hangup") or steps[i].get("optional")):
            return False
        todo.extend(successors(steps, labels, i))
    return True


# ---- reading the caller's input --------------------------------------------------------------------
class KeyPress(NamedTuple):
    """One key as the far end received it."""

    digit: str
    method: str  # "rfc4733", "info" or "in-band"
    at: float  # time.monotonic() when the press began (in-band: the tone's start)


class KeyDeduper:
    """A key heard in-band and also signalled (RFC 4733, SIP INFO) is one press: the second route's copy,
    within DEDUP_WINDOW_S, is dropped. The same key twice by the same route is two presses."""

    def __init__(self, window_s: float = DEDUP_WINDOW_S) -> None:
        self.window_s = window_s
        self._last: KeyPress | None = None

    def reset(self) -> None:
        self._last = None

    def accept(self, press: KeyPress) -> bool:
        """True for a new press, False for another route's copy of the last one."""
        last = self._last
        if (last is not None and press.digit == last.digit and press.method != last.method
                and abs(press.at - last.at) <= self.window_s):
            return False
        self._last = press
        return True


def digits_from_text(text: str) -> str:
    """The digits someone said: numerals, "one two three", "oh" for zero (next to another digit),
    "double four" / "triple seven"; every other word is skipped."""
    tokens = re.findall(r"\d+|[a-z]+", text.lower())

    def digit_word(i: int) -> str | None:
        if not 0 <= i < len(tokens):
            return None
        token = tokens[i]
        if token.isdigit():
            return token
        if token in ("oh", "o"):  # "oh" is zero only between digits, not "oh, sure"
            near = [tokens[j] for j in (i - 1, i + 1) if 0 <= j < len(tokens)]
            return "0" if any(t.isdigit() or (t in _DIGIT_WORDS and t not in ("oh", "o")) for t in near) else None
        return _DIGIT_WORDS.get(token)

    out = []
    i = 0
    while i < len(tokens):
        if tokens[i] in _REPEATS:
            following = digit_word(i + 1)
            if following is not None and len(following) == 1:
                out.append(following * _REPEATS[tokens[i]])
                i += 2
                continue
        out.append(digit_word(i) or "")
        i += 1
    return "".join(out)


def match_words(words: dict[str, str], text: str) -> str | None:
    """The menu word or phrase heard in `text` (case-insensitive, from the start of a word, so 'appointment'
    also hears 'appointments' but 'one' does not hear 'phone'); the longest one if several are."""
    spoken = " ".join(re.findall(r"[a-z0-9']+", text.lower()))
    found = [w for w in words if re.search(r"\b" + re.escape(" ".join(re.findall(r"[a-z0-9']+", w.lower()))),
                                           spoken)]
    return max(found, key=len) if found else None


def menu_target(step: dict[str, Any], value: str | None, spoken: bool) -> str | None:
    """Where a menu input leads (a label, 'repeat' or 'next'), or None when it matches nothing."""
    if value is None:
        return None
    table: dict[str, str] = step.get("words" if spoken else "keys", {})
    return table.get(value)


def is_right(step: dict[str, Any], value: str | None) -> bool | None:
    """Whether a menu input serves the caller's task (the step's `right`); None when the step has no `right`."""
    if "right" not in step:
        return None
    right = step["right"]
    items = [right] if isinstance(right, str) else right
    return value is not None and value.lower() in {r.lower() for r in items}


# ---- audio ----------------------------------------------------------------------------------------
def hold_mix(music: np.ndarray, seconds: float, voices: list[np.ndarray], every_s: float,
             duck_db: float = DUCK_DB, ramp_s: float = DUCK_RAMP_S) -> tuple[np.ndarray, list[tuple[int, int, int]]]:
    """A queue hold: the music looped to `seconds` (whole frames), and the announcements, in turn and over
    again, every `every_s` from the start, voiced over it with the music ducked by duck_db. An
    announcement that would not finish before the end is left out. Returns the int16 audio and
    (start sample, end sample, announcement index) for each announcement placed."""
    n = int(round(seconds * RATE)) // FRAME_SAMPLES * FRAME_SAMPLES
    music = music.astype(np.float64)
    bed = np.resize(music, n) if len(music) else np.zeros(n)
    gain = np.ones(n)
    words = np.zeros(n)
    duck = 10 ** (-duck_db / 20)
    ramp = max(1, int(ramp_s * RATE))
    placed: list[tuple[int, int, int]] = []
    at = every_s
    k = 0
    while voices:
        voice = voices[k % len(voices)]
        start = int(at * RATE)
        end = start + len(voice)
        if end > n:
            break
        gain[start:end] = duck
        down = slice(max(0, start - ramp), start)
        gain[down] = np.minimum(gain[down], np.linspace(1.0, duck, ramp)[ramp - (down.stop - down.start):])
        up = slice(end, min(n, end + ramp))
        gain[up] = np.minimum(gain[up], np.linspace(duck, 1.0, ramp)[: up.stop - up.start])
        words[start:end] += voice
        placed.append((start, end, k % len(voices)))
        k += 1
        at = max(at + every_s, end / RATE + 1.0)  # a long announcement never runs into the next
    mix = bed * gain + words
    return np.clip(np.rint(mix), -32768, 32767).astype("<i2"), placed


def retract_spans(spans: list[list[float]], since: float) -> None:
    """Take everything from `since` on out of the agent's audio stretches (a DTMF tone is no talk)."""
    while spans and spans[-1][0] >= since - 0.005:
        spans.pop()
    if spans and spans[-1][1] >= since:
        spans[-1][1] = max(spans[-1][0], since - 0.02)


def span_seconds(spans: list[tuple[float, float]]) -> float:
    """Seconds of agent audio in some stretches (each at least one 20 ms frame)."""
    return round(sum(b - a + 0.02 for a, b in spans), 2)


def split_sentences(text: str) -> list[str]:
    """A prompt cut at its sentence ends, for reading with pauses between them."""
    return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]


class Heard(NamedTuple):
    """An utterance of the agent a menu or collect step takes as input."""

    text: str
    at: float  # time.monotonic() when its speech began


class Prompted(NamedTuple):
    """How a prompt went: the input that stopped it (if any), and when it started and ended."""

    start: float
    end: float  # when its last frame went out, or when an input stopped it
    planned_end: float  # when it would have ended
    interrupted: bool
    got: KeyPress | Heard | None


# ---- the step runners -------------------------------------------------------------------------------
class IvrSteps:
    """FarEnd's IVR steps and key plumbing (a mixin: FarEnd provides log, _say, _voice, _clip, the queues)."""

    # Provided by FarEnd.
    scenario: dict[str, Any]
    engine: Any
    stt: Any
    vars: dict[str, str]
    t0: float
    marks: queue.Queue[tuple[int, float]]
    utterances: queue.Queue[listen.SpeechEnded]
    log: Callable[..., None]
    _ended: threading.Event
    _segmenter: listen.SpeechSegmenter
    _spans: list[list[float]]
    _spans_lock: threading.Lock
    _answered_at: float
    _mark: int
    _said_end: float | None
    _first_agent_audio: float | None
    _agent_talking_since: float | None
    _check_ended: Callable[[], bool]
    _voice: Callable[[dict[str, Any]], Any]
    _say: Callable[..., bool]
    _clip: Callable[[dict[str, Any]], np.ndarray]
    _hangup: Callable[[dict[str, Any]], bool]
    _agent_audio: Callable[[float, float], list[tuple[float, float]]]
    _drain_heard: Callable[[], str]

    def _init_ivr(self) -> None:
        self.digits: queue.Queue[KeyPress] = queue.Queue()  # accepted key presses, for the main thread
        self._signalled: queue.Queue[KeyPress] = queue.Queue()  # from the SIP thread, for the pump
        self._dtmf_detector = DtmfDetector()  # pump thread
        self._deduper = KeyDeduper()  # pump thread
        self._tone_since: float | None = None  # pump thread: an in-band tone is playing since then
        self._jump: str | None = None  # where the step that just ran sends the scenario
        self._where: str | int = 0  # the running step's label or number, for the logs

    def _reset_keys(self) -> None:
        """Main thread, before a call's audio flows: forget the last call's keys and tone."""
        self._dtmf_detector.reset()
        self._deduper.reset()
        self._tone_since = None
        self._drop_keys()

    def _drop_keys(self) -> None:
        while True:
            try:
                self.digits.get_nowait()
            except queue.Empty:
                return

    # ---- SIP and pump threads ----------------------------------------------------------------
    def _signalled_key(self, digit: str, method: str) -> None:
        """SIP thread: a key came as an RFC 4733 event or SIP INFO; the pump thread takes it from here."""
        self._signalled.put(KeyPress(digit, method or "rfc4733", time.monotonic()))

    def _take_keys(self, frame: bytes | None, now: float) -> bool:
        """Pump thread: pass on signalled keys, listen for in-band ones in `frame`; True while the frame
        is part of an in-band tone (it is then no talk)."""
        while True:
            try:
                self._key_arrived(self._signalled.get_nowait())
            except queue.Empty:
                break
        if frame is None:
            return False
        for hit in self._dtmf_detector.process(frame):
            began = now - (hit.t - hit.start_t) - 0.02  # the tone's first frame arrived about then
            self._forget_agent_audio(began)
            self._tone_since = began
            self._key_arrived(KeyPress(hit.digit, "in-band", began))
        if self._tone_since is not None:
            loud = np.abs(np.frombuffer(frame, dtype="<i2")).max() > 300
            if loud and now - self._tone_since < MAX_TONE_S:
                return True
            self._tone_since = None
        return False

    def _forget_agent_audio(self, since: float) -> None:
        """Pump thread: the loud frames since `since` were a DTMF tone, not the agent talking."""
        with self._spans_lock:
            retract_spans(self._spans, since)
        if self._agent_talking_since is not None and self._agent_talking_since >= since - 0.005:
            self._agent_talking_since = None
        if self._first_agent_audio is not None and self._first_agent_audio >= since - 0.005:
            self._first_agent_audio = None

    def _key_arrived(self, press: KeyPress) -> None:
        """Pump thread: log every key at once; queue it unless it is another route's copy of the last one."""
        fresh = self._deduper.accept(press)
        extra = {} if fresh else {"duplicate": True}
        self.log("dtmf-received", t=round(press.at - self.t0, 3), digit=press.digit, method=press.method,
                 step=self._where, **extra)
        if fresh:
            self.digits.put(press)

    # ---- main thread: input -------------------------------------------------------------------
    def _next_heard(self, take: Callable[[str], bool] | None, kind: str) -> Heard | None:
        """An utterance the agent finished, if `take` wants it; any other is logged and dropped."""
        try:
            seg = self.utterances.get_nowait()
        except queue.Empty:
            return None
        text = self.stt.transcribe(seg.audio).strip()
        if not text:
            return None
        used = take is not None and take(text)
        self.log("ivr-heard", label=self._where, step_kind=kind, text=text, used=used)
        return Heard(text, self._answered_at + seg.start_t) if used else None

    def _drain_ivr_heard(self, kind: str) -> None:
        """What the agent said during the step that no input took, logged so it reaches no later step."""
        while not self.utterances.empty():
            self._next_heard(None, kind)

    def _await_input(self, until: float, take: Callable[[str], bool] | None, kind: str) -> KeyPress | Heard | None:
        """The next key, or the next utterance `take` accepts, before `until` (longer while the agent is
        mid-utterance and speech counts); None on timeout or when the call ends."""
        while True:
            if self._ended.is_set() or self._check_ended():
                return None
            try:
                return self.digits.get(timeout=0.02)
            except queue.Empty:
                pass
            heard = self._next_heard(take, kind)
            if heard is not None:
                return heard
            now = time.monotonic()
            if now > until:
                speaking = take is not None and self._segmenter.in_speech
                if not speaking or now > until + AGENT_SPEECH_GRACE_S:
                    return None

    def _prompt_pcm(self, step: dict[str, Any], text: str) -> bytes:
        """A menu or collect prompt in the step's voice; with pause_s, that much silence between sentences."""
        voice = self._voice(step)
        pause = float(step.get("pause_s", 0.0))
        if not pause:
            return bytes(voice.pcm(text))
        gap = bytes(2 * int(pause * RATE))
        return gap.join(voice.pcm(sentence) for sentence in split_sentences(text))

    def _play_prompt(self, pcm: bytes, text: str, take: Callable[[str], bool] | None, kind: str) -> Prompted | None:
        """Say a prompt; a key (or an utterance `take` accepts) during it stops it, as an IVR's barge-in.
        Logs "said" like any line (interrupted: true when stopped). None if the call ended."""
        self._mark += 1
        mark = self._mark
        start = time.monotonic()
        planned_end = start + len(pcm) / (2 * RATE)
        self._said_end = None
        self._first_agent_audio = None
        self.engine.playout.push(pcm)
        self.engine.playout.mark(mark)
        got: KeyPress | Heard | None = None
        end = None
        while end is None and got is None:
            if self._ended.is_set() or self._check_ended():
                self.engine.playout.flush()  # nothing of it may reach the next call
                return None
            try:
                got = self.digits.get(timeout=0.02)
            except queue.Empty:
                got = self._next_heard(take, kind)
            while end is None:
                try:
                    done, sent_at = self.marks.get_nowait()
                except queue.Empty:
                    break
                if done == mark:
                    end = sent_at
        interrupted = end is None
        if end is None:
            self.engine.playout.flush()
            end = time.monotonic()
        self._said_end = end
        talked = bool(self._agent_audio(start, end))
        extra = {"interrupted": True} if interrupted else {}
        self.log("said", text=text, duration_s=round(end - start, 2), agent_talked=talked, **extra)
        return Prompted(start, end, planned_end, interrupted, got)

    # ---- menu ------------------------------------------------------------------------------------
    def _menu_step(self, step: dict[str, Any]) -> bool:
        """Say the menu, take a key or a word, and jump where it leads (see the `menu` key in farend.py)."""
        try:
            return self._run_menu(step)
        finally:
            self._drain_ivr_heard("menu")

    def _run_menu(self, step: dict[str, Any]) -> bool:
        label = self._where
        text = step["menu"].format(**self.vars)
        pcm = self._prompt_pcm(step, text)
        timeout = float(step.get("timeout_s", MENU_TIMEOUT_S))
        words: dict[str, str] = step.get("words", {})

        def matches(said: str) -> bool:
            return match_words(words, said) is not None

        during = matches if words else None  # over the prompt, only a menu word stops it
        after = (lambda said: True) if words else None  # after it, any utterance is the answer
        no_input = 0
        self._drop_keys()  # keys pressed before the menu began are not an answer to it
        for repeat in range(MAX_MENU_PROMPTS):
            self.log("menu-prompt", label=label, text=text, repeat=repeat)
            prompted = self._play_prompt(pcm, text, during, "menu")
            if prompted is None:
                return False
            got = prompted.got
            if got is None:
                got = self._await_input(prompted.end + timeout, after, "menu")
            if self._ended.is_set():
                return False
            if got is None:
                self.log("menu-no-input", label=label, repeat=repeat, timeout_s=timeout)
                if no_input >= int(step.get("no_input_repeats", MENU_NO_INPUT_REPEATS)):
                    return self._menu_exhausted(step, label, "no input")
                no_input += 1
                continue
            target = self._log_menu_input(step, label, got, prompted)
            if target is None:
                said = {"text": got.text} if isinstance(got, Heard) else {}
                self.log("menu-invalid", label=label, input=self._menu_value(step, got), **said)
                if not self._say(step.get("invalid", MENU_INVALID).format(**self.vars), voice=self._voice(step)):
                    return False
                continue
            if target != "repeat":
                self._jump = target
                return True
        return self._menu_exhausted(step, label, f"{MAX_MENU_PROMPTS} prompts without a valid choice")

    @staticmethod
    def _menu_value(step: dict[str, Any], got: KeyPress | Heard) -> str | None:
        """The key pressed, or the menu word heard (None when the utterance holds none)."""
        if isinstance(got, KeyPress):
            return got.digit
        return match_words(step.get("words", {}), got.text)

    def _log_menu_input(self, step: dict[str, Any], label: str | int, got: KeyPress | Heard,
                        prompted: Prompted) -> str | None:
        """Log "menu-input"; the target it leads to, or None."""
        spoken = isinstance(got, Heard)
        value = self._menu_value(step, got)
        target = menu_target(step, value, spoken)
        during = prompted.interrupted or got.at < prompted.end
        reference = prompted.planned_end if prompted.interrupted else prompted.end
        fields: dict[str, Any] = {
            "label": label, "input": value, "method": got.method if isinstance(got, KeyPress) else "speech",
            "target": target,
            "during_prompt": during, "after_prompt_s": round(min(0.0, got.at - reference) if during
                                                             else got.at - reference, 2),
        }
        if isinstance(got, Heard):
            fields["text"] = got.text
        right = is_right(step, value)
        if right is not None:
            fields["right"] = right
        self.log("menu-input", **fields)
        return target

    def _menu_exhausted(self, step: dict[str, Any], label: str | int, reason: str) -> bool:
        if "no_input_goto" in step and reason == "no input":
            self._jump = step["no_input_goto"]
            return True
        self.log("menu-gave-up", label=label, reason=reason)
        self._hangup(step)
        return False

    # ---- collect ----------------------------------------------------------------------------------
    def _collect_step(self, step: dict[str, Any]) -> bool:
        """Say the prompt and gather keys (or spoken digits); check them against `expect`."""
        try:
            return self._run_collect(step)
        finally:
            self._drain_ivr_heard("collect")

    def _run_collect(self, step: dict[str, Any]) -> bool:
        label = self._where
        text = step["collect"].format(**self.vars)
        pcm = self._prompt_pcm(step, text)
        expect = step.get("expect")
        attempts = int(step.get("attempts", COLLECT_ATTEMPTS))
        self._drop_keys()
        for attempt in range(1, attempts + 1):
            self.log("collect-prompt", label=label, text=text, attempt=attempt)
            speech = self._spoken_digits if step.get("speech", True) else None
            prompted = self._play_prompt(pcm, text, speech, "collect")
            if prompted is None:
                return False
            digits, methods, said = self._gather(step, prompted.got, prompted.end, speech)
            if self._ended.is_set():
                return False
            ok = digits == expect if expect is not None else bool(digits)
            self.log("collected", label=label, digits=digits, methods=methods, expected=expect, ok=ok,
                     attempt=attempt, **({"text": said} if said is not None else {}))
            if ok:
                if "capture" in step:
                    self.vars[step["capture"]] = digits
                return True
            if attempt < attempts and digits:
                if not self._say(step.get("invalid", COLLECT_INVALID).format(**self.vars), voice=self._voice(step)):
                    return False
        if "fail_goto" in step:
            self._jump = step["fail_goto"]
            return True
        self.log("collect-gave-up", label=label, attempts=attempts)
        self._hangup(step)
        return False

    @staticmethod
    def _spoken_digits(said: str) -> bool:
        return bool(digits_from_text(said))

    def _gather(self, step: dict[str, Any], first: KeyPress | Heard | None, prompt_end: float,
                speech: Callable[[str], bool] | None) -> tuple[str, list[str], str | None]:
        """Keys until `until`, max_digits or timeout_s without one; or the digits of what the agent said
        when it spoke before pressing anything. Returns (digits, methods, transcript or None)."""
        until = step.get("until", COLLECT_UNTIL)
        most = int(step.get("max_digits", COLLECT_MAX_DIGITS))
        timeout = float(step.get("timeout_s", COLLECT_TIMEOUT_S))
        digits, methods = "", list[str]()
        got, last = first, prompt_end
        while True:
            if got is None:
                got = self._await_input(last + timeout, None if digits else speech, "collect")
                if got is None:
                    return digits, methods, None
            if isinstance(got, Heard):
                return digits_from_text(got.text)[:most], ["speech"], got.text
            if until and got.digit == until:
                return digits, methods, None
            digits += got.digit
            if got.method not in methods:
                methods.append(got.method)
            last = max(got.at, prompt_end)  # a key typed ahead does not shorten the wait for the next
            got = None
            if len(digits) >= most:
                return digits, methods, None

    # ---- hold ------------------------------------------------------------------------------------
    def _hold_step(self, step: dict[str, Any]) -> bool:
        """A queue hold: music for hold_s, announcements voiced over it; logs each "announced" and a "hold"."""
        seconds = float(step["hold_s"])
        voice = self._voice(step)
        texts = [t.format(**self.vars) for t in step.get("announce", [])]
        voices = [np.frombuffer(voice.pcm(t), dtype="<i2") for t in texts]
        pcm, placed = hold_mix(self._clip(step), seconds, voices, float(step.get("announce_every_s", ANNOUNCE_EVERY_S)))
        start = time.monotonic()
        self._said_end = None
        self._first_agent_audio = None
        pending: dict[int, tuple[int, int, int]] = {}  # mark -> the announcement that ends there
        cut = 0
        for placement in placed:
            self.engine.playout.push(pcm[cut : placement[1]].tobytes())
            self._mark += 1
            self.engine.playout.mark(self._mark)
            pending[self._mark] = placement
            cut = placement[1]
        self.engine.playout.push(pcm[cut:].tobytes())
        self._mark += 1
        final = self._mark
        self.engine.playout.mark(final)
        end = self._wait_marks(pending, final, texts, start)
        if end is None:  # the call ended: stop the music for whoever calls next
            self.engine.playout.flush()
            end = time.monotonic()
        self._said_end = end
        spans = self._agent_audio(start, end)
        self.log("hold", seconds=round(end - start, 2), agent_talked=bool(spans), agent_audio_s=span_seconds(spans),
                 text=self._drain_heard(), announcements=len(placed) - len(pending),
                 caller_hung_up=self._ended.is_set())
        return not self._ended.is_set()

    def _wait_marks(self, pending: dict[int, tuple[int, int, int]], final: int, texts: list[str],
                    start: float) -> float | None:
        """Wait for the hold's last mark, logging each announcement as its end goes out; None if the call ended."""
        while True:
            try:
                mark, sent_at = self.marks.get(timeout=0.1)
            except queue.Empty:
                if self._ended.is_set() or self._check_ended():
                    return None
                continue
            if mark in pending:
                first, last, index = pending.pop(mark)
                began = sent_at - (last - first) / RATE
                self.log("announced", text=texts[index], index=index, at_s=round(began - start, 2),
                         duration_s=round((last - first) / RATE, 2),
                         agent_talked=bool(self._agent_audio(began, sent_at)))
            elif mark == final:
                return sent_at
