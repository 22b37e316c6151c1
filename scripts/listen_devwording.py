"""Wording for the development listen corpus (scripts/listen_devcorpus.py), written apart from the tuning and test
corpora's wording, from how real phones, businesses and carriers speak."""

BUSINESS_GREETINGS = (
    ("Harbor Dental, Jen speaking.",),
    ("Tony's Pizza.",),
    ("Parts desk, whatcha need?",),
    ("Good afternoon, Riverside Veterinary Clinic.", "How can I help you today?"),
    ("Thank you for calling Maple Street Hardware, this is {name}.", "What can I do for you?"),
    ("Kwik Lube, hang on one sec.",),
    ("Morning, Dunmore Motors.",),
    ("Hello, Greenfield Family Practice, {name} speaking, how may I help?",),
    ("Sunrise Diner, pickup or delivery?",),
    ("Good evening, The Anchor.", "Are you looking to book a table?"),
    ("Service department.",),
    ("Hi there, Bloom and Petal.", "What can we do for you?"),
    ("Front desk.",),
    ("Lakeside Inn, reception.", "How can I help?"),
    ("G'day, Coastal Plumbing, {name} here.",),
    ("Hiya, you're through to Brennan's Pharmacy.",),
    ("Accounts, {name} speaking.",),
    ("Good morning, Sharma and Associates.", "How may I direct your call?"),
    ("Yeah, Ace Towing.",),
    ("Hello, Patel Electronics.", "Yes, tell me."),
    ("Westside Auto Body, can you hold?",),
    ("Thanks for calling Northgate Pet Supplies, how can I help you?",),
    ("Hi, Main Street Barbers.",),
    ("Good afternoon, law office of Chen and Morales.", "This is {name}, how can I assist?"),
    ("Library, circulation desk.",),
    ("Hello, Golden Dragon.", "Is this for takeaway?"),
    ("Oak Hill Vets, good morning, {name} speaking.",),
    ("Evening, Harvey's Bar and Grill.", "What can I get for you?"),
    ("Hi, Cedar Ridge Realty.", "Who am I speaking with?"),
    ("Reception, hello?",),
)

RESIDENTIAL_ANSWERS = (
    ("Hello?",),
    ("Yeah, hi?",),
    ("This is {name}.",),
    ("Hello, who's calling?",),
    ("Hi.",),
    ("Hello, {name} speaking.",),
    ("Yeah?",),
    ("Hello.", "Who is this?"),
    ("Hi, this is {name}.",),
    ("Hiya.",),
    ("Yes, hello?",),
    ("Hello, good evening.",),
    ("{name} here.",),
    ("Hey.", "Who's this?"),
    ("Hello?", "Hello?"),
    ("Uh, hi, who's this?",),
    ("Hello, Murphy residence.",),
    ("Hello, yes?",),
)

