"""Who answered from the words alone, over answer wording neither listen corpus uses (its development half)."""

from __future__ import annotations

import pytest

from scripts.bench_answer_wording import load, right, score, words_decide


def test_every_development_answer_is_read_as_its_class_from_its_words():
    development = [i for i in load() if i["part"] == "development"]
    assert len(development) == 40
    assert score(development)["misses"] == []


def test_a_person_is_left_to_timing_and_a_recording_named_at_its_deciding_sentence():
    assert words_decide(["Bella Italia, how can I help you?"]) == "timing"
    assert words_decide(["You've reached Lotus Spa.", "For bookings, press one."]) == "menu"
    assert words_decide(["You've reached Lotus Spa.", "Please leave a message."]) == "machine"
    assert right("person", "timing") and not right("person", "machine") and not right("machine", "timing")


def test_a_malformed_answer_line_is_named(tmp_path):
    path = tmp_path / "wording.jsonl"
    path.write_text('{"part": "development", "answer": "person", "sentences": ["Hello?"]}\n'
                    '{"part": "dev", "answer": "robot", "sentences": []}\n')
    with pytest.raises(ValueError, match=r"wording.jsonl:2"):
        load(path)
