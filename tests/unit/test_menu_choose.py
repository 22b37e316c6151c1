"""Choosing the move at a phone menu: the goal's option, a person when unsure, facts keyed only at their level,
and the way out of a loop. Plus the bench's guarantees over the labelled corpus."""

from __future__ import annotations

from typing import Any

import pytest

from agent.conversation.task import build_task
from agent.menu import Choice, choose, next_after_loop, parse_menu
from agent.menu.choose import _guarded
from agent.menu.values import date_digits, keyed, spelled
from scripts.bench_menus import run_part

AIRLINE = ("Press 1 for new reservations. Press 2 for changes to an existing reservation. Press 3 for flight status. "
           "Press 4 for baggage. To speak with an agent, press 0.")
CLINIC = ("To make, change or cancel an appointment, press 1. For a nurse, press 2. For billing, press 3. "
          "For all other questions, press 4.")


def task(goal: str, **facts: Any):
    return build_task(goal, facts=facts)


def fields(choice: Choice) -> str:
    return " ".join([choice.kind, choice.keys, choice.say, choice.reason, choice.fact,
                     choice.option.label if choice.option else ""])


@pytest.mark.parametrize("goal,key", [
    ("Change my flight from Tuesday to Thursday", "2"),
    ("Cancel my trip to Denver", "2"),
    ("Book a flight to Boston for June 3", "1"),
    ("Check whether flight 212 is delayed", "3"),
    ("Find out if my lost suitcase has turned up", "4"),
])
def test_the_goal_picks_its_option(goal, key):
    choice = choose(parse_menu(AIRLINE), task(goal))
    assert (choice.kind, choice.keys) == ("key", key)
    assert choice.reason.startswith(f"pressed {key} for '") and f"(goal: {goal})" in choice.reason


def test_reason_line_for_the_report():
    choice = choose(parse_menu(AIRLINE), task("Change my flight"))
    assert choice.reason == "pressed 2 for 'changes to an existing reservation' (goal: Change my flight)"


def test_no_fitting_option_goes_to_a_person_then_a_catch_all_then_silence():
    assert (choose(parse_menu(AIRLINE), task("Ask whether they allow pets in the cabin")).kind,
            choose(parse_menu(AIRLINE), task("Ask whether they allow pets in the cabin")).keys) == ("operator", "0")
    catch_all = choose(parse_menu(CLINIC), task("Ask whether they accept Aetna"))
    assert (catch_all.kind, catch_all.keys) == ("key", "4")
    silent = choose(parse_menu("For appointments press 1. For directions press 2."), task("Order a pizza"))
    assert (silent.kind, silent.keys, silent.say) == ("wait", "", "")


def test_two_options_that_fit_alike_go_to_a_person():
    menu = parse_menu("For home billing press 1. For business billing press 2. For the operator press 0.")
    choice = choose(menu, task("Ask about my bill"))
    assert (choice.kind, choice.keys) == ("operator", "0")


def test_a_goal_that_asks_for_a_person():
    choice = choose(parse_menu(AIRLINE), task("Speak to a representative about my refund"))
    assert (choice.kind, choice.keys) == ("operator", "0")


def test_english_and_professional_lines():
    assert choose(parse_menu("For English, press 1. For Spanish, press 2."), task("Book a haircut")).keys == "1"
    roles = parse_menu("If you are a provider, press 1. If you are a member, press 2.")
    assert choose(roles, task("Check if my physical therapy is covered")).keys == "2"


def test_closing_empty_and_announcements():
    assert choose(parse_menu("Our offices are closed. If you'd like to leave a message, press 1. Goodbye."),
                  task("Book a cleaning")).kind == "none"
    assert choose(parse_menu("Hello, this is Mark, how can I help you?"), task("Book a cleaning")).kind == "none"
    for text in ("Please hold while I transfer you.", "The current wait time is about 5 minutes.",
                 "Sorry, I didn't get that."):
        assert choose(parse_menu(text), task("Book a cleaning")).kind == "wait", text


def test_speech_menus_take_words():
    choice = choose(parse_menu("Please say appointments, prescriptions, or billing."), task("Refill my inhaler"))
    assert (choice.kind, choice.say, choice.keys) == ("say", "prescriptions", "")
    keyed_too = choose(parse_menu("For billing say billing or press 1. For support say support or press 2."),
                       task("Pay my bill"))
    assert (keyed_too.kind, keyed_too.keys) == ("key", "1")  # a key is surer than recognition of our words
    open_question = choose(parse_menu("Briefly tell me how I can help you today."),
                           task("Cancel my gym membership, I'm moving away"))
    assert (open_question.kind, open_question.say) == ("say", "Cancel my gym membership")