VOICEMAIL_GREETINGS = (
    ("Hey, it's {name}.", "Leave it at the tone."),
    (
        "Hi, this is {name}.",
        "I can't get to the phone right now, but leave your name and number and I'll call you back.",
    ),
    ("Hello, you've reached {name}.", "Sorry I missed you.", "Text me, that's the fastest way to get hold of me."),
    (
        "Hi, this is {name}.",
        "I'm away from my desk.",
        "Please leave a message and I will return your call as soon as possible.",
    ),
    ("Yo, it's {name}.", "You know what to do."),
    ("Hello.", "You've reached the voicemail of {name}.", "Please leave your details after the tone."),
    (
        "Hi, you've got {name}.",
        "I'm probably out on a job.",
        "Leave your number and I'll get back to you by the end of the day.",
    ),
    (
        "Hi, this is {name} at Green Leaf Landscaping.",
        "We're out in the field.",
        "Please leave your name, address and a short description of the work, and we'll call you back.",
    ),
    (
        "Hello, this is {name}.",
        "I'm out of the office until Monday.",
        "For urgent matters, please email me at {name} at brightpath dot com.",
    ),
    ("Hey there.", "Sorry I missed your call.", "Say what you need to say and I'll ring you back."),
    (
        "Hi, it's {name}.",
        "This number isn't checked very often.",
        "Best to reach me on my mobile, oh seven seven oh nine, four four two, six eight three.",
    ),
    ("You've reached {name}.", "Go ahead."),
    ("Hi, {name} here.", "Can't talk right now.", "Leave a message."),
    (
        "Good day, you have reached the office of Doctor {name} Okafor.",
        "I am currently unavailable.",
        "Kindly leave your name, number, and the reason for your call, and I shall respond at the earliest.",
    ),
    ("Hey, it's {name} and Mike.", "We're not around.", "Leave us something after the beep."),
    (
        "Hi, this is {name}.",
        "I'm either on the other line or away from the phone.",
        "Your call is important to me, so please leave a brief message.",
    ),
    ("Hello?", "Ha, got you, this is actually my voicemail.", "Leave your name and number."),
    (
        "Thank you for calling Hartley Tax Services, this is {name}.",
        "I'm with a client at the moment.",
        "Please leave your name and number and I'll return your call within one business day.",
    ),
    ("Hi, you've reached {name}'s phone.", "I'm driving or otherwise tied up.", "Talk after the tone."),
    ("Hiya, it's {name}.", "Can't come to the phone.", "Leave us a wee message and I'll get back to you."),
    ("This is {name}.", "Please leave a message."),
    (
        "G'day, you've reached {name}.",
        "I'm out and about.",
        "Leave your name and number and I'll give you a bell.",
    ),
    (
        "Hello, this is {name} from Sunset Realty.",
        "I'm probably showing a home right now.",
        "If it's urgent, call my cell at five five five, two one two, eight eight four seven.",
        "Otherwise, you know the drill.",
    ),
    (
        "Hi, you've reached the Nguyen family.",
        "We can't come to the phone right now.",
        "Please leave a message and we'll get back to you.",
    ),
    (
        "Namaste, this is {name}.",
        "I am not able to take your call right now.",
        "Please drop me a WhatsApp and I will call you back.",
    ),
    (
        "Hi, it's {name}.",
        "I'm on holiday until the fifteenth with limited access to my phone.",
        "For anything urgent, please contact Sarah on extension two four.",
    ),
    (
        "Hello, {name} speaking.",
        "Well, not really, this is my voicemail.",
        "Leave your details and I'll call you back.",
    ),
    ("Hey.", "It's {name}.", "Do your thing."),
    (
        "Hi, you've reached {name} at Precision Auto.",
        "Shop hours are eight to five, Monday through Friday.",
        "Leave your name, number and what you're driving, and I'll call you back.",
    ),
    ("Hello, this is {name}.", "I don't check voicemail, so please send me a text or an email instead."),
)

CLOSED_OFFICE = (
    (
        "Thank you for calling Lakeview Dental.",
        "Our office is currently closed; our hours are Monday through Friday, eight in the morning to five.",
        "If this is a dental emergency, please call our on-call line, otherwise leave a message after the tone.",
    ),
    (
        "You've reached Whitmore and Sons Plumbing.",
        "We're closed for the day.",
        "For emergency call-outs, press one to be connected to our on-call engineer.",
    ),
    (
        "Hello, and thank you for calling the Fairview Medical Centre.",
        "The surgery is now closed and will reopen at eight o'clock tomorrow morning.",
        "If you need urgent medical help, please dial one one one, or in an emergency, nine nine nine.",
    ),
    (
        "Thanks for calling Pacific Coast Insurance.",
        "Our offices are closed today in observance of the holiday.",
        "Please call back during regular business hours, or visit our website to file a claim.",
    ),
    (
        "Welcome to Northern Lights Veterinary Hospital.",
        "We are currently closed.",
        "If your pet needs emergency care, please contact the Animal Emergency Centre on Queen Street.",
    ),
    (
        "Hi, you've reached Sal's Auto Repair.",
        "We're open Monday to Saturday, seven thirty to six.",
        "Leave your name and number and we'll get back to you first thing.",
    ),
    (
        "Thank you for calling the City of Brampton tax office.",
        "Our office hours are eight thirty to four thirty, Monday to Friday, excluding statutory holidays.",
        "Many of our services are available online at any time.",
    ),
    (
        "You have reached Greenway Property Management outside of business hours.",
        "For maintenance emergencies such as flooding, fire or no heat, please press one now.",
        "For all other inquiries, leave a message and we will respond the next business day.",
    ),
    (
        "Thank you for calling Shree Ganesh Travels.",
        "Our office is closed now; working hours are ten to seven, Monday to Saturday.",
        "Please call us back tomorrow, thank you.",
    ),
    (
        "Hello, you've reached the Kilkenny Credit Union.",
        "We're closed at the moment and will reopen at half nine on Monday.",
        "To report a lost or stolen card, please hang up and call the number on the back of your card.",
    ),
    (
        "Thanks for calling Bayside Physio.",
        "The clinic is closed for the Christmas break and will reopen on the sixth of January.",
        "You can book online any time, or leave a message and we'll call you when we're back.",
    ),
    (
        "Hi, you've reached Summit Heating and Air.",
        "Our office is closed right now.",
        "If you have no heat or no cooling, stay on the line and you'll reach our after-hours answering service.",
    ),
    (
        "This is the Redwood Family Law office.",
        "We are closed for the weekend.",
        "Please leave a detailed message, including your case number if you have one.",
    ),
    (
        "Thank you for calling Brightside Pediatrics.",
        "The office is closed, but our nurse line is available twenty-four hours a day.",
        "To speak with the on-call nurse, please press two.",
    ),
)

