"""Transcript cues: which words say a recording, a voicemail, a menu or a person is talking."""

from __future__ import annotations

import pytest

from agent.line_cues import main_cue


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Your call is important to us. Please stay on the line.", "hold"),
        ("All of our agents are currently busy.", "hold"),
        ("Your estimated wait time is five minutes.", "hold"),
        ("Hi, you've reached Alex. Please leave a message after the tone.", "voicemail"),
        ("The person you are calling is not available.", "voicemail"),
        ("For appointments, press 1. For billing, press 2.", "menu"),
        ("Hi, thanks for holding, this is Dana. How can I help you?", "greeting"),
        ("Front desk, Mark speaking.", "greeting"),
        ("Hello?", "greeting"),
        ("Hello, you're through to the pharmacy.", "greeting"),
        ("Hello, all of our agents are busy. Please stay on the line.", "hold"),
        ("Hello, thank you for calling. For billing, press 2.", "menu"),
        ("Thank you for holding.", None),  # agents and recordings both say it
        ("Table for four at seven thirty.", None),
    ],
)
def test_cue_of_a_transcript(text, cue):
    assert main_cue(text) == cue
