"""PJSIP's own complaints during a call, read back from its log file once the stack is down (pjsip.log is the
whole story; these lines go into the call's transcript).

Read after libDestroy, not tapped live through a pjsua2 LogWriter (a Python callback from PJSIP's threads,
deleted by pjsua2 inside libDestroy): one less thing calling into Python during teardown. (A teardown SIGSEGV
first blamed on the LogWriter was the frame port's; see sip.engine.destroy_frame_port.) PJSIP writes its log
through stdio, so the file is complete only once the stack is down.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

# A log line: "14:11:50.508 <sender> <indent dots><message>"; only these lines are read, never SIP bodies.
_LINE = re.compile(r"^(\d\d):(\d\d):(\d\d)\.(\d{3})\s+(\S+)\s+\.*(.*)$")
# What PJSIP says when it refused or dropped something, at whatever level it logged it.
_NOTABLE = re.compile(r"dropped/unhandled|\b(?:error|unable to|bad|invalid|malformed|too (?:long|large))\b", re.I)
MAX_WARNINGS = 20  # a flood of bad messages must not flood the transcript


def warnings_between(path: Path, start: datetime, end: datetime) -> list[str]:
    """PJSIP's error and drop lines logged between `start` and `end` (local wall clock), at most MAX_WARNINGS,
    then one line saying how many more are in the log."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    found: list[str] = []
    for line in text.splitlines():
        m = _LINE.match(line)
        if not m or not _NOTABLE.search(m.group(6)):
            continue
        at = start.replace(hour=int(m.group(1)), minute=int(m.group(2)), second=int(m.group(3)),
                           microsecond=int(m.group(4)) * 1000)
        if at < start - timedelta(seconds=1):
            at += timedelta(days=1)  # the call ran past midnight
        if start <= at <= end:
            found.append(f"{m.group(1)}:{m.group(2)}:{m.group(3)}.{m.group(4)} {m.group(5)}: {m.group(6).strip()}")
    if len(found) > MAX_WARNINGS:
        return [*found[:MAX_WARNINGS], f"{len(found) - MAX_WARNINGS} more in pjsip.log"]
    return found
