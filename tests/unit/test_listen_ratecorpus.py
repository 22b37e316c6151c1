"""The rate-shifted development corpus: its truth times move with the audio."""

from __future__ import annotations

import pytest

from scripts.listen_ratecorpus import scaled_item


def test_every_truth_time_is_divided_by_the_rate():
    item = {"file": "answer-01.wav", "kind": "amd", "seconds": 10.0, "greeting_end_t": 6.0, "beep_t": 6.4,
            "pickup_t": None, "silence_before_s": 0.8,
            "segments": [{"start": 0.0, "end": 0.8, "label": "silence"}, {"start": 0.8, "end": 6.0, "label": "x"}],
            "meta": {"text": "Hi."}}
    slow = scaled_item(item, 0.8)
    assert (slow["seconds"], slow["greeting_end_t"], slow["beep_t"], slow["silence_before_s"]) == (12.5, 7.5, 8.0, 1.0)
    assert slow["pickup_t"] is None
    assert slow["segments"][1] == {"start": 1.0, "end": 7.5, "label": "x"}
    assert slow["meta"] == {"text": "Hi.", "rate": 0.8}
    assert item["greeting_end_t"] == 6.0  # the original is left as it was


def test_a_rate_of_zero_is_refused():
    with pytest.raises(ValueError, match="above 0"):
        scaled_item({"segments": []}, 0.0)