CARRIER_GREETINGS = (
    ("The number you have dialed is not available.", "Please leave a message after the tone."),
    ("The Vodafone customer you are calling is not available.", "Please leave a message after the tone."),
    (
        "Your call has been forwarded to an automatic voice message system.",
        "{name} is not available.",
        "At the tone, please record your message.",
    ),
    (
        "The subscriber you are trying to reach is not available.",
        "Please record your message after the tone.",
        "When you have finished recording, you may hang up.",
    ),
    ("The person at extension two one four is unavailable.", "Please leave a message after the tone."),
    ("Hi, the person you're calling can't take your call right now.", "Please leave a message after the beep."),
    ("Sorry, the mobile you have called is not available.", "Please leave a message after the tone, or send a text."),
    ("The Airtel subscriber you are calling is not answering.", "Please leave your message after the beep."),
    ("Sorry, {name} is not available to take your call.", "Please leave a message after the tone."),
    ("The wireless customer you are calling is not available.", "At the tone, please record your message."),
    (
        "You have reached the voicemail of oh four one two, three four five, six seven eight.",
        "Please leave a message after the tone.",
    ),
    (
        "The person you are calling is unavailable.",
        "Please leave your message after the tone.",
        "When you are finished, hang up or press the hash key for more options.",
    ),
)

SCREENING_PROMPTS = (
    (
        "Hi there.",
        "The person you're calling is using a screening service and will get a copy of this conversation.",
        "Go ahead and say your name and why you're calling.",
    ),
    (
        "Hello.",
        "{name} is using call screening.",
        "Please state your name and the reason for your call, and I'll see if they're available.",
    ),
    ("Hi, thanks for calling.", "I'm {name}'s virtual assistant.", "Who's calling, and what is this regarding?"),
    ("Hi, if you record your name and reason for calling, I'll see if this person is available.",),
    ("Hello, you've reached {name}'s phone.", "Before I connect you, may I ask who is calling?"),
    ("Please say your name after the tone, and I will try to connect you.",),
    (
        "Hi.",
        "This call is being screened by an automated assistant.",
        "Tell me who you are and what you're calling about.",
    ),
    ("Hey there, thanks for calling.", "{name} can't pick up just yet.", "What's your name, and what's this about?"),
    (
        "Hello, this is an automated call assistant.",
        "The person you are calling does not accept calls from unknown numbers.",
        "Please say your name and the purpose of your call.",
    ),
    ("Hi, I'm answering on behalf of {name}.", "Can I get your name and the reason you're calling?"),
    (
        "Good afternoon.",
        "You've reached the virtual receptionist for {name}.",
        "Who should I say is calling?",
    ),
    (
        "Hello.",
        "The subscriber you have called uses a call screening service.",
        "Please state your name after the tone, then stay on the line.",
    ),
    (
        "Hi there, this is a digital assistant picking up for {name}.",
        "Could you tell me who you are and why you're calling?",
    ),
    ("Hello, thanks for calling.", "Just so I can pass this along, what's your name and how can {name} help?"),
    (
        "Hi.",
        "Sorry, this number isn't in the contacts.",
        "Please say your name and why you're calling, and I'll let them know.",
    ),
    (
        "This is a call screening assistant.",
        "Go ahead and say your name and what you're calling about.",
        "Stay on the line while I check if they're available.",
    ),
)

