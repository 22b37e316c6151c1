"""The scoring functions of scripts/bench_listen.py, on tiny hand-made records."""

from __future__ import annotations

from collections import Counter

import pytest

from scripts.bench_listen import (
    NONE,
    PickupOutcome,
    amd_decision,
    amd_metrics,
    check_targets,
    confusion,
    grid,
    label_confusion,
    percentile,
    pickup_metrics,
    pickup_outcome,
    precision_recall,
    predicted_labels,
    scored_mask,
    truth_labels,
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


def test_late_pickup_is_a_miss_and_a_false_pickup() -> None:
    outcome = pickup_outcome([{"event": "pickup", "t": 68.0}], pickup_t=63.9, seconds=70.0)
    assert not outcome.detected
    assert outcome.false == 1
    metrics = pickup_metrics([outcome])
    assert metrics["pickup_recall"] == 0.0
    assert metrics["pickup_latency_s_p50"] is None


def test_early_pickup_spoils_the_call_even_if_a_right_one_follows() -> None:
    records = [{"event": "pickup", "t": 20.0}, {"event": "pickup", "t": 64.0}]
    outcome = pickup_outcome(records, pickup_t=63.9, seconds=70.0)
    assert (outcome.detected, outcome.false) == (False, 1)


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


def test_amd_metrics() -> None:
    results = [(True, "machine", 3.0), (True, None, None), (False, "person", 1.0), (False, "machine", 2.0)]
    metrics = amd_metrics(results)
    assert metrics["amd_accuracy"] == 0.5
    assert metrics["amd_machine_recall"] == 0.5
    assert metrics["amd_person_recall"] == 0.5
    assert metrics["amd_undecided"] == 1
    assert metrics["amd_decision_s_p50"] == 2.0


def test_percentile_nearest_rank() -> None:
    assert percentile([], 50) is None
    assert percentile([3.0, 1.0, 2.0], 50) == 2.0
    assert percentile(range(1, 101), 95) == 95


def test_targets_pass_and_fail() -> None:
    rows = {r["metric"]: r for r in check_targets({"pickup_recall": 0.96, "talkoff_digits_per_hour": 0.5})}
    assert rows["pickup_recall"]["pass"]
    assert not rows["talkoff_digits_per_hour"]["pass"]
    assert not rows["cpu_core_fraction_per_call"]["pass"]  # missing figure fails
