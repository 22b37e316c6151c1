"""Build the held-out TEST corpus of what an agent hears on an 8 kHz G.711 line: score on it, never tune on it.

`python scripts/listen_testcorpus.py [--out build/listen-testcorpus] [--small] [--seed 2027]` writes 8 kHz mono
16-bit wav files, each through a G.711 mu-law round trip, and manifest.json in the format of
scripts/listen_corpus.py (same truth conventions, read the same way by scripts/bench_listen.py). The same seed gives
the same files, byte for byte (sox -D: no dither; festival, fluidsynth and the decoders are deterministic).

Every source differs from the tuning corpus (scripts/listen_corpus.py), and so does every phrasing (written fresh
for this file, not taken from the tuning corpus or from the classifier's cue lists):
- Music: Ogg Vorbis tracks of the game Drascula (drascula-music), MP3 tracks of Advanced Strategic Command
  (asc-music, decoded by sox with libsox-fmt-all), Planet Blupi's MIDI songs rendered by fluidsynth through the
  TimGM6mb General MIDI soundfont (planetblupi-music-midi, fluidsynth, timgm6mb-soundfont), and music made here
  (additive chord pads, Karplus-Strong plucked melodies). The tuning corpus: asterisk-moh-opsound only.
- Synthetic voices: festival's ked diphone voice and its cmu_us_slt_arctic_hts HTS voice (festival,
  festvox-kdlpc16k, festvox-us-slt-hts), each also pitch- and tempo-shifted by sox into further voices. The
  tuning corpus: flite, plain espeak-ng and Piper joe.
- Real recorded speech: the five LibriVox utterances of pocketsphinx-testdata, linphone's recorded "Hello, this is
  Simon speaking..." (linphone-common hello16000.wav) and the alsa-utils channel-test words (a real woman's voice).
- Recorded IVR prompts in other voices and languages: asterisk-prompt-fr-armelle (French) and
  asterisk-prompt-es-co (Colombian Spanish), GSM 06.10 files; the tuning corpus: Allison (asterisk-core-sounds-en).
- Call-progress tones: Japanese, Australian, French, Italian and German ringback and busy (ITU-T E.180
  supplement plans, the Japanese and Australian ringback amplitude-modulated), generated here. The tuning
  corpus: US, UK and CEPT plans.
- Answering-machine beeps: single, double and gliding tones of 400-2000 Hz; line noise: digital zero, comfort
  noise, cellular (AR-shaped), office (noise plus real speech babble), street (swelling brown noise), mains hum;
  packet loss as lost 20 ms frames in bursts plus 200-500 ms outages.

Debian packages (DEBIAN_PACKAGES below): festival festvox-kdlpc16k festvox-us-slt-hts drascula-music asc-music
planetblupi-music-midi fluidsynth timgm6mb-soundfont libsox-fmt-all linphone-common alsa-utils
asterisk-prompt-fr-armelle asterisk-prompt-es-co pocketsphinx-testdata sox.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from agent.audio import read_wav_8k, write_wav  # noqa: E402
from scripts.listen_corpus import (  # noqa: E402
    BLOCK,
    DBM0_PEAK,
    SR,
    CorpusError,
    Scene,
    at_level,
    block_levels,
    colored_noise,
    dtmf_digit,
    lowpass,
    rms_db,
    save,
    set_answer,
    sine,
    speech_extent,
    summary,
)

DEFAULT_SEED = 2027
DEBIAN_PACKAGES = ("festival", "festvox-kdlpc16k", "festvox-us-slt-hts", "drascula-music", "asc-music",
                   "planetblupi-music-midi", "fluidsynth", "timgm6mb-soundfont", "libsox-fmt-all", "linphone-common",
                   "alsa-utils", "asterisk-prompt-fr-armelle", "asterisk-prompt-es-co", "pocketsphinx-testdata", "sox")
DRASCULA = Path("/usr/share/scummvm/drascula/audio")
DRASCULA_TRACKS = ("track2.ogg", "track5.ogg", "track9.ogg", "track14.ogg", "track18.ogg", "track23.ogg")
ASC = Path("/usr/share/games/asc/music")
ASC_TRACKS = ("frontiers.mp3", "machine_wars.mp3", "time_to_strike.mp3")
BLUPI = Path("/usr/share/planetblupi/music")
BLUPI_SONGS = ("music000.mid", "music003.mid", "music005.mid")
SOUNDFONT = Path("/usr/share/sounds/sf2/TimGM6mb.sf2")
SYNTH_PIECES = ("synth:chords-0", "synth:chords-1", "synth:pluck-0", "synth:pluck-1")
LIBRIVOX = Path("/usr/share/pocketsphinx/test/data/librivox")
SIMON = Path("/usr/share/sounds/linphone/hello16000.wav")
ALSA = Path("/usr/share/sounds/alsa")
ALSA_WORDS = ("Front_Center", "Front_Left", "Front_Right", "Rear_Center", "Rear_Left", "Rear_Right")
PROMPTS = Path("/usr/share/asterisk/sounds")
MUSIC_MAX_S = 240.0  # a track longer than this is cut: nobody hears more of one track on hold

# Voices: festival base voice, pitch shift (cents), tempo factor.
FESTIVAL = {"ked": "voice_ked_diphone", "slt": "voice_cmu_us_slt_arctic_hts"}
VOICES: dict[str, tuple[str, int, float]] = {
    "ked": ("ked", 0, 1.0), "ked-high": ("ked", 380, 1.05), "ked-slow": ("ked", -120, 0.88),
    "slt": ("slt", 0, 1.0), "slt-low": ("slt", -480, 0.96), "slt-fast": ("slt", 150, 1.12),
}
# Real recordings: (file, start s, end s); None end = to the end of the file.
REAL: dict[str, tuple[Path, float, float | None]] = {
    "simon-hello": (SIMON, 0.40, 1.29),
    "simon-intro": (SIMON, 0.40, 4.36),
    "simon-full": (SIMON, 0.40, None),
    **{f"librivox-{n}": (LIBRIVOX / f"sense_and_sensibility_01_austen_64kb-{n}.wav", 0.0, None)
       for n in ("0870", "0880", "0890", "0920", "0930")},
    **{f"alsa-{w}": (ALSA / f"{w}.wav", 0.0, None) for w in ALSA_WORDS},
}

# ---------------------------------------------------------------- what is said (written for this corpus only)

HOLD_OPENERS = (
    "Thanks for calling Cedar Ridge Family Medicine. Please hold for the next available team member.",
    "You've reached Blue Harbor Credit Union. All of our representatives are assisting other members.",
    "Welcome to Tri County Water. Your call is being transferred.",
)
HOLD_NOTICES = (
    "Thanks for your patience. Someone from our team will be right with you.",
    "We appreciate you holding. Your call will be picked up by the first available specialist.",
    "Please don't hang up. Calls are answered in the order they come in.",
    "Just a reminder, many questions can be answered on our mobile app.",
    "You're still in line. Thank you for waiting.",
    "For faster service, have your member ID card ready when we answer.",
    "Our team is helping other customers right now. We'll be with you as soon as we can.",
)
HOLD_WAITS = ("Your expected hold time is about {n} minutes.", "There are {n} callers ahead of you.")
RECORDED_HOLD = ("queue-periodic-announce", "queue-thankyou", "queue-youarenext", "queue-callswaiting")
PICKUP_OPENINGS = (
    ("Hello?",), ("Hi, are you still there?",), ("Sorry to keep you waiting, this is Renee, how can I help?",),
    ("Thanks for waiting, you're speaking with Marcus in scheduling.", "How can I help this afternoon?"),
    ("Can I get your date of birth to start?",), ("Yes, hello, this is the pharmacy counter.",),
    ("Okay, I'm back.", "Sorry about that, what was the name again?"), ("Member services, this is Dev.",),
    ("Did you want to make an appointment, or change one?",), ("Hi there, thanks for holding.",),
)
PICKUP_REAL = ("simon-hello", "simon-intro", "simon-full", "librivox-0870", "librivox-0920")
SECOND_TRY = ("Hello? Anyone there?", "Can you hear me okay?", "Hello, I think we have a bad connection.")
BUSINESS = (
    ("Good evening, Osteria Verde, this is Paolo, how can I help you?",),
    ("Lakeside Family Clinic, front desk, this is Janelle.",), ("Cycle Works, this is Rob, what can I do for you?",),
    ("Good afternoon, Grandview Inn, how may I help you?",), ("Bright Smile Dental, this is Carmen speaking.",),
    ("Thanks for calling Sunrise Bakery, this is Lee.",), ("Kim's Auto Repair, go ahead.",),
    ("Evergreen Veterinary, this is Tasha, how can I help?",),
)
RESIDENTIAL = (("Hello?",), ("Yeah?",), ("Hello, this is Dave.",), ("Martin speaking.",), ("Hi, who's calling?",),
               ("Yello.",), ("Hello, Nguyen residence.",))
VOICEMAIL = (
    ("Hi, this is Jenna.", "Sorry I can't answer.", "Leave me a message and I'll get back to you."),
    ("You've reached Paul.", "Leave your name and number."), ("Hey, you got Mike.", "Text me, or leave a message."),
    ("Hello, you've reached the Okafor household.", "We're unable to come to the phone.",
     "Please leave a message after the beep.", "Have a blessed day."),
    ("Hi, it's Laura from Coastal Insurance.", "I'm out of the office until Monday.",
     "For urgent matters, please call our main line."),
    ("This is Greg's phone.", "Go ahead and leave a message."),
)
CLOSED = (
    ("Thank you for calling Lakeside Family Clinic.", "Our office is currently closed.",
     "Our hours are eight thirty to five, Monday through Friday."),
    ("You have reached Cycle Works.", "We are closed for the day.",
     "Our hours are nine to seven daily, except Sunday."),
    ("Hello, and thanks for calling Bright Smile Dental.", "The office is closed for the holiday.",
     "We will reopen on Tuesday at eight."),
)
CARRIER = (
    ("The party you are trying to reach is unavailable.", "Please record your message when you hear the tone."),
    ("The mobile customer you have called is not available right now.", "You may record a message now."),
    ("Your call has been forwarded to voicemail.", "The person at four one five, two two seven, eight nine zero "
     "three, is not available.", "Record your message at the tone."),
    ("The wireless customer you are calling is not available at this time.", "Try again later, or record "
     "a message."),
)
RECORDED_CARRIER = ("vm-theperson digits/4 digits/2 digits/7 vm-isunavail vm-intro", "vm-nobodyavail vm-intro",
                    "vm-theperson digits/8 digits/1 digits/3 vm-isonphone vm-intro")
SCREENING = (
    ("Hi, the person you're calling uses a screening service, and will get a copy of this conversation.",
     "Go ahead and say your name and the reason for your call."),
    ("Hello, this number screens unknown callers.",
     "Please tell me who you are and why you're calling, and I'll see if they can pick up."),
    ("Before I connect you, may I ask who's calling and what it's about?",),
)
MENUS = (
    ("Thank you for calling Lakeside Family Clinic.", "If this is a medical emergency, hang up and dial nine one one.",
     "To schedule an appointment, press one.", "For prescription refills, press two."),
    ("Thanks for calling Grandview Inn.", "For reservations, press one.", "For the front desk, press zero."),
    ("Hi, you've reached Cycle Works.", "For repairs, press one.", "For rentals, press two.",
     "For our hours and location, press three."),
    ("Please enter your ten digit phone number, followed by pound.",),
    ("To check your balance, press one.", "To report a lost card, press two.", "For everything else, press zero."),
    ("Say or enter your policy number.",),
    ("If you know your party's extension, you may dial it at any time.", "For a company directory, press nine."),
)
RECORDED_MENUS = ("dir-intro", "vm-instructions", "conf-getconfno", "agent-user", "privacy-prompt")
CHATTER = ("Let me transfer you to the right department.", "Could you repeat the confirmation number?",
           "Alright, that's all set for Thursday.", "Hang on, let me grab a pen.", "Mm-hmm, go ahead.",
           "The system is running slow today, bear with me.", "Is there a good callback number?",
           "Perfect, thank you so much.")

# Answer families (truth answer, opening pool, how many in the full corpus).
FAMILIES: dict[str, tuple[str, tuple[tuple[str, ...], ...], int]] = {
    "business": ("person", BUSINESS, 8), "residential": ("person", RESIDENTIAL, 6),
    "voicemail": ("machine", VOICEMAIL, 6), "voicemail-nobeep": ("machine", VOICEMAIL, 4),
    "closed-office": ("machine", CLOSED, 4), "carrier": ("machine", CARRIER, 6),
    "screening": ("screening", SCREENING, 4), "menu": ("menu", MENUS, 4),
    "silent": ("person", (), 3), "packet-loss": ("person", (), 3),
}

# Call-progress plans (ITU-T E.180 supplement): frequencies, cadence (on, off, ...), amplitude modulation Hz.
TONE_PLANS: dict[str, tuple[tuple[float, ...], tuple[float, ...], float | None]] = {
    "jp-ringback": ((400.0,), (1.0, 2.0), 16.0), "jp-busy": ((400.0,), (0.5, 0.5), None),
    "au-ringback": ((425.0,), (0.4, 0.2, 0.4, 2.0), 25.0), "au-busy": ((425.0,), (0.375, 0.375), None),
    "fr-ringback": ((440.0,), (1.5, 3.5), None), "fr-busy": ((440.0,), (0.5, 0.5), None),
    "it-ringback": ((425.0,), (1.0, 4.0), None), "it-busy": ((425.0,), (0.5, 0.5), None),
    "de-ringback": ((425.0,), (1.0, 4.0), None), "de-busy": ((425.0,), (0.48, 0.48), None),
}
COUNTRIES = ("jp", "au", "fr", "it", "de")


# ---------------------------------------------------------------- sources


def missing_packages() -> list[str]:
    """Debian packages the test corpus needs that are not installed, by name."""
    voices = Path("/usr/share/festival/voices")
    checks = {
        "festival": shutil.which("festival"), "festvox-kdlpc16k": (voices / "english/ked_diphone").is_dir(),
        "festvox-us-slt-hts": (voices / "us/cmu_us_slt_arctic_hts").is_dir(),
        "drascula-music": (DRASCULA / DRASCULA_TRACKS[0]).is_file(), "asc-music": (ASC / ASC_TRACKS[0]).is_file(),
        "planetblupi-music-midi": (BLUPI / BLUPI_SONGS[0]).is_file(), "fluidsynth": shutil.which("fluidsynth"),
        "timgm6mb-soundfont": SOUNDFONT.is_file(), "linphone-common": SIMON.is_file(),
        "alsa-utils": (ALSA / "Front_Center.wav").is_file(),
        "asterisk-prompt-fr-armelle": (PROMPTS / "fr" / "vm-intro.gsm").is_file(),
        "asterisk-prompt-es-co": (PROMPTS / "es" / "vm-intro.gsm").is_file(),
        "pocketsphinx-testdata": LIBRIVOX.is_dir(), "sox": shutil.which("sox"),
    }
    missing = [name for name, ok in checks.items() if not ok]
    if shutil.which("sox") and "mp3" not in subprocess.run(["sox", "-h"], capture_output=True, text=True).stdout:
        missing.append("libsox-fmt-all")
    return missing


def decode(path: Path, out: Path, effects: tuple[str, ...] = ()) -> np.ndarray:
    """Any file sox reads (ogg, mp3, gsm, wav) as 8 kHz mono float samples, int16 scale; no dither."""
    subprocess.run(["sox", "-D", str(path), "-r", str(SR), "-c", "1", "-b", "16", str(out), *effects], check=True,
                   capture_output=True)
    return read_wav_8k(out).astype(np.float64)


def trim_quiet(x: np.ndarray, floor_db: float = -45.0) -> np.ndarray:
    """x without its quiet head and tail (a loop must not have a long gap)."""
    loud = np.flatnonzero(block_levels(x) > floor_db)
    return x[loud[0] * BLOCK : (loud[-1] + 1) * BLOCK] if loud.size else x


class Festival:
    """One festival process per base voice, fed commands on stdin (process start-up costs more than a line)."""

    def __init__(self, voice_fn: str) -> None:
        # stdbuf: festival's stdout is block-buffered on a pipe, and the reply marker must arrive at once.
        self.proc = subprocess.Popen(["stdbuf", "-oL", "festival", "--pipe"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self._send(f"({voice_fn})")

    def _send(self, command: str) -> None:
        """Run one scheme command and wait until festival has finished it."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(f'{command}\n(print "taskcall-done")\n')
        self.proc.stdin.flush()
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise CorpusError("festival stopped unexpectedly")
            if "taskcall-done" in line:
                return

    def say(self, text: str, out: Path) -> None:
        """Synthesize text into a wav file."""
        clean = text.replace("\\", " ").replace('"', "")
        self._send(f'(utt.save.wave (utt.synth (Utterance Text "{clean}")) "{out}" \'riff)')

    def close(self) -> None:
        """End the process."""
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait(timeout=10)


