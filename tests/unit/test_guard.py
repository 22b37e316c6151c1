"""The guard refuses protected values in any form, and unauthorized numbers, emails and topics in free wording."""

import pytest

from agent.conversation.guard import Guard
from agent.conversation.task import build_task

TASK = build_task(
    "Book a table for 4 at 7:30 pm",
    facts={
        "phone": "+1 555 0199",
        "email": "alex@example.org",
        "card_number": {"value": "4556 7375 8689 9855", "share": "never"},
        "maiden_name": {"value": "Okafor", "share": "never"},
        "member_id": {"value": "QX-88213", "share": "ask_principal"},
    },
)


def test_authorized_values_pass():
    guard = Guard(TASK)
    assert guard.check("You can reach me at +1 555 0199.")[0]
    assert guard.check("For 4 people at 7:30.")[0]
    assert guard.check("It's alex@example.org.")[0]


@pytest.mark.parametrize("text", [
    "The card is 4556 7375 8689 9855.",
    "It ends in 9855.",
    "four five five six, seven three seven five",
    "nine eight five five",
    "4556-7375",
    "45567375",
    "card: 4 5 5 6",
    "it's double 5 6 7 3",  # 4 (5 5 6) -> "5567" is a window of the number
    "Her mother's maiden name is Okafor.",
    "O K A F O R",
    "o-k-a-f-o-r",
    "The member number is 88213.",
])
def test_protected_values_are_refused_in_any_form(text):
    ok, why = Guard(TASK).check(text, free=False)
    assert not ok and "disclose" in why, text


def test_protected_values_are_refused_even_when_the_business_said_them_first():
    assert not Guard(TASK).check("Yes, 4556 7375 is right.", heard="is the card 4556 7375 8689 9855")[0]


def test_an_approved_ask_principal_fact_may_be_said():
    guard = Guard(TASK)
    assert not guard.check("QX-88213", free=False)[0]
    guard.approve("member_id")
    assert guard.check("The member number is QX-88213.", free=False)[0]


def test_keys_pass_the_same_check():
    guard = Guard(TASK)
    assert not guard.check_keys("45567375")[0]
    assert guard.check_keys("1")[0]


def test_unauthorized_values_in_free_wording_are_vetoed():
    guard = Guard(TASK)
    ok, why = guard.check("My card number is 4111 1111 1111 1111.")
    assert not ok and "4111" in why
    assert not guard.check("Write to sam@example.com")[0]
    assert not guard.check("My date of birth is in May.")[0]


def test_numbers_they_said_may_be_echoed():
    assert Guard(TASK).check("So 4719 is the code?", heard="Your booking code is 4719")[0]