ANSWER_MENUS = (
    (
        "Thank you for calling First Harbor Bank.",
        "For account balances and recent transactions, press one.",
        "To report a lost or stolen card, press two.",
        "For all other inquiries, press zero.",
    ),
    (
        "Please listen carefully, as our menu options have recently changed.",
        "For appointments, press one.",
        "For prescription refills, press two.",
        "For billing, press three.",
    ),
    (
        "Welcome to Metro Water Utilities.",
        "In a few words, tell me what you're calling about.",
        "For example, you can say 'pay my bill' or 'report a leak'.",
    ),
    (
        "Hello, and thanks for calling Brightwave Internet.",
        "Are you calling about your bill, a technical problem, or something else?",
    ),
    (
        "Thank you for calling Westfield Medical Group.",
        "If this is a medical emergency, hang up and dial nine one one.",
        "For the pharmacy, dial two.",
        "To reach the operator, stay on the line.",
    ),
    (
        "You've reached the main line for Carter Logistics.",
        "If you know your party's extension, you may dial it at any time.",
        "For sales, press one; for shipping and tracking, press two.",
    ),
    (
        "Welcome to Skyline Airways.",
        "Para espanol, oprima el nueve.",
        "To check the status of a flight, say 'flight status', or press one.",
    ),
    (
        "Thanks for calling Evergreen Auto Insurance.",
        "I can help with claims, payments and policy changes.",
        "You can also ask me a question.",
        "So, how can I help you today?",
    ),
    (
        "Hello, you have reached the Revenue Services helpline.",
        "Please note that calls may be recorded for training purposes.",
        "For personal tax, say 'personal'; for business tax, say 'business'.",
    ),
    (
        "Welcome to Pizza Palace.",
        "To place an order for delivery, press one.",
        "For carry-out, press two.",
        "For catering, option three.",
    ),
    (
        "Thank you for calling Northridge Hospital.",
        "For patient room information, press one.",
        "For billing, press two.",
        "For all other calls, please stay on the line for the operator.",
    ),
    (
        "Welcome to Sky Digital customer care.",
        "For English, press one.",
        "Hindi ke liye, do dabaiye.",
    ),
    (
        "Hi, you've reached Green Valley Gas and Electric.",
        "To report a gas leak or power outage, press one now.",
        "To pay your bill, press two.",
    ),
    (
        "Thank you for calling Citywide Cabs.",
        "To book a taxi, press one.",
        "To speak to a dispatcher, press zero.",
    ),
    (
        "Welcome to the Department of Motor Vehicles.",
        "Para espanol, marque dos.",
        "Briefly tell me the reason for your call, for example, 'renew my license'.",
    ),
    (
        "Good morning, you've reached Lotus Spa.",
        "To book an appointment, press one.",
        "For gift cards, press two.",
        "For our address and hours, press three.",
    ),
    (
        "Thanks for calling Hilltop Vet Clinic.",
        "If you're calling about a pet emergency, press one and you'll be put straight through.",
        "For everything else, stay on the line.",
    ),
    (
        "Welcome to Rapid Parcel.",
        "If you are calling to track a package, please say or enter your tracking number now.",
    ),
    (
        "Thank you for calling Anderson, Black and Lee.",
        "Please select from the following options.",
        "For the company directory, press the pound key.",
        "For the receptionist, press zero at any time.",
    ),
    (
        "Hi, thanks for calling Sunnyvale Public Library.",
        "Which department would you like?",
        "You can say 'circulation', 'reference', or 'children's services'.",
    ),
)

