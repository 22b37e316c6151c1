"""Reading phone menus from Whisper's text: options on either side of their keys, keys in any spelling,
requests to key data, and what the prompt announces."""

from __future__ import annotations

import pytest

from agent.menu import Menu, parse_menu


def keys_and_labels(menu: Menu) -> list[tuple[str, str]]:
    return [(o.key, o.label) for o in menu.options]


@pytest.mark.parametrize("text", [
    "Press 1 for sales. Press 2 for service. Press 3 for parts.",
    "press one for sales press two for service press three for parts",
    "For sales, press 1. For service, press 2. For parts, press 3.",
    "for sales press 1 for service press 2 for parts press 3",
    "For sales press one, for service press two, for parts press three",
])
def test_both_orders_with_and_without_punctuation(text):
    assert keys_and_labels(parse_menu(text)) == [("1", "sales"), ("2", "service"), ("3", "parts")]


def test_a_menu_may_switch_sides_once():
    menu = parse_menu("press one for new reservations press two for changes to an existing reservation "
                      "press four for baggage to speak with an agent press zero")
    assert keys_and_labels(menu) == [("1", "new reservations"), ("2", "changes to an existing reservation"),
                                     ("4", "baggage"), ("0", "speak with an agent")]
    assert [o.operator for o in menu.options] == [False, False, False, True]


def test_a_greeting_before_the_first_option_is_not_its_label():
    menu = parse_menu("thank you for calling luigis trattoria for reservations press one for our hours press two")
    assert keys_and_labels(menu) == [("1", "reservations"), ("2", "our hours")]


def test_punctuation_on_the_wrong_side_of_the_key():
    menu = parse_menu("Thanks for calling Metro Dental to schedule an appointment. Press 1 for billing. Press 2 "
                      "for all other questions. Press 3.")
    assert keys_and_labels(menu) == [("1", "schedule an appointment"), ("2", "billing"), ("3", "all other questions")]


def test_a_full_stop_after_the_key_closes_its_sentence():
    # Whisper lost two keys ("press U", "press sides") and the first words of key 3's label ("Distort" for "To
    # start"): the full stops still say each label comes before its key, so 4 is the payment plan, never 3.
    menu = parse_menu("Do not report a gas leak, press 1. to pay your bill or check your balance, press U. Distort, "
                      "stop or transfer service press 3. for questions about your build or to set up the payment "
                      "plan press 4. for information about outages in your area, press sides. To hear these "
                      "options again press 9.")
    labels = dict(keys_and_labels(menu))
    assert labels["4"] == "questions about your build or to set up the payment plan", labels
    assert "payment" not in labels["3"] and next(o for o in menu.options if o.key == "3").doubtful


@pytest.mark.parametrize("text,key", [
    ("For billing press number 2.", "2"), ("For billing press the 2 key.", "2"), ("For billing, dial 2.", "2"),
    ("For billing select option two.", "2"), ("For billing press two.", "2"), ("For billing press too.", "2"),
    ("press to for billing press one for support", "2"),  # Whisper's "to" for "two" before a label
    ("for hours press for for private dining press 5", "4"),  # and "for" for "four"
    ("To reach the operator, press oh.", "0"), ("For billing press pound.", "#"), ("For billing press hash.", "#"),
    ("For billing press the pound key.", "#"), ("For billing press the number sign.", "#"),
    ("For billing press star.", "*"), ("For billing press the star key.", "*"),
])
def test_keys_in_every_spelling(text, key):
    assert parse_menu(text).options[0].key == key


@pytest.mark.parametrize("text", [
    "If this is an emergency, hang up and dial 911.",
    "Please enter the five digit zip code of your service address.",
    "Our five star service is available around the clock.",
    "press for reservations",  # rare in a real menu: no digit with "press", so no key
    "We are open from 9 to 5, Monday through Friday.",
])
def test_no_key_where_there_is_none(text):
    assert parse_menu(text).options == ()


