"""A bare SipEngine in its own process (one pjsua2 Endpoint per process) that dials, sends keys and hangs up.

Run: python -m tests.e2e.dtmf_sender URI DIGITS [--methods rfc4733,info,inband] [--gap 0.3]
Prints one JSON line per SIP event ({"t", "event", ...fields}); the tests judge what the peer received.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import queue
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sip.engine import SipEngine  # noqa: E402
from sip.events import CallAnswered, CallEnded, DtmfFailed, DtmfSent  # noqa: E402
from sip.settings import SipSettings  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("uri")
    parser.add_argument("digits")
    parser.add_argument("--methods", default="rfc4733,info,inband")
    parser.add_argument("--gap", type=float, default=0.3)
    parser.add_argument("--settle", type=float, default=0.6, help="seconds after the answer before the keys")
    args = parser.parse_args()
    events: queue.Queue[object] = queue.Queue()
    settings = SipSettings(user="dtmf", dtmf_methods=tuple(args.methods.split(",")), dtmf_gap_s=args.gap)
    engine = SipEngine(settings, events.put)
    engine.start()
    engine.dial(args.uri)
    t0 = time.monotonic()
    deadline, sent, hang_at = t0 + 30, 0, None
    while time.monotonic() < deadline:
        try:
            event = events.get(timeout=0.05)
        except queue.Empty:
            event = None
        now = time.monotonic()
        if event is not None:
            fields = dataclasses.asdict(event) if dataclasses.is_dataclass(event) else {}
            print(json.dumps({"t": round(now - t0, 3), "event": type(event).__name__, **fields}), flush=True)
        if isinstance(event, CallAnswered):
            time.sleep(args.settle)
            engine.send_dtmf(args.digits)
        elif isinstance(event, DtmfSent):
            sent += 1
            if sent == len(args.digits):
                hang_at = now + 1.5  # the last key's tone and the peer's answer to it
        elif isinstance(event, DtmfFailed):
            hang_at = now + 0.2
        elif isinstance(event, CallEnded):
            break
        if hang_at is not None and now >= hang_at:
            engine.hangup()
            hang_at = None
    engine.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
