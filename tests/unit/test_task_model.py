"""The task model: disclosure levels, what counts as done, limits, persona; bad files are refused by key."""

import pytest

from agent.conversation.entities import Time
from agent.conversation.task import build_task, load_task_file, merge_task
from agent.errors import TaskFileError

ISSUE_EXAMPLE = '''
goal = "Book a table for 4 this Friday at 7:30 pm"
party = "Osteria Lucciola"
done_when = "booked"            # booked, changed, cancelled, reserved, answered, message_left
bring_back = ["confirmation_code"]
[facts]
name = "Delgado"                # a plain value is shared when relevant
phone = { value = "+1 650 555 0100", share = "if_asked" }
card_number = { value = "4556 7375 8689 9855", share = "never" }
[accept]
date = "friday"
time = "19:00-20:30"
max_price = "75 USD"
'''


def test_the_documented_task_file_loads(tmp_path):
    path = tmp_path / "task.toml"
    path.write_text(ISSUE_EXAMPLE)
    task = merge_task(load_task_file(path), None, [])
    assert task.done_when == "booked" and task.bring_back == ("confirmation_code",)
    assert {k: f.level for k, f in task.facts.items()} == {"name": "share", "phone": "if_asked", "card_number": "never"}
    assert task.fact("card_number") is None and task.fact("phone") == "+1 650 555 0100"
    assert task.accept.dates == ("friday",) and (task.accept.time_from, task.accept.time_to) == (19 * 60, 20 * 60 + 30)
    assert task.accept.max_price == 75 and task.accept.currency == "USD"
    assert task.accept.time_ok(Time(8, 15)) and not task.accept.time_ok(Time(9, 15))
    assert task.shared_facts() == ["name (share)", "phone (if_asked)"]


@pytest.mark.parametrize("goal,done", [
    ("Book a table for 2", "booked"), ("Cancel my dentist appointment", "cancelled"),
    ("Move my haircut to Friday", "changed"), ("Reserve the blue bike", "reserved"),
    ("Ask if they have the blue bike in stock", "answered"), ("Find out how much a tune-up costs", "answered"),
])
def test_done_when_follows_the_goal(goal, done):
    assert build_task(goal).done_when == done


def test_a_window_that_excludes_the_goals_own_time_is_a_contradiction():
    with pytest.raises(TaskFileError, match="accept.time: the window excludes the goal's own time"):
        build_task("Book a table at 7:30 pm", accept={"time": "20:00-21:00"})
    with pytest.raises(TaskFileError, match="accept.date"):
        build_task("Book a table on Friday", accept={"date": ["saturday", "sunday"]})
    # A change names the booking it leaves: its time is not the one wanted.
    task = build_task("Change my Friday 9 am flight to a later one", accept={"time": "12:00-18:00"})
    assert task.done_when == "changed" and task.accept.time_ok(Time(2, 15, "pm"))


def test_unknown_done_when_and_bring_back_are_refused():
    with pytest.raises(TaskFileError, match="done_when 'won'"):
        build_task("Book", done_when="won")
    with pytest.raises(TaskFileError, match="bring_back: unknown item 'cake'"):
        build_task("Book", bring_back=["cake"])


def test_persona_disclosure_is_on_by_default_and_can_be_turned_off():
    assert build_task("Book").persona.disclosure
    assert build_task("Book", persona={"disclosure": False}).persona.disclosure == ""
    assert build_task("Book", persona={"on_behalf_of": "Dr. Lee"}).persona.on_behalf_of == "Dr. Lee"


def test_a_fact_option_keeps_the_files_level(tmp_path):
    path = tmp_path / "task.toml"
    path.write_text('goal = "Book"\n[facts]\nphone = { value = "1", share = "if_asked" }\n')
    task = merge_task(load_task_file(path), None, ["phone=+1 555 0100"])
    assert task.facts["phone"].level == "if_asked" and task.facts["phone"].value == "+1 555 0100"


def test_a_price_ceiling_in_any_common_currency():
    from agent.conversation.constraints import parse_accept

    assert parse_accept({"max_price": "₹9000"}).max_price == 9000
    assert parse_accept({"max_price": "NZ$120"}).currency == "NZD"
    assert parse_accept({"max_price": "$1,200.50"}).max_price == 1200.5
    with pytest.raises(TaskFileError, match="max_price"):
        parse_accept({"max_price": "12,34"})
    # a ceiling on one of what is booked ("each", "per night", "a head", "/ticket"), not on a total
    for each in ("£45 each", "120 GBP per night", "$30 a head", "€20/ticket"):
        assert parse_accept({"max_price": each}).price_each, each
    assert not parse_accept({"max_price": "£45"}).price_each
    with pytest.raises(TaskFileError, match="max_price"):
        parse_accept({"max_price": "£45 each and a drink"})


def test_a_deadline_in_the_goal_is_not_its_booking_time():
    task = build_task("Book a hire car, pick up this Saturday at 9 am and return it Monday by 5 pm",
                      accept={"date": "saturday", "time": "08:30-10:00"})
    assert task.goal.startswith("Book")
    with pytest.raises(TaskFileError, match="excludes the goal's own time"):
        build_task("Book a table for 2 on Friday at 9 pm", accept={"time": "18:00-20:00"})


def test_a_custom_fact_is_asked_for_by_its_name():
    task = build_task("Arrange redelivery of my parcel on Thursday",
                      facts={"tracking_number": "PW-88412", "name": "Gemma Stokes"})
    assert task.facts["tracking_number"].asked_as == ("tracking number",)
    assert task.facts["name"].asked_as == ()


def test_the_part_of_the_day_a_goal_names_is_its_window():
    task = build_task("Book my bike in for a full service, dropping it off Tuesday morning")
    assert (task.accept.time_from, task.accept.time_to) == (7 * 60, 12 * 60)
    assert build_task("Book a table for 4 tomorrow evening at 7:30 pm").accept.time_from is None
    assert build_task("Book a check-up Friday, morning or afternoon").accept.time_from is None
    assert build_task("Book a GP appointment Tuesday morning", accept={"time": "09:00-10:00"}).accept.time_from == 540
