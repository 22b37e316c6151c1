"""A decoder loop at the end of a short-window transcript is cut; real repetition stays."""

import pytest

from agent.transcribe import collapse_repeats


@pytest.mark.parametrize("text,expected", [
    ("for four people, for four people, for four people, for four", "for four people,"),
    ("for four people. For Four People", "for four people."),
    ("The name is Alex Smith. The name is Alex Smith.", "The name is Alex Smith."),
    ("bye bye", "bye bye"),
    ("4 7 1 9", "4 7 1 9"),
    ("I said no, no.", "I said no, no."),
    ("", ""),
])
def test_collapse(text, expected):
    assert collapse_repeats(text) == expected
