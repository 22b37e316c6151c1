"""The far-end simulator's pure pieces: the scenario checker, the noise bed, the beep and the bed's playout."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import numpy as np
import pytest

from scripts.farend import (
    BED_KINDS,
    MOH_DIR,
    SCENARIO_KEYS,
    BedPlayout,
    ScenarioError,
    asks_for_code,
    asks_something,
    asks_to_repeat,
    beep_tone,
    capture,
    check_bed,
    code_read_back,
    load_scenario,
    make_bed,
    spelled_code,
)
from scripts.farend_ivr import (
    KeyDeduper,
    KeyPress,
    closing_only,
    digits_from_text,
    hold_mix,
    is_right,
    label_index,
    match_words,
    menu_target,
    next_index,
    retract_spans,
    successors,
)
from scripts.farend_process import SCENARIOS


def _dbfs(samples: np.ndarray) -> float:
    return 20 * np.log10(np.sqrt(np.mean(samples.astype(np.float64) ** 2)) / 32768 + 1e-12)


def _scenario(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "s.toml"
    path.write_text(text)
    return path


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.toml")), ids=lambda p: p.stem)
def test_every_packaged_scenario_loads(path):
    data = load_scenario(path)
    assert data["step"] and set(data) - {"_dir"} <= SCENARIO_KEYS


def test_the_new_scenarios_are_packaged():
    names = {p.stem for p in SCENARIOS.glob("*.toml")}
    assert {"host_long_greeting", "closed_office_beep", "voicemail_no_beep", "call_screening", "let_me_check",
            "sip_hold", "noisy_shop"} <= names


def test_the_menu_scenarios_are_packaged():
    for name in ("airline_menu", "doctor_speech_menu", "loop_until_zero", "dead_end", "utility_no_speak"):
        steps = load_scenario(SCENARIOS / f"{name}.toml")["step"]
        menus = [step for step in steps if "menu" in step]
        assert menus and all("right" in step for step in menus), name


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ('[[step]]\nsay = "hi"\nloud = 3\n', "loud"),
        ('[[step]]\nsay = "hi"\nlisten = true\n', "one action per step"),
        ("[[step]]\noptional = true\n", "does nothing"),
        ("[[step]]\nsilence_s = -1\n", "silence_s"),
        ("[[step]]\nrecord_s = \"long\"\n", "record_s"),
        ('[[step]]\nsay = "hi"\nvoice = "piper:joe"\n', "voice"),
        ('[bed]\nkind = "workshop"\nvolume = -30\n[[step]]\nsay = "hi"\n', "volume"),
        ('[bed]\nkind = "factory"\n[[step]]\nsay = "hi"\n', "factory"),
        ('[bed]\nkind = "street"\nlevel_dbfs = 3\n[[step]]\nsay = "hi"\n', "level_dbfs"),
        ('[bed]\nkind = "radio"\nradio = "tv"\n[[step]]\nsay = "hi"\n', "radio"),
        ('colour = "red"\n[[step]]\nsay = "hi"\n', "colour"),
    ],
)
def test_the_checker_names_what_is_wrong(tmp_path, text, named):
    with pytest.raises(ScenarioError, match=named):
        load_scenario(_scenario(tmp_path, text))


def test_a_hold_step_may_carry_its_music(tmp_path):
    music = tmp_path / "m.wav"
    shutil.copy(Path(__file__).parents[1] / "data" / "listen" / "hold-01.wav", music)
    data = load_scenario(_scenario(tmp_path, '[[step]]\nsip_hold = true\nplay = "m.wav"\nseconds = 2\n'
                                              "[[step]]\nsip_unhold = true\n[[step]]\nbeep = true\nbeep_hz = 1400\n"))
    assert [sorted(step) for step in data["step"]] == [["play", "seconds", "sip_hold"], ["sip_unhold"],
                                                       ["beep", "beep_hz"]]


def test_bed_defaults_and_kind_list():
    assert check_bed({"kind": "kitchen"}, "x") == {"kind": ["kitchen"], "level_dbfs": -35.0, "seed": 1,
                                                   "radio": "music"}
    assert check_bed({"kind": ["workshop", "radio"], "radio": "talk"}, "x")["kind"] == ["workshop", "radio"]


def _kinds_available() -> list[str]:
    kinds = ["workshop", "kitchen", "street"]
    if list(MOH_DIR.glob("*.wav")):
        kinds.append("radio")
    return kinds


@pytest.mark.parametrize("kind", _kinds_available())
def test_each_bed_is_a_seeded_loop_at_its_level(kind):
    bed = make_bed([kind], level_dbfs=-30.0, seed=3, seconds=20.0)
    assert bed.dtype == np.int16 and len(bed) == 20 * 8000 and len(bed) % 160 == 0
    assert abs(_dbfs(bed) + 30.0) < 0.5
    assert np.abs(bed).max() < 32767  # impacts are limited, never clipped
    assert np.array_equal(bed, make_bed([kind], level_dbfs=-30.0, seed=3, seconds=20.0))
    assert not np.array_equal(bed, make_bed([kind], level_dbfs=-30.0, seed=4, seconds=20.0))


def test_workshop_is_impacts_and_machines_over_a_quieter_room():
    bed = make_bed(["workshop"], level_dbfs=-32.0, seed=1, seconds=60.0)
    frames = np.array([_dbfs(f) for f in bed.reshape(-1, 160)])
    assert np.percentile(frames, 95) - np.percentile(frames, 50) > 12  # hammer blows and the grinder stand out
    assert np.percentile(frames, 10) > -60  # and the room is never digitally silent


@pytest.mark.skipif(not shutil.which("espeak-ng"), reason="espeak-ng not installed")
def test_talk_radio_is_speech_in_the_phone_band():
    bed = make_bed(["radio"], level_dbfs=-30.0, seed=2, seconds=20.0, radio="talk")
    spectrum = np.abs(np.fft.rfft(bed.astype(np.float64)))
    freqs = np.fft.rfftfreq(len(bed), 1 / 8000)
    in_band = spectrum[(freqs > 250) & (freqs < 3300)].sum()
    assert in_band / spectrum.sum() > 0.8
    frames = np.array([_dbfs(f) for f in bed.reshape(-1, 160)])
    assert np.percentile(frames, 90) - np.percentile(frames, 10) > 10  # words and pauses, not a steady hiss


def test_mixed_kinds_keep_the_level():
    kinds = [k for k in BED_KINDS if k in _kinds_available()]
    assert abs(_dbfs(make_bed(kinds, level_dbfs=-40.0, seed=1, seconds=10.0)) + 40.0) < 0.5


def test_beep_is_a_tone_after_a_pause():
    beep = beep_tone(1400.0, 0.5, lead_s=0.3)
    assert len(beep) == int(0.8 * 8000)
    assert not beep[: int(0.3 * 8000)].any()
    tone = beep[int(0.3 * 8000) :].astype(np.float64)
    peak_hz = np.argmax(np.abs(np.fft.rfft(tone))) * 8000 / len(tone)
    assert abs(peak_hz - 1400) < 5
    assert abs(_dbfs(tone) + 12.0) < 0.5


def test_bed_playout_mixes_the_bed_under_every_frame():
    bed = (np.arange(320) % 50 * 10).astype(np.int16)  # two frames, a recognisable ramp
    playout = BedPlayout(bed)
    marks: list[int] = []
    playout.on_mark = marks.append
    voice = np.full(160, 1000, dtype="<i2")
    playout.push(voice.tobytes())
    playout.mark(7)
    first = np.frombuffer(playout.pop_frame(), dtype="<i2")
    second = np.frombuffer(playout.pop_frame(), dtype="<i2")  # nothing left to say: the bed alone
    third = np.frombuffer(playout.pop_frame(), dtype="<i2")  # the loop wraps around
    assert np.array_equal(first, bed[:160] + 1000)
    assert np.array_equal(second, bed[160:])
    assert np.array_equal(third, bed[:160])
    assert marks == [7] and playout.frames_played == 1


def test_bed_playout_clips_instead_of_wrapping():
    playout = BedPlayout(np.full(160, 30000, dtype=np.int16))
    playout.push(np.full(160, 30000, dtype="<i2").tobytes())
    assert np.frombuffer(playout.pop_frame(), dtype="<i2").min() == 32767


def test_bed_playout_needs_whole_frames():
    with pytest.raises(ValueError):
        BedPlayout(np.zeros(100, dtype=np.int16))


@pytest.mark.parametrize(
    ("kind", "text", "value"),
    [("time", "At 9 am.", "9:00 am"), ("party_size", "For four people.", "4"),
     ("name", "The name is Alex Smith.", "Alex Smith"), ("phone", "The number is 5 5 5, 0 1 4 2.", "5550142"),
     ("name", "Sorry, what was it you need from me?", None), ("name", "Could you hold on a moment?", None)],
)
def test_capture(kind, text, value):
    assert capture(kind, text) == value


# ---- phone menus (scripts/farend_ivr.py) ------------------------------------------------------------
_MUSIC = "/usr/share/asterisk/moh/manolo_camp-morning_coffee.wav"


def _menu_scenario(extra: str = "") -> str:
    return ('[[step]]\nlabel = "main"\nmenu = "For sales, press 1. For support, press 2."\n'
            'keys = {"1" = "sales", "2" = "support", "9" = "repeat"}\n' + extra +
            '[[step]]\nlabel = "sales"\nsay = "Sales is closed."\ngoto = "main"\n'
            '[[step]]\nlabel = "support"\ncollect = "Enter your number."\nexpect = "4711"\n'
            '[[step]]\nhangup = true\n')


def test_a_menu_scenario_loads(tmp_path):
    data = load_scenario(_scenario(tmp_path, _menu_scenario('right = "2"\nno_input_goto = "main"\n')))
    assert label_index(data["step"]) == {"main": 0, "sales": 1, "support": 2}


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ('[[step]]\ngoto = "nowhere"\n', r"step 1: goto = 'nowhere': no step has label 'nowhere'"),
        ('[[step]]\nlabel = "a"\nsay = "hi"\n[[step]]\nlabel = "a"\nsay = "ho"\n', "step 2: label 'a' is already"),
        ('[[step]]\nlabel = "next"\nsay = "hi"\n', "reserved"),
        ('[[step]]\nlabel = ""\nsay = "hi"\n', "label must be"),
        ('[[step]]\nmenu = "Press 1."\nkeys = {"12" = "next"}\n', "keys: '12' is not a key"),
        ('[[step]]\nmenu = "Press 1."\nkeys = {"x" = "next"}\n', "keys: 'x' is not a key"),
        ('[[step]]\nmenu = "Press 1."\nkeys = {"1" = 3}\n', "keys: '1' must map to a label"),
        ('[[step]]\nmenu = "Press 1."\nkeys = "1"\n', "keys must be a table"),
        ('[[step]]\nmenu = "Press 1."\nkeys = {"1" = "sales"}\n', r"step 1: keys.1 = 'sales': no step has label"),
        ('[[step]]\nmenu = "Press 1."\nwords = {"sales" = "nope"}\n', r"words.sales = 'nope'"),
        ('[[step]]\nmenu = ""\nkeys = {"1" = "next"}\n', "menu needs the prompt text"),
        ('[[step]]\nmenu = true\nkeys = {"1" = "next"}\n', "menu needs the prompt text"),
        ('[[step]]\nmenu = "Press 1."\n', "a menu needs keys"),
        ('[[step]]\nmenu = "Press 1."\nkeys = {"1" = "next"}\nright = "2"\n', "right: '2' is in neither"),
        ('[[step]]\nmenu = "Press 1."\nkeys = {"1" = "next"}\nno_input_repeats = -1\n', "no_input_repeats"),
        ('[[step]]\nmenu = "Press 1."\nkeys = {"1" = "next"}\ngoto = "x"\n[[step]]\nlabel = "x"\nsay = "a"\n',
         "goto cannot follow 'menu'"),
        ('[[step]]\nmenu = "Press 1."\nkeys = {"1" = "next"}\nno_input_goto = "gone"\n', "no_input_goto = 'gone'"),
        ('[[step]]\nsay = "hi"\nkeys = {"1" = "next"}\n', "'keys' belongs to a menu step"),
        ('[[step]]\ncollect = ""\n', "collect needs the prompt text"),
        ('[[step]]\ncollect = "Enter it."\nexpect = 4711\n', "expect must be a string"),
        ('[[step]]\ncollect = "Enter it."\nexpect = "47a1"\n', "expect must be a string"),
        ('[[step]]\ncollect = "Enter it."\nmax_digits = 0\n', "max_digits"),
        ('[[step]]\ncollect = "Enter it."\nuntil = "##"\n', "until"),
        ('[[step]]\ncollect = "Enter it."\nfail_goto = "x"\n', "fail_goto = 'x'"),
        ('[[step]]\ncollect = "Enter it."\nspeech = "no"\n', "speech"),
        ('[[step]]\nhold_s = 30\n', "hold_s needs play"),
        (f'[[step]]\nhold_s = 0\nplay = "{_MUSIC}"\n', "hold_s must be a positive"),
        (f'[[step]]\nhold_s = 30\nplay = "{_MUSIC}"\nannounce = "hello"\n', "announce must be a list"),
        ('[[step]]\nsay = "hi"\nannounce = ["hello"]\n', "'announce' belongs to a hold_s step"),
        ('[[step]]\nsay = "hi"\nhangup = true\n', "one action per step"),
        ('[[step]]\nlabel = "x"\nhangup = true\ngoto = "x"\n', "goto cannot follow 'hangup'"),
    ],
)
def test_the_checker_names_what_is_wrong_in_a_menu(tmp_path, text, named):
    with pytest.raises(ScenarioError, match=named):
        load_scenario(_scenario(tmp_path, text))


def test_goto_may_follow_a_line_and_hold_carries_its_music(tmp_path):
    data = load_scenario(_scenario(tmp_path, f'[[step]]\nlabel = "a"\nhold_s = 20\nplay = "{_MUSIC}"\ngain_db = -8\n'
                                              'announce = ["Please hold."]\n[[step]]\nsay = "hi"\ngoto = "a"\n'))
    assert [sorted(step) for step in data["step"]] == [["announce", "gain_db", "hold_s", "label", "play"],
                                                       ["goto", "say"]]


def _steps(text: str) -> list[dict]:
    return tomllib.loads(text)["step"]


def test_next_index_follows_jumps():
    labels = {"main": 0, "sales": 3}
    assert next_index(labels, 2, None) == 3
    assert next_index(labels, 2, "next") == 3
    assert next_index(labels, 2, "repeat") == 2
    assert next_index(labels, 2, "sales") == 3 and next_index(labels, 5, "main") == 0


def test_closing_only_matches_the_linear_rule():
    steps = _steps('[[step]]\nsay = "a"\n[[step]]\nlisten = true\n[[step]]\nsay = "bye"\n'
                   '[[step]]\nlisten = true\noptional = true\n[[step]]\nhangup = true\n')
    needed = max(i for i, st in enumerate(steps, 1) if not (st.get("hangup") or st.get("optional")))
    assert [closing_only(steps, {}, i) for i in range(len(steps))] == [i + 1 > needed for i in range(len(steps))]
    assert closing_only(steps, {}, len(steps))  # past the end


def test_closing_only_follows_the_menu_branches():
    steps = _steps(_menu_scenario())
    labels = label_index(steps)
    assert not closing_only(steps, labels, 0)  # the menu itself needs the caller
    assert closing_only(steps, labels, 3)
    dead = _steps('[[step]]\nlabel = "m"\nmenu = "Press 1."\nkeys = {"1" = "bye"}\n'
                  '[[step]]\nlabel = "bye"\nhangup = true\n')
    assert closing_only(dead, label_index(dead), 1) and not closing_only(dead, label_index(dead), 0)
    assert successors(dead, label_index(dead), 0) == {1}


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("4 8 2 9 1 3", "482913"),
        ("It's 482913.", "482913"),
        ("482-913, pound", "482913"),
        ("four eight two nine one three", "482913"),
        ("Four, seven, one, one.", "4711"),
        ("eight eight one two three four five six", "88123456"),
        ("double eight one two, three four five six", "88123456"),
        ("one oh four", "104"),
        ("Oh, sure, it's 4711", "4711"),
        ("My account number is 8812 3456.", "88123456"),
        ("I don't have it", ""),
        ("triple seven", "777"),
    ],
)
def test_digits_from_text(text, digits):
    assert digits_from_text(text) == digits


def test_match_words_from_the_start_of_a_word():
    words = {"appointment": "a", "billing": "b", "operator": "o", "one": "a", "front desk": "o"}
    assert match_words(words, "Appointments, please.") == "appointment"
    assert match_words(words, "I'd like to book an APPOINTMENT") == "appointment"
    assert match_words(words, "my phone bill") is None  # 'one' is not in 'phone', 'billing' not in 'bill'
    assert match_words(words, "The front desk, please") == "front desk"
    assert match_words(words, "One.") == "one"


def test_menu_target_and_right():
    step = {"menu": "x", "keys": {"1": "a", "9": "repeat"}, "words": {"sales": "a", "1": "b"}, "right": ["1", "Sales"]}
    assert menu_target(step, "1", spoken=False) == "a"
    assert menu_target(step, "1", spoken=True) == "b"
    assert menu_target(step, "9", spoken=False) == "repeat"
    assert menu_target(step, "5", spoken=False) is None and menu_target(step, None, spoken=True) is None
    assert is_right(step, "1") is True and is_right(step, "sales") is True and is_right(step, "9") is False
    assert is_right(step, None) is False
    assert is_right({"menu": "x", "keys": {"1": "a"}}, "1") is None


def test_a_key_by_two_routes_is_one_press():
    dedup = KeyDeduper(0.3)
    assert dedup.accept(KeyPress("5", "rfc4733", 10.0))
    assert not dedup.accept(KeyPress("5", "in-band", 10.05))  # the same press, heard as a tone too
    assert dedup.accept(KeyPress("5", "rfc4733", 10.2))  # a second press by the same route
    assert dedup.accept(KeyPress("5", "in-band", 10.6))  # too late to be a copy
    assert dedup.accept(KeyPress("6", "rfc4733", 10.65))  # another key
    assert dedup.accept(KeyPress("6", "info", 11.0))
    dedup.reset()
    assert dedup.accept(KeyPress("6", "in-band", 11.1))


def test_hold_mix_ducks_the_music_under_each_announcement():
    music = (np.sin(2 * np.pi * 440 * np.arange(8000) / 8000) * 8000).astype(np.int16)  # 1 s: loops
    voice = np.full(4000, 3000, dtype=np.int16)  # 0.5 s
    pcm, placed = hold_mix(music, 10.0, [voice, voice[:2000]], every_s=3.0)
    assert len(pcm) == 80000
    assert placed == [(24000, 28000, 0), (48000, 50000, 1), (72000, 76000, 0)]  # in turn, over again
    start, end, _ = placed[0]
    under = pcm[start:end].astype(np.float64) - 3000
    assert abs(_dbfs(under) - _dbfs(music) + 6.0) < 0.3  # the music goes on 6 dB down under the words
    assert abs(_dbfs(pcm[40000:44000]) - _dbfs(music)) < 0.3  # and at full level between them


def test_hold_mix_leaves_out_an_announcement_that_would_not_finish():
    voice = np.full(16000, 1000, dtype=np.int16)  # 2 s
    _, placed = hold_mix(np.zeros(800, dtype=np.int16), 7.0, [voice], every_s=3.0)
    assert placed == [(24000, 40000, 0)]  # at 3 s; the next, at 6 s, would run past 7 s


def test_retract_spans_takes_a_tone_out_of_the_talk():
    spans = [[1.0, 2.0], [5.0, 5.1]]
    retract_spans(spans, 5.0)
    assert spans == [[1.0, 2.0]]
    spans = [[1.0, 2.0]]
    retract_spans(spans, 1.5)  # talk ran straight into the tone
    assert spans == [[1.0, 1.48]]
    spans = [[1.0, 2.0]]
    retract_spans(spans, 3.0)
    assert spans == [[1.0, 2.0]]


@pytest.mark.parametrize("text, code", [
    ("Perfect, thank you! So that's tomorrow at 7:30 pm for 4 under Alex Smith, code 4 7 1 1 9. Is that right?",
     "47119"),
    ("So that's Friday at 8 for 2, code four seven one nine. Is that right?", "4719"),
    ("Perfect, thank you so much. Goodbye.", None),
    ("Sorry about that. Code 4 7 1 9. Is that right?", "4719"),
    # Whisper lost the word "code": a host still hears the number read back, and no time of day is one.
    ("perfect. thank you, so that saturday at 10 am under maria delgado co 3 817 is that right?", "3817"),
    ("So that's Friday at 8 for 2 under Alex. Is that right?", None),
])
def test_the_code_in_a_read_back(text, code):
    assert code_read_back(text) == code


def test_check_code_belongs_to_a_listen_step_and_is_digits(tmp_path):
    with pytest.raises(ScenarioError, match="check_code must be the code's digits"):
        load_scenario(_scenario(tmp_path, '[[step]]\nlisten = true\ncheck_code = "47a"\n'))
    with pytest.raises(ScenarioError, match="belong to a listen step"):
        load_scenario(_scenario(tmp_path, '[[step]]\nsay = "hi"\ncheck_code = "4719"\n'))


@pytest.mark.parametrize("text, asks", [
    ("Perfect, thank you! So that's tomorrow at 7:30 pm for 4 under Alex Smith, code 4 7 1 9. Is that right?", True),
    ("Sorry, just to check we asked for 7:30 pm is it booked for 7:30 pm", True),  # Whisper left out the marks
    ("Great, thank you so much! Goodbye.", False),
    ("For 4 people.", False),
])
def test_a_question_from_the_caller(text, asks):
    assert asks_something(text) is asks


@pytest.mark.parametrize("text, asks", [
    ("Sorry, I didn't quite catch that. Could you say it again?", True),
    ("Pardon?", True),
    ("Sorry, I couldn't hear you.", True),
    ("Could you repeat that, please?", True),
    ("Come again?", True),
    ("I didnt catch that", True),
    ("The name is Alex Smith.", False),
    ("Could you check again for Saturday?", False),
    ("Thank you, bye.", False),
])
def test_the_caller_asking_for_our_line_again(text, asks):
    assert asks_to_repeat(text) is asks


@pytest.mark.parametrize("text, asks", [
    ("Sorry, I want to be sure I have it right. Could you read me the code one character at a time?", True),
    ("Could you spell the reference for me?", True),
    ("Can I have the code again, 1 digit at a time?", True),
    ("Perfect, thank you! So that's tomorrow at 7:30 pm for 4 under Alex Smith, code 4 7 1 9. Is that right?", False),
    ("Could I get a confirmation number for that?", False),
    ("Could you say that again?", False),
])
def test_the_caller_asking_for_the_code_itself_is_read_it(text, asks):
    assert asks_for_code(text) is asks
    assert spelled_code("4719") == "four, seven, one, nine" and spelled_code("K742") == "K, seven, four, two"


def test_answer_belongs_to_a_listen_step_and_is_words(tmp_path):
    with pytest.raises(ScenarioError, match="belong to a listen step"):
        load_scenario(_scenario(tmp_path, '[[step]]\nsay = "hi"\nanswer = "Yes."\n'))
    with pytest.raises(ScenarioError, match="answer must be the words to say"):
        load_scenario(_scenario(tmp_path, '[[step]]\nlisten = true\nanswer = " "\n'))


def test_an_agent_utterance_that_stops_before_our_line_ends_is_no_reply_to_it():
    from types import SimpleNamespace

    from agent.speech.listen import SpeechEnded
    from scripts.farend import FarEnd

    # our line played 100.0-104.0 s on the clock; the segmenter's clock starts at the answer (90.0 s)
    sim = SimpleNamespace(_said_start=100.0, _said_end=104.0, _answered_at=90.0)
    cut_off = SpeechEnded(t=11.3, audio=b"", start_t=10.6)  # 100.6-101.3 s: began and stopped under our line
    in_our_pause = SpeechEnded(t=10.5, audio=b"", start_t=9.8)  # 99.8-100.5 s: begun in our pause, then cut off
    earlier = SpeechEnded(t=9.5, audio=b"", start_t=8.0)  # over before our line began
    reply = SpeechEnded(t=16.0, audio=b"", start_t=14.8)  # after our line: the answer to it
    early_reply = SpeechEnded(t=15.0, audio=b"", start_t=13.7)  # began just before our end, went on after it
    assert FarEnd._not_a_reply(sim, cut_off) == FarEnd._not_a_reply(sim, in_our_pause) == "talked-over"
    assert FarEnd._not_a_reply(sim, earlier) == "before-our-line"
    assert FarEnd._not_a_reply(sim, reply) == FarEnd._not_a_reply(sim, early_reply) == ""
    assert FarEnd._not_a_reply(SimpleNamespace(_said_start=100.0, _said_end=None, _answered_at=90.0), cut_off) == ""
