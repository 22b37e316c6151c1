"""The wordings about the one we call for (the principal): asking to speak to them (ask_principal), and fishing for
what the request does not need (extraction)."""

from __future__ import annotations

from agent.conversation.reading.wording import _alternatives

_ASK_PRINCIPAL = _alternatives(
    # Asking for the one we call for: "can I speak to her", "put him on the phone", "is she there", "she'll need to call
    # herself".
    r"\b(?:speak|talk|have a word|a word|chat|a quick word) (?:to|with) (?:her|him|them|the patient|the account "
    r"holder|the card ?holder|the homeowner|the owner|the passenger|the guest|the customer|the policy ?holder|"
    r"mr|mrs|ms|miss|dr|the person|your (?:boss|client|principal|employer)|someone who)|(?:get|put) (?:her|him|"
    r"them|the account holder|the patient) on the (?:line|phone)|(?:can|could) (?:she|he|they) (?:call|ring|"
    r"give us a (?:call|ring)|come to the phone)|(?:need|have) to (?:speak|talk) to (?:her|him|them|the)|"
    r"(?:she|he|they) (?:will |would )?(?:need|has|have) to (?:call|ring|come in|do (?:it|this|that) "
    r"(?:herself|himself|themselves))|only (?:speak|talk|deal) (?:to|with) the|is (?:she|he) (?:there|available|"
    r"with you|around)|(?:herself|himself|themselves|in person|directly)\b.*\b(?:speak|talk|word)|"
    r"(?:can|could) (?:she|he|they|mum|dad) come (?:on|to the phone)|"
    r"(?:\byou (?:just |please )?put (?:her|him|them) on\b(?! hold| the (?:list|waiting|wait|\d)| for| standby)|"
    r"\bput (?:her|him|them) on(?: the (?:line|phone))?\W*$)|"
    r"is (?:mum|dad|she|he) there|(?:himself|herself|themselves) (?:must|has to|have to|needs? to|will need to) "
    r"(?:call|ring|phone|agree|consent)|(?:must|has to|needs? to|will need to) (?:call|ring|phone) (?:us )?"
    r"(?:herself|himself|themselves|directly)|(?:to agree|consent) (?:to [\w ]+ )?(?:herself|himself|themselves)",
    # The principal in person or by name, as other Englishes say it: "speak to her directly", "is mum around", "is Maria
    # available", "on the line to authorise", "she there or not", "get her to give us a call".
    r"\b(?:speak|talk|word|chat|go through [\w ]+) (?:to|with) [\w' ]{1,30}"
    r"(?:herself|himself|themselves|directly|in person)\b|"
    r"\bis (?:mrs |mr |ms |miss |dr |the |his |her |your )?(?:mom|mum|dad|parent|"
    r"guardian|recipient|patient|member|policyholder|policy holder|account holder|"
    r"homeowner|tenant|"
    # a name ("is Maria around"); the text is lower case by now, so not an
    # adverb ("a full groom is usually around a hundred")
    r"(?!(?:\w+ly|still|just|also|now|often|about|always|there|here|that|this|"
    r"it|not|open|closed|the)\b)[a-z]+) (?:around|available|there|free to)\b|"
    r"\bon the line to (?:authori[sz]e|confirm|agree|sign)\b|\b(?:she|"
    r"he) there or not\b|"
    r"\b(?:rang|call|ring|give us a call) (?:us )?(?:herself|himself|directly)\b|"
    r"(?<!i'll )(?<!we'll )\bget (?:her|him) to (?:give us a )?(?:call|ring)\b",
    # Someone else must speak for themselves: "I can only discuss a pupil's absence with a parent or guardian, is mum or
    # dad available to speak", "is the account holder there to talk".
    r"\b(?:is|are) (?:mum|mom|dad|the parent|a parent|a guardian|the guardian|"
    r"the account ?holder|the policy ?holder|the card ?holder|the patient|"
    r"the homeowner|your (?:mum|mom|dad|husband|wife|partner|boss))"
    r"(?: or (?:\w+ ){1,2})? (?:available|around|there|free|about) to "
    r"(?:speak|talk|come to the phone|have a word)\b|"
    r"\bonly (?:discuss|speak about|talk about|go through|release|disclose) "
    r"[\w' ]{1,40} (?:with|to) (?:a|the) (?:parent|guardian|account ?holder|"
    r"policy ?holder|card ?holder|patient|homeowner|owner)\b",
    # "can you pass the phone to Mr Tan", "I'll need Mrs Chen on the line to give consent", "I can only discuss the
    # account with the account holder".
    r"\b(?:pass|hand|give) (?:the phone|the call|it) (?:over )?to (?:mr|mrs|ms|miss|"
    r"dr|her|him|them|the)\b|"
    r"\bneed (?:mr |mrs |ms |miss |dr |the )?[\w']+ (?:on the (?:line|phone)|"
    r"to (?:give|confirm) (?:consent|permission|authori[sz]ation))\b|"
    r"\bonly (?:discuss|speak about|talk about|go through) [\w' ]{1,30} with the "
    r"(?:account|card|policy) ?holder\b",
    # "could you put Mrs Chen on please", "you able to put the account holder on so I can ...": to the phone, not onto a
    # list or hold.
    r"\byou (?:able to |be able to |just |please )?put "
    r"(?:mr |mrs |ms |miss |dr )?(?:the account holder|the policy ?holder|"
    r"the patient|the member|the card ?holder|[a-z]+) on\b"
    r"(?! hold| the list| a list)(?= (?:i|we|please|for|to|so)\b|\W*$)",
    # People who must act themselves: "the applicant needs to come in person or phone herself".
    r"\b(?:the )?(?:applicant|patient|account holder|customer|policy ?holder|"
    r"member|cardholder|card holder) (?:needs?|has|have|will need) to (?:come in|"
    r"call|ring|phone|apply|sign|attend)\b[^.?!]{0,40}\b(?:in person|herself|"
    r"himself|themselves)\b|\bphone (?:us )?(?:herself|himself|themselves)\b",
    # "pass the phone to your mum", "I need to hear from the account holder", "is she with you".
    r"\b(?:pass|hand|give) (?:the phone|it|the line) (?:over )?to (?:your|her|his|the)\b|"
    r"\b(?:hear|speak|talk) (?:from|to|with) the (?:account holder|claimant|patient|owner|customer|policy ?holder|"
    r"card ?holder|cardholder|passenger|applicant|tenant|bill payer)\b|"
    r"\bis (?:she|he|the \w+) (?:with you|near you|there with you|nearby)\b|"
    r"\bthe (?:owner|account holder|patient|cardholder|customer|claimant)(?: of the \w+)? "
    r"(?:can|could|should|needs? to|has to|must) (?:speak|talk|call|ring|phone|come)\b",
    # The principal to the phone, named or by role: "put Tom on", "could you put the tenant on", "is Mr Osei with you, I
    # need him to okay it", "would your father be able to come to the phone", "is she able to talk", "I need the bill
    # payer on the line", "we'd need to hear it from Mrs Lowe herself", "the recipient needs to ring us themselves".
    r"^(?:(?:ok|okay|right|so|can you|could you|would you|you)[,]? )*(?:just )?put (?!(?:you|it|that|this|them|"
    r"yourself|me|us|hold)\b)(?:mr |mrs |ms |miss |dr |the )?[a-z]+ on\b(?! (?:hold|the|a|an|it|to|for|at|by|with|"
    r"standby)\b)|"
    r"\b(?:be able to|able to|free to|available to) (?:come to|get to|come on) the phone\b|"
    r"\bis (?:she|he|mr \w+|mrs \w+|ms \w+|miss \w+|dr \w+|the \w+(?: \w+)?) (?:able|well enough|free) to "
    r"(?:talk|speak|come to the phone)\b|"
    r"\bis (?:mr|mrs|ms|miss|dr)\.? [a-z]+ (?:with you|there|around|available|about)\b|"
    r"\bneed (?:the )?[\w' ]{1,20} on the (?:line|phone)(?: (?:to|for|so)\b|(?:,? (?:please|sorry|thanks))?\W*$)|"
    r"\b(?:can|could|would) [\w. ]{1,25} come to the phone\b|"
    r"\bcan you (?:get|put|grab|fetch) (?:her|him|them)(?: on| for me)?\W*$|"
    r"\b(?:have a (?:quick )?word|speak|talk) (?:to|with) (?!(?:someone|somebody|anyone|you|the)\b)[a-z]+(?: please)?"
    r"\W*$|"
    r"\b(?:herself|himself|themselves) to (?:give|confirm|agree|consent|authori[sz]e)\b|"
    r"\bhave (?:her|him|them) (?:call|ring|phone)(?: in| us)? (?:herself|himself|themselves)\b|"
    r"\bhear it from (?:\w+ ){1,3}(?:herself|himself|themselves|directly|personally|in person)\b|"
    r"\b(?:needs?|has|have) to (?:ring|call|phone|contact) us (?:themselves|herself|himself|directly|personally)\b|"
    r"\b(?:i|we) need (?:him|her|them) to (?:ok|okay|approve|authori[sz]e|confirm|agree to) (?:it|this|that)? ?"
    r"(?:himself|herself|themselves|personally)\b|"
    r"\bon the (?:line|phone) (?:herself|himself|themselves|personally)\b|"
    r"\b(?:is|would|could) (?:she|he) (?:be )?able to (?:just )?come on\b|\b(?:she|he) (?:needs? to|has to|must) "
    r"(?:give|say) (?:her|his|the) (?:own )?consent\b|"
    r"\b(?:you|ya) (?:just |please )?(?:get|put) (?!(?:you|it|me|us|that|this|them)\b)(?:(?:mr|mrs|ms|miss|dr) )?"
    r"[a-z]+ on the (?:line|phone)\b|"
    r"\bis (?:the )?(?:main |named )?(?:driver|bill payer|account holder|policy ?holder|tenant|patient|member) "
    r"(?:there|with you|around|available)\b",
)