def test_keys_listed_without_the_verb_and_two_keys_for_one_label():
    menu = parse_menu("Please press 1 to mute or unmute yourself, 4 or 6 to decrease or increase the volume, "
                      "or 8 to exit.")
    assert keys_and_labels(menu) == [("1", "mute or unmute yourself"),
                                     ("4", "decrease or increase the volume"),
                                     ("6", "decrease or increase the volume"), ("8", "exit")]


def test_words_to_say_for_a_keyed_option():
    menu = parse_menu("To speak with an agent press 0 or say agent. For billing say billing or press 1.")
    assert [(o.key, o.words, o.operator) for o in menu.options] == [("0", "agent", True), ("1", "billing", False)]
    assert menu.speech


def test_options_offered_only_as_words():
    menu = parse_menu("Please say appointments, prescriptions, or billing.")
    assert [(o.key, o.words) for o in menu.options] == [("", "appointments"), ("", "prescriptions"), ("", "billing")]
    assert menu.speech


def test_you_can_also_say_representative():
    menu = parse_menu("For billing press 1. For technical support press 2. You can also say representative at "
                      "any time.")
    assert [(o.key, o.words, o.operator) for o in menu.options][-1] == ("", "representative", True)


def test_an_open_question_in_words():
    menu = parse_menu("Welcome to Acme. In a few words, tell me what you're calling about.")
    assert menu.free_speech and menu.speech and menu.options == ()


def test_a_person_is_no_menu():
    for text in ("Hello, this is Mark at the front desk, how can I help you?", "Dr. Lee's office, this is Karen.",
                 "Thanks for holding, this is Jenna in billing, how can I help you today?", "Hello?"):
        assert parse_menu(text).is_empty(), text


@pytest.mark.parametrize("text", ["", "   ", "ÿ€\x00 ??? ...", "press", "press press press 1 1 1 or or"])
def test_unreadable_text_never_raises(text):
    assert isinstance(parse_menu(text), Menu)


def test_operator_catch_all_and_skip_lines():
    menu = parse_menu("If you don't have your account number, press star. For all other questions, press 5. "
                      "To speak with a representative, press 0.")
    flags = {o.key: (o.operator, o.catch_all, o.skip) for o in menu.options}
    assert flags == {"*": (False, False, True), "5": (False, True, False), "0": (True, False, False)}


@pytest.mark.parametrize("text,key", [
    ("For billing press 1. To repeat these options, press 9.", "9"),
    ("For billing press 1. Press star to hear this menu again.", "*"),
    ("For billing press 1. press 9 to repeat.", "9"),
])
def test_repeat_key_is_not_an_option(text, key):
    menu = parse_menu(text)
    assert menu.repeat_key == key and [o.key for o in menu.options] == ["1"]


def test_replaying_a_message_is_an_option_not_the_repeat_key():
    menu = parse_menu("To hear the next message press 6. To repeat this message press 5.")
    assert menu.repeat_key == "" and [o.key for o in menu.options] == ["6", "5"]


def test_request_with_terminator():
    entry = parse_menu("Please enter your account number followed by the pound key.").entry
    assert entry is not None
    assert (entry.kind, entry.asked, entry.terminator, entry.speech, entry.optional) == \
        ("account_number", "account number", "#", False, False)


@pytest.mark.parametrize("text,kind,terminator", [
    ("Please say or enter your confirmation code.", "booking_reference", ""),
    ("Enter your record locator, then press hash.", "booking_reference", "#"),
    ("Please enter your 10 digit phone number.", "phone", ""),
    ("Enter your member ID followed by the star key.", "member_id", "*"),
    ("Please enter the five digit zip code of your service address.", "postcode", ""),
    ("Please enter your personal identification number followed by the pound or hash key.", "pin", "#"),
    ("Please enter your conference number followed by the pound key.", "other", "#"),
])
def test_request_kinds(text, kind, terminator):
    entry = parse_menu(text).entry
    assert entry is not None and (entry.kind, entry.terminator) == (kind, terminator)


