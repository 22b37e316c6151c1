"""Transcript cues: which words say a recording, a voicemail, a menu or a person is talking."""

from __future__ import annotations

import pytest

from agent.line.cues import BUSINESS_ONLY, asks_in_form, cues_in, emergency_only, ends_in_offer, main_cue, speaker


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Your call is important to us. Please stay on the line.", "hold"),
        ("All of our agents are currently busy.", "hold"),
        ("Your estimated wait time is five minutes.", "hold"),
        ("Hi, you've reached Alex. Please leave a message after the tone.", "voicemail"),
        ("The person you are calling is not available.", "voicemail"),
        ("The wireless customer you are calling. 5 5 5 0 1 4 2.", "voicemail"),
        # the network's sentence whatever it calls the one we called, STT's mishearing of it included
        ("The number you have dialled is not reachable.", "voicemail"),
        ("The mobile you are calling is switched off or out of coverage.", "voicemail"),
        ("There, to subscribe you are calling is not answering.", "voicemail"),
        ("Who are you calling? Is that who you're calling? Which line?", "asks"),
        ("At the tone, please record your message.", "voicemail"),
        ("Hey, it's Omar. You know what to do.", "voicemail"),
        ("For appointments, press 1. For billing, press 2.", "menu"),
        ("To book a taxi, pressed one.", "menu"),  # STT's past tense of "press one"
        ("Hi, thanks for holding, this is Dana. How can I help you?", "offer"),
        ("Front desk, Mark speaking.", "offer"),
        ("Hello?", "question"),
        ("Hello, you're through to the pharmacy.", "greeting"),
        ("Hello, all of our agents are busy. Please stay on the line.", "hold"),
        ("Hello, thank you for calling. For billing, press 2.", "menu"),
        ("In a few words, tell me what you're calling about. You can say appointments or billing.", "menu"),
        ("Could you please say that again?", "asks"),
        ("You have reached Metro Transit lost and found. For our hours, press 1. For lost items, press 2.", "menu"),
        ("You have reached Dr Smith. If you know the extension dial it now, or leave a message after the tone.",
         "voicemail"),
        ("Thank you for holding.", "courtesy"),  # agents say it, and so do queue announcements
        ("The person you're calling is using a screening service. Say your name and why you're calling.",
         "screening"),
        # Screeners word it in many ways: a phone's assistant, a carrier's privacy service.
        ("Hi, if you record your name and reason for calling, I'll see if this person is available.", "screening"),
        ("Hello, I'm an automated assistant answering for Sam. Who's calling and what's it about?", "screening"),
        ("Hi, you've reached Sam's A.I. assistant.", "screening"),
        # Who and why, the why as how the one named can help; someone's own "how can I help" is an offer.
        ("Hi there. Can I take your name and how can Priya help today?", "screening"),
        ("Can I get your name and how can I help?", "offer"),
        # The owner sends us elsewhere, or says nobody answers this number: not on the line.
        ("Hi, it's Sam. Best to reach me on my mobile.", "voicemail"),
        ("You can contact me at the office on 555 0142.", "voicemail"),
        ("Hello, this line is no longer monitored.", "voicemail"),
        ("Could you call me at five instead?", "question"),  # asked of us: someone there
        ("The party you are trying to reach does not accept unidentified calls. Say your name at the tone.",
         "screening"),
        ("Thanks for holding, what's the reason for your call?", "question"),  # a person asks this too
        # The details a recorder asks to be left for later; a screener asks them to be said now.
        ("Please leave your name and the reason for your call, and I'll get back to you.", "voicemail"),
        ("Kindly leave your name, number, and the reason for your call.", "voicemail"),
        ("Please say your name and the reason for your call.", "screening"),
        ("Hi, I'm Sam's call assistant. Please leave your name and the reason for your call.", "screening"),
        ("Briefly tell me the reason for your call, for example, renew my license.", "menu"),  # a speech menu
        ("You've reached the virtual receptionist for Priya.", "screening"),
        ("Hi, if you recall your name and reason for column I'll see if this person is available.", "screening"),
        ("Please leave your name and the reason for your call, and I'll see if this person is available.",
         "screening"),  # a screener that names what it does, with a recorder's verb
        ("Front desk, this is our receptionist Jo, how can I help?", "offer"),
        ("Hey, thanks for sticking with us. We'll be right with you.", "queue"),
        ("Please select from the following option.", "menu"),  # STT's singular
        ("Dr Patel's office, this is his assistant Jo, how can I help?", "offer"),
        ("Our office is currently closed. Our hours are nine to five.", "announcement"),
        ("our offices currently close.", "announcement"),  # Whisper's hearing of "our office is currently closed"
        ("Who am I speaking with?", "question"),
        ("Do you have a reservation with us?", "asks"),  # a question, but not one only a person asks
        ("Did you know you can also book online at our website?", "announcement"),
        ("Table for four at seven thirty.", None),
        # A voicemail's owner absent in the first person, however it is put.
        ("Hi, you've got Dave. I'm not around right now, so drop me a line.", "voicemail"),
        ("Hey, it's Priya. I'm out of the office until Monday.", "voicemail"),
        ("Hi, it's Jen, sorry I can't pick up right now.", "voicemail"),
        ("This is Chris. I'm on vacation until the twentieth.", "voicemail"),
        ("Hi, this is Doctor Chen's office. We're out to lunch until one thirty.", "voicemail"),
        ("Hello, this is the Nguyen residence. Nobody's home right now.", "voicemail"),
        ("Hi, this is Megan. I'll be out of the office starting Friday.", "voicemail"),
        # A call missed or to be returned, said by no one who picks it up.
        ("Hey, it's Dana, sorry I missed your call.", "voicemail"),
        ("Hi, it's Tom. Sorry we missed you, we'll get back to you.", "voicemail"),
        ("Hello, this is Grace, I'll return your call.", "voicemail"),
        # ... and a receptionist saying so of someone else, with an offer: a person.
        ("I'm sorry, she's not available right now. Would you like to leave a message?", "question"),
        ("He's out of the office today, can I take a message?", "question"),
        ("The call cannot be completed as dialed. Please check the number and try again.", "announcement"),
        # Screeners naming what they do.
        ("Hi, I'm Bixby, answering for the person you called. What would you like to tell them?", "screening"),
        ("Hello, this is Jordan's phone assistant. They'll get a transcript of this call.", "screening"),
        ("Hi, I screen calls for Maria. Tell me your name and I'll see if she can take your call.", "screening"),
        ("This call is being recorded and transcribed. Please say who you are and why you're calling.",
         "screening"),
        ("Hi there, I answer calls for Jordan. May I ask who's calling and what it's regarding?", "screening"),
        # Who we are and why we call, asked at once: a screener's question (a receptionist asks one of the two).
        ("Hi, this is Alex's assistant. Who's calling, and what's this about?", "screening"),
        ("Hello, may I have your name and the reason for your call?", "screening"),
        ("Hello, who's calling please?", "question"),
        # A receptionist asks for a name as a question, and for the reason of a visit, not of the call.
        ("Could you state your name and date of birth, please?", "question"),
        ("Can I get your name and the reason for your visit?", "question"),
        ("Please say your name after the tone.", "screening"),
        ("Please say your name and reason for calling.", "screening"),
        # Menus in other words than "press".
        ("Thank you for calling Sunrise Pharmacy. For prescription refills, select option one.", "menu"),
        ("Hello and welcome to Northern Rail. Please choose from the following options.", "menu"),
        ("Thanks for calling Metro Gas. Listen carefully as our options have changed.", "menu"),
        ("Welcome to City Bank. Para espanol, oprima dos.", "menu"),
    ],
)
def test_cue_of_a_transcript(text, cue):
    assert main_cue(text) == cue


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("Good evening, Luigi's, this is Marco, how can I help you?", "strong-person"),
        ("Hi, this is Sam. I can't take your call right now.", "recording"),
        ("Good morning, Riverside Dental.", "person"),
        ("Okay.", None),
        ("Okay, I'm back.", "person"),  # talk as people resume it after hold
        ("Right, so I've checked with the kitchen.", "person"),
        ("Sorry, where were we?", "person"),
        ("Thank you for holding.", None),
        ("Thank you for your patience.", None),  # a queue's, and as often a person's back from hold
        ("Thank you so much for your patience. My name is Ana.", "person"),
        ("Thank you so much for your patience. My name is", "person"),  # words so far, cut before the name
        ("This is", None),  # "this is a reminder ...", cut: names no one yet
        ("We appreciate your patience.", "recording"),  # a queue speaks as "we"
        ("This is a reminder to bring your card.", None),  # "this is" names no one here
        ("Spokane Chain Cycles, This is Dave", "strong-person"),  # the business, then who picked up
        ("Hi, this is Sam.", "person"),  # a voicemail opens like this too: weak
        ("Riverside Dental, this is Dave's voicemail.", "recording"),
        ("You've reached Riverside Dental, this is Dave.", "recording"),  # a recording's opening
        ("Riverside Dental, it's Anna's phone", "person"),
        ("Acme Garage, Steve here.", "strong-person"),  # the business, then who picked up
        ("Thank you for calling Northwind, how may I direct your call?", "person"),  # auto-attendants ask it too
        ("Sorry about that, I'm back. I was on the other line.", "person"),  # a person back from hold
        ("Sorry, I'm on the other line, can you hold a moment?", "strong-person"),
        ("Hi, it's Tom, I'm driving, can I call you back?", "strong-person"),  # a person who cannot talk asks
        # A receptionist saying who is out, then offering help in words other than "how can I help".
        ("Hello, Dr. Brown isn't available at the moment, can I help you with something?", "strong-person"),
        ("Front desk, she's out today, is there anything I can do for you?", "strong-person"),
        ("Leave us your details and we'll call you back today.", "recording"),
        ("Please leave your contact details after the beep.", "recording"),
        # Someone there who says the hours, takes the message themselves, or picks up our callback.
        ("Hello, we're closed actually, but how can I help?", "strong-person"),
        ("Reception, the office is closed for lunch but I can take a message.", "strong-person"),
        ("Hello, he's not here, you can leave a message with me.", "strong-person"),
        ("Good afternoon, our hours are nine to five but I'm still here, what do you need?", "strong-person"),
        ("Hello? Sorry, I missed your call earlier, who is this?", "strong-person"),
        ("Sorry I missed your call, leave a message.", "recording"),
        ("Hi, she's not available right now, can I get her to call you back?", "strong-person"),
        ("Hello, you're calling about the website order?", "strong-person"),
        ("Hi, we're closed on Sundays usually, but I'm just doing the books, what's up?", "strong-person"),
        ("Hey, what's up, it's Jo, leave a message.", "recording"),
        ("Namaste, this is Declan. I am not able to take your call right now.", "recording"),
        ("Please drop me a WhatsApp and I will call you back.", "recording"),
        ("Hi, you've reached Sunshine Cleaning, we're out on jobs, please text this number.", "recording"),
        ("Hi, it's Amy, can you text me the address?", "strong-person"),
        ("Hey, it's Mei. You know the drill.", "recording"),
    ],
)
def test_who_the_words_say_is_talking(text, who):
    assert speaker(text) == who


