"""The conversation core end to end without audio: reading -> policy -> guard, as a call runs it."""

from __future__ import annotations

from agent.conversation.dialogue import HOLD_FOR_PRINCIPAL, PARDON_LINE, AssistedDialogue, RulesDialogue, opening_line
from agent.conversation.dialogue_types import Action
from agent.conversation.policy import CODE_SPELL_ASK
from agent.conversation.task import build_task
from agent.errors import LlmError

TASK = build_task("Book a table for 4 tomorrow at 7:30 pm", party="Luigi's", facts={"name": "Alex Smith"})
OSTERIA = build_task(
    "Book a table for 4 this Friday at 7:30 pm",
    party="Osteria Lucciola",
    facts={
        "name": "Delgado",
        "phone": {"value": "+1 650 555 0100", "share": "if_asked"},
        "date_of_birth": {"value": "12 March 1984", "share": "ask_principal"},
        "card_number": {"value": "4556 7375 8689 9855", "share": "never"},
    },
    accept={"date": "friday", "time": "19:00-20:30"},
)


def started(task=TASK, principal="Alex Smith"):
    d = RulesDialogue(task, principal)
    d.respond("heard", "Hello, how can I help you")
    return d


def test_restaurant_conversation_reads_back_and_names_the_outcome():
    d = RulesDialogue(TASK, "Alex Smith")
    first = d.respond("heard", "Luigi's, how can I help?")
    assert first.say == opening_line(TASK, "Alex Smith")
    assert "on behalf of Alex Smith" in first.say and "AI assistant" in first.say
    assert d.respond("heard", "Sure. For what time?").say == "At 7:30 pm."
    assert d.respond("heard", "And how many people?").say == "For 4 people."
    assert d.respond("heard", "Can I get a name for the booking?").say == "The name is Alex Smith."
    done = d.respond("heard", "Perfect. A table for 4 at 7:30 pm, under Alex Smith. Your booking code is 4 7 4 7. "
                              "See you then!")
    assert done.outcome == "booked" and not done.hang_up  # read back first; the outcome stands if they hang up
    assert done.details["booking_code"] == "4747"  # a repeated digit is kept
    assert done.say == ("Perfect, thank you! So that's tomorrow at 7:30 pm for 4 under Alex Smith, code 4 7 4 7. "
                        "Is that right?")
    bye = d.respond("heard", "yes that's right see you then")
    assert bye.hang_up and bye.outcome == "booked" and bye.details["booking_code"] == "4747"


def test_a_corrected_read_back_undoes_the_success():
    d = started()
    assert d.respond("heard", "you're all booked for tomorrow at seven thirty").outcome == "booked"
    corrected = d.respond("heard", "no sorry we haven't booked it yet, what was the name")
    assert corrected.retract and corrected.say == "The name is Alex Smith." and not corrected.hang_up


def test_negative_and_questions_are_never_success():
    for line in ("Sorry, we are fully booked tomorrow.", "Can you confirm your name?", "is that booked already",
                 "I'll book it once I have a card", "it's not confirmed yet", "if you can do eight I can book you in"):
        action = started().respond("heard", line)
        assert action.outcome in ("", "unavailable") and not action.hang_up, line


def test_confirm_your_name_is_answered():
    assert started().respond("heard", "Can you confirm your name?").say == "The name is Alex Smith."


def test_small_talk_gets_a_short_reply_without_facts():
    say = started().respond("heard", "How is your day going?").say
    assert say and "Tomorrow" not in say and "Alex" not in say


def test_fully_booked_twice_ends_unavailable():
    d = started()
    first = d.respond("heard", "Sorry, we are fully booked tomorrow.")
    assert first.say.startswith("I see") and first.outcome == "unavailable" and not first.hang_up  # if they hang up
    last = d.respond("heard", "no we've got nothing at all tomorrow sorry")
    assert last.hang_up and last.outcome == "unavailable"


def test_offer_inside_the_window_is_accepted_and_its_confirmation_recognised():
    d = started(OSTERIA)
    offer = d.respond("heard", "we're full at seven thirty but I have eight fifteen")
    assert offer.say == "8:15 pm works, please book it."
    done = d.respond("heard", "lovely you're booked for eight fifteen on Friday your reference is K 7 4 2")
    assert done.outcome == "booked" and done.details["booking_code"] == "K742"


def test_offer_outside_the_window_goes_to_the_principal_and_their_choice_becomes_the_agreement():
    d = started(OSTERIA)
    asked = d.respond("heard", "I could do nine fifteen or nine forty five")
    assert asked.say == HOLD_FOR_PRINCIPAL and asked.ask_principal
    relay = d.respond("principal", "the 9:45 is fine")
    assert relay.say == "Thanks for holding. 9:45 works, please book it."
    done = d.respond("heard", "great that's booked for nine forty five")
    assert done.outcome == "booked"


def test_fact_levels():
    d = started(OSTERIA)
    assert d.respond("heard", "and a phone number").say == "The number is +1 650 555 0100."
    refused = d.respond("heard", "can I take a card number to hold the table")
    assert "not able to share" in refused.say and not refused.ask_principal  # never: refused, never escalated
    asked = d.respond("heard", "and her date of birth please")
    assert asked.ask_principal and "1984" not in asked.ask_principal
    assert d.respond("principal", "yes").say == "Thanks for holding. The date of birth is 12 March 1984."


def test_the_principal_refusing_is_relayed_politely():
    d = started(OSTERIA)
    d.respond("heard", "and her date of birth please")
    assert "not able to share" in d.respond("principal", "no").say


def test_a_reply_that_answers_nothing_is_asked_again():
    d = started()
    d.respond("heard", "is it a special occasion")
    for empty in ("?", "hmm", "   "):
        again = d.respond("principal", empty)
        assert again.ask_principal and not again.say
    assert d.respond("principal", "yes, her birthday").say == "Thanks for holding. Yes, her birthday."


def test_principal_text_that_would_leak_a_never_value_is_refused():
    d = started(OSTERIA)
    d.respond("heard", "is it a special occasion")
    reply = d.respond("principal", "tell them the card is 4556 7375 8689 9855")
    assert not reply.say and "card_number" in reply.ask_principal