# ---- requests to key data ---------------------------------------------------------------------------------------

ACCOUNT = ("Please enter your account number, followed by the pound key. If you don't know your account number, "
           "press 1. To speak with a representative, press 0.")


@pytest.mark.parametrize("level", ["share", "if_asked"])
def test_shared_and_if_asked_facts_are_keyed_with_the_terminator(level):
    choice = choose(parse_menu(ACCOUNT), task("Ask about my statement",
                                              account_number={"value": "7781-0032", "share": level}))
    assert (choice.kind, choice.keys, choice.fact) == ("enter", "77810032#", "account_number")
    assert "7781" not in choice.reason


def test_ask_principal_waits_for_approval():
    t = task("Ask about my statement", account_number={"value": "77810032", "share": "ask_principal"})
    choice = choose(parse_menu(ACCOUNT), t)
    assert (choice.kind, choice.keys, choice.fact) == ("none", "", "account_number")
    assert "needs the principal's approval" in choice.reason
    approved = choose(parse_menu(ACCOUNT), t, approved=("account_number",))
    assert (approved.kind, approved.keys) == ("enter", "77810032#")


def test_never_facts_are_never_keyed_nor_named():
    t = task("Ask about my statement", account_number={"value": "77810032", "share": "never"})
    choice = choose(parse_menu(ACCOUNT), t)
    assert (choice.kind, choice.keys) == ("key", "1")  # the menu's own way around the request
    assert "7781" not in fields(choice) and "account_number" not in fields(choice)
    no_way_round = choose(parse_menu("Please enter your date of birth followed by the pound key."),
                          task("Get my results", date_of_birth={"value": "1990-02-11", "share": "never"}))
    assert no_way_round.kind == "none" and "1990" not in fields(no_way_round) and "0211" not in fields(no_way_round)
    to_a_person = choose(parse_menu("Please enter your date of birth or press zero to speak to a representative."),
                         task("Get my results", date_of_birth={"value": "1990-02-11", "share": "never"}))
    assert (to_a_person.kind, to_a_person.keys) == ("operator", "0")


def test_a_missing_fact_takes_the_way_around():
    choice = choose(parse_menu(ACCOUNT), task("Ask about my statement"))
    assert (choice.kind, choice.keys) == ("key", "1")
    alone = choose(parse_menu("Please enter your 9 digit tracking number."), task("Where is my parcel"))
    assert alone.kind == "none" and "tracking number" in alone.reason


def test_letters_cannot_be_keyed():
    ref = {"booking_reference": "QX7R2M"}
    said = choose(parse_menu("Please say or enter your confirmation code."), task("Add a bag", **ref))
    assert (said.kind, said.say, said.keys) == ("say", "Q X 7 R 2 M", "")
    agent = choose(parse_menu("Enter your record locator on your keypad, or press 0 for an agent."),
                   task("Add a bag", record_locator="QX7R2M"))
    assert (agent.kind, agent.keys) == ("operator", "0")
    stuck = choose(parse_menu("Using your keypad, enter your booking reference followed by hash."),
                   task("Add a bag", **ref))
    assert stuck.kind == "none" and "letters" in stuck.reason


def test_fact_names_and_custom_phrases():
    custom = build_task("Ask about tuition", facts={
        "student_number": {"value": "20931177", "share": "if_asked", "asked_as": ["student id"]}})
    assert choose(parse_menu("Please enter your student ID number followed by the pound sign."), custom).keys == \
        "20931177#"
    by_key_words = choose(parse_menu("Please enter your conference number followed by the pound key."),
                          task("Join the call", conference_number="552901"))
    assert by_key_words.keys == "552901#"
    synonym = choose(parse_menu("Please enter your six digit confirmation number."),
                     task("Change my stay", confirmation_number="482913"))
    assert synonym.keys == "482913"


def test_optional_extension():
    menu = parse_menu("If you know your party's extension you may dial it at any time. For sales press 1. "
                      "For support press 2.")
    assert choose(menu, task("Speak with Rachel", extension="305")).keys == "305"
    assert choose(menu, task("Get support for my router")).keys == "2"


@pytest.mark.parametrize("value,order,year_digits,expected", [
    ("1985-03-14", "mdy", 4, "03141985"), ("March 14, 1985", "mdy", 4, "03141985"),
    ("14 March 1985", "dmy", 4, "14031985"), ("03/14/1985", "mdy", 4, "03141985"),
    ("14/03/1985", "mdy", 4, "03141985"), ("9 July 1984", "dmy", 2, "090784"), ("not a date", "mdy", 4, ""),
])
def test_dates_as_digits(value, order, year_digits, expected):
    assert date_digits(value, order, year_digits) == expected


