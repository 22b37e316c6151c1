"""The scoring functions of scripts/bench_listen.py, on tiny hand-made records."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest

from scripts import bench_listen
from scripts.bench_listen import (
    NONE,
    AmdOutcome,
    PickupOutcome,
    amd_confusion,
    amd_decision,
    amd_metrics,
    amd_outcome,
    amd_settled,
    check_targets,
    confusion,
    grid,
    label_confusion,
    line_goes_on,
    percentile,
    pickup_metrics,
    pickup_outcome,
    precision_recall,
    predicted_labels,
    run_files,
    score,
    scored_mask,
    second_try_found,
    truth_answer,
    truth_labels,
    with_second_try,
)

SEGMENTS = [
    {"start": 0.0, "end": 3.0, "label": "music"},
    {"start": 3.0, "end": 5.0, "label": "silence"},
    {"start": 5.0, "end": 8.0, "label": "live_speech"},
]


def test_grid_is_100_ms_points_before_the_end() -> None:
    assert grid(0.5) == [0.0, 0.1, 0.2, 0.3, 0.4]
    assert len(grid(8.0)) == 80


def test_prediction_is_the_latest_label_at_or_before_each_time() -> None:
    records = [{"t": 0.2, "label": "music"}, {"dtmf": "5", "t": 0.25}, {"t": 0.4, "label": "silence"}]
    assert predicted_labels(records, [0.0, 0.1, 0.2, 0.3, 0.4, 0.5]) == [
        NONE, NONE, "music", "music", "silence", "silence"]


def test_truth_follows_the_segments() -> None:
    assert truth_labels(SEGMENTS, [0.0, 2.9, 3.0, 4.9, 5.0, 7.9]) == [
        "music", "music", "silence", "silence", "live_speech", "live_speech"]


def test_first_second_after_each_boundary_is_not_scored() -> None:
    mask = scored_mask(SEGMENTS, grid(8.0))
    times = grid(8.0)
    unscored = [t for t, keep in zip(times, mask, strict=True) if not keep]
    assert unscored == [round(s + k / 10, 6) for s in (0.0, 3.0, 5.0) for k in range(10)]


def test_perfect_prediction_scores_one() -> None:
    records = [{"t": 0.0, "label": "music"}, {"t": 3.0, "label": "silence"}, {"t": 5.0, "label": "live_speech"}]
    labels = precision_recall(label_confusion(records, SEGMENTS, 8.0))
    for label in ("music", "silence", "live_speech"):
        assert labels[label]["precision"] == 1.0
        assert labels[label]["recall"] == 1.0
    assert labels["dtmf"] == {"precision": None, "recall": None, "frames": 0}


def test_late_decision_within_a_second_is_free_but_later_costs_recall() -> None:
    on_time = [{"t": 0.5, "label": "music"}, {"t": 3.9, "label": "silence"}, {"t": 5.9, "label": "live_speech"}]
    assert precision_recall(label_confusion(on_time, SEGMENTS, 8.0))["silence"]["recall"] == 1.0
    late = [{"t": 0.5, "label": "music"}, {"t": 4.5, "label": "silence"}, {"t": 5.9, "label": "live_speech"}]
    counts = label_confusion(late, SEGMENTS, 8.0)
    assert counts[("silence", "music")] == 5  # 4.0-4.4 s still said music
    labels = precision_recall(counts)
    assert labels["silence"]["recall"] == 0.5
    assert labels["music"]["precision"] == pytest.approx(20 / 25, abs=1e-4)


def test_confusion_counts_only_scored_points() -> None:
    counts = confusion(["a", "a", "b"], ["a", "b", "b"], [True, False, True])
    assert counts == Counter({("a", "a"): 1, ("b", "b"): 1})


def test_pickup_inside_the_window_is_detected_with_its_latency() -> None:
    outcome = pickup_outcome([{"event": "pickup", "t": 64.5}], pickup_t=63.9, seconds=70.0)
    assert outcome == PickupOutcome(True, True, 0.6, 0, 63.9)


def test_late_pickup_is_a_miss_not_a_false_pickup() -> None:
    # The person was there from 63.9 s: heard 4.1 s late is a miss, not a pickup of hold music.
    outcome = pickup_outcome([{"event": "pickup", "t": 68.0}], pickup_t=63.9, seconds=70.0)
    assert not outcome.detected
    assert (outcome.false, outcome.late) == (0, 1)
    metrics = pickup_metrics([outcome])
    assert metrics["pickup_recall"] == 0.0
    assert metrics["pickup_latency_s_p50"] is None
    assert (metrics["false_pickups"], metrics["late_pickups"]) == (0, 1)


def test_early_pickup_spoils_the_call_even_if_a_right_one_follows() -> None:
    records = [{"event": "pickup", "t": 20.0}, {"event": "pickup", "t": 64.0}]
    outcome = pickup_outcome(records, pickup_t=63.9, seconds=70.0)
    assert (outcome.detected, outcome.false, outcome.late) == (False, 1, 0)


def test_pickups_on_a_call_with_none_are_false_per_hold_hour() -> None:
    outcomes = [pickup_outcome([{"event": "pickup", "t": 100.0}], None, 1800.0),
                pickup_outcome([{"event": "pickup", "t": 1800.2}], 1800.0, 1810.0)]
    metrics = pickup_metrics(outcomes)
    assert metrics["pickup_recall"] == 1.0
    assert metrics["false_pickups"] == 1
    assert metrics["false_pickups_per_hold_hour"] == 1.0  # one in 30 + 30 minutes of hold


def test_amd_first_decision_counts() -> None:
    records = [{"t": 0.5, "label": "silence"}, {"event": "person", "t": 2.4}, {"event": "machine", "t": 3.0}]
    assert amd_decision(records) == ("person", 2.4)
    assert amd_decision([{"t": 0.5, "label": "silence"}]) == (None, None)


def test_amd_decision_skips_unknown_and_takes_menu_or_screening() -> None:
    records = [{"event": "unknown", "t": 4.0}, {"event": "beep", "t": 4.5}, {"event": "menu", "t": 6.0},
               {"event": "person", "t": 7.0}]
    assert amd_decision(records) == ("menu", 6.0)
    assert amd_decision([{"event": "unknown", "t": 4.0}]) == (None, None)
    assert amd_decision([{"event": "screening", "t": 3.1}])[0] == "screening"


def test_truth_answer_falls_back_to_the_machine_flag() -> None:
    assert truth_answer({"answer": "menu", "machine": False}) == "menu"
    assert truth_answer({"machine": True}) == "machine"
    assert truth_answer({"machine": False}) == "person"


def test_amd_outcome_reads_the_entry_and_the_first_message_event() -> None:
    entry = {"answer": "machine", "machine": True, "greeting_end_t": 5.0, "beep_t": 5.4}
    records = [{"event": "machine", "t": 3.0}, {"event": "greeting-ended", "t": 5.9}, {"event": "beep", "t": 5.6}]
    assert amd_outcome(records, entry) == AmdOutcome("machine", "machine", 3.0, 5.0, 5.4, 5.6, "machine")


def test_message_timing_after_the_greeting_and_not_before_the_beep() -> None:
    assert AmdOutcome("machine", "machine", 3.0, 5.0, 5.4, 5.6).message_ok
    assert not AmdOutcome("machine", "machine", 3.0, 5.0, 5.4, 5.2).message_ok  # greeting over, beep still to come
    assert not AmdOutcome("machine", "machine", 3.0, 5.0, None, 4.0).message_ok  # in a pause of the greeting
    assert AmdOutcome("machine", "machine", 3.0, 5.0, None, 6.5).message_ok  # no beep: after the greeting will do
    assert not AmdOutcome("machine", "machine", 3.0, 5.0, None, None).message_ok  # never said when


def test_amd_metrics() -> None:
    outcomes = [
        AmdOutcome("machine", "machine", 3.0, 5.0, 5.4, 5.6),
        AmdOutcome("machine", None, None, 4.0, None, None),
        AmdOutcome("person", "person", 1.5, 1.0),
        AmdOutcome("person", "machine", 2.0, 0.8),
        AmdOutcome("person", "person", 4.0, 0.5),
        AmdOutcome("person", None, None, None),  # answered and said nothing: undecided
        AmdOutcome("menu", "menu", 6.0, 5.5),
        AmdOutcome("screening", "person", 2.0, 4.0),
    ]
    metrics = amd_metrics(outcomes)
    assert metrics["amd_accuracy"] == 0.5
    assert metrics["person_as_machine"] == 1
    assert metrics["amd_person_recall"] == 0.5
    assert metrics["amd_machine_recall"] == 0.5
    assert metrics["amd_menu_recall"] == 1.0
    assert metrics["amd_screening_recall"] == 0.0
    assert metrics["amd_undecided"] == 2
    assert metrics["amd_decision_s_p50"] == 2.0  # person scenes decided at 1.5, 2.0 and 4.0
    assert metrics["amd_decision_after_greeting_s_p50"] == 1.2  # of 0.5, 1.2, 3.5
    assert metrics["message_timing_ok"] == 0.5
    assert metrics["person_on_music_hold"] == 0


def test_a_music_hold_heard_on_a_persons_answer_is_counted() -> None:
    records = [{"event": "person", "t": 2.0}, {"event": "hold-started", "t": 6.0, "kind": "silence"},
               {"event": "hold-started", "t": 9.0, "kind": "music"},
               {"event": "hold-started", "t": 12.0, "kind": "music"}]
    outcome = amd_outcome(records, {"answer": "person", "greeting_end_t": 1.5})
    assert outcome.music_hold_t == 9.0 and outcome.decided == "person"
    machine = amd_outcome(records[1:], {"answer": "machine", "greeting_end_t": 1.5})
    assert amd_metrics([outcome, machine])["person_on_music_hold"] == 1  # (a machine's music is no person's room)


def test_amd_confusion_rows_are_truth() -> None:
    outcomes = [AmdOutcome("person", "machine", 2.0), AmdOutcome("person", None, None),
                AmdOutcome("person", "person", 1.0), AmdOutcome("menu", "menu", 6.0)]
    assert amd_confusion(outcomes) == {"menu": {"menu": 1}, "person": {"machine": 1, "none": 1, "person": 1}}


def test_a_missed_person_is_found_on_their_second_try_only_once_there_and_in_time() -> None:
    pickup = [{"event": "pickup"}]
    assert second_try_found([{**pickup[0], "t": 82.0}], pickup_t=70.0, again_t=80.0)  # 2 s into the second try
    assert second_try_found([{**pickup[0], "t": 75.0}], pickup_t=70.0, again_t=80.0)  # late on the first: found
    assert not second_try_found([{**pickup[0], "t": 84.5}], pickup_t=70.0, again_t=80.0)  # past 4 s of it
    assert not second_try_found([{**pickup[0], "t": 40.0}, {**pickup[0], "t": 81.0}], pickup_t=70.0, again_t=80.0)
    assert not second_try_found([{"t": 81.0, "label": "live_speech"}], pickup_t=70.0, again_t=80.0)


def test_misses_are_counted_as_found_on_the_second_try_or_for_good() -> None:
    found, lost = PickupOutcome(True, False, None, 0, 70.0), PickupOutcome(True, True, 0.5, 0, 70.0)
    metrics = pickup_metrics([replace(found, second_try=True), replace(found, second_try=False), lost])
    assert (metrics["missed_picked_up_on_second_try"], metrics["missed_for_good"]) == (1, 1)
    assert metrics["pickup_recall"] == round(1 / 3, 4)


def test_the_second_try_follows_the_clip_at_the_level_of_the_persons_first_words() -> None:
    import numpy as np

    from scripts.listen_corpus import active_rms_db

    rng = np.random.default_rng(0)
    clip = np.round(rng.normal(0, 30, 80000)).astype(np.int16)  # 10 s of a line's floor
    clip[56000:72000] += (3000 * np.sin(np.arange(16000) * 0.3)).astype(np.int16)  # their words from 7 s
    voice = (500 * np.sin(np.arange(12000) * 0.2)).astype(np.int16)  # 1.5 s, far softer than they spoke
    longer, again_t = with_second_try(clip, 7.0, voice, seed=1)
    assert again_t == 13.0 and len(longer) == 80000 + 8000 * (3.0 + 1.5 + 2.0)
    assert np.array_equal(longer[:80000], clip)
    said = longer[104000:116000]
    assert abs(active_rms_db(said) - active_rms_db(clip[56000:])) < 0.4  # within 5 % of their level
    gap = longer[80000:104000].astype(np.float64)
    assert float(np.sqrt(np.mean(gap**2))) < 60  # the line goes on between: no voice


def test_only_a_missed_pickup_is_heard_again_with_the_second_try(tmp_path) -> None:
    import numpy as np

    from agent.audio import write_wav

    write_wav(tmp_path / "hold-01.wav", np.zeros(80000, dtype=np.int16), 8000)
    write_wav(tmp_path / "hold-02.wav", np.zeros(96000, dtype=np.int16), 8000)
    entries = [{"file": "hold-01.wav", "kind": "hold", "seconds": 10.0, "pickup_t": 5.0},
               {"file": "hold-01.wav", "kind": "hold", "seconds": 10.0, "pickup_t": 9.5},
               {"file": "hold-02.wav", "kind": "hold", "seconds": 12.0, "pickup_t": 11.0}]
    heard: list[int] = []

    def analyze(pcm):  # picks up at 9.7 s whatever it hears, at 2 s too in hold-02, and at 13.5 s past 13 s
        heard.append(len(pcm))
        early = [{"event": "pickup", "t": 2.0}] if len(pcm) == 96000 else []
        late = [{"event": "pickup", "t": 13.5}] if len(pcm) > 8000 * 13 else []
        return [*early, {"event": "pickup", "t": 9.7}, *late]

    runs = run_files(tmp_path, {"items": entries}, analyze)
    # 4.7 s late: a miss; 0.2 s: found; before they were there: a false pick-up, which the second try cannot mend
    assert ["second_try" in run for run in runs] == [True, False, False]
    assert runs[0]["second_try"]["t"] == 13.0 and len(heard) == 4
    rows = score(runs)["per_file"]
    assert rows[0]["picked_up_on_second_try"] is True and rows[0]["second_try_pickup_t"] == 9.7
    assert rows[1]["picked_up_on_second_try"] is None and rows[2]["picked_up_on_second_try"] is None


def test_score_puts_files_of_each_kind_together() -> None:
    hold = {"file": "hold-01.wav", "kind": "hold", "seconds": 70.0, "pickup_t": 63.9, "segments": [
        {"start": 0.0, "end": 63.9, "label": "music"}, {"start": 63.9, "end": 70.0, "label": "live_speech"}]}
    answer = {"file": "answer-01.wav", "kind": "amd", "seconds": 6.0, "answer": "person", "machine": False,
              "greeting_end_t": 1.5, "beep_t": None, "segments": [{"start": 0.0, "end": 6.0, "label": "silence"}]}
    runs = [
        {"entry": hold, "records": [{"t": 0.5, "label": "music"}, {"event": "pickup", "t": 64.4}], "cpu_s": 0.7,
         "voice_cpu_s": 0.3, "seconds": 70.0},
        {"entry": answer, "records": [{"t": 0.2, "label": "silence"}, {"event": "person", "t": 2.5}], "cpu_s": 0.06,
         "seconds": 6.0},
    ]
    section = score(runs)
    metrics = section["metrics"]
    assert metrics["pickup_recall"] == 1.0
    assert metrics["pickup_latency_s_p50"] == 0.5
    assert metrics["amd_accuracy"] == 1.0
    assert metrics["amd_decision_after_greeting_s_p50"] == 1.0
    assert metrics["message_timing_ok"] is None  # no machine scene
    assert metrics["cpu_core_fraction_per_call"] == 0.01
    assert metrics["voice_detector_core_fraction"] == round(0.3 / 76.0, 5)  # the classifier's own: the rest
    assert metrics["classifier_core_fraction"] == round(0.46 / 76.0, 5)
    assert section["amd_confusion"] == {"person": {"person": 1}}
    assert [row["file"] for row in section["per_file"]] == ["hold-01.wav", "answer-01.wav"]


def test_percentile_nearest_rank() -> None:
    assert percentile([], 50) is None
    assert percentile([3.0, 1.0, 2.0], 50) == 2.0
    assert percentile(range(1, 101), 95) == 95


def test_targets_pass_and_fail() -> None:
    rows = {r["metric"]: r for r in check_targets({"pickup_recall": 0.96, "talkoff_digits_per_hour": 0.5})}
    assert rows["pickup_recall"]["pass"]
    assert not rows["talkoff_digits_per_hour"]["pass"]
    assert not rows["classifier_core_fraction"]["pass"]  # missing figure fails


def test_equality_targets_and_skipped_targets() -> None:
    rows = {r["metric"]: r for r in check_targets({"person_as_machine": 0, "message_timing_ok": 0.9},
                                                  skip=("classifier_core_fraction",))}
    assert rows["person_as_machine"]["pass"]
    assert not rows["message_timing_ok"]["pass"]
    assert "classifier_core_fraction" not in rows


def test_the_settled_decision_is_the_last_one_after_corrections() -> None:
    records = [{"event": "person", "t": 2.5}, {"event": "screening", "t": 6.0}]
    assert amd_settled(records) == "screening" and amd_decision(records)[0] == "person"
    metrics = amd_metrics([AmdOutcome("screening", "person", 2.5, 4.0, settled="screening")])
    assert metrics["amd_accuracy"] == 0.0 and metrics["amd_accuracy_settled"] == 1.0


def test_an_answer_clip_goes_on_at_the_level_of_its_own_last_half_second():
    import numpy as np

    clip = np.concatenate([np.full(8000, 5000, dtype=np.int16), np.full(8000, 100, dtype=np.int16)])
    longer = line_goes_on(clip, 2.0, seed=1)
    assert longer.dtype == np.int16 and len(longer) == len(clip) + 16000
    assert np.array_equal(longer[: len(clip)], clip)
    rms = float(np.sqrt(np.mean(longer[len(clip):].astype(np.float64) ** 2)))
    assert 80 < rms < 120  # the line's floor, not the loud first second


def test_an_unknown_corpus_section_is_refused_by_name(capsys) -> None:
    assert bench_listen.main(["--sections", "test,holdout", "--no-dtmf-cases"]) == 2
    assert "unknown corpus holdout" in capsys.readouterr().err
