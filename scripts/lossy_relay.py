"""A lossy network between the agent and a callee, for the fault tests and `make bench-faults`: a UDP relay
for one call's SIP and RTP that drops a share of the RTP packets and delays the rest by a random jitter
(packets overtake each other, as on a real congested path). No netem qdisc is needed (this machine's kernel
has none), and nothing on either side knows: each hears the other only through the relay.

    caller (agent or trunk) --SIP--> relay:sip_port --SIP--> callee
    agent RTP <--> relay:media_port <--> callee RTP     (both SDPs are rewritten to point at media_port)

Only the dialog's first INVITE and its answers pass through the relay's SIP socket; in-dialog requests go
to each side's Contact directly (they carry no SDP in these tests). One thread reads every socket, one
sends what is due; both are daemons owned by the `with` block.
"""

from __future__ import annotations

import heapq
import random
import re
import selectors
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Any

Address = tuple[str, int]
_CONTENT_LENGTH = re.compile(rb"^(Content-Length|l)[ \t]*:[ \t]*\d+[ \t]*$", re.IGNORECASE | re.MULTILINE)
_MEDIA = re.compile(rb"^m=audio (\d+) ", re.MULTILINE)
_CONNECTION = re.compile(rb"^c=IN IP4 (\S+)", re.MULTILINE)
_RTCP = re.compile(rb"^a=rtcp:[^\r\n]*\r?\n", re.MULTILINE)


@dataclass
class RelayStats:
    """What crossed the relay (RTP only; SIP is relayed whole)."""

    rtp_in: int = 0
    rtp_dropped: int = 0
    rtp_reordered: int = 0
    sip_messages: int = 0
    by_direction: dict[str, list[int]] = field(default_factory=lambda: {"to_callee": [0, 0], "to_caller": [0, 0]})

    @property
    def loss(self) -> float:
        """The share of RTP packets dropped."""
        return self.rtp_dropped / self.rtp_in if self.rtp_in else 0.0


def _pair_of_ports() -> tuple[socket.socket, socket.socket]:
    """Two UDP sockets on consecutive ports (RTP, and RTCP on the next one, as SDP without a=rtcp implies)."""
    for _ in range(50):
        rtp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        rtp.bind(("127.0.0.1", 0))
        port = rtp.getsockname()[1]
        if port % 2:
            rtp.close()
            continue
        rtcp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            rtcp.bind(("127.0.0.1", port + 1))
        except OSError:
            rtp.close()
            rtcp.close()
            continue
        return rtp, rtcp
    raise RuntimeError("no free pair of UDP ports for the relay's media")