@pytest.mark.parametrize("text", [
    "Go ahead and leave a message.",
    "Hi, it's Sam, I'm not available. Go ahead and leave a message.",
    "You've reached Tom. Leave your name, and can I have your number too?",
])
def test_a_recording_that_offers_or_asks_while_it_asks_for_a_message_is_still_a_recording(text):
    assert speaker(text) == "recording"


@pytest.mark.parametrize("text", [
    "We're experiencing a high number of calls at the moment.",
    "Your call is in a queue and will be answered shortly.",
    "Please don't hang up, or you will lose your place in the queue.",
    "Our team is busy helping other customers.",
    "All lines are currently busy.",
    "We will answer your call as soon as an agent becomes available.",
    "We apologise for the delay.",
    "We are currently receiving a larger than normal number of calls.",
    "Please wait while we transfer your call.",
    "To save time, please have your account number ready.",
])
def test_a_queues_announcements_between_its_music_are_a_recording(text):
    assert main_cue(text) == "queue" and speaker(text) == "recording"


@pytest.mark.parametrize("text", [
    "Thanks for holding, I can do half past two if that works.",
    "Thanks for waiting, I'm looking at your account now.",
    "Thanks for your patience, I've found your booking.",
    "Sorry for the wait, I had to check with my colleague.",
    "I have your file here.",  # what they went to get, in front of them now (STT dropped "Alright,")
    "I've got the booking up on my screen.",
])
def test_a_person_back_from_hold_says_what_they_did_as_i(text):
    assert speaker(text) == "person"


