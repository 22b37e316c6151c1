"""The policy guard refuses numbers, emails and topics the principal did not authorize."""

from agent.policy import PolicyGuard
from agent.task import build_task

TASK = build_task("Book a table for 4 at 7:30 pm", facts={"phone": "+1 555 0199", "email": "alex@example.org"})


def test_authorized_values_pass():
    guard = PolicyGuard(TASK)
    assert guard.allow("You can reach me at +1 555 0199.")[0]
    assert guard.allow("For 4 people at 7:30.")[0]
    assert guard.allow("It's alex@example.org.")[0]


def test_unauthorized_values_are_vetoed():
    guard = PolicyGuard(TASK)
    ok, why = guard.allow("My card number is 4111 1111 1111 1111.")
    assert not ok and "4111" in why
    assert not guard.allow("Write to sam@example.com")[0]
    assert not guard.allow("My date of birth is in May.")[0]


def test_numbers_they_said_may_be_echoed():
    guard = PolicyGuard(TASK)
    assert guard.allow("So 4719 is the code?", heard="Your booking code is 4719")[0]