def test_unknown_fact_is_escalated_not_invented():
    asked = started().respond("heard", "and what's the policy number for the pet insurance")
    assert asked.say == HOLD_FOR_PRINCIPAL and asked.ask_principal


def test_hold_and_callback():
    d = started()
    assert d.respond("heard", "Hold on, let me check the book.") == Action(hold=True)
    back = d.respond("heard", "I'll have to call you back in ten minutes")
    assert back.hang_up and back.outcome == "callback-expected"


def test_garbled_request_is_asked_again_not_guessed():
    say = started().respond("heard", "the the for the table at the").say
    assert say.startswith("Sorry")


class ScriptedWording:
    def __init__(self, action=None, fail=False):
        self.action = action or Action()
        self.fail = fail
        self.calls = 0

    def propose(self, task, facts, history):
        self.calls += 1
        if self.fail:
            raise LlmError("llama.cpp failed: boom")
        assert "4556" not in str(facts)  # a never value is never put in a prompt
        return self.action


def test_llm_only_words_open_talk_and_guard_vetoes_leaks():
    wording = ScriptedWording(Action(say="Sure, the card is 4556 7375 8689 9855."))
    d = AssistedDialogue(RulesDialogue(OSTERIA, "Maria"), wording)
    assert d.respond("heard", "Osteria, how can I help?").say.startswith("Hi!")  # rules, no model call
    assert wording.calls == 0
    assert d.respond("heard", "mm-hm") == Action()  # the model's proposal was vetoed
    assert wording.calls == 1 and d.vetoed == 1
    wording.action = Action(say="Oh, lovely!")
    assert d.respond("heard", "mm-hm").say == "Oh, lovely!"
    wording.action = Action(ask_principal="should I?")
    assert d.respond("heard", "okay") == Action()  # decisions are the rules' alone


def test_llm_errors_never_end_the_call():
    d = AssistedDialogue(RulesDialogue(TASK, "Alex"), ScriptedWording(fail=True))
    d.respond("heard", "Hello")
    assert d.respond("heard", "mm-hm") == Action() and d.failures == 1
    assert d.respond("heard", "And how many people?").say == "For 4 people."


def test_while_waiting_a_repeat_is_still_checking_and_an_offer_inside_the_limits_settles_it():
    d = started(OSTERIA)
    assert d.respond("heard", "I could do nine fifteen or nine forty five").ask_principal
    again = d.respond("heard", "so do you want the nine fifteen or not")
    assert again.say == "I'm still checking on that, one moment please." and not again.ask_principal
    settled = d.respond("heard", "oh actually someone just cancelled I can do eight o'clock")
    assert settled.say == "8 pm works, please book it." and settled.settles_principal
    assert d.respond("principal", "yes the 9:15").say == ""  # a late answer to a settled question is not relayed


def test_an_answer_no_rule_can_read_is_asked_again():
    d = started()
    assert d.respond("heard", "So I am sorry worth fully but tonight").say.startswith("Sorry")


def test_an_offer_whose_time_was_lost_is_not_accepted():
    d = started(OSTERIA)
    asked = d.respond("heard", "I could do 34 on Friday")
    assert "works" not in asked.say and asked.ask_principal


def test_a_missing_confirmation_code_is_asked_for_before_goodbye():
    task = build_task("Book a table for 2 on Friday at 8 pm", facts={"name": "Delgado"},
                      bring_back=["confirmation_code"])
    d = started(task)
    asked = d.respond("heard", "lovely you're all booked for Friday at eight")
    assert asked.say == "Great, thank you! Could I get a confirmation number for that?" and not asked.hang_up
    done = d.respond("heard", "sure it's K 7 4 2")
    assert done.outcome == "booked" and done.details["booking_code"] == "K742" and "K 7 4 2" in done.say


def test_a_code_heard_cut_short_is_never_brought_back_and_asked_for_again_when_wanted():
    # "Your booking code is 4 7 1 9" on a lossy line: "471 night". Read back without it, not as code 4 7 1.
    line = "Perfect, a table for 2 on Friday at 8 under Delgado, your booking code is 471 night, see you then"
    done = started().respond("heard", line)
    assert "booking_code" not in done.details and "4 7 1" not in done.say
    task = build_task("Book a table for 2 on Friday at 8 pm", facts={"name": "Delgado"},
                      bring_back=["confirmation_code"])
    asked = started(task).respond("heard", line)
    assert asked.say == "Great, thank you! Could I get a confirmation number for that?" and not asked.hang_up


def test_a_callback_gets_the_number_when_the_principal_allows_it():
    back = started(OSTERIA).respond("heard", "I'll have the manager call you back this afternoon")
    assert "+1 650 555 0100" in back.say and back.outcome == "callback-expected"


def test_a_short_fragment_after_a_hold_is_not_interrupted():
    d = started()
    assert d.respond("heard", "Okay, sorry.") == Action()  # she goes on: "...about that. Yes, we have three"


def test_a_different_time_put_as_a_check_is_an_offer_when_inside_the_limits():
    d = started(OSTERIA)
    assert d.respond("heard", "sorry is 8 15 okay").say == "8:15 pm works, please book it."


def test_whisper_mishearing_hang_on_as_pin_on_is_not_an_extraction():
    line = "so pin on someone just cancelled I've got eight fifteen would that work"
    assert started(OSTERIA).respond("heard", line).say == "8:15 pm works, please book it."


def test_our_agreed_slot_said_back_with_see_you_then_is_a_confirmation():
    d = started(OSTERIA)
    d.respond("heard", "we're full at seven thirty but I have eight fifteen")
    done = d.respond("heard", "Lovely, your book is for Friday at 8.15. See you then!")
    assert done.outcome == "booked" and "Is that right?" in done.say


def test_an_offer_for_a_change_is_taken_as_a_change():
    task = build_task("Change my Friday 9 am flight to a later one the same day", facts={"name": "Alex Smith"},
                      accept={"date": "friday", "time": "12:00-18:00"})
    line = "I can move you to the 2:15 p.m. flight the same day, at no extra charge. Would that work?"
    assert started(task).respond("heard", line).say == "2:15 pm works, please make the change."