@dataclass
class TestSources:
    """Every sound of the test corpus: festival voices, real recordings, foreign prompts, music; all cached."""

    tmp: Path
    _cache: dict[tuple[str, str], np.ndarray] = field(default_factory=dict)
    _festival: dict[str, Festival] = field(default_factory=dict)
    _midi: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    def start(self) -> None:
        """Start the slow MIDI renders in the background (fluidsynth renders whole songs, seconds each)."""
        for song in BLUPI_SONGS:
            out = self.tmp / f"{song}.wav"
            self._midi[song] = subprocess.Popen(["fluidsynth", "-ni", "-q", "-F", str(out), "-r", str(SR), "-g", "0.7",
                                                 str(SOUNDFONT), str(BLUPI / song)], stdout=subprocess.DEVNULL,
                                                stderr=subprocess.DEVNULL)

    def close(self) -> None:
        """Stop the helper processes."""
        for fest in self._festival.values():
            fest.close()
        for proc in self._midi.values():
            proc.wait()

    def voice(self, voice: str, text: str) -> np.ndarray:
        """text said by a VOICES voice, or a REAL recording (text ignored), or prompt files ("fr:"/"es:" voice)."""
        key = (voice, text)
        if key not in self._cache:
            if voice in REAL:
                self._cache[key] = self._real(voice)
            elif voice in ("fr", "es"):
                self._cache[key] = np.concatenate([self._prompt(voice, name) for name in text.split()])
            else:
                self._cache[key] = self._festival_say(voice, text)
        return self._cache[key]

    def _festival_say(self, voice: str, text: str) -> np.ndarray:
        """Festival speech, pitch and tempo shifted by sox for the derived voices."""
        base, cents, tempo = VOICES[voice]
        if base not in self._festival:
            self._festival[base] = Festival(FESTIVAL[base])
        raw = self.tmp / "fest.wav"
        self._festival[base].say(text, raw)
        effects: tuple[str, ...] = ()
        if cents:
            effects += ("pitch", str(cents))
        if tempo != 1.0:
            effects += ("tempo", "-s", str(tempo))
        return decode(raw, self.tmp / "fest-8k.wav", effects)

    def _real(self, name: str) -> np.ndarray:
        """A cut of a real recording, with 10 ms fades so that a cut makes no click."""
        path, start, end = REAL[name]
        x = read_wav_8k(path).astype(np.float64)[int(start * SR) : None if end is None else int(end * SR)]
        ramp = np.linspace(0.0, 1.0, BLOCK)
        x[:BLOCK] *= ramp
        x[-BLOCK:] *= ramp[::-1]
        return x

    def _prompt(self, lang: str, name: str) -> np.ndarray:
        """One recorded prompt file (GSM) of a language; digits/N from the language's digit set."""
        path = PROMPTS / "digits" / lang / f"{name[7:]}.gsm" if name.startswith("digits/") else \
            PROMPTS / lang / f"{name}.gsm"
        return decode(path, self.tmp / "prompt.wav")

    def music(self, name: str) -> np.ndarray:
        """A music piece by name ("drascula:track2.ogg", "asc:..", "midi:..", "synth:.."), at most MUSIC_MAX_S."""
        key = ("music", name)
        if key not in self._cache:
            source, _, item = name.partition(":")
            if source == "synth":
                x = synth_music(item)
            elif source == "midi":
                self._midi[item].wait()
                x = read_wav_8k(self.tmp / f"{item}.wav").astype(np.float64)
            else:
                x = decode((DRASCULA if source == "drascula" else ASC) / item, self.tmp / "music.wav")
            self._cache[key] = trim_quiet(x)[: int(MUSIC_MAX_S * SR)]
        return self._cache[key]