def test_values_as_keyed_and_spelled():
    phone = parse_menu("Please enter the ten digit phone number on your account.").entry
    assert phone is not None and keyed(phone, "+1 (312) 555-0199") == "3125550199"
    zip5 = parse_menu("Please enter your 5 digit zip code.").entry
    assert zip5 is not None and keyed(zip5, "02139-4307") == "02139"
    last4 = parse_menu("Please enter the last four digits of your social security number.").entry
    assert last4 is not None and keyed(last4, "123-45-6789") == "6789"
    dob = parse_menu("For verification, enter your date of birth.").entry
    assert dob is not None and keyed(dob, "1979-11-02") == "11021979"
    assert spelled("HX-449120") == "H X 4 4 9 1 2 0"


def test_the_guard_has_the_last_word():
    # whatever proposed them, keys that carry a protected value are refused (here a never-shared PIN)
    t = task("Check my balance", pin={"value": "4040", "share": "never"})
    choice = _guarded(Choice("enter", keys="40401#", fact="pin"), t, frozenset())
    assert choice.kind == "none" and "guard" in choice.reason and "4040" not in fields(choice)
    assert _guarded(Choice("key", keys="2"), t, frozenset()).keys == "2"


# ---- loops --------------------------------------------------------------------------------------------------------

def test_after_a_loop_the_operator_option():
    choice = choose(parse_menu(AIRLINE), task("Change my flight"), tried=("2",))
    assert (choice.kind, choice.keys) == ("operator", "0")


def test_loop_ladder_without_an_operator_option():
    menu = parse_menu("For returns, press 1. For order status, press 2.")
    goal = task("Return a jacket")
    assert choose(menu, goal).keys == "1"
    assert (choose(menu, goal, tried=("1",)).kind, choose(menu, goal, tried=("1",)).keys) == ("operator", "0")
    assert choose(menu, goal, tried=("1", "0")).kind == "wait"
    spoken = parse_menu("Please say returns, or order status.")
    repeat = choose(spoken, goal, tried=("returns", "0"))
    assert (repeat.kind, repeat.say) == ("operator", "representative")


def test_zero_with_another_meaning_is_not_tried():
    menu = parse_menu("For billing press 1. For outages press 2. For Spanish press 0.")
    assert choose(menu, task("Pay my bill"), tried=("1",)).kind == "wait"


def test_a_loop_count_climbs_the_ladder_and_the_budget_ends_it():
    menu = parse_menu("For returns, press 1. For order status, press 2. Or say agent.")
    assert [next_after_loop(menu, n).kind for n in (1, 2, 3, 4)] == ["operator", "operator", "operator", "wait"]
    assert [next_after_loop(menu, n).say or next_after_loop(menu, n).keys for n in (1, 2, 3)] == \
        ["agent", "0", "representative"]
    assert choose(menu, task("Return a jacket"), tried=1).say == "agent"
    assert choose(menu, task("Return a jacket"), tried=5).kind == "none"
    assert next_after_loop(menu, 5).kind == "none"


def test_a_doubtful_option_is_never_pressed():
    menu = parse_menu("To report a new claim, press 1 to check the status of any existing claim for billing and "
                      "payments. Press 3 to speak with an agent. Press 0 at anytime.")
    choice = choose(menu, task("Ask whether my home insurance claim was approved"))
    assert (choice.kind, choice.keys) == ("operator", "0")


# ---- the corpus ---------------------------------------------------------------------------------------------------

DEV_CHOICE = 0.989  # measured by scripts/bench_menus.py on the dev part
TEST_CHOICE = 0.798  # measured on the test part (held out until its first run; see tests/data/menus/LABELS.md)


@pytest.fixture(scope="module")
def bench() -> dict[str, dict[str, Any]]:
    return {part: run_part(part) for part in ("dev", "test")}


def test_no_harmful_move_and_no_never_fact_on_either_part(bench):
    for part, result in bench.items():
        assert result["harmful"] == 0, (part, [f["id"] for f in result["failures"] if any(
            p.startswith("HARM") for p in f["problems"])])
        assert result["never_leaks"] == 0, part


def test_choice_accuracy_does_not_regress(bench):
    assert bench["dev"]["choice_accuracy"] >= DEV_CHOICE - 0.02
    assert bench["test"]["choice_accuracy"] >= TEST_CHOICE - 0.03