class LossyRelay:
    """`with LossyRelay(("127.0.0.1", far.port), loss=0.05, jitter_ms=60) as relay:` -> dial relay.uri("luigis")."""

    def __init__(self, callee: Address, *, loss: float = 0.0, jitter_ms: float = 0.0, base_delay_ms: float = 10.0,
                 seed: int = 1) -> None:
        if not 0.0 <= loss < 1.0:
            raise ValueError(f"loss {loss}: a share between 0 and 1")
        self.callee = callee
        self.loss = loss
        self.jitter_s = jitter_ms / 1000
        self.base_s = base_delay_ms / 1000
        self.stats = RelayStats()
        self._rng = random.Random(seed)
        self._sip_caller_side = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self._sip_caller_side.bind(("127.0.0.1", 0))
        self._sip_callee_side = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self._sip_callee_side.bind(("127.0.0.1", 0))
        self._media, self._rtcp = _pair_of_ports()
        self._caller: Address | None = None  # where the SIP caller (agent or trunk) sends from
        self._caller_media: Address | None = None
        self._callee_media: Address | None = None
        self._due: list[tuple[float, int, bytes, Address]] = []
        self._seq = 0
        self._last_sent_seq: dict[Address, int] = {}
        self._cond = threading.Condition()
        self._running = False
        self._threads: list[threading.Thread] = []

    @property
    def sip_port(self) -> int:
        """Where the caller sends its INVITE."""
        return int(self._sip_caller_side.getsockname()[1])

    @property
    def media_port(self) -> int:
        """Where both sides send their RTP."""
        return int(self._media.getsockname()[1])

    def uri(self, user: str) -> str:
        """The callee's URI as seen through the relay."""
        return f"sip:{user}@127.0.0.1:{self.sip_port}"

    def __enter__(self) -> LossyRelay:
        self._running = True
        self._threads = [threading.Thread(target=self._read, name="relay-read", daemon=True),
                         threading.Thread(target=self._send_due, name="relay-send", daemon=True)]
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._running = False
        with self._cond:
            self._cond.notify_all()
        for thread in self._threads:
            thread.join(2)
        for sock in (self._sip_caller_side, self._sip_callee_side, self._media, self._rtcp):
            sock.close()

    # ---- the read thread --------------------------------------------------------------------------------
    def _read(self) -> None:
        selector = selectors.DefaultSelector()
        for each in (self._sip_caller_side, self._sip_callee_side, self._media, self._rtcp):
            selector.register(each, selectors.EVENT_READ, data=each)
        while self._running:
            for key, _ in selector.select(timeout=0.2):
                sock: socket.socket = key.data
                try:
                    data, source = sock.recvfrom(65535)
                except OSError:
                    continue
                if sock is self._sip_caller_side:
                    self._caller = source
                    self._sip(data, self._sip_callee_side, self.callee, from_caller=True)
                elif sock is self._sip_callee_side and self._caller is not None:
                    self._sip(data, self._sip_caller_side, self._caller, from_caller=False)
                elif sock is self._media:
                    self._rtp(data, source)
                # RTCP is absorbed: receiver reports of a lossy path are not what these tests measure.
        selector.close()

    def _sip(self, data: bytes, out: socket.socket, to: Address, *, from_caller: bool) -> None:
        self.stats.sip_messages += 1
        head, sep, body = data.partition(b"\r\n\r\n")
        media = _MEDIA.search(body)
        if sep and media:
            host = _CONNECTION.search(body)
            address = ((host.group(1).decode() if host else "127.0.0.1"), int(media.group(1)))
            if from_caller:
                self._caller_media = address
            else:
                self._callee_media = address
            body = _RTCP.sub(b"", body)
            body = _MEDIA.sub(b"m=audio %d " % self.media_port, body, count=1)
            body = _CONNECTION.sub(b"c=IN IP4 127.0.0.1", body)
            head = _CONTENT_LENGTH.sub(b"Content-Length: %d" % len(body), head)
            data = head + sep + body
        out.sendto(data, to)

    def _rtp(self, data: bytes, source: Address) -> None:
        if source == self._caller_media or (self._caller_media and source[1] == self._caller_media[1]):
            to, direction = self._callee_media, "to_callee"
        elif source == self._callee_media or (self._callee_media and source[1] == self._callee_media[1]):
            to, direction = self._caller_media, "to_caller"
        else:
            return
        if to is None:
            return
        self.stats.rtp_in += 1
        self.stats.by_direction[direction][0] += 1
        if self._rng.random() < self.loss:
            self.stats.rtp_dropped += 1
            self.stats.by_direction[direction][1] += 1
            return
        due = time.monotonic() + self.base_s + self._rng.uniform(0.0, self.jitter_s)
        with self._cond:
            self._seq += 1
            heapq.heappush(self._due, (due, self._seq, data, to))
            self._cond.notify()

    # ---- the send thread --------------------------------------------------------------------------------
    def _send_due(self) -> None:
        while True:
            with self._cond:
                while self._running and (not self._due or self._due[0][0] > time.monotonic()):
                    self._cond.wait(max(0.0, self._due[0][0] - time.monotonic()) if self._due else 0.2)
                if not self._running:
                    return
                _, seq, data, to = heapq.heappop(self._due)
            if seq < self._last_sent_seq.get(to, 0):
                self.stats.rtp_reordered += 1
            self._last_sent_seq[to] = max(seq, self._last_sent_seq.get(to, 0))
            try:
                self._media.sendto(data, to)
            except OSError:
                pass  # the other side has gone: the call is ending
