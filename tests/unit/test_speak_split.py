"""split_sentences and speakable: where streaming TTS may cut a reply, and how numbers are read."""

from __future__ import annotations

import pytest

from agent.speech.speak import speakable, split_sentences


def test_splits_on_sentence_punctuation_followed_by_space() -> None:
    text = "Is that right? I think so! It costs seven dollars in total."
    assert split_sentences(text) == ["Is that right?", "I think so!", "It costs seven dollars in total."]


def test_short_first_piece_joins_the_next() -> None:
    assert split_sentences("Hi. I'd like to book a table for four.") == [
        "Hi. I'd like to book a table for four."
    ]


def test_short_last_piece_joins_the_previous() -> None:
    assert split_sentences("I'd like to book a table for four. Thanks!") == [
        "I'd like to book a table for four. Thanks!"
    ]


def test_runs_of_short_pieces_gather_until_long_enough() -> None:
    assert split_sentences("Hello there. Yes. No. Okay then, we are done here.") == [
        "Hello there. Yes.",
        "No. Okay then, we are done here.",
    ]


@pytest.mark.parametrize("text", ["Yes.", "Okay, thanks!", "Hmm"])
def test_a_short_whole_text_is_one_sentence(text: str) -> None:
    assert split_sentences(text) == [text]


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty_text_gives_no_sentences(text: str) -> None:
    assert split_sentences(text) == []


def test_abbreviations_and_times_do_not_end_sentences() -> None:
    text = "Dr. Lee can see you at 7.30 a.m. on Monday. Mrs. Jones is free at 4 p.m. too."
    assert split_sentences(text) == [
        "Dr. Lee can see you at 7.30 a.m. on Monday.",
        "Mrs. Jones is free at 4 p.m. too.",
    ]


def test_decimals_and_prices_stay_whole() -> None:
    assert split_sentences("The total is $12.50 with tax. The deposit is 2.5 percent of that.") == [
        "The total is $12.50 with tax.",
        "The deposit is 2.5 percent of that.",
    ]


def test_initials_do_not_end_sentences() -> None:
    assert split_sentences("Please ask for J. R. Smith at the desk. He has the booking.") == [
        "Please ask for J. R. Smith at the desk.",
        "He has the booking.",
    ]


def test_closing_quotes_stay_with_their_sentence() -> None:
    assert split_sentences('The sign said "closed for lunch." We will call back at two.') == [
        'The sign said "closed for lunch."',
        "We will call back at two.",
    ]


def test_newlines_and_extra_spaces_are_boundaries_too() -> None:
    assert split_sentences("First we need a table.\n\nThen we need a cake.  ") == [
        "First we need a table.",
        "Then we need a cake.",
    ]


def test_no_words_are_lost() -> None:
    text = "Hi. Dr. Smith here, at 3.15 p.m. today. Is Ann in? Yes? Great, thanks a lot. Bye."
    assert " ".join(split_sentences(text)).split() == text.split()
    assert all(len(s.split()) >= 3 for s in split_sentences(text))


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Thanks for holding. +1 555 0199.", "Thanks for holding. plus 1, 5 5 5, 0 1 9 9."),
        ("Call (555) 123-4567 now.", "Call 5 5 5, 1 2 3, 4 5 6 7 now."),
        ("It is 5551234567.", "It is 5 5 5, 1 2 3, 4 5 6 7."),
        ("+44 20 7946 0958", "plus 4 4, 2 0, 7 9 4 6, 0 9 5 8"),
    ],
)
def test_phone_numbers_are_read_digit_by_digit_in_groups(written, spoken):
    assert speakable(written) == spoken


@pytest.mark.parametrize(
    "text", ["At 7:30 pm.", "For 4 people.", "Your code is 4719.", "On 2026-11-29.", "Room 12 34."]
)
def test_other_numbers_are_left_as_written(text):
    assert speakable(text) == text