@pytest.mark.parametrize("text", ["We have your call in the queue.", "I have to put you on hold here."])
def test_what_a_queue_or_a_hold_says_is_no_person_back(text):
    assert speaker(text) != "person"


@pytest.mark.parametrize(("text", "only"), [
    ("Welcome to Rapid Parcel.", True),
    ("Thank you for calling First Harbor Bank.", True),
    ("This is the Redwood Family Law office.", True),
    ("Good morning, thank you for calling Lotus Spa.", True),
    ("Thanks for calling Tony's, this is Marco.", False),
    ("Thank you for calling Luigi's, how can I help?", False),
    ("Thank you for calling, Dana speaking.", False),
    ("Welcome to Skyline Airways. For flights, press one.", False),
    ("Hi, this is Sam.", False),
])
def test_a_businesss_own_formula_with_nobody_in_it(text, only):
    assert bool(BUSINESS_ONLY.search(text)) is only


@pytest.mark.parametrize("text", [
    "Hi, it's Dana from the front desk.",
    "It's me again, sorry.",
    "Luigi's, it's Marco.",
    "Spoke and Chain Cycles, this is Dave.",
])
def test_someone_saying_who_they_are_is_a_person(text):
    assert speaker(text) in ("person", "strong-person")


@pytest.mark.parametrize("text", [
    "It's time for the",  # an Italian announcement as STT's invented English
    "Otherwise, it's next.",  # a Russian one: no business and a name, only a comma and "it's"
    "One sec, it's loading.",
    "The deposit's held with the DPS.",  # "it's" inside a word
    "If it's urgent, call my cell.",
])
def test_its_with_any_word_names_nobody(text):
    assert speaker(text) is None


