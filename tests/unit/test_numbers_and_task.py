"""Destinations and task files: bad input is named before anything is dialled."""

from __future__ import annotations

import re

import pytest

from agent.app.numbers import parse_destination
from agent.conversation.task import load_task_file, merge_task
from agent.errors import NumberError, TaskFileError


@pytest.mark.parametrize("text,expected", [
    ("+1 (555) 010-0100", "+15550100100"),
    ("0044 20 7946 0000", "+442079460000"),
    ("+15550100", "+15550100"),
    ("tel:+1-555-010-0100", "+15550100100"),  # a phone link copied from a web page (RFC 3966)
    ("TEL:+44.20.7946.0000", "+442079460000"),
])
def test_e164_normalised(text, expected):
    dest = parse_destination(text)
    assert dest.is_number and dest.text == expected
    assert dest.uri("trunk.example") == f"sip:{expected}@trunk.example"


@pytest.mark.parametrize("text,why", [
    ("555-0100", "international form"),
    ("+1555abc0", "unexpected character 'a'"),
    ("+0123456", "not starting with 0"),
    ("+12", "7 to 15 digits"),
    ("", "empty"),
    ("sip:a@b:99999", "out of range"),
    ("sip:", "not a valid SIP URI"),
    ("tel:555-0100", "international form"),
    ("tel:+1-555-010-0100;ext=12", "parameters \\(ext=12\\) cannot be dialled"),
])
def test_bad_numbers_say_why(text, why):
    with pytest.raises(NumberError, match=why):
        parse_destination(text)


def test_number_without_trunk_is_refused():
    with pytest.raises(NumberError, match="needs a \\[trunk\\]"):
        parse_destination("+15550100").uri(None)


def test_sip_uri_passes_through():
    dest = parse_destination("sip:luigis@127.0.0.1:5070")
    assert not dest.is_number and dest.uri(None) == "sip:luigis@127.0.0.1:5070"


def test_task_file_and_command_line_merge(tmp_path):
    path = tmp_path / "task.toml"
    path.write_text('goal = "Book a table"\nparty = "Luigi\'s"\n[facts]\nname = "Alex"\nparty_size = 4\n')
    task = merge_task(load_task_file(path), None, ["name=Sam Smith"])
    assert task.goal == "Book a table" and task.party == "Luigi's"
    assert task.values() == {"name": "Sam Smith", "party_size": "4"}


@pytest.mark.parametrize("body,why", [
    ('goal = "x"\ncolour = "red"\n', "unknown key 'colour'"),
    ('goal = 3\n', "'goal' must be a string"),
    ('goal = "x"\nfacts = "name"\n', "'facts' must be a table"),
    ('goal = "x"\n[facts]\nName = "A"\n', "lower_snake_case"),
    ('goal = "x"\n[facts]\nname = ["a"]\n', "must be text or a number"),
    ('goal = "x\n', "not valid TOML"),
    ('goal = "x"\n[facts]\ncard = { value = "1", share = "secret" }\n', "facts.card.share: unknown level 'secret'"),
    ('goal = "x"\n[facts]\ncard = { share = "never" }\n', "has no value"),
    ('goal = "x"\n[facts]\ncard = { value = "1", colour = "red" }\n', "unknown key 'colour'"),
    ('goal = "x"\n[accept]\ntime = "21:00-19:00"\n', "accept.time: '21:00-19:00' ends before it starts"),
    ('goal = "x"\n[accept]\ntime = "after dinner"\n', "accept.time"),
    ('goal = "x"\n[accept]\ndate = "someday"\n', "accept.date"),
    ('goal = "x"\n[accept]\nmax_price = "cheap"\n', "accept.max_price"),
    ('goal = "x"\n[accept]\nparty_size = "6-2"\n', "accept.party_size"),
    ('goal = "x"\npersona = { who = "me" }\n', "persona: unknown key 'who'"),
    ('goal = "x"\nbring_back = "code"\n', "'bring_back' must be a list"),
])
def test_bad_task_file_names_the_key(tmp_path, body, why):
    path = tmp_path / "task.toml"
    path.write_text(body)
    with pytest.raises(TaskFileError, match=re.escape(why)):
        load_task_file(path)


def test_task_needs_a_goal():
    with pytest.raises(TaskFileError, match="no goal"):
        merge_task(None, None, [])


def test_bad_fact_option():
    with pytest.raises(TaskFileError, match="expected key=value"):
        merge_task(None, "Book", ["name"])


def test_machine_policy_from_the_task_file_and_the_command_line(tmp_path):
    path = tmp_path / "task.toml"
    path.write_text('goal = "Book a table"\non_machine = "hang_up"\nmachine_message = "Call Alex back."\n')
    task = merge_task(load_task_file(path), None, [])
    assert (task.on_machine, task.machine_message) == ("hang_up", "Call Alex back.")
    assert merge_task(load_task_file(path), None, [], on_machine="leave-message").on_machine == "leave_message"
    assert merge_task(None, "Book", []).on_machine == "leave_message"


def test_an_unknown_machine_policy_is_named():
    with pytest.raises(TaskFileError, match="on_machine 'shout'"):
        merge_task(None, "Book", [], on_machine="shout")


def test_the_goal_names_the_day_and_time_it_moves_to():
    from agent.conversation.slots import derive_facts

    assert derive_facts("Change Luna's dental cleaning from Tuesday to Thursday, same time (8 am drop-off)") == {
        "date": "Thursday", "time": "8 am"}
    assert derive_facts("Change my flight on 3 May to the same flight on 5 May") == {"date": "on 5 May"}
    assert derive_facts("Move my 9 am flight on Friday to the afternoon") == {"date": "on Friday"}
    assert derive_facts("Reserve 2 tickets for Saturday's 7:30 pm performance")["time"] == "7:30 pm"
    assert "time" not in derive_facts("Book an appointment on Monday between 2 and 5 pm")
    assert "time" not in derive_facts("Book a haircut on Friday 4-6 pm")
