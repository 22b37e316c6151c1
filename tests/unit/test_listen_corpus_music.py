"""scripts/listen_corpus.py's music beyond Asterisk's hold music (kinds 22 and 23): the MIDI renderer's set-up,
decoding commands, track trimming and joining, the beds and the clean-line hold calls, over stand-in sources."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from scripts import listen_corpus as lc
from scripts.listen_corpus import SR

MAKEFILE = Path(__file__).resolve().parents[2] / "Makefile"
# The held-out test corpus's music packages (scripts/listen_testcorpus.py): the tuning corpus must use none.
TEST_CORPUS_MUSIC = {"drascula-music", "asc-music", "planetblupi-music-midi", "planetblupi-music-ogg", "fluidsynth",
                     "timgm6mb-soundfont"}

FREEPATS_LIKE = """dir /usr/share/midi/freepats
# a comment
drumset 0

 35\tDrum_000/035_Kick_1.pat amp=100
 3\tDrum_000/003_Not_A_Tone.pat

bank 0

 0\tTone_000/000_Acoustic_Grand_Piano.pat amp=120 pan=center
 2\tTone_000/002_Electric_Grand_Piano.pat
 4\tTone_000/004_Electric_Piano_1_Rhodes.pat
 40\tTone_000/040_Violin.pat   # strings