def music_names() -> list[str]:
    """Every music piece of the test corpus."""
    return ([f"drascula:{t}" for t in DRASCULA_TRACKS] + [f"asc:{t}" for t in ASC_TRACKS] +
            [f"midi:{s}" for s in BLUPI_SONGS] + list(SYNTH_PIECES))


# ---------------------------------------------------------------- signals made here


def synth_music(piece: str, seconds: float = 64.0) -> np.ndarray:
    """A synthesized piece: "chords-N" (additive pads over a bass) or "pluck-N" (Karplus-Strong melody over pads)."""
    kind, _, n = piece.partition("-")
    rng = np.random.default_rng([90, int(n)])  # a piece is fixed: not drawn from the corpus seed
    root = 196.0 * 2 ** (int(rng.integers(0, 7)) / 12)
    progression = ((0, 4, 7), (7, 11, 14), (9, 12, 16), (5, 9, 12))  # I V vi IV
    beat = float(rng.uniform(0.45, 0.6))
    bar = 4 * beat
    out = np.zeros(int(seconds * SR))
    for k in range(int(np.ceil(seconds / bar))):
        chord = progression[k % len(progression)]
        start = int(k * bar * SR)
        bass = 0.8 * _pad_note(root / 2 * 2 ** (chord[0] / 12), bar)
        pad = sum(_pad_note(root * 2 ** (s / 12), bar) for s in chord) + bass
        out[start : start + len(pad)] += pad[: len(out) - start]
        if kind == "pluck":
            for b in range(4):
                step = int(rng.choice([0, 2, 4, 7, 9, 12]))
                note = _pluck(root * 2 * 2 ** ((chord[0] + step) / 12), beat * 1.5, rng)
                at = start + int(b * beat * SR)
                out[at : at + len(note)] += 1.6 * note[: max(0, len(out) - at)]
    return out / (np.max(np.abs(out)) + 1e-9) * 20000.0


