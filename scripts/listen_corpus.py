"""Build a labelled corpus of what an agent hears on an 8 kHz G.711 line, from Debian packages and local TTS.

`python scripts/listen_corpus.py [--out build/listen-corpus] [--small] [--seed 7]` writes 8 kHz mono 16-bit wav
files, each already through a G.711 mu-law round trip, and manifest.json (format in the brief of `make
bench-listen`; read by scripts/bench_listen.py). The same seed gives the same files, byte for byte.

Truth conventions (what a classifier is scored against):
- Labels: music, silence, ivr_speech, live_speech, ringback, busy, dtmf. Segments are contiguous, cover the file,
  times in seconds rounded to 0.01.
- Speech extent: a speech segment runs from the first to the last 10 ms block above -40 dBFS of the clean,
  levelled speech (before noise, music or G.711 are mixed in). The file's own leading and trailing silence of a
  prompt belongs to the neighbouring segment.
- One playback is one segment: the pauses inside an announcement (between its sentences, or between the prompt
  files a PBX chains, "You are currently caller number" + "three") and inside one live turn (0.2-1.2 s between
  phrases) are part of the speech segment. Pauses of 2 s and more between turns are `silence`.
- ivr_speech covers recorded announcements, also when voiced over ducked music (the music under it is not
  labelled). Music fading out is still `music` until the fade ends; a ducked bed between announcements is `music`.
- An answering machine's greeting and its beep are one ivr_speech segment (greeting onset to beep end, the short
  gap between them included); `beep_t` is the beep's start.
- Tone plans are labelled by state, not by burst: `ringback` and `busy` include their cadence's off periods, from
  the first burst to where the tone stops (an answer may cut a cycle short). A `dtmf` segment runs from the first
  digit's onset to the last digit's end of a group keyed without pause (gaps 40-100 ms); pauses between groups
  (0.6 s and more) are `silence`.
- `silence` is any stretch with no speech, music or tones: digital zero, hiss, line noise, DC offset, or the
  noise floor of a bridged line, as long as it is below -45 dBFS. Louder steady noise has no label: such files
  are listed under the manifest's top-level "robustness" list, without segments.
- Hold calls: `pickup_t` is the onset of the live person's first word (same -40 dBFS rule), null if the call
  ends still on hold (and for every other kind). AMD items start at the answer (t = 0); `machine` says whether an
  answering machine answered.
- AMD items (amd-NN, and the answer-NN scenes of ANSWER_FAMILIES) also carry `answer`: "person", "machine", "menu"
  or "screening" (`machine` is answer == "machine"); `greeting_end_t`: the offset of the answering party's opening
  (a person's greeting, a machine's greeting before its beep, a menu or screening prompt), null when they said
  nothing; `silence_before_s`: the onset of that opening (seconds of silence after the answer), null when nothing
  is said. A person's "Hello?" repeated after 2 s of silence is not part of the opening. A person's greeting is
  live_speech, every recorded opening (voicemail, carrier, menu, screening) ivr_speech.
- Answer scenes are made last (Piper's noise comes from one seeded stream: rendering them earlier would change the
  items after them) but listed after the amd items; kind index 21 for their generators.
- More music (full corpus only, made after the answer scenes for the same reason): hold calls of kind index 22
  (listed after the other hold calls) and music clips of kind index 23 (after the other music clips), their music
  from MUSIC_SOURCES: other Debian packages than the Asterisk hold music (TUNING_DEBS in the Makefile), and none of
  the held-out test corpus's. Some of those hold calls are on clean lines (no trunk hiss, digital zero after the
  pickup).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from agent.audio import SAMPLE_RATE, mulaw_roundtrip, read_wav_8k, write_wav  # noqa: E402

SR = SAMPLE_RATE
LABELS = ("music", "silence", "ivr_speech", "live_speech", "ringback", "busy", "dtmf")
MOH_DIR = Path("/usr/share/asterisk/moh")
SOUNDS_DIR = Path("/usr/share/asterisk/sounds/en")
DBM0_PEAK = 22700.0  # peak of a 0 dBm0 sine in int16 samples
SPEECH_ON_DBFS = -40.0  # a 10 ms block above this is speech (onset/offset rule of the truth)
BLOCK = SR // 100  # 10 ms

# Voices for everything spoken: announcements and live people draw from the same set, so that the voice itself
# says nothing about which of the two it is. "asterisk" is the studio voice of the prompt files.
TTS_VOICES = ("piper", "piper-slow", "flite-slt", "flite-kal", "flite-rms", "flite-awb", "espeak-us", "espeak-f",
              "espeak-rp")
ESPEAK_VOICES = {"espeak-us": ("en-us", "165"), "espeak-f": ("en-us+f3", "155"), "espeak-rp": ("en-gb-x-rp", "170")}

ANNOUNCEMENTS = (
    "Your call is important to us. Please stay on the line.",
    "All of our agents are currently busy. Please continue to hold, and your call will be answered in the order "
    "it was received.",
    "Thank you for your patience. A representative will be with you shortly.",
    "Did you know you can manage your account online? Visit our website any time, day or night.",
    "We are experiencing higher than normal call volumes. Please stay on the line, or try again later.",
    "Calls may be recorded for quality and training purposes. Thank you for holding.",
    # A queue's promotions say nothing of the queue or of us: only the music coming back after them says what
    # they were.
    "Ask about our new spring specials, with fresh seasonal dishes at all of our locations.",
    "Flu shots are now available at every branch, no appointment needed.",
    "Sign up for our newsletter and save ten percent on your next order.",
)
ASTERISK_ANNOUNCEMENTS = ("queue-periodic-announce", "queue-thankyou pls-hold-while-try", "queue-youarenext")
GREETINGS = (
    "Thank you for calling Riverside Clinic. Please hold while we connect you.",
    "Thank you for calling Northwind Insurance. Your call will be answered by the next available agent.",
    "Welcome to City Power and Light. Please hold.",
)
WAIT_TEMPLATES = (
    "All of our agents are currently busy. Your estimated wait time is {n} minutes.",
    "You are caller number {n}. Please stay on the line.",
)
ASTERISK_WAIT = ("queue-thereare digits/{n}", "queue-holdtime digits/{n} queue-minutes")
MENUS = (
    "Thank you for calling Riverside Clinic. For appointments, press 1. For billing, press 2. For prescription "
    "refills, press 3. To speak with the front desk, press 0.",
    "Welcome to City Power and Light. To report an outage, press 1. To pay your bill, press 2. For all other "
    "questions, please stay on the line.",
    "Please enter your account number, followed by the pound key.",
    "For store hours and directions, press 1. To check on an order, press 2. To repeat this menu, press star.",
    "To continue in English, press 1. For other languages, press 2.",
    "Please say or enter your date of birth.",
    "To speak with a representative, press 0 now.",
)
ASTERISK_MENUS = ("basic-pbx-ivr-main", "dir-intro", "conf-getconfno", "agent-user", "vm-instructions")
PICKUP_TURNS = (
    ("Hi, thanks for holding, this is Dana.", "How can I help you?"),
    ("Hello?",),
    ("Front desk, Mark speaking.",),
    ("Yeah, hi, sorry about the wait.", "What can I do for you?"),
    ("Billing, this is Priya.", "Can I get your account number?"),
    ("Hi there.", "Thanks for waiting.", "Who am I speaking with?"),
    ("Good morning, this is Luis in customer service.", "What can I do for you today?"),
    ("Hello, you're through to the pharmacy.", "Sorry about the hold."),
)
PERSON_ANSWERS = ("Hello?", "Hi, this is Sam.", "Dana speaking, who's this?", "Yeah, hello?",
                  "Good afternoon, Parker residence.", "Hello, this is Chris.")
MACHINE_GREETINGS = (
    "Hi, you've reached Alex. I can't take your call right now, please leave a message after the tone.",
    "You have reached the voicemail of Jordan Lee. Please leave your name, number, and a brief message, and I "
    "will get back to you as soon as possible.",
    "Hey, it's Sam. Sorry I missed you. Leave a message and I'll call you back.",
    "Thank you for calling Riverside Dental. Our office is currently closed. Please leave a message after the "
    "tone.",
    "You've reached the Parker residence. We can't come to the phone right now. Please leave a message.",
    "Hello, you have reached Chris. Please leave a message, and I will call you back.",
)
ASTERISK_MACHINE = ("vm-intro", "vm-theperson digits/2 digits/0 digits/4 vm-isunavail vm-intro",
                    "vm-nobodyavail vm-intro", "vm-theperson digits/3 digits/1 digits/7 vm-isonphone vm-intro")
AGAIN = ("Hello?", "Hello, are you there?", "Hi, can you hear me?")
PICKUP_WINDOW_S = 5.0  # a hold call with a pickup lasts at least this long after pickup_t

# Answer scenes (kind 21): who answers and their opening, sentence by sentence ({name} filled from NAMES).
NAMES = ("Maria", "Tom", "Priya", "Kevin", "Ana", "Josh", "Beth", "Omar")
BUSINESS_GREETINGS = (
    ("Good evening, Luigi's Trattoria, this is {name}, how can I help you?",),
    ("Riverside Clinic front desk, {name} speaking.",),
    ("Spokes and Pedals bike shop, this is {name}.",),
    ("Harbor View Hotel, good afternoon.", "How may I direct your call?"),
    ("Thanks for calling Maple Street Dental, this is {name}, how can I help?",),
    ("Northside Pharmacy.",),
    ("Good morning, Parker and Sons Plumbing.",),
    ("Golden Dragon, pickup or delivery?",),
)
RESIDENTIAL_ANSWERS = (("Hello?",), ("Yeah?",), ("Hello, {name} speaking.",), ("Hi, this is {name}.",), ("Yes?",),
                       ("{name} speaking.",), ("Hello?", "Hello?"))
VOICEMAIL_GREETINGS = (
    ("Hi, you've reached {name}.", "I can't get to the phone right now.", "Leave a message and I'll call you back."),
    ("This is {name}.", "Leave a message."),
    ("Hey, it's {name}.", "You know what to do."),
    ("You've reached the Garcia family.", "We're not home right now.",
     "Please leave your name and number after the tone.", "Thanks, and have a great day."),
    ("Hello, you've reached {name} at Summit Realty.", "I'm either on another call or away from my desk.",
     "Please leave a detailed message and I'll return your call as soon as I can."),
    ("Sorry I missed your call.", "Leave a message."),
)
CLOSED_OFFICE = (
    ("Thank you for calling Riverside Dental.", "Our office is now closed.",
     "Our hours are Monday through Friday, eight to five."),
    ("You've reached Spokes and Pedals.", "We're closed right now.",
     "Our hours are ten to six, Tuesday through Saturday, please leave a message after the tone."),
    ("Thank you for calling Harbor Veterinary Clinic.", "Our hours are seven thirty to six on weekdays.",
     "If this is an emergency, please call the emergency animal hospital."),
)
CARRIER_GREETINGS = (
    ("The person you are calling is not available.", "Please leave a message after the tone."),
    ("The wireless customer you are calling is not available.", "At the tone, please record your message."),
    ("Your call has been forwarded to an automatic voice message system.", "Five five five, two one nine six, is "
     "not available.", "At the tone, please record your message."),
    ("The subscriber you have dialed is not available.", "Please leave a message."),
)
ASTERISK_CARRIER = ("vm-theperson digits/5 digits/5 digits/5 vm-isunavail", "vm-nobodyavail")
SCREENING_PROMPTS = (
    ("The person you're calling is using a screening service.", "Go ahead and say your name and why you're calling."),
    ("Hi, the person you're calling is using a call screening service.",
     "Please say your name and why you're calling, and they'll see if they're available."),
    ("Hello, this call is being screened.", "Please state your name and the reason for your call."),
    ("Hi, if you record your name and reason for calling,", "I'll see if this person is available."),
    ("Hello, I'm {name}'s virtual assistant.", "Can I ask who's calling and what it's regarding?"),
    ("The party you are trying to reach does not accept unidentified calls.", "Please say your name at the tone."),
)
ANSWER_MENUS = (
    ("Thank you for calling Riverside Clinic.", "For appointments, press 1.", "For billing, press 2.",
     "For all other questions, press 0."),
    ("Thanks for calling Harbor View Hotel.", "To make a reservation, press 1.", "To reach a guest room, press 2."),
    ("Welcome to Spokes and Pedals.", "For store hours, press 1.", "For the service department, press 2."),
)
# Family -> (truth answer, opening pool); "silent" says nothing, "packet-loss" borrows another family's opening.
ANSWER_FAMILIES: dict[str, tuple[str, tuple[tuple[str, ...], ...]]] = {
    "business": ("person", BUSINESS_GREETINGS),
    "residential": ("person", RESIDENTIAL_ANSWERS),
    "voicemail": ("machine", VOICEMAIL_GREETINGS),
    "voicemail-nobeep": ("machine", VOICEMAIL_GREETINGS),
    "closed-office": ("machine", CLOSED_OFFICE),
    "carrier": ("machine", CARRIER_GREETINGS),
    "screening": ("screening", SCREENING_PROMPTS),
    "menu": ("menu", ANSWER_MENUS),
    "silent": ("person", ()),
    "packet-loss": ("person", ()),
}
RING_ANSWERS = ("Hello?", "Thank you for calling Luigi's, this is Maria.", "Hi, front desk.", "Hello, Parker speaking.")
CHATTER = (
    "Sure, let me pull that up for you.", "Okay.", "Can you spell the last name for me?",
    "One second, my computer is being slow today.", "Right, I see the appointment here.",
    "Is this still the best number to reach you?", "Uh huh.", "Let me check with my manager.",
    "So that's for Tuesday the fourteenth, at ten thirty.", "Anything else I can help with?",
)
BABBLE = ("I told her we would be there by noon, but the traffic was terrible.",
          "Can you grab the file from the printer?", "No, the other one, on the left.",
          "We're out of coffee again, somebody should order more.")

DTMF_LOW = {"1": 697, "2": 697, "3": 697, "A": 697, "4": 770, "5": 770, "6": 770, "B": 770,
            "7": 852, "8": 852, "9": 852, "C": 852, "*": 941, "0": 941, "#": 941, "D": 941}
DTMF_HIGH = {"1": 1209, "4": 1209, "7": 1209, "*": 1209, "2": 1336, "5": 1336, "8": 1336, "0": 1336,
             "3": 1477, "6": 1477, "9": 1477, "#": 1477, "A": 1633, "B": 1633, "C": 1633, "D": 1633}

# Used only while scripts/tone_signals.py is missing: the same plans, (frequencies, on/off seconds).
FALLBACK_CADENCES: dict[str, tuple[tuple[float, ...], tuple[float, ...]]] = {
    "us_ringback": ((440.0, 480.0), (2.0, 4.0)),
    "uk_ringback": ((400.0, 450.0), (0.4, 0.2, 0.4, 2.0)),
    "cept_ringback": ((425.0,), (1.0, 4.0)),
    "us_busy": ((480.0, 620.0), (0.5, 0.5)),
    "uk_busy": ((400.0,), (0.375, 0.375)),
    "cept_busy": ((425.0,), (0.5, 0.5)),
}


@dataclass(frozen=True)
class MusicSource:
    """Music of one Debian package: its tracks (listed, so that a new package version cannot change the corpus
    unnoticed) and how they are decoded: "sox" (Ogg Vorbis), "raw8" (8-bit unsigned stereo at 22.05 kHz), "midi"
    (rendered by TiMidity++ with the freepats patches; it plays XM modules with their own samples) or "loops"
    (Sonic Pi's loops and instrument samples, arranged per item by groove())."""

    package: str
    folder: Path
    tracks: tuple[str, ...]
    decode: str
    style: str


# Left out on purpose: tracks with a second or more of near-silence inside them (hr3-laboratory, "March Thee to
# Dis", coconut_run2, ttsong_iii_imuh3): a bed of `music` must sound like music all along.
MUSIC_SOURCES: dict[str, MusicSource] = {
    "hyperrogue": MusicSource(
        "hyperrogue-music", Path("/usr/share/hyperrogue/music"),
        ("hr-domina-hunting.ogg", "hr-domina-mountain.ogg", "hr-savino-caribbean.ogg", "hr-savino-ivory.ogg",
         "hr-savino-ocean.ogg", "hr-savino-palace.ogg", "hr3-caves.ogg", "hr3-crossroads.ogg", "hr3-desert.ogg",
         "hr3-graveyard.ogg", "hr3-hell.ogg", "hr3-icyland.ogg", "hr3-jungle.ogg", "hr3-mirror.ogg", "hr3-motion.ogg",
         "hr3-rlyeh.ogg"),
        "sox", "orchestral, piano and ambient game music"),
    "singularity": MusicSource(
        "singularity-music", Path("/usr/share/games/singularity/music"),
        ("A New Journey.ogg", "Aberrations.ogg", "Advanced Simulacra.ogg", "Awakening.ogg", "By-Product.ogg",
         "Coherence.ogg", "Deprecation.ogg", "Enemy Unknown.ogg", "Inevitable.ogg", "Media Threat.ogg", "Nebula.ogg",
         "Orbital Elevator.ogg", "Through Space.ogg", "lose/Chimes They Fade.ogg", "win/Apex Aleph.ogg"),
        "sox", "electronic: synth pads, ambient and beats"),
    "openmsx": MusicSource(
        "openttd-openmsx", Path("/usr/share/games/openttd/baseset/openmsx"),
        ("5432gone_redfarn.mid", "be_sharp_bw_redfarn.mid", "boogi_marabi_redfarn.mid", "busy_schedule.mid",
         "careless_perc_redfarn.mid", "chemistry_lab.mid", "chuggachugga.mid", "city_blues_redfarn.mid",
         "flying_scotsman.mid", "harp_harmony.mid", "keep_on_rolling.mid", "linns_basket.mid",
         "midnight_snow_run.mid", "mighty_giant_run.mid", "modern_motion.mid", "moo_redfarn.mid",
         "mosey_along_redfarn.mid", "no_work_song_redfarn.mid", "relax_song.mid", "run_for_your_life.mid",
         "say_what_redfarn.mid", "slow_neasy_redfarn.mid", "the_fast_route.mid", "the_hobo_redfarn.mid",
         "train_filled_with_cash.mid", "ttsong_iv_imuh3.mid", "tttheme2.mid", "ultimate_run.mid", "wood_whistles.mid"),
        "midi", "jazz, blues, ragtime and rock songs (piano, guitars, strings, brass, organ)"),
    "frozen-bubble": MusicSource(
        "fb-music-high", Path("/usr/share/games/frozen-bubble/snd"), ("frozen-mainzik-2p.xm",),
        "midi", "upbeat tracker-module pop"),
    "xblast": MusicSource(
        "xblast-tnt-musics", Path("/usr/share/games/xblast-tnt/sounds"),
        ("xbsng1.raw", "xbsng2.raw", "xbsng3.raw", "xbsng4.raw", "xbsng5.raw", "xbsng6.raw"),
        "raw8", "8-bit game tunes"),
    "sonic-pi": MusicSource(
        "sonic-pi-samples", Path("/usr/share/sonic-pi/samples"),
        ("loop_amen.flac", "loop_amen_full.flac", "loop_breakbeat.flac", "loop_compus.flac", "loop_tabla.flac",
         "loop_safari.flac", "loop_garzul.flac", "loop_mika.flac", "loop_perc1.flac", "loop_electric.flac",
         "loop_mehackit1.flac", "loop_mehackit2.flac", "guit_em9.flac", "guit_e_fifths.flac", "guit_e_slide.flac",
         "guit_harmonics.flac", "ambi_piano.flac", "ambi_choir.flac", "ambi_drone.flac", "ambi_glass_hum.flac",
         "ambi_haunted_hum.flac", "ambi_lunar_land.flac", "ambi_sauna.flac", "loop_drone_g_97.flac"),
        "loops", "drum and percussion loops (breakbeats, tabla) under guitar, piano, choir or pad samples"),
}
FREEPATS_CFG = Path("/etc/timidity/freepats.cfg")
MIDI_RATE = 16000  # TiMidity++ renders here; sox then resamples to 8 kHz with a proper low-pass
MUSIC_LEVELS = (-30.0, -12.0)  # dBFS of their music (RMS): soft to loud
CLEAN_LINE = "digital silence"


class CorpusError(Exception):
    """The corpus cannot be built here (a package is missing)."""


# ---------------------------------------------------------------- levels and signals


def block_levels(x: np.ndarray) -> np.ndarray:
    """dBFS of each whole 10 ms block."""
    n = len(x) // BLOCK
    if n == 0:
        return np.zeros(0)
    ms = np.mean(np.square(x[: n * BLOCK].astype(np.float64)).reshape(n, BLOCK), axis=1)
    return 10.0 * np.log10(ms / 32768.0**2 + 1e-14)


def speech_extent(x: np.ndarray) -> tuple[float, float]:
    """First and last 10 ms block above -40 dBFS, in seconds from the start of x (onset, offset)."""
    loud = np.flatnonzero(block_levels(x) > SPEECH_ON_DBFS)
    if loud.size == 0:
        raise ValueError("no speech above -40 dBFS")
    return loud[0] * BLOCK / SR, (loud[-1] + 1) * BLOCK / SR


def active_rms_db(x: np.ndarray) -> float:
    """RMS level in dBFS over the blocks within 30 dB of the loudest: the level of the speech, not its pauses."""
    levels = block_levels(x)
    active = levels[levels > levels.max() - 30.0]
    return float(10.0 * np.log10(np.mean(10.0 ** (active / 10.0))))


def at_level(x: np.ndarray, dbfs: float) -> np.ndarray:
    """Scale x so its active RMS is dbfs."""
    return x * 10.0 ** ((dbfs - active_rms_db(x)) / 20.0)


def rms_db(x: np.ndarray) -> float:
    """Plain RMS level in dBFS."""
    return float(10.0 * np.log10(np.mean(np.square(x.astype(np.float64))) / 32768.0**2 + 1e-14))


def colored_noise(rng: np.random.Generator, seconds: float, kind: str, dbfs: float) -> np.ndarray:
    """White, pink or brown noise at an RMS level; pink and brown rolled off below 40 Hz like a real line."""
    n = max(1, int(round(seconds * SR)))
    white = rng.standard_normal(n)
    if kind == "white":
        x = white
    else:
        f = np.fft.rfftfreq(n, 1.0 / SR)
        f[0] = f[1] if n > 2 else 1.0
        shape = f**-0.5 if kind == "pink" else 1.0 / f
        shape = shape * np.minimum(1.0, (f / 40.0) ** 2)  # a phone line passes no DC or rumble
        x = np.fft.irfft(np.fft.rfft(white) * shape, n)
    return x / (np.sqrt(np.mean(x**2)) + 1e-12) * 32768.0 * 10.0 ** (dbfs / 20.0)


def sine(freq: float, seconds: float, peak: float, fade_s: float = 0.005) -> np.ndarray:
    """A sine with short raised edges (no click)."""
    t = np.arange(int(round(seconds * SR))) / SR
    x = peak * np.sin(2 * np.pi * freq * t)
    k = min(int(fade_s * SR), len(x) // 2)
    if k:
        ramp = np.linspace(0.0, 1.0, k)
        x[:k] *= ramp
        x[-k:] *= ramp[::-1]
    return x


def lowpass(x: np.ndarray, cutoff: float) -> np.ndarray:
    """A gentle first-order low-pass, for distant-sounding babble."""
    from scipy.signal import lfilter

    a = np.exp(-2 * np.pi * cutoff / SR)
    return lfilter([1 - a], [1, -a], x)


def dtmf_digit(digit: str, on_s: float, level_dbm0: float, twist_db: float, phases: tuple[float, float]) -> np.ndarray:
    """One DTMF digit, pair power level_dbm0, twist = low minus high level: scripts.dtmf_cases when it is there."""
    try:
        from scripts.dtmf_cases import dtmf_tone
    except ImportError:
        low_db = level_dbm0 - 10 * np.log10(1 + 10 ** (-twist_db / 10))
        t = np.arange(int(round(on_s * SR))) / SR
        low = DBM0_PEAK * 10 ** (low_db / 20) * np.sin(2 * np.pi * DTMF_LOW[digit] * t + phases[0])
        high = DBM0_PEAK * 10 ** ((low_db - twist_db) / 20) * np.sin(2 * np.pi * DTMF_HIGH[digit] * t + phases[1])
        return low + high
    pcm = dtmf_tone(digit, on_s * 1000.0, level_dbm0, twist_db=twist_db, phase_low=phases[0], phase_high=phases[1])
    return pcm.astype(np.float64)


# ---------------------------------------------------------------- sources


def missing_packages() -> list[str]:
    """Debian packages the corpus needs that are not installed, by name."""
    missing = []
    if not sorted(MOH_DIR.glob("*.wav")):
        missing.append("asterisk-moh-opsound-wav")
    if not (SOUNDS_DIR / "vm-intro.wav").is_file():
        missing.append("asterisk-core-sounds-en-wav")
    for tool, package in (("sox", "sox"), ("flite", "flite"), ("espeak-ng", "espeak-ng")):
        if shutil.which(tool) is None:
            missing.append(package)
    return missing


def missing_music_packages() -> list[str]:
    """Debian packages of MUSIC_SOURCES (and the MIDI renderer) that are not installed, by name."""
    missing = [spec.package for spec in MUSIC_SOURCES.values()
               if not all((spec.folder / track).is_file() for track in spec.tracks)]
    if shutil.which("timidity") is None:
        missing.append("timidity")
    if not FREEPATS_CFG.is_file():
        missing.append("freepats")
    if shutil.which("sox") is None:
        missing.append("sox")
    return missing


def freepats_fallbacks(cfg_text: str, section: str = "bank") -> dict[int, str]:
    """For each program (section "bank") or drum note ("drumset") 0-127 that a freepats-style config leaves out of
    its bank 0 (drumset 0): the patch, with its options, of the nearest one it has (a program: the nearest of its
    family of eight, else the nearest at all); ties go low."""
    found: dict[int, str] = {}
    current: tuple[str, ...] = ()
    for line in cfg_text.splitlines():
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        if words[0] in ("bank", "drumset"):
            current = tuple(words[:2])
        elif current == (section, "0") and words[0].isdigit() and len(words) > 1:
            found[int(words[0])] = " ".join(words[1:])
    if not found:
        return {}
    fallbacks = {}
    for k in range(128):
        if k not in found:
            near = [p for p in found if p // 8 == k // 8] if section == "bank" else []
            fallbacks[k] = found[min(near or list(found), key=lambda p: (abs(p - k), p))]
    return fallbacks


def timidity_config(freepats_cfg: Path, tones: dict[int, str], drums: dict[int, str]) -> str:
    """A TiMidity++ config: the freepats set (its own `dir` line finds the patches), then the programs and drum
    notes it lacks played by their fallbacks: every one of them mapped to a freepats patch."""
    lines = [f"source {freepats_cfg}", "bank 0", *(f" {k} {patch}" for k, patch in sorted(tones.items())),
             "drumset 0", *(f" {k} {patch}" for k, patch in sorted(drums.items()))]
    return "\n".join(lines) + "\n"


def timidity_command(song: Path, out: Path, cfg: Path, rate: int = MIDI_RATE) -> list[str]:
    """TiMidity++ rendering a MIDI song (or an XM/MOD module) to a mono 16-bit wav at 40 % amplification (modules
    reach full scale at the default 70 %). It reads the system's config first whatever the options; cfg, read
    after it, maps every program and drum note to freepats, so that a soundfont which that config may name
    (fluid-soundfont-gm, timidity's recommendation) is never heard."""
    return ["timidity", "-c", str(cfg), "-Ow", "--output-mono", "-s", str(rate), "-A", "40", "-o", str(out), str(song)]


def sox_decode_command(path: Path, out: Path, decode: str, start: float | None = None,
                       seconds: float | None = None) -> list[str]:
    """sox turning a music file (or the part of it from start, seconds long) into 8 kHz mono 16-bit: no dither
    (repeatable), 6 dB down (no clipping when the channels are mixed)."""
    fmt = ["-t", "raw", "-r", "22050", "-e", "unsigned-integer", "-b", "8", "-c", "2"] if decode == "raw8" else []
    cut = ["trim", f"{start:.3f}", f"{seconds:.3f}"] if start is not None and seconds is not None else []
    return ["sox", "-D", *fmt, str(path), "-r", str(SR), "-c", "1", "-b", "16", str(out), *cut, "gain", "-6"]


def trim_quiet(x: np.ndarray, below_db: float = 20.0, smooth_s: float = 0.3) -> np.ndarray:
    """x without its head and tail where the level (over smooth_s) stays more than below_db under x's loud level
    (the 95th percentile of its 10 ms blocks): a track's silence before and after, a slow fade-in's first seconds,
    a fade-out's last ones. The cut falls on the first (last) 10 ms block of the first (last) loud enough stretch."""
    levels = block_levels(x)
    k = max(1, int(round(smooth_s * 100)))
    if levels.size < k:
        return x
    smooth = 10.0 * np.log10(np.convolve(10.0 ** (levels / 10.0), np.ones(k) / k, mode="valid"))
    floor = np.percentile(levels, 95) - below_db
    loud = np.flatnonzero(smooth > floor)
    if loud.size == 0:
        return x
    first = loud[0] + int(np.argmax(levels[loud[0] : loud[0] + k] > floor))
    last = loud[-1] + k - int(np.argmax(levels[loud[-1] : loud[-1] + k][::-1] > floor))
    return x[first * BLOCK : last * BLOCK]


def join_pieces(pieces: list[np.ndarray], fade_s: float = 0.05) -> np.ndarray:
    """Pieces back to back, each overlapping the next by a linear crossfade of fade_s (no click, no gap)."""
    out = pieces[0].astype(np.float64)
    for piece in pieces[1:]:
        k = min(int(fade_s * SR), len(out), len(piece))
        ramp = np.linspace(0.0, 1.0, k)
        head = piece[:k] * ramp + out[len(out) - k :] * ramp[::-1]
        out = np.concatenate([out[: len(out) - k], head, piece[k:]])
    return out


def quietest_window_db(x: np.ndarray, window_s: float = 0.5) -> float:
    """How far (dB) the quietest whole window of x lies under x's own RMS level."""
    n = int(window_s * SR)
    k = len(x) // n
    if k == 0:
        return 0.0
    ms = np.mean(np.square(x[: k * n].astype(np.float64)).reshape(k, n), axis=1)
    return float(rms_db(x) - 10.0 * np.log10(ms.min() / 32768.0**2 + 1e-14))


def resampled(x: np.ndarray, rate: float) -> np.ndarray:
    """x played rate times as fast (higher and shorter above 1), by linear interpolation."""
    return np.interp(np.arange(0.0, len(x) - 1, rate), np.arange(len(x)), x)


def _tone_signals() -> Any | None:
    """scripts.tone_signals when it exists (another module of this project), else None."""
    try:
        from scripts import tone_signals
    except ImportError:
        return None
    return tone_signals


def cadence_names(kind: str) -> list[str]:
    """The plans of one kind ("ringback" or "busy") that the tone module knows, sorted."""
    module = _tone_signals()
    names = list(getattr(module, "CADENCES", {})) if module is not None else []
    found = sorted(n for n in names if (kind[:4] in n.lower()))
    return found or sorted(n for n in FALLBACK_CADENCES if n.endswith(kind))


def cadence(name: str, seconds: float, level_dbm0: float, offset_pct: float) -> np.ndarray:
    """A ringback or busy tone by plan name, from scripts.tone_signals (or the fallback plans)."""
    module = _tone_signals()
    if module is not None and name in getattr(module, "CADENCES", {}):
        pcm = module.cadence_audio(name, seconds, level_dbm0=level_dbm0, freq_offset_pct=offset_pct)
        return np.asarray(pcm, dtype=np.float64)
    freqs, pattern = FALLBACK_CADENCES[name]
    n = int(round(seconds * SR))
    out = np.zeros(n)
    t, on = 0.0, True
    while t * SR < n:
        for dur in pattern:
            if on:
                burst = sum(sine(f * (1 + offset_pct / 100), dur, DBM0_PEAK * 10 ** (level_dbm0 / 20)) for f in freqs)
                start = int(round(t * SR))
                out[start : start + len(burst)] = burst[: max(0, n - start)]
            t += dur
            on = not on
    return out


@dataclass
class Sources:
    """Every sound the corpus is made of: TTS voices (cached), prompt files and music tracks."""

    seed: int
    tmp: Path
    _speech: dict[tuple[str, str], np.ndarray] = field(default_factory=dict)
    _piper: dict[str, Any] = field(default_factory=dict)
    _tracks: dict[str, np.ndarray] = field(default_factory=dict)

    def speech(self, voice: str, text: str) -> np.ndarray:
        """Clean speech of text in a voice (float, int16 scale, 8 kHz); "asterisk" text names prompt files."""
        key = (voice, text)
        if key not in self._speech:
            self._speech[key] = self._render(voice, text)
        return self._speech[key]

    def _render(self, voice: str, text: str) -> np.ndarray:
        """Synthesize (or load) one line, uncached."""
        if voice == "asterisk":
            # A PBX plays the files back to back, each with its own leading and trailing silence.
            return np.concatenate([read_wav_8k(SOUNDS_DIR / f"{name}.wav").astype(np.float64) for name in text.split()])
        if voice.startswith("piper"):
            return self._piper_tts(voice).pipe(text)
        raw = self.tmp / "tts.wav"
        if voice.startswith("flite"):
            cmd = ["flite", "-voice", voice.split("-", 1)[1], "-t", text, "-o", str(raw)]
        else:
            name, speed = ESPEAK_VOICES[voice]
            cmd = ["espeak-ng", "-v", name, "-s", speed, "-w", str(raw), text]
        subprocess.run(cmd, check=True, capture_output=True)
        out = self.tmp / "tts-8k.wav"
        # -D: no dither. sox dithers with a fresh random seed each run, and the corpus must be repeatable.
        cmd = ["sox", "-D", str(raw), "-r", str(SR), "-c", "1", "-b", "16", str(out)]
        subprocess.run(cmd, check=True, capture_output=True)
        return read_wav_8k(out).astype(np.float64)

    def _piper_tts(self, voice: str) -> _Piper:
        """One Piper instance per speaking rate, made on first use."""
        if voice not in self._piper:
            self._piper[voice] = _Piper(1.12 if voice == "piper-slow" else 1.0, self.seed)
        return self._piper[voice]

    def prompt(self, voice: str, kind: str, rng: np.random.Generator, n: int = 0) -> tuple[str, np.ndarray]:
        """A recorded announcement of a kind (periodic, greeting, wait, menu, machine) in a voice; (text, audio)."""
        if voice == "asterisk":
            pool = {"periodic": ASTERISK_ANNOUNCEMENTS, "greeting": ("pls-hold-while-try",), "wait": ASTERISK_WAIT,
                    "menu": ASTERISK_MENUS, "machine": ASTERISK_MACHINE}[kind]
        else:
            pool = {"periodic": ANNOUNCEMENTS, "greeting": GREETINGS, "wait": WAIT_TEMPLATES, "menu": MENUS,
                    "machine": MACHINE_GREETINGS}[kind]
        text = str(rng.choice(pool)).format(n=n)
        return text, self.speech(voice, text)

    def track(self, name: str) -> np.ndarray:
        """A hold-music track with its quiet head and tail cut off (so that a loop has no long gap)."""
        if name not in self._tracks:
            x = read_wav_8k(MOH_DIR / name).astype(np.float64)
            loud = np.flatnonzero(block_levels(x) > -45.0)
            self._tracks[name] = x[loud[0] * BLOCK : (loud[-1] + 1) * BLOCK]
        return self._tracks[name]

    def track_names(self) -> list[str]:
        """Music tracks on this machine, sorted."""
        return sorted(p.name for p in MOH_DIR.glob("*.wav"))

    def music_seconds(self, source: str, name: str) -> float:
        """Length of one track of MUSIC_SOURCES, in seconds."""
        spec = MUSIC_SOURCES[source]
        path = spec.folder / name
        if spec.decode in ("midi", "loops"):
            return len(self.music_track(source, name)) / SR
        if spec.decode == "raw8":
            return path.stat().st_size / (2 * 22050)
        found = subprocess.run(["sox", "--i", "-D", str(path)], check=True, capture_output=True, text=True)
        return float(found.stdout)

    def music_track(self, source: str, name: str) -> np.ndarray:
        """A whole track (a rendered MIDI song or module, a Sonic Pi sample) at 8 kHz, cached; nothing trimmed."""
        key = f"{source}:{name}"
        if key not in self._tracks:
            spec = MUSIC_SOURCES[source]
            out = self.tmp / "music-8k.wav"
            if spec.decode == "midi":
                rendered = self.tmp / "music-midi.wav"
                subprocess.run(timidity_command(spec.folder / name, rendered, self._timidity_cfg()), check=True,
                               capture_output=True)
                subprocess.run(sox_decode_command(rendered, out, "sox"), check=True, capture_output=True)
            else:
                subprocess.run(sox_decode_command(spec.folder / name, out, spec.decode), check=True,
                               capture_output=True)
            self._tracks[key] = read_wav_8k(out).astype(np.float64)
        return self._tracks[key]

    def music_excerpt(self, source: str, name: str, start: float, seconds: float) -> np.ndarray:
        """seconds of one track from start (less where the track ends first), at 8 kHz."""
        spec = MUSIC_SOURCES[source]
        if spec.decode in ("midi", "loops"):
            a = int(round(start * SR))
            return self.music_track(source, name)[a : a + int(round(seconds * SR))]
        out = self.tmp / "music-8k.wav"
        cmd = sox_decode_command(spec.folder / name, out, spec.decode, start, seconds)
        subprocess.run(cmd, check=True, capture_output=True)
        return read_wav_8k(out).astype(np.float64)

    def _timidity_cfg(self) -> Path:
        """The TiMidity++ config (freepats and fallbacks for the programs it lacks), written on first use."""
        cfg = self.tmp / "timidity.cfg"
        if not cfg.is_file():
            text = FREEPATS_CFG.read_text()
            cfg.write_text(timidity_config(FREEPATS_CFG, freepats_fallbacks(text), freepats_fallbacks(text, "drumset")))
        return cfg


class _Piper:
    """agent.speech.speak.PiperTTS at one speaking rate; its noise generator seeded so that a build is repeatable."""

    def __init__(self, length_scale: float, seed: int) -> None:
        import onnxruntime

        from agent.speech.speak import PiperTTS

        # VITS samples noise inside the ONNX graph; the seed must be set before the session is made.
        onnxruntime.set_seed(seed)
        self.tts = PiperTTS(length_scale=length_scale)
        self.tts.load()

    def pipe(self, text: str) -> np.ndarray:
        """All sentences of text, joined as PiperTTS yields them."""
        return np.frombuffer(b"".join(self.tts.synthesize(text)), dtype="<i2").astype(np.float64)


# ---------------------------------------------------------------- scenes


class Scene:
    """A growing mix of sounds placed at times, with its ground-truth label changes."""

    def __init__(self) -> None:
        self.mix = np.zeros(0)
        self.marks: list[tuple[float, str]] = []  # (time, label from then on), in the order they were set
        self.extra: dict[str, Any] = {"pickup_t": None, "digits": "", "machine": None, "beep_t": None}
        self.meta: dict[str, Any] = {}

    def place(self, x: np.ndarray, t: float) -> float:
        """Add x into the mix starting at t seconds; returns where it ends."""
        start = int(round(t * SR))
        end = start + len(x)
        if end > len(self.mix):
            self.mix = np.concatenate([self.mix, np.zeros(end - len(self.mix))])
        self.mix[start:end] += x
        return end / SR

    def mark(self, t: float, label: str) -> None:
        """From t on, the truth is label (until the next mark)."""
        assert label in LABELS, label
        self.marks.append((t, label))

    def speech(self, x: np.ndarray, t: float, label: str) -> tuple[float, float]:
        """Place clean speech at t, mark its extent as label; (onset, offset) in scene time."""
        onset, offset = speech_extent(x)
        self.place(x, t)
        self.mark(t + onset, label)
        return t + onset, t + offset

    def end(self, seconds: float | None = None) -> float:
        """Pad (or cut) the mix to seconds; returns the length."""
        n = int(round(seconds * SR)) if seconds is not None else len(self.mix)
        self.mix = np.concatenate([self.mix, np.zeros(max(0, n - len(self.mix)))])[:n]
        return n / SR

    def segments(self) -> list[dict[str, Any]]:
        """Contiguous labelled segments covering the scene, equal neighbours merged."""
        seconds = round(len(self.mix) / SR, 2)
        cuts: list[tuple[float, str]] = []
        for t, label in sorted(self.marks, key=lambda m: m[0]):
            t = min(max(round(t, 2), 0.0), seconds)
            if cuts and cuts[-1][0] == t:
                cuts[-1] = (t, label)  # a later mark at the same time overrides
            elif not cuts or cuts[-1][1] != label:
                cuts.append((t, label))
        if cuts[0][0] > 0.0:
            raise ValueError("scene truth must start at 0")
        out: list[dict[str, Any]] = []
        for i, (t, label) in enumerate(cuts):
            end = cuts[i + 1][0] if i + 1 < len(cuts) else seconds
            if end <= t:
                continue
            if out and out[-1]["label"] == label:
                out[-1]["end"] = end
            else:
                out.append({"start": t, "end": end, "label": label})
        return out


def clip_label(segments: list[dict[str, Any]]) -> str:
    """The label covering most of a file's duration."""
    total: Counter[str] = Counter()
    for seg in segments:
        total[seg["label"]] += seg["end"] - seg["start"]
    return max(LABELS, key=lambda label: (total[label], -LABELS.index(label)))


def music_bed(src: Sources, rng: np.random.Generator, seconds: float) -> tuple[np.ndarray, dict[str, Any]]:
    """A random track from a random offset, looped to length, at -26 to -12 dBFS."""
    name = str(rng.choice(src.track_names()))
    track = src.track(name)
    offset = int(rng.integers(0, len(track)))
    x = np.take(track, (offset + np.arange(int(round(seconds * SR)))) % len(track))
    level = float(rng.uniform(-26.0, -12.0))
    return x * 10 ** ((level - rms_db(x)) / 20), {"track": name, "offset_s": round(offset / SR, 2),
                                                  "level_dbfs": round(level, 1)}


# Transpositions (semitones) that a groove's instrument sample steps through, one per note.
PROGRESSIONS = ((0, 5, 7, 0), (0, -3, 5, 7), (0, 4, 7, 5), (0, -5, -3, -7), (0, 2, 0, -2, -5), (0, 7, 5, 3))


def groove(src: Sources, rng: np.random.Generator, seconds: float) -> tuple[np.ndarray, dict[str, Any]]:
    """Sonic Pi's samples arranged into music: most often a drum loop at a tempo of its own, always an instrument
    sample (guitar, piano, choir, a pad) stepping through a progression of transpositions; without drums the notes
    overlap, so the music never stops."""
    spec = MUSIC_SOURCES["sonic-pi"]
    beats = [t for t in spec.tracks if t.startswith("loop_") and "drone" not in t]
    layers = [t for t in spec.tracks if t not in beats]
    n = int(round(seconds * SR))
    info: dict[str, Any] = {}
    out = np.zeros(n)
    beat_len = 0
    if rng.random() < 0.75:
        name = beats[int(rng.integers(len(beats)))]
        tempo = float(rng.uniform(0.9, 1.12))
        loop = resampled(src.music_track("sonic-pi", name), tempo)
        beat_len = len(loop)
        out += np.take(loop, np.arange(n) % beat_len) * 10 ** ((-20.0 - rms_db(loop)) / 20)
        info.update(beat=name, tempo=round(tempo, 3))
    name = layers[int(rng.integers(len(layers)))]
    note = trim_quiet(src.music_track("sonic-pi", name))
    steps = PROGRESSIONS[int(rng.integers(len(PROGRESSIONS)))]
    gain = 10 ** ((-20.0 + rng.uniform(-6.0, 6.0) - active_rms_db(note)) / 20)
    t = int(rng.integers(0, SR // 2)) if beat_len else 0  # over drums, the first note comes in a little late
    k = 0
    while t < n:
        x = resampled(note, 2 ** (steps[k % len(steps)] / 12)) * gain
        out[t : t + len(x)] += x[: n - t]
        step = int(len(x) * rng.uniform(0.5, 0.8))  # the next note starts before this one has died away
        if beat_len:  # on the beat: whole loops, or halves and quarters of one
            unit = beat_len if beat_len < step else beat_len // 4
            step = max(1, round(step / unit)) * unit
        t, k = t + step, k + 1
    info.update(layer=name, progression=list(steps))
    return out, info


def playlist_bed(src: Sources, rng: np.random.Generator, seconds: float,
                 source: str) -> tuple[np.ndarray, dict[str, Any]]:
    """Music of one of MUSIC_SOURCES at a level of MUSIC_LEVELS, seconds long: its tracks back to back like a hold
    system's playlist (from a random point of a random first track, each trimmed of its silent head and tail and
    crossfaded into the next), or a Sonic Pi groove."""
    spec = MUSIC_SOURCES[source]
    n = int(round(seconds * SR))
    if spec.decode == "loops":
        x, info = groove(src, rng, seconds)
    else:
        order = [spec.tracks[k] for k in rng.permutation(len(spec.tracks))]
        start = float(rng.uniform(0.0, max(0.0, src.music_seconds(source, order[0]) - min(seconds, 30.0) - 4.0)))
        info = {"offset_s": round(start, 2)}
        pieces: list[np.ndarray] = []
        played: list[str] = []
        total = 0
        while total < n:
            name = order[len(played) % len(order)]
            want = min(src.music_seconds(source, name) - start, (n - total) / SR + 4.0)
            pieces.append(trim_quiet(src.music_excerpt(source, name, start, want)))
            played.append(name)
            total += len(pieces[-1]) - int(0.05 * SR)
            start = 0.0
        x = join_pieces(pieces)
        x = np.concatenate([x, np.zeros(max(0, n - len(x)))])[:n]
        info.update(track=played[0], playlist=played)
    level = float(rng.uniform(*MUSIC_LEVELS))
    info = {"source": source, "package": spec.package, **info, "level_dbfs": round(level, 1)}
    return x * 10 ** ((level - rms_db(x)) / 20), info


def music_clip(src: Sources, rng: np.random.Generator, source: str, seconds: float) -> Scene:
    """A music clip (kind 23) of one of MUSIC_SOURCES; an excerpt with a near-silent stretch is drawn again."""
    scene = Scene()
    scene.mark(0.0, "music")
    for _ in range(8):
        bed, info = playlist_bed(src, rng, seconds, source)
        if quietest_window_db(bed) < 25.0:
            break
    scene.place(bed, 0.0)
    scene.meta.update(info)
    scene.end(seconds)
    return scene


def line_floor(src: Sources, rng: np.random.Generator, seconds: float, speech_db: float) -> tuple[np.ndarray, str]:
    """The noise of a bridged live line: room noise or headset hiss, sometimes distant babble; (audio, what)."""
    # A fifth of live lines are very clean (-70 dBFS): the noise floor must not be what gives a person away.
    if rng.random() < 0.2:
        return colored_noise(rng, seconds, "white", -70.0), "clean -70 dBFS"
    kind = str(rng.choice(["pink", "brown", "white"]))
    level = float(rng.uniform(-60.0, -45.0))
    x = colored_noise(rng, seconds, kind, level)
    what = f"{kind} {level:.0f} dBFS"
    if rng.random() < 0.3:
        voices = rng.choice(TTS_VOICES, size=len(BABBLE))
        talk = np.concatenate([src.speech(str(v), t) for v, t in zip(voices, BABBLE, strict=True)])
        talk = lowpass(np.roll(talk, int(rng.integers(0, len(talk)))), 1500.0)
        talk = np.resize(talk, len(x))
        x = x + at_level(talk, speech_db - 40.0)
        what += " + babble"
    return x, what


def live_turn(src: Sources, rng: np.random.Generator, phrases: tuple[str, ...] | list[str], voice: str,
              level_db: float) -> np.ndarray:
    """One person's turn: phrases in one voice with natural pauses of 0.2-1.2 s, at a speech level."""
    parts: list[np.ndarray] = []
    for i, phrase in enumerate(phrases):
        if i:
            parts.append(np.zeros(int(rng.uniform(0.2, 1.2) * SR)))
        parts.append(src.speech(voice, phrase))
    return at_level(np.concatenate(parts), level_db)


def live_voice(rng: np.random.Generator, phrases: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """A voice for a live person; now and then the prompt voice's own "Hello" (so that it is no IVR cue)."""
    if phrases == ("Hello?",) and rng.random() < 0.3:
        return "asterisk", ("hello",)
    return str(rng.choice(TTS_VOICES)), phrases


def live_level(rng: np.random.Generator) -> float:
    """Speech level of a person on the line (overlaps the announcement range on purpose)."""
    return float(rng.uniform(-28.0, -14.0))


def ivr_level(rng: np.random.Generator) -> float:
    """Speech level of a recorded announcement."""
    return float(rng.uniform(-26.0, -14.0))


def pickup_tail(src: Sources, rng: np.random.Generator, scene: Scene, t_stop: float, label_pickup: bool,
                small: bool, clean: bool = False) -> float:
    """A live person picks up at t_stop: line bridged, noise floor (digital zero on a clean line), first words;
    returns the scene end."""
    bridge = t_stop + rng.uniform(0.0, 0.3)
    lead = rng.uniform(0.2, 1.5)
    phrases = PICKUP_TURNS[int(rng.integers(len(PICKUP_TURNS)))] if label_pickup else \
        (str(rng.choice(RING_ANSWERS)),)
    voice, phrases = live_voice(rng, phrases)
    level = live_level(rng)
    turn = live_turn(src, rng, phrases, voice, level)
    onset_in_turn, _ = speech_extent(turn)
    start = bridge + lead - onset_in_turn  # lead is measured to the first word, not to the file start
    scene.mark(t_stop, "silence")
    onset, offset = scene.speech(turn, start, "live_speech")
    end = offset + (rng.uniform(1.0, 1.5) if small else rng.uniform(1.0, 3.0))
    scene.mark(offset, "silence")
    if label_pickup and end < onset + PICKUP_WINDOW_S:
        # A short "Hello?" is followed by a wait and a second try, as people do when nobody answers: and the
        # call lasts past the benchmark's window for a pickup event (pickup_t + 4 s).
        again_text = "hello" if voice == "asterisk" else str(rng.choice(AGAIN))
        again = live_turn(src, rng, (again_text,), voice, level)
        _, off2 = scene.speech(again, offset + rng.uniform(2.0, 3.0) - speech_extent(again)[0], "live_speech")
        scene.mark(off2, "silence")
        end = max(off2 + rng.uniform(1.0, 1.5), onset + PICKUP_WINDOW_S)
        phrases = (*phrases, again_text)
    if clean:
        what = CLEAN_LINE
    else:
        floor, what = line_floor(src, rng, end - bridge, level)
        scene.place(floor, bridge)
    if label_pickup:
        scene.extra["pickup_t"] = round(onset, 2)
    scene.meta.update({"live_voice": voice, "live_text": " / ".join(phrases), "line": what})
    return end


Bed = Callable[[Sources, np.random.Generator, float], tuple[np.ndarray, dict[str, Any]]]


def hold_call(src: Sources, rng: np.random.Generator, seconds: float, pickup: bool, small: bool,
              bed_maker: Bed | None = None, clean: bool = False) -> Scene:
    """Music on hold with periodic announcements (some replacing, some over the music), maybe a live pickup.
    The music is bed_maker's (music_bed's: the Asterisk tracks); a clean line has no trunk hiss, and digital
    zero after the pickup."""
    scene = Scene()
    # Room for the pickup (its turn, pauses and a wait: 5-12 s); the call ends wherever that tail ends.
    tail = 10.0 if pickup else 0.0
    hold_end = seconds - tail
    bed, info = (bed_maker or music_bed)(src, rng, hold_end + 1.0)
    env = np.ones(len(bed))
    voice = str(rng.choice((*TTS_VOICES, "asterisk", "asterisk")))
    scene.meta.update(info, announce_voice=voice)
    # A queue repeats one or two fixed announcements identically; some also report a changing wait.
    periodic = [src.prompt(voice, "periodic", rng) for _ in range(int(rng.integers(1, 3)))]
    wait_n = int(rng.integers(3, 9)) if rng.random() < 0.6 else 0
    t_music = 0.0
    if rng.random() < 0.4:  # a greeting before the first note
        text, x = src.prompt(voice, "greeting", rng)
        scene.mark(0.0, "silence")
        _, off = scene.speech(at_level(x, ivr_level(rng)), rng.uniform(0.2, 1.0), "ivr_speech")
        scene.mark(off, "silence")
        t_music = off + rng.uniform(0.2, 0.8)
        env[: int(t_music * SR)] = 0.0
    scene.mark(t_music, "music")
    overlay = bool(rng.random() < 0.5)
    announced = []
    while True:
        t = t_music + (rng.uniform(12.0, 20.0) if small else rng.uniform(20.0, 60.0))
        if wait_n and rng.random() < 0.4:
            text, x = src.prompt(voice, "wait", rng, wait_n)
            wait_n = max(1, wait_n - int(rng.integers(0, 2)))
        else:
            text, x = periodic[int(rng.integers(len(periodic)))]
        x = at_level(x, ivr_level(rng))
        overlay = (not overlay) if small else bool(rng.random() < 0.5)
        if t + len(x) / SR + 2.5 > hold_end:
            break
        t_music = _announce(scene, env, rng, x, t, overlay)
        announced.append({"t": round(t, 2), "text": text, "over_music": overlay})
    scene.meta["announcements"] = announced
    stop = int(hold_end * SR)
    if pickup:
        fade = 0 if rng.random() < 0.5 else int(rng.uniform(0.05, 0.3) * SR)  # music cut or faded at pickup
        if fade:
            env[stop - fade : stop] *= np.linspace(1.0, 0.0, fade)
        env[stop:] = 0.0
    scene.place((bed * env)[:stop], 0.0)
    if not clean and rng.random() < 0.3:
        # A TDM leg between the PBX and us adds a faint hiss to everything, prompts and pauses included: as
        # faint as the cleanest live lines, so a floor above digital zero alone does not mean a person.
        hiss = float(rng.uniform(-76.0, -68.0))
        scene.place(colored_noise(rng, hold_end, "white", hiss), 0.0)
        scene.meta["trunk_hiss_dbfs"] = round(hiss, 1)
    scene.end(pickup_tail(src, rng, scene, hold_end, True, small, clean) if pickup else hold_end)
    return scene


def _announce(scene: Scene, env: np.ndarray, rng: np.random.Generator, x: np.ndarray, t: float,
              overlay: bool) -> float:
    """One announcement at t, over the ducked music or instead of it; returns when the music is back in full."""
    if overlay:
        duck = 10 ** (-rng.uniform(6.0, 15.0) / 20)
        ramp = int(rng.uniform(0.2, 0.5) * SR)
        a = int(t * SR) - ramp
        b = int(t * SR) + len(x)
        env[a : a + ramp] = np.linspace(1.0, duck, ramp)
        env[a + ramp : b] = duck
        back = int(rng.uniform(0.3, 0.8) * SR)
        env[b : b + back] = np.linspace(duck, 1.0, back)
        _, off = scene.speech(x, t, "ivr_speech")
        scene.mark(off, "music")
        return (b + back) / SR
    fade = int(rng.uniform(0.1, 0.5) * SR)
    stop = int((t - rng.uniform(0.2, 1.0)) * SR)  # the music is gone 0.2-1.0 s before the prompt starts
    env[stop - fade : stop] = np.linspace(1.0, 0.0, fade)
    # Most queues bring the music back at once; some leave a pause as long as a person's before it returns.
    after = rng.uniform(0.2, 1.0) if rng.random() < 0.7 else rng.uniform(1.0, 2.5)
    resume = int(t * SR) + len(x) + int(after * SR)
    env[stop:resume] = 0.0
    fade_in = int(rng.uniform(0.0, 0.5) * SR)
    env[resume : resume + fade_in] = np.linspace(0.0, 1.0, fade_in)
    scene.mark(stop / SR, "silence")
    scene.speech(x, t, "ivr_speech")
    scene.mark(t + speech_extent(x)[1], "silence")
    scene.mark(resume / SR, "music")
    return (resume + fade_in) / SR


def amd_scene(src: Sources, rng: np.random.Generator, machine: bool, small: bool) -> Scene:
    """After the answer (t = 0): a person's short greeting, or an answering machine's greeting and beep."""
    scene = Scene()
    scene.mark(0.0, "silence")
    scene.extra["machine"] = machine
    if not machine:
        level = live_level(rng)
        voice, phrases = live_voice(rng, (str(rng.choice(PERSON_ANSWERS)),))
        turn = live_turn(src, rng, phrases, voice, level)
        lead = rng.uniform(0.2, 1.0) if small else rng.uniform(0.2, 1.5)
        onset, off = scene.speech(turn, lead - speech_extent(turn)[0], "live_speech")
        set_answer(scene, "person", onset, off)  # the opening is the first turn; a second "Hello?" is not
        scene.mark(off, "silence")
        end = off + rng.uniform(2.0, 3.0)
        if rng.random() < 0.5:  # nobody spoke back: "Hello?" again
            again = live_turn(src, rng, ("Hello?",) if voice != "asterisk" else ("hello",), voice, level)
            _, off = scene.speech(again, end - speech_extent(again)[0], "live_speech")
            scene.mark(off, "silence")
            end = off + rng.uniform(1.0, 2.0)
        floor, what = line_floor(src, rng, end, level)
        scene.place(floor, 0.0)
        scene.meta.update({"live_voice": voice, "live_text": phrases[0], "line": what})
        scene.end(end)
        return scene
    voice = str(rng.choice((*TTS_VOICES, "asterisk", "asterisk")))
    for _ in range(20):  # a greeting of 4-15 s (of 4-7 s in the small corpus, to keep it small)
        text, x = src.prompt(voice, "machine", rng)
        if 4.0 <= len(x) / SR <= (7.0 if small else 15.0):
            break
        voice = str(rng.choice((*TTS_VOICES, "asterisk")))
    x = at_level(x, ivr_level(rng))
    on, off = scene.speech(x, rng.uniform(0.2, 1.0), "ivr_speech")
    end = off
    if rng.random() < 0.85:
        beep_t = off + rng.uniform(0.2, 0.8)
        beep = sine(float(rng.choice([1000.0, 850.0, 1400.0])), rng.uniform(0.3, 1.0),
                    DBM0_PEAK * 10 ** (rng.uniform(-20.0, -8.0) / 20))
        end = scene.place(beep, beep_t)
        scene.extra["beep_t"] = round(beep_t, 2)
    set_answer(scene, "machine", on, off)
    scene.mark(end, "silence")
    end += rng.uniform(1.0, 1.5) if small else rng.uniform(1.5, 3.0)
    if rng.random() < 0.5:  # the machine's own light hiss
        scene.place(colored_noise(rng, end, "white", float(rng.uniform(-68.0, -58.0))), 0.0)
    scene.meta.update({"voice": voice, "greeting": text})
    scene.end(end)
    return scene


def set_answer(scene: Scene, answer: str, onset: float | None, offset: float | None) -> None:
    """The answer truth of an AMD item: who answered, when their opening started and ended (None: said nothing)."""
    scene.extra.update({"answer": answer, "machine": answer == "machine",
                        "greeting_end_t": None if offset is None else round(offset, 2),
                        "silence_before_s": None if onset is None else round(onset, 2)})


def drop_packets(rng: np.random.Generator, x: np.ndarray, start: float, stop: float,
                 big: bool) -> list[list[float]]:
    """Zero 20-60 ms chunks (and, if big, one 200-500 ms dropout) inside [start, stop] s; returns them as [t, s]."""
    cuts: list[list[float]] = []
    if stop - start < 0.2:
        return cuts
    for _ in range(max(1, int((stop - start) * rng.uniform(1.5, 5.0)))):
        length = float(rng.uniform(0.02, 0.06))
        cuts.append([float(rng.uniform(start, max(start, stop - length))), length])
    if big and stop - start > 1.6:
        # Not on the first or last word: the truth's onset and offset must still be heard.
        length = float(rng.uniform(0.2, 0.5))
        cuts.append([float(rng.uniform(start + 0.4, stop - 0.4 - length)), length])
    for t, length in cuts:
        x[int(t * SR) : int((t + length) * SR)] = 0.0
    return sorted([round(t, 3), round(length, 3)] for t, length in cuts)


def spoken(src: Sources, rng: np.random.Generator, voice: str, sentences: tuple[str, ...],
           gap: tuple[float, float]) -> np.ndarray:
    """Sentences in one voice with pauses drawn from gap (seconds) between them."""
    parts: list[np.ndarray] = []
    for i, sentence in enumerate(sentences):
        if i:
            parts.append(np.zeros(int(rng.uniform(*gap) * SR)))
        parts.append(src.speech(voice, sentence))
    return np.concatenate(parts)


def answer_opening(src: Sources, rng: np.random.Generator, family: str) -> tuple[str, tuple[str, ...], str]:
    """(truth answer, sentences, voice) for one answer family; "asterisk" sentences name prompt files."""
    answer, pool = ANSWER_FAMILIES[family]
    if family == "packet-loss":  # a greeting cut up by the network: a person's or a machine's
        family = str(rng.choice(["business", "residential", "voicemail"]))
        answer, pool = ANSWER_FAMILIES[family]
    if family == "carrier" and rng.random() < 0.3:
        return answer, (str(rng.choice(ASTERISK_CARRIER)),), "asterisk"
    name = str(rng.choice(NAMES))
    sentences = tuple(s.format(name=name) for s in pool[int(rng.integers(len(pool)))])
    if family in ("business", "residential"):
        # A person must fit 1-6 s: a slow voice on a long greeting would not; try another voice.
        for _ in range(10):
            voice = str(rng.choice(TTS_VOICES))
            if 1.0 <= sum(len(src.speech(voice, s)) for s in sentences) / SR <= 6.0:
                break
        return answer, sentences, voice
    return answer, sentences, str(rng.choice(TTS_VOICES))


def answer_floor(src: Sources, rng: np.random.Generator, seconds: float, level: float, person: bool,
                 greeting: tuple[float, float]) -> tuple[np.ndarray, str]:
    """The line under an answer: digital silence (VoIP), a faint hiss, a room, or (machines) a recording's room."""
    n = int(round(seconds * SR))
    draw = rng.random()
    if draw < 0.25:
        return np.zeros(n), "digital silence"
    if person:
        floor, what = line_floor(src, rng, seconds, level)
        return np.resize(floor, n), what
    if draw < 0.6:
        hiss = float(rng.uniform(-74.0, -62.0))
        return colored_noise(rng, seconds, "white", hiss), f"hiss {hiss:.0f} dBFS"
    # The greeting was recorded in a room; the line after it is the network's own silence.
    room = float(rng.uniform(-60.0, -48.0))
    x = np.zeros(n)
    a, b = int(greeting[0] * SR), min(n, int(greeting[1] * SR))
    x[a:b] = colored_noise(rng, (b - a) / SR, "pink", room)[: b - a]
    return x, f"recorded room {room:.0f} dBFS"


def answer_scene(src: Sources, rng: np.random.Generator, family: str, small: bool) -> Scene:
    """After the answer (t = 0): one of the ANSWER_FAMILIES' openings, its beep if any, and the silence after it."""
    scene = Scene()
    scene.mark(0.0, "silence")
    scene.meta["family"] = family
    if family == "silent":  # picked up and said nothing: the caller must speak first
        end = rng.uniform(4.0, 5.0) if small else rng.uniform(5.0, 9.0)
        floor, what = answer_floor(src, rng, end, -30.0, True, (0.0, end))
        scene.place(floor, 0.0)
        set_answer(scene, "person", None, None)
        scene.meta["line"] = what
        scene.end(end)
        return scene
    answer, sentences, voice = answer_opening(src, rng, family)
    sentences = sentences[:2] if small else sentences  # the committed slice must stay small
    person = answer == "person"
    x = spoken(src, rng, voice, sentences, (0.2, 0.7) if person else (0.3, 1.0))
    level = float(rng.uniform(-32.0, -12.0)) if person else ivr_level(rng)
    x = at_level(x, level)
    # Carriers often leave 3-7 s of silence between the answer and their greeting.
    lead = rng.uniform(3.0, 7.0) if family == "carrier" and rng.random() < 0.5 else rng.uniform(0.1, 1.2)
    onset, off = scene.speech(x, max(0.0, lead - speech_extent(x)[0]), "live_speech" if person else "ivr_speech")
    end = off
    if answer == "machine" and family != "voicemail-nobeep" and (family != "closed-office" or rng.random() < 0.6):
        beep_t = off + rng.uniform(0.1, 1.0)
        beep = sine(float(rng.uniform(400.0, 2000.0)), rng.uniform(0.2, 1.2),
                    DBM0_PEAK * 10 ** (rng.uniform(-22.0, -8.0) / 20))
        end = scene.place(beep, beep_t)
        scene.extra["beep_t"] = round(beep_t, 2)
    set_answer(scene, answer, onset, off)
    scene.mark(end, "silence")
    end += rng.uniform(2.0, 2.5) if small else rng.uniform(2.2, 4.5)
    floor, what = answer_floor(src, rng, end, level, person, (onset, off))
    scene.place(floor, 0.0)
    if scene.meta["family"] == "packet-loss":
        scene.meta["dropouts"] = drop_packets(rng, scene.mix, onset, off, big=bool(rng.random() < 0.6))
    scene.meta.update({"voice": voice, "text": " / ".join(sentences), "line": what, "level_dbfs": round(level, 1)})
    scene.end(end)
    return scene


def ivr_scene(src: Sources, rng: np.random.Generator, small: bool) -> Scene:
    """A menu prompt, then silence while the system waits for a key."""
    scene = Scene()
    scene.mark(0.0, "silence")
    voice = str(rng.choice((*TTS_VOICES, "asterisk", "asterisk")))
    for _ in range(20):
        text, x = src.prompt(voice, "menu", rng)
        if not small or len(x) / SR < 6.0:
            break
    _, off = scene.speech(at_level(x, ivr_level(rng)), rng.uniform(0.2, 0.8), "ivr_speech")
    scene.mark(off, "silence")
    end = off + (rng.uniform(2.0, 3.0) if small else rng.uniform(3.0, 8.0))
    if rng.random() < 0.5:
        scene.place(colored_noise(rng, end, "white", float(rng.uniform(-72.0, -60.0))), 0.0)
    scene.meta.update({"voice": voice, "menu": text})
    scene.end(end)
    return scene


def ringing_scene(src: Sources, rng: np.random.Generator, answered: bool, small: bool) -> Scene:
    """Ringback for a few cycles, then a person answers or the line gives busy."""
    scene = Scene()
    scene.mark(0.0, "silence")
    plan = str(rng.choice(cadence_names("ringback")))
    country = plan.replace("_", "-").split("-")[0]
    level, offset = float(rng.uniform(-20.0, -10.0)), float(rng.uniform(-1.5, 1.5))
    t0 = rng.uniform(0.2, 1.0)
    ring = rng.uniform(4.0, 6.0) if small else rng.uniform(6.0, 16.0)
    scene.mark(t0, "ringback")
    stop = scene.place(cadence(plan, ring, level, offset), t0)
    scene.meta.update({"ringback": plan})
    if answered:
        scene.end(pickup_tail(src, rng, scene, stop, False, small))
        return scene
    busy = [n for n in cadence_names("busy") if n.startswith(country)] or cadence_names("busy")
    busy_plan = str(rng.choice(busy))
    scene.mark(stop, "silence")
    t_busy = stop + rng.uniform(0.1, 0.5)
    scene.mark(t_busy, "busy")
    scene.place(cadence(busy_plan, 3.0 if small else rng.uniform(3.0, 8.0), level, offset), t_busy)
    scene.meta["busy"] = busy_plan
    scene.end()
    return scene


def clip_scene(src: Sources, rng: np.random.Generator, label: str, variant: int, seconds: float) -> Scene:
    """A clip of one label alone (5-20 s), in one of a few variants."""
    scene = Scene()
    if label == "music":
        scene.mark(0.0, "music")
        bed, info = music_bed(src, rng, seconds)
        scene.place(bed, 0.0)
        scene.meta.update(info)
    elif label == "silence":
        scene.mark(0.0, "silence")
        what = ("digital zero", "hiss -70 dBFS", "line noise -55 dBFS", "DC offset")[variant % 4]
        if variant % 4 == 1:
            scene.place(colored_noise(rng, seconds, "white", -70.0), 0.0)
        elif variant % 4 == 2:
            scene.place(colored_noise(rng, seconds, str(rng.choice(["pink", "brown"])), -55.0), 0.0)
        elif variant % 4 == 3:
            dc = float(rng.choice([-1, 1]) * rng.uniform(100.0, 600.0))
            scene.place(np.full(int(round(seconds * SR)), dc) + colored_noise(rng, seconds, "white", -72.0), 0.0)
            what += f" {dc:.0f}"
        scene.meta["what"] = what
    elif label == "ivr_speech":
        _ivr_clip(src, rng, scene, variant, seconds)
    elif label == "live_speech":
        _live_clip(src, rng, scene, seconds)
    elif label in ("ringback", "busy"):
        plan = cadence_names(label)[variant % len(cadence_names(label))]
        scene.mark(0.0, label)
        scene.place(cadence(plan, seconds, float(rng.uniform(-22.0, -8.0)), float(rng.uniform(-1.5, 1.5))), 0.0)
        scene.meta["plan"] = plan
    elif label == "dtmf":
        _dtmf_clip(rng, scene, seconds)
    scene.end(seconds if label not in ("ivr_speech", "live_speech", "dtmf") else None)
    return scene


def _ivr_clip(src: Sources, rng: np.random.Generator, scene: Scene, variant: int, seconds: float) -> None:
    """An announcement or a menu, alone or (every third clip) over ducked music."""
    voice = "asterisk" if variant % 3 == 0 else str(rng.choice(TTS_VOICES))
    for _ in range(30):
        text, x = src.prompt(voice, str(rng.choice(["periodic", "menu", "greeting"])), rng)
        if 3.5 <= len(x) / SR <= seconds:
            break
    x = at_level(x, ivr_level(rng))
    lead = rng.uniform(0.2, 0.6)
    over = variant % 3 == 2
    scene.mark(0.0, "music" if over else "silence")
    _, off = scene.speech(x, lead, "ivr_speech")
    end = max(off + rng.uniform(0.3, 1.0), 5.0)
    scene.mark(off, "music" if over else "silence")
    if over:
        bed, info = music_bed(src, rng, end)
        env = np.full(len(bed), 10 ** (-rng.uniform(6.0, 15.0) / 20))
        scene.place(bed * env, 0.0)
        scene.meta.update(info)
    scene.meta.update({"voice": voice, "text": text, "over_music": over})
    scene.end(end)


def _live_clip(src: Sources, rng: np.random.Generator, scene: Scene, seconds: float) -> None:
    """A person talking for most of the clip, on a live line."""
    voice = str(rng.choice(TTS_VOICES))
    phrases: list[str] = []
    order = rng.permutation(len(CHATTER))
    while sum(len(src.speech(voice, p)) for p in phrases) / SR < seconds * 0.6 and len(phrases) < len(CHATTER):
        phrases.append(CHATTER[order[len(phrases)]])
    level = live_level(rng)
    turn = live_turn(src, rng, phrases, voice, level)
    scene.mark(0.0, "silence")
    _, off = scene.speech(turn, rng.uniform(0.2, 0.8), "live_speech")
    scene.mark(off, "silence")
    end = off + rng.uniform(0.3, 1.0)
    floor, what = line_floor(src, rng, end, level)
    scene.place(floor, 0.0)
    scene.meta.update({"live_voice": voice, "live_text": " / ".join(phrases), "line": what})
    scene.end(end)


def _dtmf_clip(rng: np.random.Generator, scene: Scene, seconds: float) -> None:
    """Groups of keyed digits (40-100 ms on and off, -5 to -20 dBm0) with short pauses between groups."""
    keys = "0123456789*#ABCD"
    level = float(rng.uniform(-20.0, -5.0))
    twist = float(rng.uniform(-2.0, 6.0))  # low minus high group, dB: inside what a Q.24 detector must accept
    t = rng.uniform(0.1, 0.4)
    scene.mark(0.0, "silence")
    digits = ""
    while True:
        group = "".join(rng.choice(list(keys), size=int(rng.integers(12, 30))))
        scene.mark(t, "dtmf")
        for i, d in enumerate(group):
            on = rng.uniform(0.04, 0.1)
            phases = (float(rng.uniform(0, 2 * np.pi)), float(rng.uniform(0, 2 * np.pi)))
            t = scene.place(dtmf_digit(d, on, level + rng.uniform(-1.0, 1.0), twist, phases), t)
            if i < len(group) - 1:
                t += rng.uniform(0.04, 0.1)
        digits += group
        scene.mark(t, "silence")
        if t > seconds * 0.7:
            break
        t += rng.uniform(0.6, 1.0)
    scene.extra["digits"] = digits
    scene.meta.update({"level_dbm0": round(level, 1), "twist_db": round(twist, 1)})
    scene.end(max(t + rng.uniform(0.2, 0.5), seconds))


def robustness_audio(rng: np.random.Generator, what: str, seconds: float) -> np.ndarray:
    """Loud steady noise with no label: for checking that nothing breaks and nothing fires."""
    if what == "clipped-noise":
        return np.clip(colored_noise(rng, seconds, "white", -3.0), -32768, 32767)
    if what == "white-noise-20dbfs":
        return colored_noise(rng, seconds, "white", -20.0)
    t = np.arange(int(seconds * SR)) / SR  # mains hum: 60 Hz and its odd harmonics, loud
    return sum(6000.0 / k * np.sin(2 * np.pi * 60.0 * k * t) for k in (1, 3, 5, 7))


# ---------------------------------------------------------------- the corpus


@dataclass(frozen=True)
class Plan:
    """How many items of each kind, and how long."""

    hold_seconds: tuple[float, ...]  # one per hold call
    amd: int
    ivr: int
    ringing: int
    clips: dict[str, int]  # label -> how many clips
    clip_seconds: tuple[float, float]
    robustness: tuple[str, ...]
    answers: int = 0  # answer scenes (kind 21), cycling through ANSWER_FAMILIES
    music_holds: int = 0  # hold calls over MUSIC_SOURCES' music (kind 22)
    music_clips: int = 0  # music clips of MUSIC_SOURCES (kind 23)


FULL = Plan(hold_seconds=(), amd=40, ivr=10, ringing=6,
            clips={"music": 8, "silence": 8, "ivr_speech": 9, "live_speech": 8, "ringback": 6, "busy": 6, "dtmf": 6},
            clip_seconds=(5.0, 20.0), robustness=("clipped-noise", "white-noise-20dbfs", "mains-hum"), answers=60,
            music_holds=12, music_clips=20)
# The committed subset must stay under about 3 MB (16 kB a second, so about 180 s in all): hold calls of about
# 40 s, clips only for what the scenes do not already hold (DTMF, a DC-offset silence), four answer scenes.
SMALL = Plan(hold_seconds=(40.0, 33.0), amd=6, ivr=2, ringing=2, clips={"silence": 1, "dtmf": 1},
             clip_seconds=(5.0, 5.0), robustness=(), answers=4)


def plan_for(small: bool, rng: np.random.Generator) -> Plan:
    """The small plan, or the full one with 20 hold calls of 2-5 min (about 70 min in all)."""
    if small:
        return SMALL
    seconds = tuple(float(s) for s in np.round(rng.uniform(150.0, 270.0, size=20), 1))
    return Plan(hold_seconds=seconds, amd=FULL.amd, ivr=FULL.ivr, ringing=FULL.ringing, clips=FULL.clips,
                clip_seconds=FULL.clip_seconds, robustness=FULL.robustness, answers=FULL.answers,
                music_holds=FULL.music_holds, music_clips=FULL.music_clips)


def save(out: Path, name: str, scene: Scene, kind: str) -> dict[str, Any]:
    """Write a scene through G.711 and return its manifest entry."""
    pcm = mulaw_roundtrip(np.clip(np.rint(scene.mix), -32768, 32767).astype(np.int16))
    write_wav(out / name, pcm, SR)
    segments = scene.segments()
    return {"file": name, "kind": kind, "seconds": round(len(pcm) / SR, 2), "segments": segments, **scene.extra,
            "clip_label": clip_label(segments), "meta": scene.meta}


def build(out: Path, small: bool = False, seed: int = 7) -> dict[str, Any]:
    """Build the corpus into out (replacing what a previous build left there); returns the manifest."""
    missing = missing_packages() + ([] if small else missing_music_packages())
    if missing:
        raise CorpusError(f"missing Debian package(s): {' '.join(missing)} (apt-get install {' '.join(missing)})")
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.wav"):
        old.unlink()
    items: list[dict[str, Any]] = []
    robust: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        src = Sources(seed, Path(tmp))
        plan = plan_for(small, np.random.default_rng([seed, 0]))

        def rng_for(kind: int, i: int) -> np.random.Generator:
            """Each item its own generator: changing one kind's count leaves the other kinds' random draws alone."""
            return np.random.default_rng([seed, kind, i])

        for i, seconds in enumerate(plan.hold_seconds):
            # About a quarter of calls end still on hold; the first always has a pickup (the small corpus: 1 of 2).
            pickup = i % 4 != 3 if not small else i == 0
            scene = hold_call(src, rng_for(1, i), seconds, pickup, small)
            items.append(save(out, f"hold-{i + 1:02d}.wav", scene, "hold"))
        for i in range(plan.amd):
            scene = amd_scene(src, rng_for(2, i), machine=i % 2 == 0, small=small)
            items.append(save(out, f"amd-{i + 1:02d}.wav", scene, "amd"))
        for i in range(plan.ivr):
            items.append(save(out, f"ivr-{i + 1:02d}.wav", ivr_scene(src, rng_for(3, i), small), "ivr"))
        for i in range(plan.ringing):
            scene = ringing_scene(src, rng_for(4, i), answered=i % 2 == 0, small=small)
            items.append(save(out, f"ringing-{i + 1:02d}.wav", scene, "ringing"))
        for k, (label, count) in enumerate(plan.clips.items()):
            for i in range(count):
                rng = rng_for(5 + k, i)
                variant = 3 if small else i  # the small corpus's one silence clip: DC offset, the oddest
                scene = clip_scene(src, rng, label, variant, float(rng.uniform(*plan.clip_seconds)))
                items.append(save(out, f"clip-{label}-{i + 1:02d}.wav", scene, "clip"))
        # Answer scenes last: Piper draws its noise from one seeded stream, so any Piper line rendered earlier
        # would change every item after it. Listed after the other answer items all the same.
        at = max((k + 1 for k, item in enumerate(items) if item["kind"] == "amd"), default=len(items))
        items[at:at] = answer_items(src, out, seed, plan.answers, small)
        # More music, made after the answer scenes for the same reason, listed after the items of their kind.
        holds, clips = music_items(src, out, seed, plan)
        for new, last in ((holds, "hold-"), (clips, "clip-music-")):
            at = max((k + 1 for k, item in enumerate(items) if item["file"].startswith(last)), default=len(items))
            items[at:at] = new
        for i, what in enumerate(plan.robustness):
            pcm = mulaw_roundtrip(np.clip(np.rint(robustness_audio(rng_for(20, i), what, 8.0)), -32768, 32767)
                                  .astype(np.int16))
            write_wav(out / f"robust-{what}.wav", pcm, SR)
            robust.append({"file": f"robust-{what}.wav", "kind": "robustness", "seconds": round(len(pcm) / SR, 2),
                           "what": what})
    manifest = {"version": 1, "seed": seed, "small": small, "items": items, "robustness": robust}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest


def answer_items(src: Sources, out: Path, seed: int, count: int, small: bool) -> list[dict[str, Any]]:
    """Write count answer scenes (kind 21), cycling through ANSWER_FAMILIES; their manifest entries."""
    families = list(ANSWER_FAMILIES)
    return [save(out, f"answer-{i + 1:02d}.wav", answer_scene(src, np.random.default_rng([seed, 21, i]),
                                                               families[i % len(families)], small), "amd")
            for i in range(count)]


def music_items(src: Sources, out: Path, seed: int, plan: Plan) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Write the hold calls (kind 22) and music clips (kind 23) over MUSIC_SOURCES' music, cycling through the
    sources; (hold entries, clip entries). Numbered on from the plan's own hold calls and music clips."""
    sources = list(MUSIC_SOURCES)
    holds = []
    for i in range(plan.music_holds):
        rng = np.random.default_rng([seed, 22, i])
        source = sources[i % len(sources)]
        seconds = float(np.round(rng.uniform(120.0, 240.0), 1))
        clean = i % 4 == 1  # these three all end with a pickup
        scene = hold_call(src, rng, seconds, pickup=i % 4 != 3, small=False,
                          bed_maker=partial(playlist_bed, source=source), clean=clean)
        scene.meta["clean_line"] = clean
        holds.append(save(out, f"hold-{len(plan.hold_seconds) + i + 1:02d}.wav", scene, "hold"))
    clips = []
    for i in range(plan.music_clips):
        rng = np.random.default_rng([seed, 23, i])
        scene = music_clip(src, rng, sources[i % len(sources)], float(rng.uniform(5.0, 20.0)))
        clips.append(save(out, f"clip-music-{plan.clips.get('music', 0) + i + 1:02d}.wav", scene, "clip"))
    return holds, clips


def summary(manifest: dict[str, Any]) -> str:
    """Items per kind and minutes per label, as text."""
    kinds = Counter(item["kind"] for item in manifest["items"])
    minutes: Counter[str] = Counter()
    for item in manifest["items"]:
        for seg in item["segments"]:
            minutes[seg["label"]] += (seg["end"] - seg["start"]) / 60
    total = sum(item["seconds"] for item in manifest["items"]) / 60
    pickups = sum(1 for item in manifest["items"] if item["pickup_t"] is not None)
    lines = ["items: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())) +
             f", robustness {len(manifest['robustness'])}; hold calls with a pickup: {pickups}",
             "minutes: " + ", ".join(f"{label} {minutes[label]:.1f}" for label in LABELS) + f"; total {total:.1f}"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """CLI entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("build/listen-corpus"))
    parser.add_argument("--small", action="store_true", help="the small subset committed under tests/data/listen")
    parser.add_argument("--seed", type=int, default=7)
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