@pytest.mark.parametrize(("text", "in_form"), [
    ("Sorry, where were we?", True),
    ("Hi, can you hear me?", True),
    ("Okay so are you still there?", True),
    ("Is that you?", True),
    ("Oh. Do you have your reference number?", True),
    ("Okay?", True),  # a bare check-in
    ("Right, so?", True),
    ("You must hold the number, see?", False),  # "You are caller number 6", cut short
    ("Thanks for waiting?", False),
    ("Your call is important?", False),
    ("Great if it was what at the end?", False),
    ("Okay, great?", False),
])
def test_a_question_in_a_questions_form_or_only_by_its_mark(text, in_form):
    assert asks_in_form(text) is in_form


@pytest.mark.parametrize("text, ends", [
    ("Please stay on the line and your call will be answered by the next. Hi, thanks for holding, how can I help you?",
     True),
    ("The estimated hold time. Thanks for waiting, what can I do for you?", True),
    ("All of our representatives are busy! Hello, this is Priya, how may I help?", True),
    # one sentence, or an offer that is not the last word: nothing to put in order
    ("How can I help you?", False),
    ("How can we help you today? Visit our website to manage your account.", False),
    ("Your call is important to us. Please stay on the line.", False),
    ("Thank you for holding. Are you still there?", False),  # a question: STT makes one of a misheard clause
])
def test_an_offer_of_help_after_other_sentences(text, ends):
    assert ends_in_offer(text) is ends


@pytest.mark.parametrize("text, only", [
    ("If this is a medical emergency, hang up and dial 911.", True),
    ("In case of an emergency, please call 999. Calls may be recorded for training purposes.", True),
    ("In an emergency, call our on-call vet on 555 0100.", True),
    # with other words of a recording beside it, those decide
    ("If this is an emergency, dial 911. Our office is currently closed.", False),
    ("If this is an emergency, dial 911, otherwise please leave a message after the tone.", False),
    ("If this is an emergency, press 1.", False),  # a menu's key
    ("Our hours are nine to five.", False),  # no emergency notice
])
def test_a_recording_only_by_its_emergency_notice(text, only):
    assert emergency_only(text, cues_in(text)) is only
