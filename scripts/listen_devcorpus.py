"""Build the development corpus for hearing the line: answers and returns from hold, from a third set of sources.

`python scripts/listen_devcorpus.py [--out build/listen-devcorpus] [--seed 11]` writes 8 kHz wav files through
G.711 mu-law and a manifest.json in the tuning corpus's format (scripts/listen_corpus.py: same truth conventions,
read by scripts/bench_listen.py). The same seed gives the same files.

Why a third corpus: the tuning corpus's thresholds were fitted on it, and the test corpus (scripts/
listen_testcorpus.py) must never be tuned on. A change to who-answered or pick-up rules is developed here and on
the tuning corpus, and only then measured once on the test corpus. Its sources are neither corpus's:
- wording: scripts/listen_devwording.py, written apart from both corpora's wording, from how real phones,
  businesses, carriers and screening assistants speak;
- voices: Festival's kal diphone voice (festvox-kallpc16k) and espeak-ng's regional English voices and variants
  (Scottish, Caribbean, New York, West Midlands, Lancaster; female variants), none of which either corpus uses;
- hold music: LinCity-NG's soundtrack (lincity-ng-data) and Chromium B.S.U.'s loops (chromium-bsu-data);
- pauses between a recording's sentences as real systems leave them: a menu or a closed office up to 2 s
  between sentences, where the tuning corpus keeps them under 1 s.

What it holds: answer scenes of every answer family (kind "amd": person, machine, menu, screening, with their
`answer`, `greeting_end_t`, `beep_t`) and hold calls over the new music, most ending with a person picking up
(kind "hold", `pickup_t`). No clips, tones or DTMF: the tuning and test corpora measure those.

The scene makers are listen_corpus's; they read that module's voice and wording tables, which this script
swaps for its own while it builds (`_dev_tables`), so that the tuning corpus's builder is left exactly as it
was (its files stay byte for byte the same).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from agent.audio import read_wav_8k  # noqa: E402
from scripts import listen_corpus as lc  # noqa: E402
from scripts import listen_devwording as words  # noqa: E402

SR = lc.SR
DEBS = ("festival", "festvox-kallpc16k", "espeak-ng", "lincity-ng-data", "chromium-bsu-data", "sox",
        "libsox-fmt-all")
# espeak-ng voice (language+variant) and speed, words a minute; "festival-kal" is Festival's kal diphone voice.
ESPEAK = {"es-scot": ("en-gb-scotland", "160"), "es-carib": ("en-029", "150"), "es-nyc": ("en-us-nyc", "170"),
          "es-wmid": ("en-gb-x-gbcwmd", "155"), "es-lanc-f": ("en-gb-x-gbclan+f2", "150"),
          "es-us-f4": ("en-us+f4", "160"), "es-gb-m7": ("en-gb+m7", "165")}
VOICES = ("festival-kal", "festival-kal", *ESPEAK)
AGAIN = ("Hello?", "Hello, anyone there?", "Hi, are you still on the line?")  # a second try after a "Hello?"
ANNOUNCER = "festival-kal"  # what listen_corpus's "asterisk" (a PBX's recorded prompts) stands for here
MUSIC = {
    "lincity": lc.MusicSource(
        "lincity-ng-data", Path("/usr/share/games/lincity-ng/music/default"),
        ("01 - pronobozo - lincity.ogg", "02 - Robert van Herk - City Blues.ogg",
         "03 - Robert van Herk - Architectural Contemplations.ogg"),
        "sox", "ambient, blues and piano game soundtrack"),
    "chromium-bsu": lc.MusicSource(
        "chromium-bsu-data", Path("/usr/share/games/chromium-bsu/wav"), ("music_game.wav", "music_menu.wav"),
        "sox", "short synth loops"),
}
# Pauses between the sentences of one opening (seconds), per family: people run their sentences together;
# recordings leave what their systems leave, a menu or a closed office up to 2 s.
GAPS = {"business": (0.15, 0.7), "residential": (0.15, 0.7), "voicemail": (0.3, 1.5),
        "voicemail-nobeep": (0.3, 1.5), "closed-office": (0.4, 2.0), "carrier": (0.3, 1.2),
        "screening": (0.3, 1.6), "menu": (0.4, 2.0)}
FAMILIES: dict[str, tuple[str, tuple[tuple[str, ...], ...]]] = {
    "business": ("person", words.BUSINESS_GREETINGS),
    "residential": ("person", words.RESIDENTIAL_ANSWERS),
    "voicemail": ("machine", words.VOICEMAIL_GREETINGS),
    "voicemail-nobeep": ("machine", words.VOICEMAIL_GREETINGS),
    "closed-office": ("machine", words.CLOSED_OFFICE),
    "carrier": ("machine", words.CARRIER_GREETINGS),
    "screening": ("screening", words.SCREENING_PROMPTS),
    "menu": ("menu", words.ANSWER_MENUS),
    "silent": ("person", ()),
    "packet-loss": ("person", ()),
}


@dataclass(frozen=True)
class Plan:
    """How many of each: answer scenes cycle through FAMILIES; hold calls through MUSIC, three in four with a
    pick-up, one in four of those on a clean line."""

    answers: int = 80
    holds: int = 16
    hold_seconds: tuple[float, float] = (90.0, 180.0)


class DevSources(lc.Sources):
    """listen_corpus's Sources with this corpus's voices, wording and music."""

    def speech(self, voice: str, text: str) -> np.ndarray:
        if voice == "asterisk":  # listen_corpus's PBX prompts ("hello", prompt file names): our announcer's voice
            voice, text = ANNOUNCER, ("Hello?" if text == "hello" else text)
        return super().speech(voice, text)

    def _render(self, voice: str, text: str) -> np.ndarray:
        raw = self.tmp / "tts.wav"
        if voice == "festival-kal":
            (self.tmp / "tts.txt").write_text(text + "\n", encoding="utf-8")
            cmd = ["text2wave", "-eval", "(voice_kal_diphone)", "-o", str(raw), str(self.tmp / "tts.txt")]
        else:
            name, speed = ESPEAK[voice]
            cmd = ["espeak-ng", "-v", name, "-s", speed, "-w", str(raw), text]
        subprocess.run(cmd, check=True, capture_output=True)
        out = self.tmp / "tts-8k.wav"
        subprocess.run(["sox", "-D", str(raw), "-r", str(SR), "-c", "1", "-b", "16", str(out)], check=True,
                       capture_output=True)
        return read_wav_8k(out).astype(np.float64)

    def prompt(self, voice: str, kind: str, rng: np.random.Generator, n: int = 0) -> tuple[str, np.ndarray]:
        pool = {"periodic": words.QUEUE_ANNOUNCEMENTS, "greeting": words.QUEUE_GREETINGS,
                "wait": words.QUEUE_WAITS}[kind]
        sentences = pool[int(rng.integers(len(pool)))]
        text = " ".join(s.format(n=_number_word(n), name=words.NAMES[0]) for s in sentences)
        return text, self.speech(ANNOUNCER if voice == "asterisk" else voice, text)


def _number_word(n: int) -> str:
    return ("zero one two three four five six seven eight nine ten eleven twelve".split() + [str(n)])[min(n, 13)]


@contextmanager
def _dev_tables() -> Iterator[None]:
    """listen_corpus's scene makers with this corpus's voices and wording (its module tables swapped for the
    build, and put back after)."""
    names = words.NAMES
    pickups = tuple(tuple(s.format(name=names[i % len(names)]) for s in turn)
                    for i, turn in enumerate(words.PICKUP_TURNS))
    swaps = {"TTS_VOICES": VOICES, "PICKUP_TURNS": pickups, "AGAIN": AGAIN,
             "RING_ANSWERS": tuple(s[0] for s in words.RESIDENTIAL_ANSWERS),
             "BABBLE": tuple(" ".join(turn) for turn in pickups[:4]),
             "MUSIC_SOURCES": MUSIC}
    saved = {name: getattr(lc, name) for name in swaps}
    for name, value in swaps.items():
        setattr(lc, name, value)
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(lc, name, value)


def opening(src: DevSources, rng: np.random.Generator, family: str) -> tuple[str, tuple[str, ...], str, str]:
    """(truth answer, sentences, voice, the family whose pacing it has) for one answer family."""
    if family == "packet-loss":  # a greeting cut up by the network: a person's or a machine's
        family = str(rng.choice(["business", "residential", "voicemail"]))
    answer, pool = FAMILIES[family]
    name = str(rng.choice(words.NAMES))
    sentences = tuple(s.format(name=name) for s in pool[int(rng.integers(len(pool)))])
    voice = str(rng.choice(VOICES))
    if answer == "person":  # a person's greeting fits 1-6 s: try another voice if a slow one would not
        for _ in range(10):
            if 1.0 <= sum(len(src.speech(voice, s)) for s in sentences) / SR <= 6.0:
                break
            voice = str(rng.choice(VOICES))
    return answer, sentences, voice, family


def answer_scene(src: DevSources, rng: np.random.Generator, family: str) -> lc.Scene:
    """After the answer (t = 0): one opening, its beep if any, the silence after it (as listen_corpus's)."""
    scene = lc.Scene()
    scene.mark(0.0, "silence")
    scene.meta["family"] = family
    if family == "silent":
        end = rng.uniform(5.0, 9.0)
        floor, what = lc.answer_floor(src, rng, end, -30.0, True, (0.0, end))
        scene.place(floor, 0.0)
        lc.set_answer(scene, "person", None, None)
        scene.meta["line"] = what
        scene.end(end)
        return scene
    answer, sentences, voice, paced_as = opening(src, rng, family)
    person = answer == "person"
    x = lc.spoken(src, rng, voice, sentences, GAPS[paced_as])
    level = float(rng.uniform(-32.0, -12.0)) if person else lc.ivr_level(rng)
    x = lc.at_level(x, level)
    lead = rng.uniform(3.0, 7.0) if family == "carrier" and rng.random() < 0.5 else rng.uniform(0.1, 1.2)
    onset, off = scene.speech(x, max(0.0, lead - lc.speech_extent(x)[0]), "live_speech" if person else "ivr_speech")
    end = off
    beeps = answer == "machine" and paced_as != "voicemail-nobeep" and (paced_as != "closed-office"
                                                                          or rng.random() < 0.6)
    if beeps:
        beep_t = off + rng.uniform(0.1, 1.0)
        beep = lc.sine(float(rng.uniform(400.0, 2000.0)), rng.uniform(0.2, 1.2),
                       lc.DBM0_PEAK * 10 ** (rng.uniform(-22.0, -8.0) / 20))
        end = scene.place(beep, beep_t)
        scene.extra["beep_t"] = round(beep_t, 2)
    lc.set_answer(scene, answer, onset, off)
    scene.mark(end, "silence")
    end += rng.uniform(2.2, 4.5)
    floor, what = lc.answer_floor(src, rng, end, level, person, (onset, off))
    scene.place(floor, 0.0)
    if family == "packet-loss":
        scene.meta["dropouts"] = lc.drop_packets(rng, scene.mix, onset, off, big=bool(rng.random() < 0.6))
    scene.meta.update({"voice": voice, "text": " / ".join(sentences), "line": what, "level_dbfs": round(level, 1)})
    scene.end(end)
    return scene


def missing_packages() -> list[str]:
    """The Debian packages this corpus is made from that are not installed."""
    return [p for p in DEBS if subprocess.run(["dpkg", "-s", p], capture_output=True).returncode != 0]


def build(out: Path, seed: int = 11, plan: Plan | None = None,
          sources: Callable[[int, Path], DevSources] = DevSources) -> dict[str, Any]:
    """Build the corpus into out (replacing what a previous build left there); returns the manifest. `sources`
    makes the sounds (the unit tests give stand-ins, and then no package is needed)."""
    plan = plan or Plan()
    missing = missing_packages() if sources is DevSources else []
    if missing:
        raise lc.CorpusError(f"missing Debian package(s): {' '.join(missing)} (apt-get install {' '.join(missing)})")
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.wav"):
        old.unlink()
    items: list[dict[str, Any]] = []
    families, music = list(FAMILIES), list(MUSIC)
    with tempfile.TemporaryDirectory() as tmp, _dev_tables():
        src = sources(seed, Path(tmp))
        for i in range(plan.answers):
            scene = answer_scene(src, np.random.default_rng([seed, 1, i]), families[i % len(families)])
            items.append(lc.save(out, f"answer-{i + 1:02d}.wav", scene, "amd"))
        for i in range(plan.holds):
            rng = np.random.default_rng([seed, 2, i])
            clean = i % 4 == 1
            scene = lc.hold_call(src, rng, float(np.round(rng.uniform(*plan.hold_seconds), 1)), pickup=i % 4 != 3,
                                 small=False, bed_maker=partial(lc.playlist_bed, source=music[i % len(music)]),
                                 clean=clean)
            scene.meta["clean_line"] = clean
            items.append(lc.save(out, f"hold-{i + 1:02d}.wav", scene, "hold"))
    manifest = {"version": 1, "seed": seed, "small": False, "items": items, "robustness": []}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    """CLI entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("build/listen-devcorpus"))
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        manifest = build(args.out, args.seed)
    except lc.CorpusError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(lc.summary(manifest))
    size = sum(p.stat().st_size for p in args.out.iterdir() if p.is_file())
    print(f"wrote {args.out} ({size / 1e6:.1f} MB) in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