def test_our_agreement_said_back_with_a_thanks_for_flying_closes_the_change():
    task = build_task("Change my Friday 9 am flight to a later one the same day", facts={"name": "Alex Smith"},
                      accept={"date": "friday", "time": "12:00-18:00"})
    d = started(task)
    d.respond("heard", "I can move you to the 2 15pm flight on Friday at no extra charge. Would that work?")
    closing = d.respond("heard", "Your help set your flight of change to Friday at 2.15pm. Thank you for flying Skyway")
    assert closing.outcome == "changed"
    assert started(OSTERIA).respond("heard", "Sorry, what can I help you with?").ask_principal == ""


def test_an_offer_that_moves_the_booking_offers_the_new_time_not_the_one_it_leaves():
    task = build_task("Move my dinner booking tonight to a later time", party="Luigi's", facts={"name": "Alex Smith"},
                      accept={"time": "19:00-22:00"})
    for line in ("I could move your 7:30 to 9:15, would that work?",
                 "I can do 9:15 instead of the 7:30.",
                 "Sure, we can move you from 7:30 to 9:15."):
        assert started(task).respond("heard", line).say == "9:15 pm works, please make the change.", line
    # a range that moves nothing is still read as before
    assert started(task).respond("heard", "I can move you from 6 to 8:30.").say.startswith("8:30 pm")


def test_a_code_corrected_at_the_read_back_replaces_the_misheard_one():
    for correction in ("No, it's 4 7 1 9.", "The code is 4719, not 47119.", "not quite, four seven one nine",
                       "Oh sorry, I read that wrong, it's 4 7 1 9."):
        d = started()
        heard = d.respond("heard", "Perfect, a table for 4 at 7:30 pm, your booking code is 47119, see you then")
        assert heard.details["booking_code"] == "47119" and "Is that right?" in heard.say
        fixed = d.respond("heard", correction)
        assert fixed.say == "Sorry about that. Code 4 7 1 9. Is that right?", correction
        assert fixed.outcome == "booked" and fixed.details["booking_code"] == "4719" and not fixed.hang_up
        bye = d.respond("heard", "Yes, that's it. Bye!")
        assert bye.hang_up and bye.outcome == "booked" and bye.details["booking_code"] == "4719", correction


def test_a_code_whose_name_was_misheard_is_still_read_back():
    # Whisper's "book in number" for "booking number" after "booked in": "your <word> number is" names a code.
    d = started()
    done = d.respond("heard", "Lovely, you're booked in for 7:30 tomorrow. Your book in number is 3 8 1 7, "
                              "see you then!")
    assert done.details["booking_code"] == "3817" and "code 3 8 1 7" in done.say
    # ... unless the word names a number that is no reference for the booking
    other = started().respond("heard", "Lovely, you're booked in for 7:30 tomorrow, your table number is 214.")
    assert "booking_code" not in other.details and other.outcome == "booked"


def test_a_code_named_after_a_read_back_without_one_is_taken_and_read_back():
    for line in ("Your booking number is 3 8 1 7. See you then!", "Yes, and your reference is 3817."):
        d = started()
        done = d.respond("heard", "Great, you're booked for tomorrow at 7:30 pm.")
        assert "code" not in done.say and "Is that right?" in done.say
        code = d.respond("heard", line)
        assert code.say == "Thanks. Code 3 8 1 7. Is that right?" and not code.hang_up, line
        bye = d.respond("heard", "Yes, that's it.")
        assert bye.hang_up and bye.outcome == "booked" and bye.details["booking_code"] == "3817", line
    # bare digits at the read-back correct no code of ours: they may be a phone number to call
    d = started()
    d.respond("heard", "Great, you're booked for tomorrow at 7:30 pm.")
    bye = d.respond("heard", "Yes that's right, call 555 0100 if anything changes.")
    assert bye.hang_up and "booking_code" not in bye.details


def test_a_time_corrected_at_the_read_back_is_not_taken_for_a_code():
    d = started()
    d.respond("heard", "Perfect, a table for 4 at 7:30 pm, your booking code is 4719, see you then")
    corrected = d.respond("heard", "No, it's for 8:30.")
    assert corrected.retract and corrected.outcome != "booked"


def test_our_own_code_said_back_with_a_no_is_asked_for_one_character_at_a_time():
    # "No, the code is 4 7 1 9" heard as the code we read back: they misheard our read-back, or we misheard their
    # code the same way twice. The booking stands; the code is asked for once more and read back again.
    d = started()
    d.respond("heard", "Perfect, a table for 4 at 7:30 pm, your booking code is 4719, see you then")
    ask = d.respond("heard", "No, the code is 4 7 1 9.")
    assert ask.say == CODE_SPELL_ASK and not ask.hang_up and not ask.retract and ask.outcome == "booked"
    assert "booking_code" not in ask.details
    back = d.respond("heard", "Sure, four, seven, one, nine.")
    assert "4 7 1 9. Is that right?" in back.say and not back.hang_up
    bye = d.respond("heard", "Yes, that's it.")
    assert bye.hang_up and bye.details["booking_code"] == "4719" and bye.details["read_back"] == "confirmed"


def test_a_code_we_keep_mishearing_the_same_way_is_not_brought_back():
    # A lossy line: "4 7 1 9" heard as "471 mine" at every try. Never "confirmed" with 471.
    d = started()
    d.respond("heard", "Perfect, a table for 4 at 7:30 pm under Alex Smith your booking code is 471 mine see you then")
    ask = d.respond("heard", "No, the cloud is 471 mine.")
    assert ask.say == CODE_SPELL_ASK and "booking_code" not in ask.details
    back = d.respond("heard", "Sure, 4, 7, 1, mine.")  # the same code again: read back once more
    assert "4 7 1. Is that right?" in back.say and not back.hang_up
    bye = d.respond("heard", "No, the code is 471 mine.")  # a second no to it: the call keeps no code
    assert bye.hang_up and bye.outcome == "booked" and not bye.retract
    assert "booking_code" not in bye.details and bye.details["read_back"] == "code not confirmed"


