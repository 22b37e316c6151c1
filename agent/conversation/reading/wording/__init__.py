"""The wordings of the acts: one pattern per act, every way of saying it in one place.

Each act's pattern is a list of alternatives, each with what it means. The list is joined in order and the order
counts: where two alternatives could match at the same place, the earlier one wins, and the span it takes can
change the reading. So a new wording goes at the end of its act's list.
"""

from __future__ import annotations

import re


def _alternatives(*wordings: str) -> re.Pattern[str]:
    """One case-blind pattern that matches any of `wordings`, tried in the order given."""
    return re.compile("|".join(wordings), re.I)
