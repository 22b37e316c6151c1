"""Runs one call: the controller loop on its own thread, the SIP engine, the listener and the model workers.

Threads: "controller" (this module's loop: events in, effects out), "sip" and PJSIP's clock (sip.engine),
"listen" (frames -> recording, the line listener: voice detector, turn segmenter, line classifier),
"stt" / "dialogue" / "tts" (workers), "services" (store).
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any, cast

from agent.app.escalation import Escalator
from agent.app.recording import StereoWavWriter, TranscriptLog
from agent.call import effects as fx
from agent.call.controller import (
    GOODBYE_GUARD_S,
    INTERNAL_ERROR_LINE,
    CallSettings,
    initial_state,
    step,
)
from agent.call.events import (
    Decided,
    PrincipalReplied,
    SpeechFinished,
    SpeechStarted,
    Started,
    StopRequested,
    ThreadFailed,
    TimerFired,
    Transcribed,
    UtteranceEnded,
)
from agent.call.workers import Worker
from agent.conversation.dialogue import Dialogue
from agent.line.events import HoldKind, WordsWanted
from agent.line.listener import LineListener
from agent.speech import listen
from agent.speech.speak import GAP_MS, TextToSpeech, split_sentences
from agent.speech.transcribe import SpeechToText, transcribe_scored
from sip.engine import SipEngine, SipStartError
from sip.events import CallAnswered, CallEnded, DtmfReceived
from sip.log_scan import warnings_between
from sip.settings import SipSettings

Progress = Callable[[dict[str, Any]], None]
log = logging.getLogger(__name__)


def _classifier_transcript(classifier: Any, text: str, segment: int | None,
                           confidence: float | None = None) -> list[Any]:
    """The classifier hears the words it asked for (controller thread, under the runner's lock)."""
    return classifier.transcript(text, segment, confidence)


def _classifier_greeting(classifier: Any, text: str) -> list[Any]:
    """The classifier hears the whole greeting's words it asked for (controller thread, under the runner's lock)."""
    return classifier.greeting_transcript(text)


LATE_S = 0.1  # a frame handled later than this after it arrived counts as late (call.json, make bench)
SENTENCE_GAP = bytes(2 * 8000 * GAP_MS // 1000)  # the pause between sentences synthesized one by one (8 kHz 16-bit)


@dataclass(frozen=True)
class _WordsHeard:
    """The words of a segment the line classifier asked about (runner-internal: the controller never sees it)."""

    segment: int
    text: str
    confidence: float | None = None  # STT's own (mean token log-probability)
    greeting: bool = False  # the words of the whole greeting so far (WordsWanted.greeting)


@dataclass(frozen=True)
class _RecordingStopped:
    """The disk refused the recording (listen thread -> controller thread; runner-internal): the call goes on,
    the recording keeps what was written, and the transcript says where it stops."""

    seconds: float
    reason: str


@dataclass
class CallMetrics:
    """Per-call measurements, for the summary and `make bench`."""

    stt_ms: list[float] = field(default_factory=list)
    greeting_stt_ms: list[float] = field(default_factory=list)  # decodes of the whole greeting (greeting_words)
    greeting_stt_skipped: int = 0  # ... dropped before decoding: a newer one asked, or who answered was decided
    dialogue_ms: list[float] = field(default_factory=list)
    tts_first_ms: list[float] = field(default_factory=list)  # Speak effect -> first sentence queued
    response_ms: list[float] = field(default_factory=list)  # their end of speech -> our first frame played
    lost_frames: int = 0  # frames dropped anywhere: inbound backlog, playout underruns, unheard after a fault
    late_frames: int = 0  # frames of theirs handled more than LATE_S after they arrived
    frames_heard: int = 0
    listen_cpu_s: float = 0.0  # CPU seconds the line classifier spent on this call's frames


@dataclass
class CallResult:
    """How the call ended."""

    outcome: str
    reason: str
    details: dict[str, str]
    duration_s: float  # from dialling to the end
    talk_s: float  # from answer to the end (0 if never answered)
    metrics: CallMetrics
    lines: list[dict[str, Any]]
    records_incomplete: list[str] = field(default_factory=list)  # what the disk refused, e.g. a full disk
    unsaved_lines: int = 0  # the last lines of `lines` that transcript.jsonl could not take


class CallRunner:
    """Wires the pure controller to the real world for one outbound call."""

    def __init__(
        self,
        sip: SipSettings,
        call: CallSettings,
        *,
        stt: SpeechToText,
        tts: TextToSpeech,
        dialogue: Dialogue,
        escalator: Escalator,
        folder: Path,
        end_silence_ms: int = 450,
        on_line: Progress | None = None,
    ) -> None:
        self.events: queue.Queue[object] = queue.Queue()
        self.engine = SipEngine(sip, self.events.put)
        self.engine.playout.on_mark = lambda uid: self.events.put(SpeechFinished(uid))
        self.call_settings = call
        self._state = initial_state(call)  # the controller's state (controller thread)
        self.escalator = escalator
        self.folder = folder
        self.metrics = CallMetrics()
        self._on_line = on_line
        self._timers: dict[str, float] = {}
        self._speak_lock = threading.Lock()
        self._speak_generation = 0
        self._tts_cache: dict[str, list[bytes]] = {}  # text -> 8 kHz chunks, filled on the tts thread
        self._answered_at: float | None = None
        self._answered_wall: datetime | None = None  # the same moment on the wall clock, which pjsip.log uses
        self._connected = threading.Event()
        self._listening = True
        self._last_speech_end: float | None = None
        self._awaiting_first_frame = False
        self._end_silence_s = end_silence_ms / 1000
        self._end_silence_ms = end_silence_ms
        # Made at answer: its clock (t = 0) is the answer, where answering-machine detection starts.
        self._listener: LineListener | None = None
        self._classifier_lock = threading.Lock()  # listen thread feeds frames, controller thread transcripts
        # The latest whole-greeting request sent to STT (controller thread sets, stt thread reads): it holds all an
        # older one would decode, so an older one still waiting is dropped.
        self._latest_greeting: WordsWanted | None = None
        self._stt = stt
        self._tts = tts
        self._dialogue = dialogue
        self._workers = [
            Worker("stt", self._transcribe, self.events.put),
            Worker("dialogue", self._decide, self.events.put),
            Worker("tts", self._speak, self.events.put),
        ]
        self._stt_worker, self._decide_worker, self._tts_worker = self._workers
        self.transcript = TranscriptLog(folder / "transcript.jsonl")
        self.recording: StereoWavWriter | None = None  # made at answer: an unanswered call leaves no audio file

    # ---- controller thread ----------------------------------------------------------------
    def run(self) -> CallResult:
        """Place the call and return when it is over (call from the thread that should run the controller)."""
        started = time.monotonic()
        try:
            self.engine.start()
        except SipStartError as exc:  # e.g. the SIP port is taken: a complete record, not a traceback
            self.transcript.add("system", f"SIP stack failed to start: {exc}")
            self.transcript.close()
            return CallResult("failed", f"[sip-start-failed] {exc}", {}, 0.0, 0.0, self.metrics, self.transcript.lines)
        for worker in self._workers:
            worker.start()
        for line in self._dialogue.expected_lines():  # speculative: synthesized while the phone rings
            self._tts_worker.submit(line, background=True)  # a real Speak always goes first
        listener = threading.Thread(target=self._listen, name="listen", daemon=True)
        listener.start()
        self._state = initial_state(self.call_settings)
        self.events.put(Started())
        finish: fx.Finish | None = None
        try:
            while finish is None:
                try:
                    finish = self._turn()
                except Exception as exc:  # a bug in the controller: end the call cleanly, records complete
                    log.exception("controller failed")
                    finish = self._controller_failed(exc)
        finally:
            self._listening = False
            for worker in self._workers:
                worker.stop()
            call_over = datetime.now()  # before teardown: unregistering is not the call's business
            self.engine.stop()
            listener.join(2)
            if self.recording is not None:
                self.recording.close()
            self._note_sip_warnings(call_over)
            self.transcript.close()
        end = time.monotonic()
        self.metrics.lost_frames += self.engine.inbound.dropped + self.engine.playout.underruns
        incomplete = []
        if self.recording is not None and self.recording.stopped:
            incomplete.append(f"recording.wav stops at {self.recording.seconds:.1f} s: {self.recording.stopped}")
        if self.transcript.write_error:
            incomplete.append(f"transcript.jsonl: {self.transcript.write_error}")
        return CallResult(
            outcome=finish.outcome,
            reason=finish.reason,
            details=dict(finish.details),
            duration_s=end - started,
            talk_s=(end - self._answered_at) if self._answered_at else 0.0,
            metrics=self.metrics,
            lines=self.transcript.lines,
            records_incomplete=incomplete,
            unsaved_lines=len(self.transcript.lines) - self.transcript.saved,
        )

    def _turn(self) -> fx.Finish | None:
        """One event through the controller and its effects (controller thread); the Finish, once there is one."""
        event = self._next_event()
        if isinstance(event, CallAnswered):
            self._answered_at = time.monotonic()
            self._answered_wall = datetime.now()
            self._connected.set()
        elif isinstance(event, CallEnded):
            self._connected.clear()
        elif isinstance(event, DtmfReceived) and self._listener is not None:
            # RFC 4733 and SIP INFO digits become the same event as digits heard in the audio.
            with self._classifier_lock:
                event = self._listener.classifier.digit_received(event.digit)[0]
        elif isinstance(event, WordsWanted):  # the whole greeting's words (see _hear)
            self._latest_greeting = event
            self._stt_worker.submit(event, background=True)
            return None
        elif isinstance(event, _WordsHeard) and event.greeting:
            self._to_classifier(partial(_classifier_greeting, text=event.text))
            return None
        elif isinstance(event, _WordsHeard):
            self._to_classifier(partial(_classifier_transcript, text=event.text, segment=event.segment,
                                        confidence=event.confidence))
            return None
        elif isinstance(event, _RecordingStopped):
            self._execute(fx.Record("system", f"the recording stopped at {event.seconds:.1f} s ({event.reason}); "
                                              "the call goes on"))
            return None
        self._state, effects = step(self._state, event, time.monotonic())
        finish = None
        for effect in effects:
            finish = self._execute(effect) or finish
        return finish

    def _note_sip_warnings(self, call_over: datetime) -> None:
        """PJSIP's complaints while the call was up (a broken SDP, a method it dropped), from its log, into the
        transcript (controller thread, after the stack is down: see sip.log_scan)."""
        log_path = self.engine.settings.log_path
        if self._answered_wall is None or not log_path:
            return
        for text in warnings_between(Path(log_path), self._answered_wall, call_over):
            self._execute(fx.Record("system", f"SIP warning: {text}"))

    def _controller_failed(self, exc: Exception) -> fx.Finish:
        """The controller loop itself failed (controller thread): no state machine is left to run the call,
        so say goodbye directly if the call is up, hang up, and keep what happened in the transcript."""
        reason = f"the controller thread failed: {type(exc).__name__}: {exc}"
        self._execute(fx.Record("system", reason))
        if self._connected.is_set():
            with contextlib.suppress(Exception):  # the goodbye is a courtesy; the hang-up must still happen
                with self._speak_lock:
                    self._speak_generation += 1
                    self.engine.playout.flush()
                self._execute(fx.Record("agent", INTERNAL_ERROR_LINE))
                for chunk in self._chunks(INTERNAL_ERROR_LINE):
                    self.engine.playout.push(chunk)
                deadline = time.monotonic() + GOODBYE_GUARD_S
                while self.engine.playout.pending_frames and time.monotonic() < deadline:
                    time.sleep(0.05)
        self.engine.hangup()
        deadline = time.monotonic() + 3.0
        while self._connected.is_set() and time.monotonic() < deadline:  # wait for the BYE's answer
            with contextlib.suppress(queue.Empty):
                if isinstance(self.events.get(timeout=0.1), CallEnded):
                    break
        return fx.Finish(outcome="internal-error: controller", reason=reason, details=self._state.details)

    def stop(self, reason: str) -> None:
        """Ask the call to end (any thread, e.g. on Ctrl-C)."""
        self.events.put(StopRequested(reason))

    def _next_event(self) -> object:
        while True:
            now = time.monotonic()
            due = [name for name, deadline in self._timers.items() if deadline <= now]
            if due:
                name = min(due, key=self._timers.__getitem__)
                del self._timers[name]
                return TimerFired(name)
            timeout = min(self._timers.values(), default=now + 0.5) - now
            try:
                return self.events.get(timeout=max(0.0, min(timeout, 0.5)))
            except queue.Empty:
                continue

    def _execute(self, effect: object) -> fx.Finish | None:
        match effect:
            case fx.Register():
                self.engine.register()
            case fx.Dial(uri=uri):
                self.engine.dial(uri)
            case fx.HangUp():
                self.engine.hangup()
            case fx.SendDtmf(digits=digits):
                self.engine.send_dtmf(digits)
            case fx.Transcribe():
                self._stt_worker.submit(effect)
            case fx.Decide():
                self._decide_worker.submit(effect)
            case fx.Speak():
                self._tts_worker.submit((self._speak_generation, effect, time.monotonic()))
            case fx.StopSpeaking():
                with self._speak_lock:
                    self._speak_generation += 1
                    self.engine.playout.flush()
            case fx.AskPrincipal(question_id=qid, question=question, party=party):
                self.escalator.ask(qid, question, party, lambda q, text: self.events.put(PrincipalReplied(q, text)))
            case fx.StartTimer(name=name, seconds=seconds):
                self._timers[name] = time.monotonic() + seconds
            case fx.CancelTimer(name=name):
                self._timers.pop(name, None)
            case fx.NoteHeard(text=text, confidence=confidence, segment=segment):
                self._to_classifier(lambda c: c.transcript(text, segment, confidence))
            case fx.HoldLine(kind="resumed"):
                self._to_classifier(lambda c: c.sip_resumed() or [])
            case fx.HoldLine(kind="declined"):
                self._to_classifier(lambda c: c.silence_declined() or [])
            case fx.HoldLine(kind=kind):
                self._to_classifier(lambda c: c.hold(cast(HoldKind, kind)))
            case fx.NoteProbe():
                self._to_classifier(lambda c: c.probed() or [])
            case fx.Record(speaker=speaker, text=text):
                line = self.transcript.add(speaker, text)
                if self._on_line is not None:
                    self._on_line(line)
            case fx.Finish():
                return effect
        return None

    def _to_classifier(self, call: Callable[[Any], list[Any]]) -> None:
        """Tell the line classifier something (controller thread); what it concludes goes to the event queue."""
        if self._listener is None:
            return  # not answered yet: nothing is being classified
        with self._classifier_lock:
            found = call(self._listener.classifier)
        for line_event in found:
            self.events.put(line_event)

    # ---- workers ----------------------------------------------------------------------------
    def _transcribe(self, job: fx.Transcribe | WordsWanted) -> Transcribed | _WordsHeard | None:
        t0 = time.perf_counter()
        whole_greeting = isinstance(job, WordsWanted) and job.greeting
        if whole_greeting and not self._greeting_still_wanted(job):
            self.metrics.greeting_stt_skipped += 1
            return None
        text, confidence = transcribe_scored(self._stt, job.audio, retries=not whole_greeting)
        if isinstance(job, WordsWanted):
            if job.greeting:
                self.metrics.greeting_stt_ms.append((time.perf_counter() - t0) * 1000)
            return _WordsHeard(job.segment, text, confidence, job.greeting)  # a cue for the classifier, not a turn
        ms = (time.perf_counter() - t0) * 1000
        self.metrics.stt_ms.append(ms)
        return Transcribed(job.heard_id, text, ms, confidence, job.segment)

    def _greeting_still_wanted(self, job: object) -> bool:
        """A whole-greeting decode about to start (stt thread): still the latest asked for, and who answered still
        open to it (decided a person while it waited, it would be CPU spent for nothing)."""
        if job is not self._latest_greeting or self._listener is None:
            return False
        with self._classifier_lock:
            return self._listener.classifier.greeting_words_wanted()

    def _decide(self, job: fx.Decide) -> Decided:
        t0 = time.perf_counter()
        if job.again:
            self._dialogue.rollback()  # the latest decision was withdrawn: job.text holds its words and more
        action = self._dialogue.respond(job.kind, job.text)
        ms = (time.perf_counter() - t0) * 1000
        self.metrics.dialogue_ms.append(ms)
        return Decided(job.decision_id, action, ms)

    def _speak(self, job: tuple[int, fx.Speak, float] | str) -> None:
        if isinstance(job, str):
            self._warm(job)
            return
        generation, speak, asked_at = job
        first = True
        for chunk in self._chunks(speak.text):
            with self._speak_lock:
                if generation != self._speak_generation:
                    return  # barged in: drop the rest
                if first:
                    self.metrics.tts_first_ms.append((time.monotonic() - asked_at) * 1000)
                    self._awaiting_first_frame = self._last_speech_end is not None
                    first = False
                self.engine.playout.push(chunk)
        with self._speak_lock:
            if generation == self._speak_generation:
                self.engine.playout.mark(speak.utterance_id)

    def _chunks(self, text: str) -> Iterator[bytes]:
        """The line's audio a sentence at a time, from the cache where a sentence was synthesized ahead
        ("Perfect, thank you!" plays at once while the read-back after it is still being synthesized)."""
        sentences = split_sentences(text)
        for i, sentence in enumerate(sentences):
            cached = self._tts_cache.get(sentence)
            yield from cached if cached is not None else self._tts.synthesize(sentence)
            if i < len(sentences) - 1:
                yield SENTENCE_GAP

    def _warm(self, text: str) -> None:
        """Synthesize a line the dialogue is likely to say, one per job so a real Speak never waits long."""
        for sentence in split_sentences(text):
            if sentence not in self._tts_cache:
                self._tts_cache[sentence] = list(self._tts.synthesize(sentence))

    # ---- listener thread ------------------------------------------------------------------------
    def _listen(self) -> None:
        """Every 20 ms pair of frames: record both sides, hear theirs, note when our reply starts.

        A bug or a full disk here must not leave the call deaf until the idle timer: the controller hears
        of it (ThreadFailed) and ends the call; frames are still drained so nothing backs up behind us."""
        try:
            self._listen_frames()
        except Exception as exc:
            log.exception("listener failed")
            self.events.put(ThreadFailed("listener", f"{type(exc).__name__}: {exc}"))
            if self.recording is not None:
                with contextlib.suppress(OSError):
                    self.recording.close()  # what was written up to the fault keeps a valid header
            while self._listening:
                if self.engine.inbound.get(timeout=0.2) is not None:
                    self.metrics.lost_frames += 1  # arrived, never heard nor recorded

    def _listen_frames(self) -> None:
        inbound = self.engine.inbound
        while self._listening:
            pair = inbound.get(timeout=0.2)
            if pair is None or not self._connected.is_set():
                continue
            heard, sent, arrived = pair
            if time.monotonic() - arrived > LATE_S:
                self.metrics.late_frames += 1
            self._record(heard, sent)
            self.metrics.frames_heard += 1
            we_talk = any(sent)  # our own frame carries sound: once per frame, for the metrics and the classifier
            if self._awaiting_first_frame and we_talk:
                self._awaiting_first_frame = False
                if self._last_speech_end is not None:
                    self.metrics.response_ms.append((time.monotonic() - self._last_speech_end) * 1000)
            self._hear(heard, we_talk)

    def _record(self, heard: bytes, sent: bytes) -> None:
        """Both sides to recording.wav (listen thread). A full disk stops the recording, not the call."""
        try:
            if self.recording is None:
                self.recording = StereoWavWriter(self.folder / "recording.wav")
            self.recording.write(heard, sent)
        except OSError as exc:
            if self.recording is None:  # could not even be created: nothing to keep
                self.recording = StereoWavWriter.refused(self.folder / "recording.wav", exc)
            self.events.put(_RecordingStopped(self.recording.seconds, self.recording.stopped or str(exc)))

    def _hear(self, heard: bytes, we_talk: bool = False) -> None:
        """Run the line listener on one frame of theirs (listen thread); its events go to the controller.
        `we_talk`: our frame of the same 20 ms carried sound (their silence then is listening, not a hold)."""
        started = time.thread_time()
        with self._classifier_lock:
            if self._listener is None:
                self._listener = LineListener(end_silence_ms=self._end_silence_ms)
            found, segments = self._listener.process(heard, we_talk)
            spoken_in = self._listener.utterance_segment  # the segment an utterance ending now ended in
        self.metrics.listen_cpu_s += time.thread_time() - started
        greeting: list[WordsWanted] = []
        for line_event in found:
            if isinstance(line_event, WordsWanted) and line_event.greeting:
                greeting.append(line_event)
            elif isinstance(line_event, WordsWanted):
                self._stt_worker.submit(line_event)  # the classifier wants the words of the speech on hold
            else:
                self.events.put(line_event)
        for seg in segments:
            if isinstance(seg, listen.SpeechStarted):
                self.events.put(SpeechStarted(seg.t))
            elif isinstance(seg, listen.SpeechEnded):
                self._last_speech_end = time.monotonic() - self._end_silence_s
                self.events.put(UtteranceEnded(seg.audio, seg.t, spoken_in))
        for wanted in greeting:
            # The whole greeting's words, asked as an utterance ended: through the controller thread after that
            # utterance, whose own words are wanted first (a background job waits while they are queued).
            self.events.put(wanted)
