"""PJSIP's complaints are read back from pjsip.log for the call's window only, and capped."""

from __future__ import annotations

from datetime import datetime

from sip.log_scan import MAX_WARNINGS, warnings_between

LOG = """\
14:11:40.100      sip_auth_client.c  ...Unable to set auth for tdta0x1: can not find credential for x/Digest
14:11:50.508                  sdp.c  ..Error parsing SDP in line 2 col 5: Invalid SDP origin line
INVITE sip:taskcall@127.0.0.1 SIP/2.0
Subject: an error in a header is no log line
14:11:50.832 sip_endpoint.c .Request msg FROBNICATE/cseq=1 from 127.0.0.1:60081 was dropped/unhandled by any modules
14:11:51.000           pjsua_call.c  .Call 0 state changed to CONFIRMED
14:12:30.000              sip_reg.c  ..Unable to send request, regc has another transaction pending
"""


def test_only_the_calls_own_window_and_only_complaints(tmp_path):
    path = tmp_path / "pjsip.log"
    path.write_text(LOG)
    found = warnings_between(path, datetime(2026, 12, 2, 14, 11, 45), datetime(2026, 12, 2, 14, 12, 0))
    assert len(found) == 2
    assert "Error parsing SDP" in found[0] and "FROBNICATE" in found[1] and "dropped/unhandled" in found[1]


def test_a_flood_is_capped_with_a_count(tmp_path):
    path = tmp_path / "pjsip.log"
    path.write_text("".join(f"14:11:50.{i:03d} sip_endpoint.c .Request msg X was dropped/unhandled\n"
                            for i in range(30)))
    found = warnings_between(path, datetime(2026, 12, 2, 14, 11, 0), datetime(2026, 12, 2, 14, 12, 0))
    assert len(found) == MAX_WARNINGS + 1 and found[-1] == "10 more in pjsip.log"


def test_a_missing_log_is_no_warning(tmp_path):
    assert warnings_between(tmp_path / "none.log", datetime(2026, 12, 2), datetime(2026, 12, 3)) == []