def test_no_problem_at_the_read_back_is_a_courtesy_not_a_correction():
    for reply in ("No problem, see you then!", "No worries, see you tomorrow.", "Not a problem, bye now."):
        d = started()
        d.respond("heard", "Perfect, a table for 4 at 7:30 pm, your booking code is 4719, see you then")
        bye = d.respond("heard", reply)
        assert bye.hang_up and not bye.retract and bye.outcome == "booked", reply
        assert bye.details["booking_code"] == "4719", reply
    d = started()
    d.respond("heard", "Perfect, a table for 4 at 7:30 pm, your booking code is 4719, see you then")
    assert d.respond("heard", "No, it's for 8:30.").retract  # a no is still a no


def test_a_time_said_as_digits_at_the_read_back_is_not_a_code():
    d = started()
    d.respond("heard", "Perfect, a table for 4 at 7:30 pm, your booking code is 4719, see you then")
    corrected = d.respond("heard", "no, it's at 8 30 for 4")
    assert corrected.details.get("booking_code") != "830" and corrected.outcome != "booked"


def test_a_farewell_naming_a_day_is_checked_before_it_counts():
    ours = started(OSTERIA).respond("heard", "lovely see you friday bye bye")
    assert "Is that right?" in ours.say and ours.outcome == "booked" and not ours.hang_up  # read back first
    other = started(OSTERIA).respond("heard", "okay see you saturday ciao")
    assert other.say.startswith("Sorry, just to check") and other.outcome != "booked" and not other.hang_up


def test_asked_whether_it_is_a_machine_it_says_so_at_once():
    for line in ("are you a robot?", "wait, am I talking to a real person?", "is this an AI calling me",
                 "oh you're a robot are you, god that's very clever"):
        answer = started().respond("heard", line)
        assert answer.say.startswith("I'm an AI assistant, calling on behalf of Alex Smith.") and not \
            answer.ask_principal, line
    no_disclosure = build_task("Book a table for 4 tomorrow at 7:30 pm", facts={"name": "Alex Smith"},
                               persona={"disclosure": False})
    answer = started(no_disclosure).respond("heard", "are you a real person")
    assert "AI assistant" in answer.say  # never denied, whatever the opening says


def test_the_details_say_how_the_read_back_went():
    d = started()
    heard = d.respond("heard", "Perfect, a table for 4 at 7:30 pm, your booking code is 4719, see you then")
    assert heard.details["read_back"] == "not answered"  # what stands if they hang up now
    assert d.respond("heard", "yes that's right, bye").details["read_back"] == "confirmed"
    d = started()
    d.respond("heard", "Perfect, a table for 4 at 7:30 pm, your booking code is 4719, see you then")
    assert d.respond("heard", "okay take care").details["read_back"] == "not corrected"


def test_a_request_for_something_unrecognised_is_asked_again_once_before_the_principal():
    d = started()
    again = d.respond("heard", "Got it, can I get a mean for the ticket?")  # Whisper's "name" under noise
    assert again.say == "Sorry, what was it you need from me?" and not again.ask_principal
    assert d.respond("heard", "Can I get a name for the ticket?").say == "The name is Alex Smith."
    d = started()
    d.respond("heard", "could you give me a rough idea of the budget")
    asked = d.respond("heard", "could you give me a rough idea of the budget")  # heard right: it goes to them
    assert asked.ask_principal and asked.say.startswith("Could you hold on")
    assert started().respond("heard", "can I get a phone number for that").ask_principal  # a known fact: at once


def test_a_yes_to_our_check_of_the_time_books_what_we_asked_for():
    # A lossy line turned "7:30 pm" into "7.30 am"; we asked, they said yes: the booking is ours, read back once.
    stated = "Perfect a table for 4 at 7.30 am under Alex Smith, your booking code is 4719 see you then"
    for answer in ("Yes.", "Oh sorry, yes, 7:30 pm.", "Sorry, my mistake, 7:30 pm it is.", "yes that's right"):
        d = started()
        check = d.respond("heard", stated)
        assert check.say.startswith("Sorry, just to check: we asked for 7:30 pm") and check.outcome != "booked"
        done = d.respond("heard", answer)
        assert done.outcome == "booked" and done.details["time"] == "7:30 pm", answer
        assert done.details["booking_code"] == "4719" and "7:30 pm" in done.say and "Is that right?" in done.say


def test_a_no_to_our_check_of_the_time_is_never_a_booking():
    stated = "Perfect a table for 4 at 7.30 am under Alex Smith, your booking code is 4719 see you then"
    d = started()
    d.respond("heard", stated)
    no = d.respond("heard", "No.")
    assert no.outcome != "booked" and no.say == "Oh, sorry. What is booked, then?"
    assert d.respond("heard", "yes that's right").outcome != "booked"  # the question was answered: no stray yes
    d = started()
    d.respond("heard", stated)
    other = d.respond("heard", "No, sorry, it's for 7:30 in the morning.")  # outside the goal: the principal decides
    assert other.outcome != "booked" and other.ask_principal
    d = started()
    d.respond("heard", stated)
    assert d.respond("heard", "hold on, let me look").outcome != "booked"  # no answer yet: the question stays open
    assert d.respond("heard", "yes, 7:30 pm, that's right").outcome == "booked"



def test_no_problem_before_the_answer_to_our_check_of_the_time_is_no_no():
    stated = "Perfect a table for 4 at 7.30 am under Alex Smith, your booking code is 4719 see you then"
    for answer in ("No problem, yes, 7:30 pm.", "No worries, that's right.", "Not a problem, yes it is."):
        d = started()
        d.respond("heard", stated)
        done = d.respond("heard", answer)
        assert done.outcome == "booked" and done.details["time"] == "7:30 pm", (answer, done)
    d = started()
    d.respond("heard", stated)
    assert d.respond("heard", "No, not at all, it's the morning.").outcome != "booked"  # a no is still a no


