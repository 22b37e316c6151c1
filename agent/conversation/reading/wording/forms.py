"""The form of a clause: a question opened by an auxiliary or a wh-word, and the verbs that make a statement.

Whisper's text has no reliable "?", so a question is known by how it opens, not by its mark.
"""

from __future__ import annotations

import re

_AUX = r"(?:is|are|was|were|do|does|did|would|will|can|could|shall|should|have|has|had|may|might|must)"
_SUBJ = (r"(?:you|she|he|they|it|there|that|this|we|i|her|his|the|your|our|a|an|anyone|anybody|anything|someone|"
         r"somebody|any)")
_QUESTION_OPEN = re.compile(rf"^(?:(?:and|so|ok|okay|right|sorry|also|then|now|just|oh|well|great|lovely|sure|"
                            rf"perfect|alright|all right|yeah|yes|no)[,]?\s+)*{_AUX}\s+{_SUBJ}\b", re.I)
_WH_OPEN = re.compile(r"^(?:(?:and|so|ok|okay|right|sorry|also|then|now|just|oh|well|great|lovely|sure|perfect|"
                      r"alright|yeah)[,]?\s+)*(what|what's|whats|which|when|where|who|who's|whose|how|how's)\b",
                      re.I)
# A verb: a line with one says something; a request without one is a bare request ("and the postcode").
_VERBS = re.compile(r"\b(?:is|are|was|were|be|been|am|has|have|had|do|does|did|will|would|can|could|should|shall|may|"
                    r"might|must|need|needs|want|get|got|take|give|call|see|know|think|like|let|put|pop|come|go|"
                    r"make|book|open|close|closes|opens|costs?|says?)\b|'s\b|'re\b|'ve\b|'ll\b|'d\b|n't\b", re.I)