"""


def tone(seconds: float, dbfs: float, freq: float = 440.0) -> np.ndarray:
    t = np.arange(int(round(seconds * SR))) / SR
    return np.sqrt(2) * 32768.0 * 10 ** (dbfs / 20) * np.sin(2 * np.pi * freq * t)


def makefile_list(name: str) -> set[str]:
    text = MAKEFILE.read_text().replace("\\\n", " ")
    found = re.search(rf"^{name}\s*:=(.*)$", text, re.MULTILINE)
    assert found, name
    return set(found.group(1).split())


# ---------------------------------------------------------------- the MIDI renderer


def test_freepats_fallbacks_fill_every_program_from_bank_0_only() -> None:
    fallbacks = lc.freepats_fallbacks(FREEPATS_LIKE)
    assert set(fallbacks) == set(range(128)) - {0, 2, 4, 40}
    assert fallbacks[1] == "Tone_000/000_Acoustic_Grand_Piano.pat amp=120 pan=center"  # a tie goes low
    assert fallbacks[3] == "Tone_000/002_Electric_Grand_Piano.pat"  # not the drumset's "3"
    assert fallbacks[7] == "Tone_000/004_Electric_Piano_1_Rhodes.pat"
    assert fallbacks[47] == "Tone_000/040_Violin.pat"  # same family (strings, 40-47), although far
    assert fallbacks[8] == "Tone_000/004_Electric_Piano_1_Rhodes.pat"  # a family with none: the nearest at all
    assert lc.freepats_fallbacks("# nothing\n") == {}


def test_freepats_fallbacks_fill_every_drum_note_from_drumset_0() -> None:
    drums = lc.freepats_fallbacks(FREEPATS_LIKE, "drumset")
    assert set(drums) == set(range(128)) - {3, 35}
    assert drums[20] == "Drum_000/035_Kick_1.pat amp=100" and drums[19] == "Drum_000/003_Not_A_Tone.pat"


def test_timidity_config_sources_freepats_then_maps_what_it_lacks() -> None:
    cfg = lc.timidity_config(Path("/etc/timidity/freepats.cfg"), {3: "Tone_000/002_E.pat", 81: "Tone_000/080_S.pat"},
                             {28: "Drum_000/027_Q.pat"})
    assert cfg.splitlines() == ["source /etc/timidity/freepats.cfg", "bank 0", " 3 Tone_000/002_E.pat",
                                " 81 Tone_000/080_S.pat", "drumset 0", " 28 Drum_000/027_Q.pat"]


def test_timidity_command_renders_with_the_given_config() -> None:
    cmd = lc.timidity_command(Path("/m/song.mid"), Path("/t/out.wav"), Path("/t/timidity.cfg"))
    assert cmd[0] == "timidity" and cmd[-1] == "/m/song.mid"
    assert cmd[cmd.index("-c") + 1] == "/t/timidity.cfg"
    assert cmd[cmd.index("-o") + 1] == "/t/out.wav"
    assert cmd[cmd.index("-s") + 1] == str(lc.MIDI_RATE)
    assert {"-Ow", "--output-mono"} <= set(cmd)


def test_sox_decode_command_is_repeatable_and_cuts_where_asked() -> None:
    whole = lc.sox_decode_command(Path("/m/a.ogg"), Path("/t/o.wav"), "sox")
    assert whole[:3] == ["sox", "-D", "/m/a.ogg"] and "trim" not in whole  # -D: no dither, same bytes each run
    assert whole[whole.index("-r") + 1] == str(SR) and whole[whole.index("-c") + 1] == "1"
    part = lc.sox_decode_command(Path("/m/a.raw"), Path("/t/o.wav"), "raw8", 12.5, 20.0)
    assert part[2:12] == ["-t", "raw", "-r", "22050", "-e", "unsigned-integer", "-b", "8", "-c", "2"]
    assert part[part.index("trim") + 1 : part.index("trim") + 3] == ["12.500", "20.000"]


# ---------------------------------------------------------------- trimming and joining tracks


def test_trim_quiet_cuts_silence_and_a_slow_fade_in_but_keeps_the_music() -> None:
    # The fade-in is 20 dB under the music until 1.7 s into it (amplitude (t/3)^4), the music ends at 15 s.
    fade_in = tone(3.0, -20.0) * np.linspace(0.0, 1.0, 3 * SR) ** 4
    x = np.concatenate([np.zeros(2 * SR), fade_in, tone(10.0, -20.0), np.zeros(SR)])
    out = lc.trim_quiet(x)
    head = np.flatnonzero(np.isclose(x, out[0]) & np.isclose(np.roll(x, -1), out[1]))[0] / SR
    assert 3.3 < head < 3.8
    assert abs(head + len(out) / SR - 15.0) < 0.05
    assert len(lc.trim_quiet(np.zeros(SR))) == SR  # nothing loud: left alone
    assert len(lc.trim_quiet(np.ones(10))) == 10


def test_trim_quiet_keeps_a_quiet_passage_inside() -> None:
    x = np.concatenate([tone(5.0, -20.0), tone(2.0, -50.0), tone(5.0, -20.0)])
    assert len(lc.trim_quiet(x)) == len(x)


def test_join_pieces_crossfades_without_a_gap() -> None:
    pieces = [np.ones(SR), np.ones(2 * SR), np.ones(SR // 2)]
    out = lc.join_pieces(pieces, fade_s=0.05)
    assert len(out) == 3.5 * SR - 2 * int(0.05 * SR)
    assert np.allclose(out, 1.0)  # linear crossfade of equal signals: no dip, no click
    assert len(lc.join_pieces([np.ones(10)])) == 10


def test_quietest_window_finds_a_hole() -> None:
    steady = tone(4.0, -20.0)
    assert lc.quietest_window_db(steady) < 1.0
    holed = np.concatenate([tone(2.0, -20.0), np.zeros(SR), tone(2.0, -20.0)])
    assert lc.quietest_window_db(holed) > 60.0


def test_resampled_changes_length_by_the_rate() -> None:
    x = tone(1.0, -20.0)
    assert abs(len(lc.resampled(x, 2.0)) - SR / 2) <= 1
    assert abs(len(lc.resampled(x, 2 ** (-5 / 12))) - SR * 2 ** (5 / 12)) <= 2


# ---------------------------------------------------------------- packages


def test_music_sources_are_not_the_test_corpus_s_and_make_installs_them() -> None:
    packages = {spec.package for spec in lc.MUSIC_SOURCES.values()}
    assert len(packages) >= 3 and not packages & TEST_CORPUS_MUSIC
    tuning = makefile_list("TUNING_DEBS")
    assert packages | {"timidity", "freepats", "sox"} <= tuning
    assert not tuning & TEST_CORPUS_MUSIC
    assert not packages & makefile_list("DEBS")  # `make test` does not need them
    assert all(spec.decode in ("sox", "raw8", "midi", "loops") for spec in lc.MUSIC_SOURCES.values())


def test_a_missing_music_package_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    spec = lc.MUSIC_SOURCES["hyperrogue"]
    monkeypatch.setitem(lc.MUSIC_SOURCES, "hyperrogue",
                        lc.MusicSource(spec.package, tmp_path / "nowhere", spec.tracks, spec.decode, spec.style))
    assert "hyperrogue-music" in lc.missing_music_packages()
    with pytest.raises(lc.CorpusError, match="hyperrogue-music"):
        lc.build(tmp_path / "out", small=False)
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------- beds and scenes over stand-in sources


class StubSources(lc.Sources):
    """Speech-like bursts as long as the text; every track a 40 s chord, every Sonic Pi sample a 3 s one."""

    def speech(self, voice: str, text: str) -> np.ndarray:
        seconds = max(0.4, 0.06 * len(text))
        t = np.arange(int(seconds * SR)) / SR
        x = np.random.default_rng(len(text)).standard_normal(len(t)) * (0.6 + 0.4 * np.sin(2 * np.pi * 4 * t))
        return np.concatenate([np.zeros(SR // 10), x * 3000.0, np.zeros(SR // 10)])

    def music_track(self, source: str, name: str) -> np.ndarray:
        seconds = 3.0 if source == "sonic-pi" else 40.0
        return sum(tone(seconds, -20.0, f) for f in (262.0, 330.0, 392.0)) * np.linspace(1.0, 0.2, int(seconds * SR))

    def music_seconds(self, source: str, name: str) -> float:
        return len(self.music_track(source, name)) / SR

    def music_excerpt(self, source: str, name: str, start: float, seconds: float) -> np.ndarray:
        a = int(round(start * SR))
        return self.music_track(source, name)[a : a + int(round(seconds * SR))]


@pytest.mark.parametrize("source", list(lc.MUSIC_SOURCES))
def test_playlist_bed_is_as_long_and_as_loud_as_drawn(source: str, tmp_path: Path) -> None:
    src = StubSources(7, tmp_path)
    for i in range(4):
        x, info = lc.playlist_bed(src, np.random.default_rng([7, 99, i]), 95.0, source)
        assert len(x) == 95 * SR
        assert abs(lc.rms_db(x) - info["level_dbfs"]) < 0.2
        assert lc.MUSIC_LEVELS[0] <= info["level_dbfs"] <= lc.MUSIC_LEVELS[1]
        assert info["source"] == source and info["package"] == lc.MUSIC_SOURCES[source].package
        assert lc.quietest_window_db(x) < 25.0  # no hole in the music (the tracks are joined, the notes overlap)
        if source != "sonic-pi":
            assert len(info["playlist"]) >= 3  # 40 s tracks: at least three for 95 s


def test_groove_with_and_without_drums(tmp_path: Path) -> None:
    src = StubSources(7, tmp_path)
    found = [lc.groove(src, np.random.default_rng([7, 98, i]), 20.0)[1] for i in range(12)]
    assert any("beat" in info for info in found) and any("beat" not in info for info in found)
    assert all(info["layer"] in lc.MUSIC_SOURCES["sonic-pi"].tracks for info in found)


def test_music_clip_is_all_music(tmp_path: Path) -> None:
    scene = lc.music_clip(StubSources(7, tmp_path), np.random.default_rng(3), "openmsx", 12.34)
    assert scene.segments() == [{"start": 0.0, "end": 12.34, "label": "music"}]


def test_a_clean_line_hold_call_has_no_hiss_and_digital_zero_after_the_pickup(tmp_path: Path) -> None:
    src = StubSources(7, tmp_path)
    cleaned = 0
    for i in range(6):
        scene = lc.hold_call(src, np.random.default_rng([7, 97, i]), 90.0, pickup=True, small=False,
                             bed_maker=lambda s, r, sec: lc.playlist_bed(s, r, sec, "xblast"), clean=True)
        assert scene.meta["source"] == "xblast" and scene.meta["line"] == lc.CLEAN_LINE
        assert "trunk_hiss_dbfs" not in scene.meta
        segments = scene.segments()
        assert segments[-1]["label"] == "silence" and scene.extra["pickup_t"] is not None
        last_word = max(seg["end"] for seg in segments if seg["label"] == "live_speech")
        # (the truth's times are rounded to 10 ms: the last word's last samples may lie just past its end)
        cleaned += int(np.all(scene.mix[int(round((last_word + 0.02) * SR)) :] == 0.0))
    assert cleaned == 6