def test_a_statement_naming_our_time_and_a_code_then_quiet_is_asked_about_never_taken_as_done():
    # "see you then" heard as "c then": the line is a statement, not a completion. Silence after it would leave a
    # host who waits for our goodbye to hang up on us; taking it as booked would be a guess. We ask.
    stated = "Perfect, a table for 4 at 730 p.m. Under Alex Smith your booking mode is 4719 c then"
    d = started()
    assert d.respond("heard", stated).say == ""  # they may go on: nothing yet
    check = d.respond("quiet", "")
    assert check.say == "Sorry, just to check: is that booked for tomorrow at 7:30 pm?" and check.outcome != "booked"
    read_back = d.respond("heard", "Yes.")
    assert read_back.outcome == "booked" and read_back.details["booking_code"] == "4719"
    assert "Is that right?" in read_back.say and read_back.details["read_back"] == "not answered"
    d = started()
    d.respond("heard", stated)
    d.respond("quiet", "")
    assert d.respond("heard", "No, not yet, I'm still looking.").outcome != "booked"
    d = started()
    d.respond("heard", stated)
    d.respond("heard", "and the kitchen closes at ten")  # they went on: the statement was not their last word
    assert d.respond("quiet", "").say == ""
    d = started()
    d.respond("heard", "we get very busy on fridays")  # a statement with nothing of ours in it: theirs to go on
    assert d.respond("quiet", "").say == ""
    d = started(OSTERIA)
    d.respond("heard", "friday at 7:30 for four under Delgado reference K742 c you then")
    assert d.respond("quiet", "").say == "Sorry, just to check: is that booked for Friday at 7:30 pm?"


def test_the_offer_said_again_as_a_statement_while_the_principal_is_asked_is_taken_inside_the_limits():
    # Whisper lost the time of the first offer ("the attend 40"), so it went to the principal; the receptionist
    # asked again and "does" came back "just": a statement, but of a time inside the principal's limits.
    task = build_task("Book a checkup appointment for Thursday morning", party="Riverside Family Practice",
                      facts={"name": "Alex Smith"}, accept={"date": "thursday", "time": "08:00-12:00"})
    first = "Sure, the earliest I have is for the attend 40 in the morning with Dr. Patel does that work?"
    for again, taken in (("Sorry, just Thursday at 10 40 work for you.", True),
                         ("Sorry, just Thursday at 2 40 work for you.", False)):  # outside the window: still asked
        d = started(task)
        assert d.respond("heard", first).ask_principal
        move = d.respond("heard", again)
        assert move.settles_principal is taken and ("10:40 am works" in move.say) is taken, (again, move)
        assert move.outcome != "booked"  # taken, not done: their booking is read back as usual

CLINIC = build_task("Book a check-up next Tuesday morning, any time between 9 and 12", party="Bright Smile",
                    facts={"name": "Owen Pritchard",
                           "date_of_birth": {"value": "3 June 1979", "share": "ask_principal"}},
                    accept={"date": "tuesday", "time": "09:00-12:00"})


def test_their_read_back_that_we_said_yes_to_is_completed_by_their_close():
    d = started(CLINIC)
    offer = d.respond("heard", "she's got an eleven fifteen on Tuesday, is that okay")
    assert offer.say == "Tuesday at 11:15 am works, please book it."
    read_back = d.respond("heard", "lovely, so that's Tuesday at eleven fifteen for the check up")
    assert read_back.say == "Yes, that's right."
    bye = d.respond("heard", "that's right, lovely, bye now")
    assert bye.hang_up and bye.outcome == "booked" and bye.details["time"] == "11:15 am"
    assert bye.details["read_back"] == "confirmed"


def test_their_read_back_followed_by_a_no_is_no_booking():
    d = started(CLINIC)
    d.respond("heard", "she's got an eleven fifteen on Tuesday, is that okay")
    d.respond("heard", "so that's Tuesday at eleven fifteen for the check up")
    assert d.respond("heard", "oh no wait, that one's just gone, sorry").outcome != "booked"



def test_no_problem_after_their_read_back_is_their_close():
    for close in ("no problem, see you Tuesday, bye now", "no worries, you'll get a text the day before, bye"):
        d = started(CLINIC)
        d.respond("heard", "she's got an eleven fifteen on Tuesday, is that okay")
        d.respond("heard", "lovely, so that's Tuesday at eleven fifteen for the check up")
        bye = d.respond("heard", close)
        assert bye.hang_up and bye.outcome == "booked" and bye.details["read_back"] == "confirmed", (close, bye)

def test_a_refused_time_said_back_is_not_taken_from_an_offer():
    d = started()
    move = d.respond("heard", "tomorrow at seven thirty, ah we're pretty chockers at seven thirty, I've got an "
                              "eight fifteen though")
    assert "7:30" not in move.say and (move.ask_principal or "8:15" in move.say)


def test_a_value_typed_by_the_principal_is_said_as_a_value():
    d = started(CLINIC)
    asked = d.respond("heard", "can I take the patient's date of birth please")
    assert asked.ask_principal
    answer = d.respond("principal", "it's 3 June 1979")  # the value itself is their yes
    assert answer.say == "Thanks for holding. The date of birth is 3 June 1979."
    d = started()
    d.respond("heard", "is she a current patient with us")
    relayed = d.respond("principal", "yes, she's been going there for years")
    assert relayed.say == "Thanks for holding. Yes, she's been going there for years."


QUESTION = build_task("Ask how much a resident parking permit costs and whether I can pay for it online",
                      party="the council", done_when="answered", facts={"name": "Maria Delgado"})


def test_only_an_answer_answers_a_question_task():
    for line in ("I understand, but I do need either the card number or the customer number to find the account",
                 "That's it, no bother at all",
                 "yeah mate I'm not sure actually, system reckons we've got one"):
        assert started(QUESTION).respond("heard", line).outcome != "answered", line
    answer = started(QUESTION).respond("heard", "it's forty euro for the year, and yeah you can do the whole "
                                                "thing online through the permits website")
    assert answer.outcome == "answered" and answer.details["price"] == "40.00"


