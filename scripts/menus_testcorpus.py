"""Build the held-out menu corpus (tests/data/menus/test.jsonl) from its sources, through real audio and Whisper.

Each line of tests/data/menus/test_sources.jsonl carries the labels and where its audio comes from:
- `asterisk:<name>[+<name>...]`: Asterisk's recorded English prompts (/usr/share/asterisk/sounds/en), joined;
- `tts`: `source_text` synthesized by `voice` (flite or festival voices, none of them the agent's own voice).
The audio goes through a telephone band (8 kHz, 300-3400 Hz), is cut at its pauses as the call's voice detector
would, and each piece is transcribed by the agent's own Whisper path (`WhisperSTT`, bundled tiny.en). Every
fourth synthesized prompt is then lowercased and stripped of punctuation, as a transcript stitched from
streaming pieces often is. The labels are reviewed by hand against the transcript (see LABELS.md).

Usage: .venv/bin/python scripts/menus_testcorpus.py  (needs sox, flite, festival; about a minute)
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "tests/data/menus/test_sources.jsonl"
OUT = ROOT / "tests/data/menus/test.jsonl"
SOUNDS = Path("/usr/share/asterisk/sounds/en")
RATE = 8000
_GAP_S = 0.35  # a pause at least this long ends an utterance (as the call's segmenter cuts it)


def synthesize(text: str, voice: str, out: Path) -> None:
    """Speak `text` with one of the system's synthesizers into a wav file."""
    engine, _, name = voice.partition(":")
    raw = out.with_suffix(".raw.wav")
    if engine == "flite":
        subprocess.run(["flite", "-voice", name, "-t", text, "-o", str(raw)], check=True)
    elif engine == "festival":
        subprocess.run(["text2wave", "-eval", f"(voice_{name})", "-o", str(raw)], input=text.encode(),
                       check=True)
    elif engine == "espeak":
        subprocess.run(["espeak-ng", "-v", name, "-s", "160", "-w", str(raw), text], check=True)
    else:
        raise ValueError(f"unknown voice {voice!r}")
    phone_band(raw, out)


def phone_band(src: Path, out: Path) -> None:
    subprocess.run(["sox", "-R", str(src), "-r", str(RATE), "-c", "1", "-b", "16", str(out), "sinc", "300-3400",
                    "gain", "-n", "-3"], check=True)


def asterisk_audio(spec: str, out: Path) -> None:
    """One or more Asterisk prompts joined ("queue-holdtime+digits/5+queue-minutes")."""
    parts = [str(SOUNDS / f"{name}.wav") for name in spec.split("+")]
    subprocess.run(["sox", "-R", *parts, "-r", str(RATE), "-c", "1", "-b", "16", str(out)], check=True)


def read_pcm(path: Path) -> np.ndarray:
    with wave.open(str(path)) as w:
        assert w.getframerate() == RATE and w.getnchannels() == 1
        return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")


def utterances(samples: np.ndarray) -> list[np.ndarray]:
    """The audio cut at pauses of _GAP_S or more (20 ms frames below 3% of the loudest)."""
    frame = RATE // 50
    energy = np.array([np.sqrt(np.mean(samples[i : i + frame].astype(float) ** 2))
                       for i in range(0, len(samples) - frame, frame)])
    quiet = energy < max(energy.max() * 0.03, 1.0)
    pieces, start, run = [], 0, 0
    need = int(_GAP_S * 50)
    for i, q in enumerate(quiet):
        run = run + 1 if q else 0
        if run == need:
            cut = (i - need // 2) * frame
            if cut - start > RATE // 5:
                pieces.append(samples[start:cut])
            start = cut
    if len(samples) - start > RATE // 5:
        pieces.append(samples[start:])
    return pieces


def flatten(text: str) -> str:
    """As a stitched streaming transcript often reads: lowercase, no punctuation but apostrophes."""
    return re.sub(r"\s+", " ", re.sub(r"[^\w'\s-]", " ", text.lower())).strip()


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from agent.speech.transcribe import WhisperSTT

    stt = WhisperSTT(threads=1)
    stt.load()
    items = [json.loads(line) for line in SOURCES.read_text().splitlines() if line.strip()]
    cache: dict[tuple[str, str], str] = {}
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "prompt.wav"
        for number, item in enumerate(items):
            key = (item["source"], item.get("source_text", "") + "|" + item.get("voice", ""))
            if key not in cache:
                if item["source"].startswith("asterisk:"):
                    asterisk_audio(item["source"].split(":", 1)[1], wav)
                else:
                    synthesize(item["source_text"], item["voice"], wav)
                texts = [stt.transcribe(piece.tobytes()) for piece in utterances(read_pcm(wav))]
                cache[key] = " ".join(t for t in texts if t)
            text = cache[key]
            if item["source"] == "tts" and number % 4 == 3:
                text = flatten(text)
            lines.append(json.dumps({"id": item["id"], "text": text, **{k: v for k, v in item.items() if k != "id"}}))
            print(item["id"], "|", text, flush=True)
    OUT.write_text("\n".join(lines) + "\n")
    print(f"wrote {len(lines)} items to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
