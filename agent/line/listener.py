"""One call's ears: the voice detector, the speech segmenter and the line classifier, fed the same 20 ms frame.

The call's listener thread (agent/call/runner.py) and `taskcall analyze` both hear the line through this
class, so what the bench measures is what a call does. One voice detector scores each frame once; the
segmenter ends turns on the talker's voice and the classifier uses the same score.
"""

from __future__ import annotations

from agent.line.classifier import LineClassifier
from agent.line.events import LineEvent
from agent.speech.listen import SegmentEvent, SpeechEnded, SpeechSegmenter
from agent.speech.voice import VoiceDetector


class LineListener:
    """Frames in; the classifier's line events and the segmenter's turn events out. Not thread-safe by itself."""

    def __init__(self, end_silence_ms: int = 450, detect_machine: bool = True) -> None:
        self.voice = VoiceDetector()
        self.segmenter = SpeechSegmenter(end_silence_ms=end_silence_ms)
        self.classifier = LineClassifier(detect_machine)
        # The classifier's sound segment of the latest frame the segmenter counted as speech: at a SpeechEnded,
        # the segment the utterance's last words are of. Its transcript goes back with it (see
        # LineClassifier.transcript), since STT answers after a new sound may have begun.
        self.utterance_segment = 0

    def process(self, frame: bytes, we_talk: bool = False) -> tuple[list[LineEvent], list[SegmentEvent]]:
        """One frame (320 bytes, 8 kHz 16-bit mono) of the other party; `we_talk`: our own frame of the same
        20 ms carried sound (the other party is listening to us, not silent on us)."""
        voice = self.voice.process(frame)
        found = self.classifier.process(frame, voice, we_talk)
        turns = self.segmenter.process(frame, voice)
        if self.segmenter.last_was_speech:
            self.utterance_segment = self.classifier.segment
        for turn in turns:
            if isinstance(turn, SpeechEnded):  # who answered may want the whole greeting's words too
                found.extend(self.classifier.greeting_words(len(turn.audio)))
        return found, turns
