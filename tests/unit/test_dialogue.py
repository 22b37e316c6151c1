"""The rules dialogue answers from authorized facts and escalates what it cannot decide."""

from __future__ import annotations

from agent.dialogue import HOLD_FOR_PRINCIPAL, AssistedDialogue, RulesDialogue, opening_line
from agent.dialogue_types import Action
from agent.policy import PolicyGuard
from agent.task import build_task

TASK = build_task("Book a table for 4 tomorrow at 7:30 pm", party="Luigi's", facts={"name": "Alex Smith"})


def talk(lines):
    d = RulesDialogue(TASK)
    return [d.respond("heard", line) for line in lines]


def test_restaurant_conversation():
    actions = talk([
        "Luigi's, how can I help?",
        "Sure. For what time?",
        "And how many people?",
        "Can I get a name for the booking?",
        "Perfect. A table for 4 at 7:30 pm, under Alex Smith. Your booking code is 4 7 1 9. See you then!",
    ])
    assert actions[0].say == opening_line(TASK) == "Hi! I'd like to book a table for 4 tomorrow at 7:30 pm, please."
    assert actions[1].say == "At 7:30 pm."
    assert actions[2].say == "For 4 people."
    assert actions[3].say == "The name is Alex Smith."
    assert actions[4].outcome == "confirmed" and actions[4].hang_up
    assert actions[4].details["booking_code"] == "4719"


def test_whisper_style_code_variants():
    for said, code in [("Your booking code is 471 9.", "4719"), ("booking code is 4.719", "4719"),
                       ("Your confirmation number is L-42. Bye!", "L42")]:
        d = RulesDialogue(TASK)
        d.goal_stated = True
        assert d.respond("heard", said).details["booking_code"] == code


def test_unknown_fact_is_escalated_not_invented():
    d = RulesDialogue(TASK)
    d.goal_stated = True
    action = d.respond("heard", "Could I have a phone number?")
    assert action.say == HOLD_FOR_PRINCIPAL and action.ask_principal == "Could I have a phone number?"


def test_alternative_offer_goes_to_principal():
    d = RulesDialogue(TASK)
    d.goal_stated = True
    action = d.respond("heard", "We are full at 7:30 but 9 pm is free. Would that work?")
    assert action.ask_principal
    assert d.respond("heard", "So a table for four at 7:30, is that right?").say == "Yes, that's right."


def test_statement_and_hold_request_keep_listening():
    d = RulesDialogue(TASK)
    d.goal_stated = True
    assert d.respond("heard", "Hold on, let me check the book.") == Action(hold=True)
    assert d.respond("heard", "We have a live band tonight.") == Action()


def test_principal_answer_is_relayed():
    d = RulesDialogue(TASK)
    d.goal_stated = True
    assert d.respond("principal", "yes, 9 pm is fine").say == "Thanks for holding. Yes, 9 pm is fine."


class ScriptedWording:
    def __init__(self, action):
        self.action = action
        self.calls = 0

    def propose(self, task, facts, history):
        self.calls += 1
        return self.action


def test_llm_only_words_open_talk_and_guard_vetoes_leaks():
    wording = ScriptedWording(Action(say="My card number is 4111 1111 1111 1111."))
    d = AssistedDialogue(RulesDialogue(TASK), wording, PolicyGuard(TASK))
    assert d.respond("heard", "Luigi's, how can I help?").say.startswith("Hi!")  # rules, no model call
    assert wording.calls == 0
    assert d.respond("heard", "We have a live band tonight.") == Action()  # vetoed
    assert wording.calls == 1 and d.vetoed == 1
    wording.action = Action(say="Oh, that sounds lovely!")
    assert d.respond("heard", "We have a live band tonight.").say == "Oh, that sounds lovely!"
    assert d.respond("heard", "For what time?").say == "At 7:30 pm."
    assert wording.calls == 2


def test_questions_whisper_wrote_without_question_marks():
    d = RulesDialogue(TASK)
    d.goal_stated = True
    assert d.respond("heard", "Thanks for waiting for what time.").say == "At 7:30 pm."
    assert d.respond("heard", "and how many people").say == "For 4 people."
    assert d.respond("heard", "Great, and the name please").say == "The name is Alex Smith."