def _pad_note(freq: float, seconds: float) -> np.ndarray:
    """A soft additive note (five harmonics falling off, slow attack and release)."""
    t = np.arange(int(seconds * SR)) / SR
    x = sum(np.sin(2 * np.pi * freq * k * t * (1 + 0.002 * np.sin(2 * np.pi * 5 * t))) / k**1.5 for k in range(1, 6)
            if freq * k < SR / 2 - 200)
    env = np.minimum(1.0, t / 0.15) * np.minimum(1.0, (seconds - t) / 0.3)
    return 0.25 * x * env


def _pluck(freq: float, seconds: float, rng: np.random.Generator) -> np.ndarray:
    """A Karplus-Strong plucked string: a noise burst through a damped comb filter."""
    from scipy.signal import lfilter

    period = max(2, int(round(SR / freq)))
    n = int(seconds * SR)
    burst = np.zeros(n)
    burst[:period] = rng.uniform(-1.0, 1.0, period)
    a = np.zeros(period + 2)
    a[0], a[period], a[period + 1] = 1.0, -0.498, -0.498
    return lfilter([1.0], a, burst)


def tone_plan(name: str, seconds: float, level_dbm0: float, offset_pct: float = 0.0) -> np.ndarray:
    """A TONE_PLANS cadence for seconds (cut short mid-cycle if it must), at a level, frequencies offset by a %."""
    freqs, pattern, am = TONE_PLANS[name]
    n = int(round(seconds * SR))
    t = np.arange(n) / SR
    peak = DBM0_PEAK * 10 ** (level_dbm0 / 20) / len(freqs)
    x = sum(peak * np.sin(2 * np.pi * f * (1 + offset_pct / 100) * t) for f in freqs)
    if am is not None:  # e.g. Japan: 400 Hz modulated by 16 Hz
        x = x * (0.6 + 0.4 * np.sin(2 * np.pi * am * t))
    gate = np.zeros(n)
    pos, on = 0.0, True
    while pos * SR < n:
        for dur in pattern:
            a, b = int(round(pos * SR)), min(n, int(round((pos + dur) * SR)))
            if on and b > a:
                ramp = min(40, (b - a) // 2)  # 5 ms edges
                gate[a:b] = 1.0
                gate[a : a + ramp] = np.linspace(0.0, 1.0, ramp)
                gate[b - ramp : b] = np.linspace(1.0, 0.0, ramp)
            pos += dur
            on = not on
    return x * gate


def beep(rng: np.random.Generator) -> tuple[np.ndarray, str]:
    """An answering machine's beep: single, double or gliding, 400-2000 Hz, 0.2-1.2 s in all; (audio, what)."""
    peak = DBM0_PEAK * 10 ** (rng.uniform(-22.0, -8.0) / 20)
    f = float(rng.uniform(400.0, 2000.0))
    form = str(rng.choice(["single", "single", "double", "glide"]))
    if form == "double":
        on, gap = float(rng.uniform(0.12, 0.25)), float(rng.uniform(0.06, 0.15))
        x = np.concatenate([sine(f, on, peak), np.zeros(int(gap * SR)), sine(f, on, peak)])
    elif form == "glide":
        seconds = float(rng.uniform(0.3, 1.0))
        t = np.arange(int(seconds * SR)) / SR
        f1 = min(2000.0, f * 1.08)
        x = peak * np.sin(2 * np.pi * (f * t + (f1 - f) * t**2 / (2 * seconds)))
        x[:40] *= np.linspace(0, 1, 40)
        x[-40:] *= np.linspace(1, 0, 40)
    else:
        x = sine(f, float(rng.uniform(0.2, 1.2)), peak)
    return x, f"{form} {f:.0f} Hz {len(x) / SR:.2f} s"


def lose_packets(rng: np.random.Generator, x: np.ndarray, start: float, stop: float) -> list[list[float]]:
    """Lose 20 ms frames in bursts of 1-3 (2-8 % of frames) and 0-2 outages of 200-500 ms inside [start, stop]."""
    lost: list[list[float]] = []
    rate = float(rng.uniform(0.02, 0.08))
    frame = 0.02
    t = start
    while t < stop - frame:
        if rng.random() < rate:
            n = int(rng.integers(1, 4))
            lost.append([t, n * frame])
            t += n * frame
        t += frame
    for _ in range(int(rng.integers(0, 3)) if stop - start > 1.5 else 0):
        length = float(rng.uniform(0.2, 0.5))
        lost.append([float(rng.uniform(start + 0.3, max(start + 0.3, stop - 0.3 - length))), length])
    for t0, length in lost:
        x[int(t0 * SR) : int((t0 + length) * SR)] = 0.0
    return sorted([round(a, 3), round(b, 3)] for a, b in lost)


LINE_KINDS = ("digital", "comfort", "cell", "office", "street", "hum")


def line_noise(src: TestSources, rng: np.random.Generator, seconds: float, speech_db: float,
               kinds: tuple[str, ...] = LINE_KINDS) -> tuple[np.ndarray, str]:
    """The noise of a live line, of one of kinds; levels vary; (audio, what)."""
    from scipy.signal import lfilter

    kind = str(rng.choice(kinds))
    n = int(round(seconds * SR))
    if kind == "digital":  # a clean VoIP leg: nothing at all between words
        return np.zeros(n), "digital silence"
    if kind == "comfort":
        level = float(rng.uniform(-84.0, -72.0))
        return colored_noise(rng, seconds, "white", level), f"comfort noise {level:.0f} dBFS"
    level = float(rng.uniform(-64.0, -49.0))  # below the -45 dBFS that `silence` allows, swells and babble included
    if kind == "cell":  # a resonant hiss, as a cellular codec's background coder makes it
        x = lfilter([1.0], [1.0, -1.3, 0.6], rng.standard_normal(n))
        return x / (np.std(x) + 1e-9) * 32768 * 10 ** (level / 20), f"cell {level:.0f} dBFS"
    if kind == "hum":
        t = np.arange(n) / SR
        hum = sum(np.sin(2 * np.pi * 50.0 * k * t + k) / k for k in (1, 2, 3, 5))
        x = hum / np.sqrt(np.mean(hum**2)) * 32768 * 10 ** (level / 20)
        return x + colored_noise(rng, seconds, "white", level - 12.0), f"hum 50 Hz {level:.0f} dBFS"
    if kind == "street":  # brown noise swelling and fading as traffic passes
        t = np.arange(n) / SR
        swell = 1.0 + 0.4 * np.sin(2 * np.pi * float(rng.uniform(0.05, 0.2)) * t + float(rng.uniform(0, 6)))
        return colored_noise(rng, seconds, "brown", level) * swell, f"street {level:.0f} dBFS"
    talk = np.concatenate([src.voice(f"librivox-{k}", "") for k in ("0870", "0890", "0920")])
    talk = lowpass(np.roll(talk, int(rng.integers(0, len(talk)))), 1800.0)
    babble = at_level(np.resize(talk, n), min(speech_db - 30.0, -54.0) - float(rng.uniform(0.0, 8.0)))
    return colored_noise(rng, seconds, "pink", level) + babble, f"office {level:.0f} dBFS + real babble"


def say(src: TestSources, rng: np.random.Generator, voice: str, sentences: tuple[str, ...],
        gap: tuple[float, float]) -> np.ndarray:
    """Sentences in one voice with pauses drawn from gap (seconds) between them."""
    parts: list[np.ndarray] = []
    for i, sentence in enumerate(sentences):
        if i:
            parts.append(np.zeros(int(rng.uniform(*gap) * SR)))
        parts.append(src.voice(voice, sentence))
    return np.concatenate(parts)


def synthetic_voice(rng: np.random.Generator) -> str:
    """One of the festival voices."""
    return str(rng.choice(list(VOICES)))


def announcer(rng: np.random.Generator) -> str:
    """Who speaks a business's recorded announcements: a festival voice, or a recorded French or Spanish prompt."""
    return str(rng.choice([*VOICES, "fr", "es"]))


def place_at(scene: Scene, x: np.ndarray, first_word: float, label: str) -> tuple[float, float]:
    """Place speech so that its first word starts at first_word (or as near as the file's head allows)."""
    return scene.speech(x, max(0.0, first_word - speech_extent(x)[0]), label)


# ---------------------------------------------------------------- scenes


def hold_music(src: TestSources, rng: np.random.Generator, seconds: float) -> tuple[np.ndarray, dict[str, Any]]:
    """Music for a whole hold: pieces back to back (a queue's playlist), crossfaded, at one level."""
    level = float(rng.uniform(-30.0, -12.0))
    names = music_names()
    n = int(round(seconds * SR))
    out = np.zeros(n)
    played: list[str] = []
    pos = 0
    while pos < n:
        name = str(rng.choice(names))
        piece = src.music(name)
        start = int(rng.integers(0, max(1, len(piece) - 20 * SR))) if not played else 0
        part = piece[start : start + int(rng.uniform(60.0, 150.0) * SR)]
        part = part * 10 ** ((level - rms_db(part)) / 20)
        fade = min(len(part) // 4, int(0.8 * SR))
        part[:fade] *= np.linspace(0.0, 1.0, fade) if played else 1.0
        part[-fade:] *= np.linspace(1.0, 0.0, fade)
        at = max(0, pos - fade) if played else 0
        out[at : at + len(part)] += part[: n - at]
        pos = at + len(part)
        played.append(name)
    return out, {"music": played, "level_dbfs": round(level, 1)}


def announce(scene: Scene, env: np.ndarray, rng: np.random.Generator, x: np.ndarray, t: float, mode: str,
             bed_label: str) -> float:
    """An announcement at t over the ducked music ("over"), with the music stopped ("stop"), or over the silence of
    a silent hold; returns when the hold sound is back."""
    n = int(t * SR) + len(x)
    if mode == "over":
        duck = 10 ** (-rng.uniform(6.0, 18.0) / 20)
        ramp = int(rng.uniform(0.2, 0.6) * SR)
        a = int(t * SR) - ramp
        env[a : a + ramp] = np.linspace(1.0, duck, ramp)
        env[a + ramp : n] = duck
        _, off = place_at(scene, x, t + speech_extent(x)[0], "ivr_speech")
        back = int(rng.uniform(0.2, 1.0) * SR)
        env[n : n + back] = np.linspace(duck, 1.0, back)
        scene.mark(off, "music")
        return (n + back) / SR
    stop = int((t - rng.uniform(0.3, 1.2)) * SR)
    if mode == "stop":
        fade = int(rng.uniform(0.05, 0.8) * SR)
        env[stop - fade : stop] = np.linspace(1.0, 0.0, fade)
        scene.mark(stop / SR, "silence")
    _, off = place_at(scene, x, t + speech_extent(x)[0], "ivr_speech")
    scene.mark(off, "silence")
    if mode != "stop":
        return off
    resume = int((off + rng.uniform(0.3, 1.5)) * SR)
    env[stop:resume] = 0.0
    scene.mark(resume / SR, bed_label)
    return resume / SR


def hold_intro(src: TestSources, rng: np.random.Generator, scene: Scene) -> float:
    """What comes before the hold: maybe a few rings, maybe a greeting; returns when the hold sound starts."""
    t = 0.0
    scene.mark(0.0, "silence")
    if rng.random() < 0.3:
        plan = f"{rng.choice(COUNTRIES)}-ringback"
        start = rng.uniform(0.3, 1.0)
        cycle = sum(TONE_PLANS[plan][1])
        ring = cycle * int(rng.integers(1, 3)) - TONE_PLANS[plan][1][-1]  # ends as a burst ends: the queue answers
        scene.mark(start, "ringback")
        t = scene.place(tone_plan(plan, ring, float(rng.uniform(-20.0, -10.0))), start)
        scene.mark(t, "silence")
        scene.meta["ringback"] = plan
    if rng.random() < 0.45:
        voice = announcer(rng)
        text = str(rng.choice(HOLD_OPENERS)) if voice in VOICES else "privacy-thankyou" if voice == "fr" else \
            "auth-thankyou"
        x = at_level(src.voice(voice, text), float(rng.uniform(-26.0, -12.0)))
        _, off = place_at(scene, x, t + rng.uniform(0.3, 1.0), "ivr_speech")
        scene.mark(off, "silence")
        scene.meta["opener"] = {"voice": voice, "text": text}
        t = off
    return t + rng.uniform(0.2, 1.0)


def hold_notice(src: TestSources, rng: np.random.Generator, voice: str, wait_n: int) -> tuple[str, np.ndarray]:
    """One announcement of a queue in its voice: a notice, a wait report, or a recorded prompt."""
    if voice in ("fr", "es"):
        text = str(rng.choice(RECORDED_HOLD))
    elif wait_n and rng.random() < 0.35:
        text = str(rng.choice(HOLD_WAITS)).format(n=wait_n)
    else:
        text = str(rng.choice(HOLD_NOTICES))
    return text, src.voice(voice, text)


def hold_call(src: TestSources, rng: np.random.Generator, seconds: float, pickup: bool, small: bool) -> Scene:
    """A queue: music (or silence) with announcements over it or in its pauses; most end with a person."""
    scene = Scene()
    style = str(rng.choice(["over", "stop", "mixed", "silence"], p=[0.35, 0.25, 0.25, 0.15]))
    hold_end = seconds - (12.0 if pickup else 0.0)
    t_bed = hold_intro(src, rng, scene)
    bed_label = "silence" if style == "silence" else "music"
    bed, info = hold_music(src, rng, hold_end) if style != "silence" else (np.zeros(int(hold_end * SR)), {})
    env = np.zeros(len(bed))
    env[int(t_bed * SR) :] = 1.0
    scene.mark(t_bed, bed_label)
    voice = announcer(rng)
    level = float(rng.uniform(-26.0, -12.0))
    repeats = [hold_notice(src, rng, voice, 0) for _ in range(int(rng.integers(1, 3)))]
    wait_n = int(rng.integers(2, 12)) if voice in VOICES and rng.random() < 0.5 else 0
    t, announced = t_bed, []
    while True:
        t_say = t + (rng.uniform(8.0, 14.0) if small else rng.uniform(25.0, 70.0))
        text, x = hold_notice(src, rng, voice, wait_n) if wait_n else repeats[int(rng.integers(len(repeats)))]
        wait_n = max(1, wait_n - int(rng.integers(0, 2))) if wait_n else 0
        if t_say + len(x) / SR + 3.0 > hold_end:
            break
        mode = style if style != "mixed" else str(rng.choice(["over", "stop"]))
        t = announce(scene, env, rng, at_level(x, level + rng.uniform(-2.0, 2.0)), t_say,
                     "silence" if style == "silence" else mode, bed_label)
        announced.append({"t": round(t_say, 2), "text": text, "mode": mode})
    stop = int(hold_end * SR)
    if pickup and style != "silence":
        fade = int(rng.choice([0.0, rng.uniform(0.05, 0.6)]) * SR)  # the music is cut, or faded, at pickup
        env[stop - fade : stop] *= np.linspace(1.0, 0.0, fade)
    scene.place((bed * env)[:stop], 0.0)
    if style == "silence" or rng.random() < 0.25:
        hiss = float(rng.uniform(-80.0, -66.0))
        scene.place(colored_noise(rng, hold_end, "white", hiss), 0.0)
        scene.meta["hiss_dbfs"] = round(hiss, 1)
    scene.meta.update(info, style=style, announce_voice=voice, announcements=announced)
    scene.end(pickup_tail(src, rng, scene, hold_end, small) if pickup else hold_end)
    return scene


def pickup_tail(src: TestSources, rng: np.random.Generator, scene: Scene, t_stop: float, small: bool) -> float:
    """The hold stops at t_stop and a person speaks (first words at pickup_t); returns where the scene ends."""
    if rng.random() < 0.3:
        voice, text = str(rng.choice(PICKUP_REAL)), ("(real recording)",)
        x = src.voice(voice, "")
    else:
        voice, text = synthetic_voice(rng), PICKUP_OPENINGS[int(rng.integers(len(PICKUP_OPENINGS)))]
        x = say(src, rng, voice, text, (0.2, 0.9))
    level = float(rng.uniform(-32.0, -12.0))
    scene.mark(t_stop, "silence")
    onset, off = place_at(scene, at_level(x, level), t_stop + rng.uniform(0.3, 2.0), "live_speech")
    scene.mark(off, "silence")
    end = off + (rng.uniform(1.2, 2.0) if small else rng.uniform(1.5, 3.0))
    if end < onset + 5.0:  # nobody answered them: they try again, and the call lasts past the bench's window
        again = src.voice("simon-hello", "") if voice in REAL else src.voice(voice, str(rng.choice(SECOND_TRY)))
        _, off = place_at(scene, at_level(again, level), end, "live_speech")
        scene.mark(off, "silence")
        end = max(onset + 5.0, off + rng.uniform(1.0, 2.0))
    bridge = t_stop + rng.uniform(0.0, 0.3)
    floor, what = line_noise(src, rng, end - bridge, level)
    scene.place(floor, bridge)
    scene.extra["pickup_t"] = round(onset, 2)
    scene.meta.update({"live_voice": voice, "live_text": " / ".join(text), "line": what})
    return end


def opening(src: TestSources, rng: np.random.Generator, family: str) -> tuple[str, tuple[str, ...], str]:
    """(truth answer, sentences, voice) for an answer family; real and recorded voices where they fit."""
    if family == "packet-loss":
        family = str(rng.choice(["business", "residential", "voicemail"]))
    answer, pool, _ = FAMILIES[family]
    real = {"business": "simon-intro", "residential": "simon-hello", "voicemail": "simon-full"}
    if family in real and rng.random() < 0.2:  # linphone's Simon: a real voice, also as a recorded greeting
        return answer, ("(real recording)",), real[family]
    recorded = {"carrier": (RECORDED_CARRIER, ("fr", "es")), "menu": (RECORDED_MENUS, ("fr", "es")),
                "screening": (("priv-recordintro",), ("fr",))}
    if family in recorded and rng.random() < 0.3:
        names, langs = recorded[family]
        return answer, (str(rng.choice(names)),), str(rng.choice(langs))
    sentences = pool[int(rng.integers(len(pool)))]
    voice = synthetic_voice(rng)
    for _ in range(8):  # a person's greeting lasts 1-6 s; a slow voice on a long one would not
        if answer != "person" or 1.0 <= sum(len(src.voice(voice, s)) for s in sentences) / SR <= 6.0:
            break
        voice = synthetic_voice(rng)
    return answer, sentences, voice


def answer_floor(src: TestSources, rng: np.random.Generator, seconds: float, level: float, person: bool,
                 greeting: tuple[float, float]) -> tuple[np.ndarray, str]:
    """A person's live line, or a machine's: the network's silence, maybe a recording's own noise under the greeting."""
    if person:
        return line_noise(src, rng, seconds, level)
    floor, what = line_noise(src, rng, seconds, level, ("digital", "digital", "comfort"))
    if rng.random() < 0.4:
        room, kind = line_noise(src, rng, greeting[1] - greeting[0] + 0.3, level, ("cell", "street", "hum", "office"))
        a = int(greeting[0] * SR)
        floor[a : a + len(room)] += room[: len(floor) - a]
        what += f"; greeting recorded over {kind}"
    return floor, what


def answer_scene(src: TestSources, rng: np.random.Generator, family: str, small: bool) -> Scene:
    """After the answer (t = 0): a FAMILIES opening, a beep where the family has one, and the silence after."""
    scene = Scene()
    scene.mark(0.0, "silence")
    scene.meta["family"] = family
    if family == "silent":  # they picked up and wait for the caller to speak
        end = float(rng.uniform(4.0, 5.0) if small else rng.uniform(5.0, 10.0))
        floor, what = line_noise(src, rng, end, -25.0)
        scene.place(floor, 0.0)
        set_answer(scene, "person", None, None)
        scene.meta["line"] = what
        scene.end(end)
        return scene
    answer, sentences, voice = opening(src, rng, family)
    person = answer == "person"
    x = say(src, rng, voice, sentences, (0.15, 0.6) if person else (0.3, 1.0))
    level = float(rng.uniform(-34.0, -10.0) if person else rng.uniform(-28.0, -12.0))
    lead = rng.uniform(3.0, 7.0) if family == "carrier" and rng.random() < 0.5 else \
        rng.uniform(0.05, 1.5) if person else rng.uniform(0.2, 1.5)
    onset, off = place_at(scene, at_level(x, level), lead, "live_speech" if person else "ivr_speech")
    end = off
    beeps = {"voicemail": 1.0, "closed-office": 0.5, "carrier": 0.85}.get(family, 0.0)
    if answer == "machine" and rng.random() < beeps:
        tone, what = beep(rng)
        beep_t = off + rng.uniform(0.15, 1.0)
        end = scene.place(tone, beep_t)
        scene.extra["beep_t"] = round(beep_t, 2)
        scene.meta["beep"] = what
    set_answer(scene, answer, onset, off)
    scene.mark(end, "silence")
    wait = {"person": (2.2, 5.0), "machine": (2.0, 4.0), "menu": (3.0, 6.0), "screening": (3.0, 5.0)}[answer]
    end += rng.uniform(2.0, 2.5) if small else rng.uniform(*wait)
    floor, what = answer_floor(src, rng, end, level, person, (onset, off))
    scene.place(floor, 0.0)
    if family == "packet-loss":
        scene.meta["lost"] = lose_packets(rng, scene.mix, onset, off)
    scene.meta.update({"voice": voice, "text": " / ".join(sentences), "line": what, "level_dbfs": round(level, 1)})
    scene.end(end)
    return scene


def ivr_scene(src: TestSources, rng: np.random.Generator, small: bool) -> Scene:
    """A menu or an entry prompt, then the silence of a system waiting for keys."""
    scene = Scene()
    scene.mark(0.0, "silence")
    voice = announcer(rng)
    sentences = (str(rng.choice(RECORDED_MENUS)),) if voice in ("fr", "es") else MENUS[int(rng.integers(len(MENUS)))]
    x = at_level(say(src, rng, voice, sentences, (0.3, 0.9)), float(rng.uniform(-28.0, -12.0)))
    _, off = place_at(scene, x, rng.uniform(0.2, 1.2), "ivr_speech")
    scene.mark(off, "silence")
    end = off + (rng.uniform(2.0, 3.0) if small else rng.uniform(3.0, 8.0))
    floor, what = line_noise(src, rng, end, -20.0, ("digital", "comfort"))
    scene.place(floor, 0.0)
    scene.meta.update({"voice": voice, "menu": " / ".join(sentences), "line": what})
    scene.end(end)
    return scene


def ringing_scene(src: TestSources, rng: np.random.Generator, country: str, answered: bool, small: bool) -> Scene:
    """A country's ringback for a few cycles, then a person answers, or the line turns busy."""
    scene = Scene()
    scene.mark(0.0, "silence")
    plan = f"{country}-ringback"
    level, offset = float(rng.uniform(-22.0, -8.0)), float(rng.uniform(-1.0, 1.0))
    start = rng.uniform(0.2, 1.2)
    scene.mark(start, "ringback")
    stop = scene.place(tone_plan(plan, rng.uniform(4.0, 6.0) if small else rng.uniform(6.0, 18.0), level, offset),
                       start)
    scene.mark(stop, "silence")
    scene.meta["ringback"] = plan
    if answered:
        voice = synthetic_voice(rng)
        sentences = (BUSINESS + RESIDENTIAL)[int(rng.integers(len(BUSINESS) + len(RESIDENTIAL)))]
        live = float(rng.uniform(-30.0, -12.0))
        _, off = place_at(scene, at_level(say(src, rng, voice, sentences, (0.2, 0.6)), live),
                          stop + rng.uniform(0.3, 1.2), "live_speech")
        scene.mark(off, "silence")
        end = off + rng.uniform(1.5, 3.0)
        floor, what = line_noise(src, rng, end - stop, live)
        scene.place(floor, stop)
        scene.meta.update({"live_voice": voice, "live_text": " / ".join(sentences), "line": what})
        scene.end(end)
        return scene
    t_busy = stop + rng.uniform(0.1, 0.6)
    scene.mark(t_busy, "busy")
    scene.place(tone_plan(f"{country}-busy", 3.0 if small else rng.uniform(3.0, 8.0), level, offset), t_busy)
    scene.meta["busy"] = f"{country}-busy"
    scene.end()
    return scene


def clip_scene(src: TestSources, rng: np.random.Generator, label: str, variant: int, seconds: float) -> Scene:
    """A clip of one label alone, in one of a few variants per label."""
    scene = Scene()
    scene.mark(0.0, label if label in ("music", "silence") else "silence")
    if label == "music":
        name = music_names()[variant * 5 % len(music_names())]
        piece = src.music(name)
        start = int(rng.integers(0, max(1, len(piece) - int(seconds * SR))))
        x = np.resize(piece[start:], int(seconds * SR))
        scene.place(x * 10 ** ((rng.uniform(-28.0, -12.0) - rms_db(x)) / 20), 0.0)
        scene.meta["music"] = name
    elif label == "silence":
        floor, what = line_noise(src, rng, seconds, -20.0, (("digital", "comfort", "cell", "hum")[variant % 4],))
        scene.place(floor * (10 ** ((-50.0 - rms_db(floor)) / 20) if variant % 4 >= 2 else 1.0), 0.0)
        scene.meta["what"] = what if variant % 4 < 2 else what.split(" ")[0] + " at -50 dBFS"
    elif label in ("ivr_speech", "live_speech"):
        _speech_clip(src, rng, scene, label, variant)
    elif label in ("ringback", "busy"):
        plan = f"{COUNTRIES[variant % len(COUNTRIES)]}-{label}"
        scene.mark(0.0, label)
        scene.place(tone_plan(plan, seconds, float(rng.uniform(-24.0, -8.0)), float(rng.uniform(-1.0, 1.0))), 0.0)
        scene.meta["plan"] = plan
    elif label == "dtmf":
        _dtmf_clip(rng, scene, seconds)
    scene.end(seconds if label not in ("ivr_speech", "live_speech", "dtmf") else None)
    return scene


def _speech_clip(src: TestSources, rng: np.random.Generator, scene: Scene, label: str, variant: int) -> None:
    """Recorded prompts (festival or foreign recorded voices), or a person: festival chatter or real recordings."""
    if label == "ivr_speech":
        voice = announcer(rng) if variant % 2 else str(rng.choice(["fr", "es"]))
        pool = (RECORDED_MENUS + RECORDED_HOLD) if voice in ("fr", "es") else (*HOLD_NOTICES, *HOLD_OPENERS)
        sentences: tuple[str, ...] = tuple(str(s) for s in rng.choice(pool, size=2, replace=False))
        level = float(rng.uniform(-28.0, -12.0))
    else:
        real = ("librivox-0870", "librivox-0890", "librivox-0920", "simon-full", "alsa-words")[variant % 5] \
            if variant % 2 == 0 else None
        voice = real or synthetic_voice(rng)
        if voice == "alsa-words":
            sentences = tuple(f"alsa-{w}" for w in rng.permutation(ALSA_WORDS)[:4])
        else:
            sentences = ("",) if real else tuple(str(s) for s in rng.choice(CHATTER, size=3, replace=False))
        level = float(rng.uniform(-32.0, -12.0))
    if voice == "alsa-words":  # a person reading the channel names, one by one
        parts = [np.concatenate([src.voice(w, ""), np.zeros(int(rng.uniform(0.3, 0.9) * SR))]) for w in sentences]
        x = np.concatenate(parts)
    else:
        x = say(src, rng, voice, sentences, (0.3, 1.0))
    _, off = place_at(scene, at_level(x, level), rng.uniform(0.2, 0.8), label)
    scene.mark(off, "silence")
    end = max(off + rng.uniform(0.3, 1.0), 5.0)
    if label == "live_speech":
        floor, what = line_noise(src, rng, end, level)
        scene.place(floor, 0.0)
        scene.meta["line"] = what
    scene.meta.update({"voice": voice, "text": " / ".join(sentences)})
    scene.end(end)


def _dtmf_clip(rng: np.random.Generator, scene: Scene, seconds: float) -> None:
    """Numbers keyed as people key them: groups of 3-10 digits, 50-150 ms tones, 50-200 ms gaps, pauses between."""
    keys = "0123456789*#"
    level = float(rng.uniform(-18.0, -4.0))
    twist = float(rng.uniform(-3.0, 5.0))
    t = rng.uniform(0.2, 0.8)
    digits = ""
    while True:
        group = "".join(rng.choice(list(keys), size=int(rng.integers(3, 11))))
        scene.mark(t, "dtmf")
        for i, d in enumerate(group):
            phases = (float(rng.uniform(0, 2 * np.pi)), float(rng.uniform(0, 2 * np.pi)))
            t = scene.place(dtmf_digit(d, rng.uniform(0.05, 0.15), level + rng.uniform(-1.5, 1.5), twist, phases), t)
            if i < len(group) - 1:
                t += rng.uniform(0.05, 0.2)
        digits += group
        scene.mark(t, "silence")
        if t > seconds * 0.7:
            break
        t += rng.uniform(0.7, 1.5)
    scene.extra["digits"] = digits
    scene.meta.update({"level_dbm0": round(level, 1), "twist_db": round(twist, 1)})
    scene.end(max(t + rng.uniform(0.3, 0.8), seconds))


def robustness_audio(rng: np.random.Generator, what: str, seconds: float) -> np.ndarray:
    """Loud noise with no label (nothing may fire): crackle, loud pink noise, a loud 50 Hz hum with a buzz."""
    n = int(seconds * SR)
    if what == "crackle":
        x = colored_noise(rng, seconds, "white", -50.0)
        clicks = rng.choice(n, size=int(seconds * 40), replace=False)
        x[clicks] += rng.choice([-1, 1], size=len(clicks)) * rng.uniform(8000, 30000, size=len(clicks))
        return x
    if what == "pink-noise-15dbfs":
        return colored_noise(rng, seconds, "pink", -15.0)
    t = np.arange(n) / SR
    return sum(5000.0 / k * np.sign(np.sin(2 * np.pi * 50.0 * k * t)) for k in (1, 2, 3))


# ---------------------------------------------------------------- the corpus


@dataclass(frozen=True)
class Plan:
    """How many items of each kind, and how long."""

    hold_seconds: tuple[float, ...]
    answers: dict[str, int]  # answer family -> how many
    ivr: int
    ringing: int
    clips: dict[str, int]
    clip_seconds: tuple[float, float]
    robustness: tuple[str, ...]


SMALL = Plan(hold_seconds=(45.0, 30.0), answers={family: 1 for family in FAMILIES}, ivr=1, ringing=2,
             clips={"music": 1, "ringback": 1, "dtmf": 1}, clip_seconds=(5.0, 6.0), robustness=())


def plan_for(small: bool, rng: np.random.Generator) -> Plan:
    """The small plan, or the full one: 16 hold calls of 1-6 min (about 55 min in all)."""
    if small:
        return SMALL
    return Plan(hold_seconds=tuple(float(s) for s in np.round(rng.uniform(60.0, 360.0, size=16), 1)),
                answers={family: count for family, (_, _, count) in FAMILIES.items()}, ivr=10, ringing=10,
                clips={"music": 6, "silence": 6, "ivr_speech": 6, "live_speech": 8, "ringback": 5, "busy": 5,
                       "dtmf": 4},
                clip_seconds=(5.0, 18.0), robustness=("crackle", "pink-noise-15dbfs", "hum-buzz"))


def build(out: Path, small: bool = False, seed: int = DEFAULT_SEED) -> dict[str, Any]:
    """Build the test corpus into out (replacing what a previous build left there); returns the manifest."""
    missing = missing_packages()
    if missing:
        raise CorpusError(f"missing Debian package(s): {' '.join(missing)} (apt-get install {' '.join(missing)})")
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.wav"):
        old.unlink()
    items: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        src = TestSources(Path(tmp))
        src.start()
        try:
            items = _items(src, out, small, seed)
        finally:
            src.close()
    robust = []
    for i, what in enumerate(plan_for(small, np.random.default_rng([seed, 0])).robustness):
        from agent.audio import mulaw_roundtrip

        x = robustness_audio(np.random.default_rng([seed, 20, i]), what, 8.0)
        pcm = mulaw_roundtrip(np.clip(np.rint(x), -32768, 32767).astype(np.int16))
        write_wav(out / f"robust-{what}.wav", pcm, SR)
        robust.append({"file": f"robust-{what}.wav", "kind": "robustness", "seconds": round(len(pcm) / SR, 2),
                       "what": what})
    manifest = {"version": 1, "corpus": "test", "seed": seed, "small": small, "items": items, "robustness": robust}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest


def _items(src: TestSources, out: Path, small: bool, seed: int) -> list[dict[str, Any]]:
    """Every labelled item, written to out; their manifest entries."""
    plan = plan_for(small, np.random.default_rng([seed, 0]))

    def rng_for(kind: int, i: int) -> np.random.Generator:
        """Each item its own generator: changing one kind's count leaves the other kinds' draws alone."""
        return np.random.default_rng([seed, kind, i])

    items = []
    for i, seconds in enumerate(plan.hold_seconds):
        pickup = i % 4 != 3 if not small else i == 0  # a quarter end still on hold
        items.append(save(out, f"hold-{i + 1:02d}.wav", hold_call(src, rng_for(1, i), seconds, pickup, small), "hold"))
    families = [family for family, count in plan.answers.items() for _ in range(count)]
    for i, family in enumerate(families):
        items.append(save(out, f"answer-{i + 1:02d}.wav", answer_scene(src, rng_for(2, i), family, small), "amd"))
    for i in range(plan.ivr):
        items.append(save(out, f"ivr-{i + 1:02d}.wav", ivr_scene(src, rng_for(3, i), small), "ivr"))
    for i in range(plan.ringing):
        scene = ringing_scene(src, rng_for(4, i), COUNTRIES[i % len(COUNTRIES)], i % 2 == 0, small)
        items.append(save(out, f"ringing-{i + 1:02d}.wav", scene, "ringing"))
    for k, (label, count) in enumerate(plan.clips.items()):
        for i in range(count):
            rng = rng_for(5 + k, i)
            scene = clip_scene(src, rng, label, i, float(rng.uniform(*plan.clip_seconds)))
            items.append(save(out, f"clip-{label}-{i + 1:02d}.wav", scene, "clip"))
    return items


def main(argv: list[str] | None = None) -> int:
    """CLI entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("build/listen-testcorpus"))
    parser.add_argument("--small", action="store_true", help="a small subset, for checks")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        manifest = build(args.out, args.small, args.seed)
    except CorpusError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    size = sum(p.stat().st_size for p in args.out.iterdir() if p.is_file())
    print(summary(manifest))
    print(f"wrote {args.out} ({size / 1e6:.1f} MB) in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