def test_a_price_said_earlier_comes_back_with_the_booking():
    d = started(CLINIC)
    d.respond("heard", "the call out fee is sixty five pounds, and she's got an eleven fifteen on Tuesday, is that "
                       "okay")
    done = d.respond("heard", "lovely, that's you booked for Tuesday at eleven fifteen")
    assert done.outcome == "booked" and done.details["price"] == "65.00"


def test_an_answer_asked_for_again_is_said_fuller():
    d = started()
    assert d.respond("heard", "which day was it for").say == "Tomorrow."
    assert d.respond("heard", "sorry which day was that").say == "It's for tomorrow, at 7:30 pm."
    assert d.respond("heard", "can I get a name").say == "The name is Alex Smith."
    assert d.respond("heard", "sorry, the name again?").say == "Sorry, the name is Alex Smith."


def test_a_bare_okay_after_their_read_back_books_nothing():
    d = started(CLINIC)
    d.respond("heard", "she's got an eleven fifteen on Tuesday, is that okay")
    d.respond("heard", "so that's Tuesday at eleven fifteen for the check up")
    assert d.respond("heard", "okay").outcome != "booked"  # they may still be entering it
    assert d.respond("heard", "sorry, the system's just taken that slot, we're fully booked Tuesday").outcome != \
        "booked"


def test_a_pleasantry_naming_today_is_no_other_day():
    d = started(OSTERIA)
    d.respond("heard", "perfect, you're booked for Friday at 7:30 pm, your code is 4719")
    bye = d.respond("heard", "yeah that's right, anything else I can help with today")
    assert bye.outcome == "booked" and not bye.retract and bye.details["read_back"] == "confirmed"


def test_ring_back_later_is_ours_to_call_again():
    move = started().respond("heard", "if you ring back after two o'clock I'll be able to get the manager for you")
    assert move.outcome == "callback-needed" and move.hang_up


def test_a_custom_fact_asked_for_by_name_is_answered():
    task = build_task("Arrange redelivery of my parcel on Thursday",
                      facts={"tracking_number": "PW-88412", "name": "Gemma Stokes"})
    move = started(task).respond("heard", "can I start with the tracking number please")
    assert "PW-88412" in move.say and not move.ask_principal


def test_the_total_is_the_price_brought_back():
    d = started(OSTERIA)
    d.respond("heard", "the set menu is thirty pounds each so a hundred and twenty pounds altogether for the four")
    done = d.respond("heard", "lovely, you're booked for Friday at 7:30 pm")
    assert done.details["price"] == "120.00"


def test_their_saying_back_the_offer_we_took_is_the_booking():
    task = build_task("Book an intro to belay course this Saturday afternoon", facts={"name": "Amelia Fraser"})
    d = started(task)
    took = d.respond("heard", "Saturday I can do three thirty, is that okay")
    assert took.say == "Saturday at 3:30 pm works, please book it."
    done = d.respond("heard", "done, Saturday three thirty intro to belay, sixty five plus tax")
    assert done.outcome == "booked" and done.details["time"] == "3:30 pm" and "Is that right?" in done.say


def test_a_code_with_a_farewell_is_a_confirmation_however_garbled():
    done = started().respond("heard", "Perfect, a table for 4 s 7 30 p.m. Under Alex with your book and code is "
                                      "4 7 1 9 see you then")
    assert done.outcome == "booked" and done.details["booking_code"] == "4719" and "Is that right?" in done.say


def test_a_note_left_for_the_manager_is_no_booking():
    d = started()
    d.respond("heard", "what I'll do is I've put a note on the system for the manager to ring you back this "
                       "afternoon, what's the best number")
    assert d.respond("heard", "alright got it, he'll holler at you after lunch, take care").outcome != "booked"


def test_a_time_the_line_says_is_taken_is_never_the_one_accepted():
    # "ten and half eleven, ten's already taken": both times are in the window, only half eleven is on offer.
    task = build_task("Book a guided tour for 15 adults on Thursday morning", facts={"name": "Alex Smith"},
                      accept={"date": "thursday", "time": "09:00-12:00"})
    line = ("Thursday morning the tour slots are ten and half eleven, ten's already taken by a school so it's the "
            "half eleven")
    assert started(task).respond("heard", line).say == "Thursday at 11:30 am works, please book it."
    line = "we had nine and ten thirty on Thursday, the nine has gone but I can do the 10:30 if that suits"
    assert started(task).respond("heard", line).say == "Thursday at 10:30 am works, please book it."


def test_the_booking_being_moved_said_before_what_they_have_left_is_not_the_offer():
    task = build_task("Move my Thursday 2 pm check-up to next Monday, any time", facts={"name": "Alex Smith"},
                      accept={"date": "monday", "time": "12:00-17:00"})
    line = ("I can see him Thursday two o'clock. Now Monday I've only got the one left which is three fifteen, is that "
            "alright")
    assert started(task).respond("heard", line).say == "3:15 pm works, please make the change."


def test_a_question_that_carries_an_offer_inside_the_limits_is_answered_as_the_offer():
    task = build_task("Book my bike in for a service, dropping it off Tuesday morning", facts={"name": "Alex Smith"},
                      accept={"date": "tuesday", "time": "09:00-12:00"})
    line = "I can put him down for a drop off Tuesday at half nine and he'd have it back Wednesday, is that any use"
    assert started(task).respond("heard", line).say == "9:30 am works, please book it."


def test_an_offer_over_the_price_ceiling_goes_to_the_principal_and_one_under_it_is_taken():
    task = build_task("Book a boat for 4 hours this Sunday morning", facts={"name": "Alex Smith"},
                      accept={"date": "sunday", "time": "09:00-12:00", "max_price": "£200"})
    over = started(task).respond("heard", "I've got one going out Sunday at ten, that'd be three hundred and twenty")
    assert over.say == HOLD_FOR_PRINCIPAL and "320" in over.ask_principal and "limit" in over.ask_principal
    # "two ninety" may be 2.90 or 290: the ceiling is checked against the higher reading
    ambiguous = started(task).respond("heard", "Sunday at ten is free, it's two ninety for the four hours")
    assert ambiguous.say == HOLD_FOR_PRINCIPAL
    # a price stated before the offer counts too
    d = started(task)
    d.respond("heard", "the four hour hire is two hundred and fifty pounds")
    assert d.respond("heard", "I could do Sunday at ten").say == HOLD_FOR_PRINCIPAL
    under = started(task).respond("heard", "I've got one going out Sunday at ten, that's a hundred and eighty pounds")
    assert under.say == "Sunday at 10 am works, please book it."