def test_extension_at_any_time_is_optional():
    menu = parse_menu("If you know your party's extension, you may dial it at any time. For sales press 1.")
    assert menu.entry is not None and menu.entry.kind == "extension" and menu.entry.optional
    assert keys_and_labels(menu) == [("1", "sales")]


def test_say_or_enter_takes_speech_and_an_option_to_enter_is_no_request():
    assert parse_menu("Please say or enter your policy number.").entry.speech  # type: ignore[union-attr]
    menu = parse_menu("Press 1 to enter an extension. Press 2 to use the directory.")
    assert menu.entry is None and [o.key for o in menu.options] == ["1", "2"]


def test_date_formats_and_last_digits():
    dmy = parse_menu("Please enter your date of birth as day, day, month, month, year, year, year, year.").entry
    assert dmy is not None and dmy.date_order == "dmy"
    short = parse_menu("Please key in your date of birth using six digits, day, month, then year.").entry
    assert short is not None and (short.date_order, short.year_digits) == ("dmy", 2)
    last = parse_menu("Please enter the last four digits of your social security number.").entry
    assert last is not None and (last.kind, last.last_digits) == ("ssn", 4)


@pytest.mark.parametrize("text,flag", [
    ("Sorry, that is not a valid option. Please try again.", "invalid"),
    ("I'm sorry, I didn't get that.", "invalid"),
    ("sorry I didn't understand your response", "invalid"),
    ("We did not receive your selection.", "invalid"),
    ("Please hold while I transfer you.", "transfer"),
    ("Transferring you now to a representative.", "transfer"),
    ("All of our agents are busy. Please stay on the line.", "hold"),
    ("Goodbye.", "closing"),
    ("Our offices are closed. Please call back Monday through Friday.", "closing"),
])
def test_announcements(text, flag):
    menu = parse_menu(text)
    assert getattr(menu, flag), text
    assert not menu.options


def test_hold_while_transferring_is_a_transfer_not_a_queue():
    menu = parse_menu("please hold while I transfer you")
    assert menu.transfer and not menu.hold


@pytest.mark.parametrize("text,seconds", [
    ("The current wait time is approximately 5 minutes.", 300),
    ("your estimated hold time is less than two minutes", 120),
    ("Wait times may exceed twenty minutes.", 1200),
    ("The expected wait is approximately one hour.", 3600),
    ("Your call will be answered in approximately 30 seconds.", 30),
])
def test_announced_wait(text, seconds):
    assert parse_menu(text).wait_s == seconds


def test_caller_number_is_no_wait_time():
    assert parse_menu("You are currently number four in the queue.").wait_s is None


def test_a_lost_key_makes_its_neighbour_doubtful():
    menu = parse_menu("To report a new claim, press 1 to check the status of an existing claim for billing and "
                      "payments. Press 3 to speak with an agent. Press 0.")
    assert menu.incomplete
    assert {o.key: o.doubtful for o in menu.options} == {"1": False, "3": True, "0": False}


def test_key_words_left_in_a_label_make_it_doubtful():
    menu = parse_menu("to pay your bill press one for technical support press you speak with representative press "
                      "zero")
    assert [(o.key, o.doubtful) for o in menu.options] == [("1", False), ("0", True)]


def test_press_or_say_a_key_is_a_key_not_words():
    menu = parse_menu("For sales, press or say 1. For support, press or say 2.")
    assert [(o.key, o.label) for o in menu.options] == [("1", "sales"), ("2", "support")]


def test_a_speech_list_without_commas_is_split_into_its_words():
    menu = parse_menu("You can say appointment prescriptions billing or say operator.")
    assert [o.words for o in menu.options] == ["appointment", "prescriptions", "billing", "operator"]
