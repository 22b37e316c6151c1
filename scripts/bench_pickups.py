"""A person coming back from hold in the harder ways, and queues that announce in other languages: a development
bench built from the tuning corpus's sources only (Piper, flite and espeak voices; Asterisk's music on hold and its
English, Italian and Russian prompts), never from the held-out test corpus's.

- pick-ups: 32 returns from hold, 8 phrasings with no offer of help and no question in most ("Okay, I'm back.",
  "Alright, I have your file here.") x 4 voices; the music stops with no gap, 0.3 s or 1 s before the first word;
  a clean line or one with a -55 dBFS floor; the person waits after it, or talks on. Found when a pick-up comes
  between 0.5 s before and 4 s after their first word.
- bridged: 12 agents put through the instant the queue cuts its announcement off (at 50-85 % of it), 0.15-0.7 s
  before their first word, which offers help or asks if we are there (4 phrasings x 3 of the voices).
- queues: 5 minutes of music with 12 announcements each, followed by 0.8-2 s of silence before the music resumes,
  in English, Italian and Russian. Every pick-up there is false.

It is in-sample: the pick-up wording and the unsure-words rule were developed on it. Run as a call hears the line:
the classifier with the bundled Whisper's words (agent.line.analyze.analyze_pcm_heard).

    python scripts/bench_pickups.py [--out build/bench/pickups.json]
"""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from agent.audio import mulaw_roundtrip, read_wav_8k  # noqa: E402
from agent.line.analyze import analyze_pcm_heard  # noqa: E402
from scripts.listen_corpus import Sources, at_level, colored_noise  # noqa: E402

R = 8000
SOUNDS = Path("/usr/share/asterisk/sounds")
MOH = Path("/usr/share/asterisk/moh")
PHRASES = ("Okay, I'm back.", "Right, sorry about that.", "Yes, so I've checked with the kitchen.",
           "Hi there, thanks for waiting.", "Sorry, where were we?", "So, about your booking.",
           "Alright, I have your file here.", "Thanks for holding, this is Priya.")
VOICES = ("piper", "flite-slt", "flite-awb", "espeak-us")
TALK_ON = "Let me just pull up the details on the system for you."
QUEUE_PROMPTS = ("queue-thankyou", "queue-callswaiting", "queue-holdtime", "pls-hold-while-try",
                 "all-circuits-busy-now", "queue-reporthold", "vm-intro", "please-try-again")
QUEUE_LANGUAGES = {"en": SOUNDS / "en", "it": SOUNDS / "it_IT_m_Carlo", "ru": SOUNDS / "ru_RU_f_IvrvoiceRU"}
FOUND_WINDOW_S = (-0.5, 4.0)
BRIDGED = ("Hi, thanks for holding, how can I help you?", "Hello, this is Priya, how can I help?",
           "Thanks for waiting, what can I do for you?", "Hi, sorry about the wait, are you still there?")
CUT_PROMPTS = ("queue-periodic-announce", "queue-callswaiting", "queue-holdtime", "queue-reporthold")


def pickups(records: list[dict]) -> list[dict]:
    return [r for r in records if r.get("event") == "pickup"]


def trimmed(path: Path) -> np.ndarray:
    x = read_wav_8k(path).astype(np.float64)
    loud = np.flatnonzero(np.abs(x) > 200)
    return x[loud[0] : loud[-1] + 1]


def first_pickup(x: np.ndarray, first_word: float) -> tuple[float | None, str | None]:
    """x heard as a call hears it (mu-law, the bundled Whisper): the latency after first_word of the first pick-up
    in FOUND_WINDOW_S, and its reason; (None, None) when none came there."""
    found = [p for p in pickups(analyze_pcm_heard(mulaw_roundtrip(np.clip(x, -32768, 32767).astype(np.int16))))
             if first_word + FOUND_WINDOW_S[0] <= p["t"] <= first_word + FOUND_WINDOW_S[1]]
    return (round(found[0]["t"] - first_word, 2), found[0]["reason"]) if found else (None, None)