def test_a_completion_at_a_price_over_the_ceiling_waits_for_the_principal_before_goodbye():
    task = build_task("Book a boat for 4 hours this Sunday morning", facts={"name": "Alex Smith"},
                      accept={"date": "sunday", "time": "09:00-12:00", "max_price": "£200"})
    d = started(task)
    d.respond("heard", "I've got one going out Sunday at ten")
    done = d.respond("heard", "right you're booked in Sunday at ten, that's three hundred and twenty pounds")
    # made, but over the ceiling: no thanks-and-goodbye until the principal says whether to keep it; if the line
    # drops meanwhile the booking stands, flagged
    assert not done.hang_up and "320" in done.ask_principal and "limit" in done.ask_principal
    assert done.outcome == "booked" and done.details["over_limit"] == "320.00 is over your limit of 200"
    assert d.respond("principal", "?").ask_principal  # answers nothing: asked again
    kept = d.respond("principal", "keep it")
    assert kept.say.startswith("Thanks for holding.") and "Is that right?" in kept.say and not kept.ask_principal
    assert kept.details["over_limit"] and kept.outcome == "booked"
    # under the ceiling: no question
    d = started(task)
    d.respond("heard", "I've got one going out Sunday at ten")
    done = d.respond("heard", "right you're booked in Sunday at ten, that's a hundred and eighty pounds")
    assert done.outcome == "booked" and "over_limit" not in done.details and not done.ask_principal


def test_a_booking_over_the_ceiling_the_principal_refuses_is_cancelled_and_never_a_success():
    task = build_task("Book a boat for 4 hours this Sunday morning", facts={"name": "Alex Smith"},
                      accept={"date": "sunday", "time": "09:00-12:00", "max_price": "£200"})
    d = started(task)
    d.respond("heard", "I've got one going out Sunday at ten")
    d.respond("heard", "right you're booked in Sunday at ten, that's three hundred and twenty pounds")
    no = d.respond("principal", "no, too much")
    assert "cancel" in no.say and no.outcome == "declined" and not no.hang_up
    # "I've cancelled that for you" is done-shaped: it ends the call as declined, never as booked
    end = d.respond("heard", "no problem, I've cancelled that for you")
    assert end.hang_up and end.outcome == "declined" and end.details["cancel"] == "done"
    d = started(task)
    d.respond("heard", "I've got one going out Sunday at ten")
    d.respond("heard", "right you're booked in Sunday at ten, that's three hundred and twenty pounds")
    d.respond("principal", "cancel it")
    asked = d.respond("heard", "can I take the name on the booking")
    assert asked.say and not asked.hang_up  # answered as usual
    end = d.respond("heard", "sorry we can't cancel within 24 hours of the hire")
    assert end.hang_up and end.outcome == "over-limit" and "refused" in end.details["cancel"]

def test_an_amount_that_reads_two_ways_is_brought_back_at_the_reading_near_the_principals_ceiling():
    # "two ninety" for four hours of a boat under a ceiling of 350 is 290 (the fuel said after it is no price of it)
    task = build_task("Reserve a pontoon boat for 4 hours this Sunday at 10", facts={"name": "Alex Smith"},
                      accept={"date": "sunday", "time": "09:00-11:00", "max_price": "$350"})
    d = started(task)
    d.respond("heard", "I've got one going out Sunday at ten, that do ya")
    d.respond("heard", "It's two ninety for the four hours plus fuel which is usually about twenty bucks")
    done = d.respond("heard", "alright I've reserved that, Sunday at ten, reference is N R nine four two")
    assert done.details["price"] == "290.00" and "over_limit" not in done.details
    # with no ceiling the usual reading stands ("six fifty" is 6.50), and a low ceiling keeps it too
    from agent.conversation.policy import _price_of
    from agent.conversation.reading import read
    line = read("the price is six fifty each")
    assert _price_of(line, build_task("Ask how much the soap costs", facts={"name": "Alex Smith"})) == "6.50"
    assert _price_of(line, build_task("Ask how much the soap costs", facts={"name": "Alex Smith"},
                                      accept={"max_price": "$10"})) == "6.50"
    assert _price_of(line, build_task("Ask how much the room costs", facts={"name": "Alex Smith"},
                                      accept={"max_price": "$900"})) == "650.00"


def test_a_ceiling_per_unit_holds_the_unit_price_not_the_total():
    # "2 tickets, up to £45 each": two at 42 each, 84 in total, is inside it; the same 84 under a £45 total is not
    each = build_task("Reserve 2 tickets for Saturday at 7:30 pm, up to £45 each", facts={"name": "Alex Smith"},
                      accept={"max_price": "£45"})
    assert each.accept.price_each
    d = started(each)
    d.respond("heard", "I've got two in the stalls on Saturday at seven thirty at forty two pound each")
    done = d.respond("heard", "right they're reserved for you, eighty four pounds in total, your reference is T R 5 5")
    assert done.outcome == "reserved" and not done.ask_principal and "over_limit" not in done.details
    whole = build_task("Reserve 2 tickets for Saturday at 7:30 pm", facts={"name": "Alex Smith"},
                       accept={"max_price": "£45"})
    assert not whole.accept.price_each
    d = started(whole)
    d.respond("heard", "I've got two in the stalls on Saturday at seven thirty at forty two pound each")
    done = d.respond("heard", "right they're reserved for you, eighty four pounds in total, your reference is T R 5 5")
    assert done.ask_principal and done.details["over_limit"]
    # a per-unit ceiling said in [accept] itself; a total nothing explains is checked whole (the principal decides)
    unit = build_task("Book 3 nights at the Harbour Inn from Friday", facts={"name": "Alex Smith"},
                      accept={"max_price": "120 GBP per night"})
    assert unit.accept.price_each and unit.accept.max_price == 120
    d = started(unit)
    done = d.respond("heard", "that's booked for you from Friday, it comes to four hundred and fifty in total")
    assert done.ask_principal


