"""The navigator: one call's moves through a phone tree, its loops, its path, and when it gives up."""

from __future__ import annotations

from agent.conversation.dialogue import RulesDialogue
from agent.conversation.task import build_task
from agent.menu.navigator import MAX_MOVES, MenuNavigator, announced_wait

AIRLINE = ("Thank you for calling Skyway Airlines. For a new booking, press 1. For an existing reservation, press 2. "
           "For baggage, press 3. To hear these options again, press 9.")
WATER = ("To pay your bill, press 1. For your balance and due date, press 2. To report an outage, press 3. "
         "To hear these options again, press 9.")


def test_moves_make_a_path_and_keyed_facts_are_named_not_shown():
    task = build_task("Change my flight on Friday to a later one", facts={"booking_reference": "482913"})
    nav = MenuNavigator(task)
    assert nav.respond("menu", AIRLINE).keys == "2"
    action = nav.respond("menu", "Please enter your booking reference followed by the pound key.")
    assert action.keys == "482913#" and "entered the booking reference" in action.note
    assert action.details["menu_path"] == "2 (an existing reservation) > booking_reference#"
    assert "482913" not in action.details["menu_path"]


def test_announcements_and_transfers_get_no_move():
    nav = MenuNavigator(build_task("Book a table for 2 tonight"))
    for text in ("Please hold while I transfer your call.", "Your call is important to us."):
        action = nav.respond("menu", text)
        assert not action.keys and not action.say and not action.hang_up
    assert nav.path == []


def test_a_menu_that_comes_back_climbs_towards_a_person():
    nav = MenuNavigator(build_task("Ask why my water bill went up this month"))
    first = nav.respond("menu", WATER).keys
    assert first in ("1", "2", "")  # a billing line, or silence: never a random key
    moves = [first] + [nav.respond("menu", WATER).keys or "wait" for _ in range(3)]
    assert "0" in moves[:3], moves  # the usual operator key comes within the next rungs


def test_a_closing_menu_is_given_up_with_the_path():
    nav = MenuNavigator(build_task("Ask whether my lost backpack was found"))
    nav.respond("menu", "For hours press 1. For items lost on a bus, press 2.")
    action = nav.respond("menu", "Items are held at our office. Please visit us. Goodbye.")
    assert action.hang_up and action.outcome == "menu-dead-end"
    assert "path: 2" in action.reason


def test_a_never_fact_is_never_keyed_and_never_in_the_report():
    task = build_task("Check my account balance", facts={"account_number": {"value": "77123456", "share": "never"}})
    action = MenuNavigator(task).respond("menu", "Please enter your account number followed by the pound key. "
                                                 "To speak with a representative, press 0.")
    assert "7712" not in action.keys + action.say + action.note + str(dict(action.details))
    assert action.keys in ("0", "")


def test_without_keys_a_speech_menu_is_answered_in_words():
    nav = MenuNavigator(build_task("Book a checkup appointment for Thursday"))
    menu = "Please say appointments, prescriptions or billing. Or press 1 for appointments, 2 for prescriptions."
    assert nav.respond("menu", menu).keys == "1"
    action = nav.respond("keys_failed", "the peer takes none of the DTMF methods allowed")
    assert action.say.lower().startswith("appointment") and not action.keys
    # The same menu back after both: towards a person, in words.
    assert nav.respond("menu", menu).say == "Representative, please."


def test_the_depth_budget_ends_a_tree_that_never_ends():
    nav = MenuNavigator(build_task("Book a table for 2 tonight"))
    places = ["north", "south", "east", "west", "river", "harbor", "garden", "market", "station", "airport", "park",
              "plaza", "bridge", "hill", "lake", "field", "forest", "valley", "island", "canyon", "meadow", "coast",
              "desert", "glacier", "prairie", "tundra"]
    actions = [nav.respond("menu", f"For the {a} room, press 1. For the {b} room, press 2.")
               for a, b in zip(places[0::2], places[1::2], strict=True)][: MAX_MOVES + 1]
    assert actions[-1].hang_up and actions[-1].outcome == "menu-dead-end" and "menu moves" in actions[-1].reason


def test_announced_waits_in_words():
    assert announced_wait("The current wait time is approximately 2 minutes.") == "about 2 minutes"
    assert announced_wait("Thank you for holding.") == ""


def test_the_dialogue_hands_menus_to_the_navigator_and_never_talks_to_them():
    dialogue = RulesDialogue(build_task("Book a table for 2 tonight at 7 pm", facts={"name": "Alex"}), "Alex")
    action = dialogue.respond("menu", "For reservations press 1. For catering press 2.")
    assert action.keys == "1" and action.say == ""
    assert dialogue.respond("menu", "Please hold while I transfer you.").say == ""


def test_a_rejected_key_is_not_pressed_again():
    nav = MenuNavigator(build_task("Ask why my water bill went up this month"))
    first = nav.respond("menu", WATER)
    again = nav.respond("menu", f"Sorry, that is not a valid option. {WATER}")
    assert again.keys != first.keys or not first.keys
    assert "refused the last input" in again.note or not first.keys


def test_a_menu_heard_again_with_other_mishearings_is_the_same_menu():
    nav = MenuNavigator(build_task("Ask why my water bill went up this month"))
    nav.respond("menu", "And you for calling city water in power. To pay your bill, press 1 For your balance and do "
                        "day 8 Press 2 to report An out of your water leak Press 3 to hear these options again Press 9")
    again = nav.respond("menu", "To pay your bill, press 1 for your balance and do day 8. Press 2 to report and out of "
                                "your water leak. Press 3 to hear these options again. Press 9")
    assert again.keys == "0" and "came back" in again.note


def test_a_repeat_that_lost_a_key_is_still_the_same_menu():
    nav = MenuNavigator(build_task("Ask why my water bill went up this month"))
    nav.respond("menu", "Thank you for calling City Water in Power to pay your bill press one for your balance and do "
                        "they press to report an outdoor water leak press three to start stop or move service press "
                        "four to hear these options again press nine")
    again = nav.respond("menu", "To pay your bill, press 1 for your balance and do day 8. Press 2 to report and out of "
                                "your water leak. Press 3 to start. Stop or move service. Press 4 to hear these "
                                "options again. Press 9")
    assert again.keys == "0", again