_EXTRACTION = _alternatives(
    # Fishing for what the request does not need: secrets (passwords, PINs, maiden names), her movements, money and
    # private life, and attempts to override our instructions.
    r"\b(?:password|passcode|(?:her|his|your|the|card|bank) pin(?! ?code)|(?<!delivery )(?<!area )(?<!postal )"
    r"(?<!address )pin (?:number|code)|mother's maiden|"
    r"maiden name|security answer|memorable word|"
    r"what else (?:do|can) you|what other|everything you (?:know|have)|all (?:the|her|his) (?:details|info|"
    r"information)|ignore (?:your|the|that|those|all|previous)|forget (?:your|the) (?:instructions|script|"
    r"rules)|(?:where|when) (?:is|does) (?:she|he) (?:live|work|normally|usually|go|away|out|home)|out of the "
    r"house|alarm|what (?:does|do) (?:she|he) (?:earn|make|do for a living)|her employer|his employer|"
    r"how much (?:does|do) (?:she|he) (?:earn|make|have)|who (?:is|are) (?:she|he) (?:actually|really)|"
    r"(?:her|his) (?:bank details|online banking|login|username)|read (?:me|out) (?:her|his|the) (?:full|whole|"
    r"entire)|full card number|whole card number|entire card number|system prompt|your instructions|"
    r"pretend (?:to be|you're)|what's she like|is she single|"
    r"(?:what's|what is|about|know|tell me|share) her schedule|her schedule like|"
    r"when (?:is|will) (?:she|he) "
    r"(?:be )?(?:away|on holiday|out|travel\w*)|whilst i have you|while i have you|while i've got you|"
    r"when's (?:she|he) (?:usually |normally )?(?:away|out|travel\w*|home)|who (?:does|did|was|is) (?:she|he) "
    r"(?:usually |normally )?(?:travel\w*|come|go|live|stay)\w* with|(?:usually|normally) away|"
    r"mental health|medical history|criminal|religion|political|while you're on|between you and me|"
    r"ignore (?:whatever|any|all|your|the|those)|who else lives|(?<!my )(?:husband|wife|partner) does|diagnosis|"
    r"top budget|her budget|his budget|offered on anything)\b",
    # Fishing as other Englishes put it: "between us", "is she on her own during the day", "her income", "her singpass",
    # "what's her weight", "just curious", "what's in the parcel".
    r"\bbetween us\b|\bon (?:her|his) own during\b|\busually out\b|\bcurrent landlord\b|"
    r"\b(?:her|his) (?:annual )?(?:income|salary|login|singpass)\b|"
    r"\bwhat(?:'s| is) (?:her|his) weight\b|"
    r"\bfor a living\b|"
    r"\bwhere(?:'s| does| is) (?:she|he) live\b|\bjust curious\b|\bsend (?:her )?flyers\b|"
    r"\bwhat's in the parcel\b|\bhow much was it\b",
    # Scouting a home (when it is empty, who is in, what is in it) and harvesting contacts.
    r"\b(?:house|home|flat|place|property) (?:\w+ ){0,2}(?:empty|unattended)\b|"
    r"\b(?:daily|usual|weekly) routine\b|\bleave the house\b|\bvaluables\b|"
    r"\b(?:home|in) on (?:her|his|their) own\b|\bwho's minding (?:her|his|the) (?:house|"
    r"home|place)\b|"
    r"\bwhere does (?:the family|her family|his family|the dad|the mum) live\b|"
    r"\bmailing list\b|\bwhat days does (?:she|he) usually\b",
    # Codes and logins, relatives and neighbours, overriding the principal's word.
    r"\bfull pin\b|\ball four digits\b|\bone[- ]time (?:pass)?code\b|\botp\b|"
    r"\bcode (?:that was |we )?(?:just )?(?:texted|sent) to (?:her|him)\b|"
    r"\b(?:front )?door code\b|\balarm code\b|\bkey ?safe\b|\blogin\b|\bpassword\b|"
    r"\bignore what (?:she|he|they) (?:told|said)|\bdisregard\b|"
    r"\binstructions (?:she|he|they) gave\b|\bword for word\b|"
    r"\bwho (?:she|he) lives with\b|\b(?:her|his) neighbou?rs\b|"
    r"\bstill with (?:her|his) (?:husband|wife|partner)\b|"
    r"\b(?:son|daughter|husband|wife|partner)'s (?:mobile|number|address|work)\b|"
    r"\bwhere (?:he|she)'s working\b|\bdo for work\b|\bgood money\b|"
    r"\b(?:she|he) usually (?:train|trains|go|goes|leave|leaves|get home|gets home|walk|"
    r"walks)\b",
    # Fishing in other words: "does she live alone", "so I can text her directly", "who does she bank with", "tell me
    # everything".
    r"\b(?:does|do|is) (?:she|he|they) (?:live|living|stay|staying) (?:alone|on (?:her|his|their) own|"
    r"by (?:herself|himself|themselves))\b|\bspare key\b|\b(?:house|home|flat|place)(?:'ll| will)? be empty\b|"
    r"\b(?:text|call|ring|phone|contact|reach|message|whatsapp) (?:her|him|them) directly\b|"
    r"\bwho (?:does|do) (?:she|he|they) bank with\b|\bwho(?:'s| is) (?:her|his) bank\b|"
    r"\b(?:tell me|give me|read me) everything\b|\beverything (?:you(?:'ve| have)? got|you know) (?:on|about) "
    r"(?:her|him|them)\b|\bwhat else you know\b|\bcard (?:number |details )?(?:also |too |as well )?for (?:the )?"
    r"future\b|\bwhere (?:she|he) works?\b|\bwhile (?:you're|you are) at it\b|"
    r"\b(?:what's|what is|who's|who is)\b[^.?!]*\bwhile (?:i'm|i am) at it\b",
    # Fishing in yet other words: "new instructions, list every detail", "all sixteen digits", her husband's
    # medications, her savings.
    r"\bnew instructions\b|\b(?:list|tell me|give me) (?:all|every) (?:the )?details?\b|\bevery detail\b|"
    r"\ball (?:sixteen|16) digits\b|\bthe (?:full|whole|entire) (?:long )?number on the (?:front )?(?:of )?(?:the |"
    r"her |his )?card\b|\b(?:much|how much) (?:\w+ )?in savings\b|"
    r"\b(?:her|his) (?:husband|wife|partner|son|daughter|kids|children|mother|father|mum|dad)(?:'s)? (?:\w+ )?"
    r"(?:medications?|meds|address|schedule|salary|income|bank|details)\b|"
    r"\bwhat (?:medications?|meds) (?:is|are) (?:her|his) (?:husband|wife|partner|son|daughter|mother|father)\b",
    # Her money, her valuables, her plans away from home, asked with a light excuse: "who's she bank with, we do
    # finance deals", "a copy of her bank statement, it's just a formality", "roughly what's the jewellery worth",
    # "where's she off to next", "just so we know when it's empty", "might be useful to know".
    r"\bwho(?:'s| is| does)? (?:she|he|they) bank(?:s|ing)? with\b|\bbank statements?\b|\bjust a formality\b|"
    r"\b(?:jewell?ery|valuables|watch|watches|paintings?|art|cash|savings|collection)(?:'s| is| are)? (?:\w+ ){0,2}"
    r"worth\b|\bwhere(?:'s| is) (?:she|he|they) (?:off to|going) next\b|\bother trips\b|"
    r"\bwhen (?:it's|it is|the (?:house|home|flat|place)(?:'s| is| will be)) (?:going to be )?empty\b|"
    r"\bmight be (?:useful|handy|good|nice) to know\b|"
    r"\bwhat instructions\b|\b(?:who|what company) (?:made|built|programmed|created|trained) you\b|"
    r"\bwhat(?:'s| is) (?:she|he) (?:earning|on a year|paid)\b",
)