def test_a_window_of_times_bounds_the_offer_and_the_time_proposed_is_taken():
    task = build_task("Reserve a kennel for our dog from Friday, dropping him off Friday morning",
                      facts={"name": "Alex Smith"}, done_when="reserved",
                      accept={"date": "friday", "time": "08:00-12:00"})
    line = "brilliant. we take drop offs between eight and eleven on a Friday, shall I say nine o'clock"
    assert started(task).respond("heard", line).say == "Friday at 9 am works, please reserve it."


def test_a_question_task_is_answered_after_a_detail_checked_in_passing():
    line = ("D six right. So that'd be the one for the year, it's forty euro for the first car, and yeah you can do "
            "the whole thing online through the permits website")
    answer = started(QUESTION).respond("heard", line)
    assert answer.outcome == "answered" and answer.details["price"] == "40.00"
    asked = started(QUESTION).respond("heard", "it's forty euro for the year, and which area is it, D six is it?")
    assert asked.outcome != "answered"


def test_a_fact_the_owner_names_otherwise_is_asked_for_as_the_well_known_one():
    # "registration" is the owner's name for the vehicle registration: "what's the reg" asks for it
    task = build_task("Book an MOT next Monday", party="Halfway Motors",
                      facts={"name": "Dev Sharma", "registration": "KN19 XRT"})
    d = started(task, "Dev Sharma")
    assert "KN19 XRT" in d.respond("heard", "yeah go on then, what's the reg").say


def test_a_bare_figure_answering_how_much_is_brought_back_as_the_price():
    task = build_task("Ask how much a wash and cut costs", party="Salon", facts={"name": "Dev Sharma"},
                      done_when="answered", bring_back=["answer", "price"])
    d = started(task, "Dev Sharma")
    answer = d.respond("heard", "a wash and cut with Jo is it's fifty four eighty five")
    assert answer.outcome == "answered" and answer.details.get("price") == "54.85"
    # a call that asks no price reads no price into the same words
    assert RulesDialogue(TASK, "Alex").read("it's fifty four eighty five").money == ()


def test_asked_what_we_want_again_we_state_the_request_not_a_question_for_the_principal():
    # A person who missed the opening asks for it in their own words: our request is the answer, never a
    # question put to the principal (the act model read these as fact requests).
    for line in ("Sorry, what can I do for you?", "What can we do for you today?", "Sorry, what did you need?",
                 "what is it you're calling about", "Hi, what's this regarding?"):
        action = started().respond("heard", line)
        assert "book a table for 4 tomorrow at 7:30 pm" in action.say and not action.ask_principal, line


def test_asked_to_say_it_again_we_repeat_our_last_line_and_nothing_moves_on():
    d = started()
    assert d.respond("heard", "Sure, for what time?").say == "At 7:30 pm."
    for line in ("Sorry, what was that?", "sorry I didn't catch that", "Pardon?", "you're breaking up, say that again"):
        again = d.respond("heard", line)
        assert again.say == "At 7:30 pm." and not again.ask_principal and not again.outcome, line
    assert d.respond("heard", "and how many people").say == "For 4 people."


def test_say_again_is_not_read_where_a_fact_or_an_answer_is_named():
    d = started()
    assert d.respond("heard", "sorry and your name was, I didn't catch it").say == "The name is Alex Smith."
    for line in ("uh huh", "we just can't get it in this week", "is that the repeat from Dr Rowe's surgery"):
        assert started().read(line).act != "say_again", line


def test_words_nobody_could_read_then_quiet_are_asked_for_again_once():
    d = started()
    assert d.respond("heard", "Worth fully tonight").say == ""  # a fragment may be cut at a pause: wait first
    assert d.respond("quiet", "").say == PARDON_LINE
    assert d.respond("quiet", "").say == ""  # asked once; the idle limit and the hold rules take it from there
    assert d.respond("heard", "Our kitchen closes at ten tonight").say == ""
    assert d.respond("quiet", "").say == ""  # a statement we understood is theirs to go on from


def test_an_apology_we_could_not_read_gets_our_last_line_again_even_after_a_pardon():
    # Under packet loss "Sorry, for how many?" came through as "Sorry for family", twice: two pardons were each
    # answered by the same question, heard the same way, and the host hung up. Our answer again settles it.
    d = started()
    assert d.respond("heard", "And how many people?").say == "For 4 people."
    assert d.respond("heard", "Sorry for family").say == ""  # a fragment may be cut at a pause: wait first
    assert d.respond("quiet", "").say == "For 4 people."
    d = started()
    assert d.respond("heard", "And how many people?").say == "For 4 people."
    assert d.respond("heard", "Worth fully tonight").say == ""
    assert d.respond("quiet", "").say == PARDON_LINE
    assert d.respond("heard", "Sorry for family").say == ""
    assert d.respond("quiet", "").say == "For 4 people."  # not our pardon: it said nothing of ours
    assert d.respond("heard", "Excuse me, for foam and eat").say == (
        "Sorry, the line is really bad. Could you say it once more, slowly?")  # the third in a row: plainer


def test_a_turn_decided_again_with_what_followed_forgets_the_first_decision():
    # The call withdrew the answer to the first half (they went on talking before it began): the whole turn is read
    # from where the conversation stood before it.
    d = started()
    first = d.respond("heard", "Lovely, you're booked in for tomorrow at 7:30.")
    assert first.outcome == "booked" and "code" not in first.say
    d.rollback()
    whole = d.respond("heard", "Lovely, you're booked in for tomorrow at 7:30. Your booking number is 3 8 1 7.")
    assert whole.say == ("Perfect, thank you! So that's tomorrow at 7:30 pm for 4 under Alex Smith, code 3 8 1 7. "
                         "Is that right?"), whole
    assert [who for who, _ in d.history].count("agent") == 2  # the opening and the read-back, not the withdrawn one
