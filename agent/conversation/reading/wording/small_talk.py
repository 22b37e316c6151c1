"""The wordings of small talk and acknowledgements: chat, remarks that judge or feel, and a bare "okay, great"."""

from __future__ import annotations

import re

from agent.conversation.reading.wording import _alternatives

_SMALL_TALK = _alternatives(
    # Chat about the day, the weather, names and pets.
    r"\b(?:how(?:'s| is| are) (?:your|you|things|it going|the day|life|the weather)|"
    r"how are you|weather|lovely day|nice day|what a (?:day|week|morning)|is it friday|"
    r"(?:friday|weekend) yet|nice name|lovely name|love (?:that|spaniels|dogs|the name|"
    r"your)|busy (?:day|time|week|morning|today)|crazy (?:day|week|busy)|oh my days|"
    r"where has the (?:day|time|week) gone|isn't it\s*$|aren't they\s*$|haha|ha ha|"
    r"bless (?:her|him)|how exciting|how lovely|sounds fun|"
    r"(?<!that's )(?<!it's )good for (?:her|him|you)|"
    r"(?:hot|cold|rainy|wet|warm|sunny|freezing|boiling) (?:today|out|one|out there)|traffic|"
    r"is it (?:really |only |still |even )*(?:\w+ ){0,2}(?:yet|already)|dragging|"
    r"how(?:'s| is) (?:your|the) (?:day|week|morning)|ooh|aw+)\b",
    # "how's the family", "how ya going", "one of those days", "hope she's feeling better".
    r"\bhow(?:'s| is) the family\b|\bhow (?:ya|you|are you) going\b|\bone of those days\b|"
    r"\bhope (?:she|he|they)(?:'s| is|'re| are) (?:doin'?g?|keeping|feeling) (?:alright|"
    r"ok|okay|well|better)\b",
    # Apologies for the line and the voice, moans about the tools, the week: "sorry about the noise, we've got the
    # builders in", "excuse the voice", "these phones are rubbish today", "you having a good week", "busy one today".
    r"\b(?:sorry about|excuse|apologies for|pardon) (?:the|my|all the) (?:noise|voice|racket|background|din|"
    r"music|kids|dog|barking|drilling)\b|\b(?:i've|i have) got (?:a bit of |a touch of )?(?:a )?(?:cold|cough|sore "
    r"throat|frog in my throat)\b|"
    r"\b(?:phones?|system|computers?|computer system|lines?|wi-?fi|internet)(?: \w+)? (?:is|are|'s|'re) "
    r"(?:rubbish|useless|so slow|slow today|playing up|a nightmare|older than|ancient|being a pain)\b|"
    r"\b(?:you|ya|you all) having a (?:good|nice|busy|quiet|lovely|decent) (?:day|week|weekend|one|morning)\b|"
    r"^(?:\w+ )?(?:busy|quiet|long|mad) (?:one|day|morning|shift) (?:today|this morning|this afternoon)\W*$|"
    r"\b(?:thank god|thank goodness|thank heavens) (?:it's )?(?:friday|the weekend|for that)\b|"
    r"\bhappy (?:friday|monday|new year|holidays|christmas|easter|weekend|hump day)\b|"
    r"\b(?:catch|see|watch) the (?:match|game|race|final) (?:last night|yesterday|at the weekend|on sunday)\b|"
    r"\b(?:lost|won|beat|drew|footy|football|soccer|hockey|cricket|rugby|match|game)\b[^.?!]{0,30}\b(?:last night|"
    r"yesterday|at the weekend)\b|"
    r"^(?:oh |ooh |aw )?(?:nice|lovely|beautiful|gorgeous|great|cracking|smart) [\w-]+(?: [\w-]+)? that(?: one)?\W*$",
)

# Words that judge or feel rather than inform: a remark with nothing of the request in it is small talk
# ("the sunsets over the bay are something else", "Monday mornings here are wild", "he's a great little fella").
_JUDGING = re.compile(r"\b(?:lovely|gorgeous|beautiful|amazing|wonderful|fantastic|brilliant|awesome|adorable|cute|"
                      r"sweet|funny|hilarious|awful|terrible|horrible|nightmare|mad|crazy|wild|insane|bonkers|"
                      r"something else|lol|haha|love|loved|adore|jealous|lucky you|bless|great little|sunsets?|"
                      r"weather|scorcher|freezing|boiling|chucking it down|tipping down|pouring|bucketing|raining|"
                      r"sunshine|sunny|degrees|roasting|baking hot)\b", re.I)

# The words of a bare acknowledgement ("okay great", "no worries", "righto"): a short line of only these is an ack.
_ACK_WORDS = {"okay", "ok", "right", "sure", "mm-hm", "mhm", "mm", "hm", "uh-huh", "uh", "huh", "yeah", "yep",
              "yes", "got", "it", "alright", "all", "great", "perfect", "lovely", "cool", "fine", "gotcha", "i",
              "see", "understood", "no", "problem", "worries", "cheers", "ta", "thanks", "thank", "you", "oh",
              "ah", "sounds", "good", "brilliant", "fab", "excellent", "noted", "yup", "aha", "mm-hmm", "so", "aye",
              "po", "ma'am", "sir", "can", "lah",
              "that's", "correct", "exactly",
              "go", "on", "sorry",
              "with", "i'm", "sound", "ace", "nice", "okey", "dokey", "righto", "sweet", "grand", "ja",
              "yebo", "rightio", "roger"}