def returns(src: Sources) -> list[dict]:
    """Each way back from hold: where the first word was, when the pick-up came (or none)."""
    rng = np.random.default_rng(3)
    music = read_wav_8k(MOH / "reno_project-system.wav").astype(np.float64)
    out = []
    for i, (phrase, voice) in enumerate(itertools.product(PHRASES, VOICES)):
        gap, noisy, then = (0.0, 0.3, 1.0)[i % 3], i % 2 == 0, ("waits", "talks-on")[(i // 2) % 2]
        bed = at_level(music[int(rng.uniform(0, 60)) * R :][: 25 * R], -20.0)
        bed[-400:] *= np.linspace(1.0, 0.0, 400)
        words = at_level(src.speech(voice, phrase), float(rng.uniform(-26, -16)))
        more = [np.zeros(int(0.4 * R)), at_level(src.speech(voice, TALK_ON), -20.0)] if then == "talks-on" else []
        x = np.concatenate([bed, np.zeros(int(gap * R)), words, *more, np.zeros(5 * R)])
        if noisy:
            x = x + colored_noise(rng, len(x) / R, "pink", -55.0)[: len(x)]
        latency, reason = first_pickup(x, (len(bed) + int(gap * R)) / R)
        out.append({"phrase": phrase, "voice": voice, "gap_s": gap, "line_floor": noisy, "then": then,
                    "latency_s": latency, "reason": reason})
        print(f"{voice:10s} gap {gap:.1f} floor {noisy!s:5s} {then:8s} {phrase!r:42s} -> "
              f"{out[-1]['latency_s']} ({out[-1]['reason']})", flush=True)
    return out


def bridged(src: Sources) -> list[dict]:
    """Agents put through mid-announcement: the queue's player stops mid-word and the agent speaks within a breath."""
    rng = np.random.default_rng(5)
    music = read_wav_8k(MOH / "reno_project-system.wav").astype(np.float64)
    out = []
    for i, (phrase, voice) in enumerate(itertools.product(BRIDGED, VOICES[:3])):
        gap, prompt = (0.15, 0.4, 0.7)[i % 3], CUT_PROMPTS[i % len(CUT_PROMPTS)]
        bed = at_level(music[int(rng.uniform(0, 60)) * R :][: 20 * R], -20.0)
        announcement = at_level(trimmed(SOUNDS / "en" / f"{prompt}.wav"), -20.0)
        cut = announcement[: int(len(announcement) * rng.uniform(0.5, 0.85))]
        words = at_level(src.speech(voice, phrase), float(rng.uniform(-26, -16)))
        x = np.concatenate([bed, np.zeros(int(0.4 * R)), cut, np.zeros(int(gap * R)), words, np.zeros(5 * R)])
        if i % 2 == 0:
            x = x + colored_noise(rng, len(x) / R, "pink", -55.0)[: len(x)]
        latency, reason = first_pickup(x, (len(bed) + int(0.4 * R) + len(cut) + int(gap * R)) / R)
        out.append({"phrase": phrase, "voice": voice, "gap_s": gap, "announcement": prompt,
                    "latency_s": latency, "reason": reason})
        print(f"bridged {voice:10s} gap {gap:.2f} {prompt:24s} {phrase!r:50s} -> "
              f"{out[-1]['latency_s']} ({out[-1]['reason']})", flush=True)
    return out


def queues() -> list[dict]:
    """Five minutes of each queue: music, an announcement, a pause, music again; the false pick-ups in it."""
    music = read_wav_8k(MOH / "macroform-cold_day.wav").astype(np.float64) * 0.5
    out = []
    for language, folder in QUEUE_LANGUAGES.items():
        rng = np.random.default_rng(1)
        names = [n for n in QUEUE_PROMPTS if (folder / f"{n}.wav").exists()]
        parts, pos = [], 0
        for i in range(12):
            n = int(rng.uniform(15, 25) * R)
            parts += [music[pos : pos + n], np.zeros(int(rng.uniform(0.3, 0.8) * R)),
                      trimmed(folder / f"{names[i % len(names)]}.wav"), np.zeros(int(rng.uniform(0.8, 2.0) * R))]
            pos = (pos + n) % (len(music) - 30 * R)
        pcm = mulaw_roundtrip(np.clip(np.concatenate(parts), -32768, 32767).astype(np.int16))
        false = pickups(analyze_pcm_heard(pcm))
        out.append({"language": language, "minutes": round(len(pcm) / R / 60, 2), "false_pickups": len(false),
                    "reasons": [p["reason"] for p in false]})
        print(f"queue in {language}: {len(false)} false pick-ups in {out[-1]['minutes']} min", flush=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "bench" / "pickups.json")
    args = parser.parse_args()
    for folder in QUEUE_LANGUAGES.values():
        if not folder.is_dir():
            sys.exit(f"{folder} is missing: install asterisk-core-sounds-en-wav, -it-wav and -ru-wav (make debs)")
    with tempfile.TemporaryDirectory() as tmp:
        src = Sources(seed=11, tmp=Path(tmp))
        back = returns(src)
        cut_off = bridged(src)
    queued = queues()
    latencies = [r["latency_s"] for r in back if r["latency_s"] is not None]
    put_through = [r["latency_s"] for r in cut_off if r["latency_s"] is not None]
    hours = sum(q["minutes"] for q in queued) / 60
    summary = {
        "pickup_recall": round(len(latencies) / len(back), 3),
        "pickup_latency_s_p50": round(float(np.median(latencies)), 2) if latencies else None,
        "pickup_recall_talking_on": round(sum(r["latency_s"] is not None for r in back if r["then"] == "talks-on")
                                          / sum(r["then"] == "talks-on" for r in back), 3),
        "bridged_recall": round(len(put_through) / len(cut_off), 3),
        "bridged_latency_s_p50": round(float(np.median(put_through)), 2) if put_through else None,
        "false_pickups_per_hour": {q["language"]: round(q["false_pickups"] / (q["minutes"] / 60), 1) for q in queued},
        "queue_hours": round(hours, 3),
    }
    git = ["git", "rev-parse", "--short", "HEAD"]
    commit = subprocess.run(git, cwd=ROOT, capture_output=True, text=True, check=False).stdout
    report = {"meta": {"date": datetime.now(UTC).isoformat(timespec="seconds"), "agent_commit": commit.strip(),
                       "in_sample": True}, "summary": summary, "returns": back, "bridged": cut_off,
              "queues": queued}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(summary, indent=2))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