PICKUP_TURNS = (
    ("Hi, thanks for holding, this is {name}.",),
    ("Are you still there?",),
    ("Hello?", "Sorry about that."),
    ("So I checked, and the Tuesday slot is gone.", "Would Thursday work instead?"),
    ("Okay.", "I've got your account up now."),
    ("Thank you so much for your patience.", "My name is {name}, and I'll be taking care of you today."),
    ("Hi, you're through to the billing team, {name} speaking.",),
    ("Sorry to keep you waiting.",),
    ("Hello, are you there?",),
    ("Right, so I spoke to my manager.", "We can waive the late fee this time."),
    ("Yeah, hi, sorry, it's mad busy here today.",),
    ("Okay, thanks for waiting.", "So the part's in stock, we can have it ready by Friday."),
    ("Hello, sir?", "Thank you for being on the line."),
    ("Hi there, I'm {name} from technical support.", "I understand you're having trouble with your router?"),
    ("Hiya, sorry about the wait.",),
    ("Alright, I found it.",),
    ("Good afternoon, claims department, this is {name}.", "Can I start with your policy number?"),
    ("Hi, I've just had your call transferred over to me.", "How can I help?"),
    ("Sorry, still there?",),
    ("Cheers for holding.", "Doctor's running about twenty minutes behind, but we can fit you in."),
    ("Okay, so.", "Your order shipped yesterday, and it should be with you Monday."),
    ("Thanks for your patience.", "I do apologize for the long wait today."),
    ("Hello, this is {name}.", "I know you've been on hold a while, I'm sorry about that."),
    ("Yes, hello, I am back.", "I have checked the status of your complaint."),
    ("Pharmacy, {name} here, you were holding?",),
    ("Hey, so, good news.",),
    ("Hi, sorry, where were we?",),
    ("Hello, you're through to customer services.", "Can I take your name, please?"),
    ("Mm, okay, so I've had a look.", "Nothing's showing on our end."),
    ("Yeah, g'day, sorry, had to grab the boss.",),
)

QUEUE_ANNOUNCEMENTS = (
    ("Please continue to hold.", "Your call will be answered by the next available representative."),
    ("Your call is important to us.",),
    ("An agent will be with you shortly.",),
    ("Calls may be recorded for quality and training purposes.",),
    ("Did you know you can now book online at greenleaf dental dot com?", "It's quick, easy, and available any time."),
    ("Looking for a great gift?", "Our gift cards are available in any amount, in store or online."),
    ("We are currently experiencing higher than normal call volumes.", "Thank you for your patience."),
    ("Due to the ongoing COVID nineteen situation, wait times may be longer than usual.",),
    ("Please have your account number ready when an agent answers.",),
    ("Thank you for holding.", "All of our team members are still helping other customers."),
    ("Tired of waiting?", "Visit our website to manage your account, pay your bill, or chat with us online."),
    (
        "We value your privacy.",
        "To learn how we use your information, visit our website and view our privacy policy.",
    ),
    ("For your safety, masks are still required at all of our clinics.",),
    ("Were you aware that most questions can be answered right in our app?",),
    (
        "We're sorry for the delay.",
        "Please stay on the line, and your call will be answered in the order it was received.",
    ),
    ("Hey, thanks for sticking with us.", "We'll be right with you."),
    ("If you'd prefer a callback, press one now, and you won't lose your place in line.",),
    (
        "Our lines are very busy at the moment.",
        "Please hold, and one of our advisors will be with you as soon as possible.",
    ),
    ("Ask us about our new fibre broadband plans, with speeds up to one gigabit.",),
    ("Did you know our opening hours have changed?", "We're now open until eight on weekdays."),
)

QUEUE_WAITS = (
    ("You are caller number {n} in the queue.",),
    ("Your estimated wait time is {n} minutes.",),
    ("There are {n} callers ahead of you.",),
    ("You are currently number {n} in line.",),
    ("Your call will be answered in approximately {n} minutes.",),
    ("Your position in the queue is {n}.",),
)

QUEUE_GREETINGS = (
    (
        "Thank you for calling Summit Bank.",
        "All of our agents are busy assisting other customers.",
        "Please stay on the line and your call will be answered in the order it was received.",
    ),
    (
        "Thanks for calling Nova Mobile support.",
        "We're seeing high call volumes right now, so you may have a longer wait than usual.",
    ),
    (
        "Welcome to the Citizens Advice line.",
        "All our advisers are currently busy.",
        "Please hold and we'll be with you as soon as we can.",
    ),
    ("Thank you for your call.", "You are being placed in a queue, and the next available agent will assist you."),
    (
        "Hello, you've reached Harbour City Council.",
        "All our customer service officers are on other calls.",
        "Please hold.",
    ),
    (
        "Thank you for contacting Apex Airlines reservations.",
        "To ensure quality service, this call may be monitored or recorded.",
        "Please hold for the next available agent.",
    ),
    ("Thanks for holding.", "Someone from our team will be with you in just a moment."),
    (
        "Namaskar, thank you for calling Sunrise Finance customer care.",
        "All our executives are busy at the moment.",
        "Kindly stay on the line, your call is important to us.",
    ),
)

NAMES = ("Jennifer", "Marcus", "Priya", "Liam", "Aisha", "Declan", "Mei", "Carlos", "Fatima", "Kwame", "Olga", "Tariq")
