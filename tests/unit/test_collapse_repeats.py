"""A decoder loop at the end of a short-window transcript is cut; real repetition stays."""

import pytest

from agent.speech.transcribe import collapse_repeats


@pytest.mark.parametrize("text,expected", [
    ("for four people, for four people, for four people, for four", "for four people,"),
    ("for four people. For Four People", "for four people."),
    ("The name is Alex Smith. The name is Alex Smith.", "The name is Alex Smith."),
    ("bye bye", "bye bye"),
    ("4 7 1 9", "4 7 1 9"),
    ("I said no, no.", "I said no, no."),
    ("", ""),
    ("your booking code is 4 7 4 7", "your booking code is 4 7 4 7"),
    ("4 7 4 7", "4 7 4 7"),
    ("the code is four seven four seven.", "the code is four seven four seven."),
])
def test_collapse(text, expected):
    assert collapse_repeats(text) == expected


def test_a_transcript_far_too_short_for_its_audio_is_taken_as_truncated():
    from agent.speech.transcribe import _truncated

    assert _truncated("I see your booking, Friday's 9 a.m. flight to Denver.", 10.3)
    assert not _truncated("I see your booking, Friday's 9 a.m. flight to Denver. I can move you to the 2:15 flight "
                          "the same day at no extra charge. Would that work?", 10.3)
    assert not _truncated("Yes.", 1.2)  # a short turn says little
