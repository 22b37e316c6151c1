"""The one place that talks to pjsua2: a SIP thread that pumps the stack and runs queued commands.

Threads:
- the SIP thread (`_run`) owns every pjsua2 object; it pumps `libHandleEvents` (threadCnt = 0, so SIP
  and RTP are serviced there) and drains the command queue; it never blocks.
- PJSIP's media clock thread calls `_FramePort.onFrameRequested/onFrameReceived` every 20 ms; they only
  pop from the playout buffer and copy into the inbound queue.
- every other thread reaches pjsua2 only through the public methods, which enqueue commands.
pjsua2 callbacks translate into `sip.events` and hand them to `on_event`; they never decide.
"""

from __future__ import annotations

import collections
import contextlib
import os
import queue
import re
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pjsua2 as pj

from sip.dtmf_tones import DIGITS, dtmf_tone
from sip.events import (
    CallAnswered,
    CallEnded,
    CallHeld,
    CallProceeding,
    CallResumed,
    CallRinging,
    ChallengeRefused,
    DtmfFailed,
    DtmfReceived,
    DtmfSent,
    IncomingCall,
    MediaStopped,
    RegistrationFailed,
    RegistrationSucceeded,
    SipFailed,
    SipReady,
)
from sip.playout import SILENCE, InboundFrames, PlayoutBuffer
from sip.settings import SipSettings

EventSink = Callable[[object], None]


@dataclass(frozen=True)
class _Command:
    name: str
    arg: Any = None


@contextlib.contextmanager
def _quiet_stdout() -> Iterator[None]:
    sys.stdout.flush()
    saved = os.dup(1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(devnull)


class SipStartError(RuntimeError):
    """The SIP stack could not start (bind failure, bad settings)."""


def _guarded(callback: Callable[..., None]) -> Callable[..., None]:
    """A pjsua2 callback that never lets an exception into PJSIP's C code (SWIG would abort the process):
    the first one is kept and re-raised by the SIP thread's loop, which reports it and hangs up."""

    def run(self: Any, prm: Any) -> None:
        try:
            callback(self, prm)
        except Exception as exc:
            engine = self._engine
            if engine._callback_error is None:
                engine._callback_error = exc

    run.__name__ = callback.__name__
    return run


class _FramePort(pj.AudioMediaPort):
    """Bridges the conference bridge to the agent: clock thread only, copy in / copy out.

    Destroy it with destroy_frame_port, never by dropping the last reference (see there)."""

    def __init__(self, playout: PlayoutBuffer, inbound: InboundFrames) -> None:
        super().__init__()
        self._playout = playout
        self._inbound = inbound
        self._last_sent = SILENCE

    def onFrameRequested(self, frame: Any) -> None:  # noqa: N802 (pjsua2 name)
        data = self._playout.pop_frame()
        self._last_sent = data
        frame.type = pj.PJMEDIA_FRAME_TYPE_AUDIO
        frame.buf = pj.ByteVector(data)
        frame.size = len(data)

    def onFrameReceived(self, frame: Any) -> None:  # noqa: N802
        heard = bytes(frame.buf) if frame.type == pj.PJMEDIA_FRAME_TYPE_AUDIO and frame.size else SILENCE
        self._inbound.put(heard, self._last_sent)


def destroy_frame_port(port: pj.AudioMediaPort) -> None:
    """Destroy a Python AudioMediaPort's C++ side while the Python object is still whole.

    Since PJSIP 2.15.1 the conference bridge removes a port asynchronously, on its clock thread, so the
    clock can call the port a few more times while it is being destroyed. Dropping the last Python
    reference destroys the C++ object from inside Python's deallocation: those calls then land on a
    half-freed Python object (its __dict__ already cleared), which corrupted memory and ended calls in
    SIGSEGV at teardown, now and then. Destroyed explicitly, the clock's last calls find an intact object;
    the C++ destructor then cuts the port off under its lock, and SWIG marks the proxy as no longer owning
    it, so the later deallocation frees nothing twice."""
    port.__swig_destroy__(port)


class _Account(pj.Account):
    def __init__(self, engine: SipEngine) -> None:
        super().__init__()
        self._engine = engine

    @_guarded
    def onRegState(self, prm: Any) -> None:  # noqa: N802
        message, source = _rx_message(prm)
        self._engine._on_reg_state(prm.code, prm.reason, prm.expiration, message, source)

    @_guarded
    def onIncomingCall(self, prm: Any) -> None:  # noqa: N802
        self._engine._on_incoming(_Call(self, self._engine, prm.callId))


# Media states in which the call's audio stays connected: held either way, music may still flow one way.
_MEDIA_UP = (pj.PJSUA_CALL_MEDIA_ACTIVE, pj.PJSUA_CALL_MEDIA_LOCAL_HOLD, pj.PJSUA_CALL_MEDIA_REMOTE_HOLD)


_TSX_FINAL = (pj.PJSIP_TSX_STATE_COMPLETED, pj.PJSIP_TSX_STATE_TERMINATED)
_CHALLENGE_REALM = re.compile(r'^(?:WWW|Proxy)-Authenticate\s*:.*?\brealm\s*=\s*"([^"]*)"', re.I | re.M)


def _rx_message(prm: Any) -> tuple[str, str]:
    """(whole message, "ip:port" it came from) of a callback's received response, or ("", "")."""
    try:
        rdata = prm.rdata
        return str(rdata.wholeMsg), str(rdata.srcAddress)
    except (AttributeError, pj.Error):
        return "", ""


def challenge_realm(message: str) -> str:
    """The realm a 401/407 challenge asks credentials for ("" if the message has none)."""
    found = _CHALLENGE_REALM.search(message)
    return found.group(1) if found else ""


def uri_hostport(uri: str) -> str:
    """"host:port" of a SIP URI, lowercased, port 5060 when none is given (sips: 5061)."""
    rest = uri.strip().strip("<>")
    scheme, _, rest = rest.partition(":")
    rest = rest.rpartition("@")[2]
    rest = re.split(r"[;?>]", rest, maxsplit=1)[0].lower()
    if rest.startswith("["):  # IPv6 reference
        host, _, port = rest[1:].partition("]")
        port = port.lstrip(":")
    else:
        host, _, port = rest.partition(":")
    return f"{host}:{port or ('5061' if scheme.lower() == 'sips' else '5060')}"


class _Call(pj.Call):
    def __init__(self, account: _Account, engine: SipEngine, call_id: int = pj.PJSUA_INVALID_ID,
                 trunk: bool = False) -> None:
        super().__init__(account, call_id)
        self._engine = engine
        self._trunk = trunk  # placed through the trunk account (its credentials may answer a challenge)

    @_guarded
    def onCallState(self, prm: Any) -> None:  # noqa: N802
        ci = self.getInfo()  # keep ci: reading getInfo().x directly touches freed memory
        if ci.state == pj.PJSIP_INV_STATE_DISCONNECTED and ci.lastStatusCode in (401, 407):
            # A challenge PJSIP had no credentials for (those it can answer never end the call): say whose.
            try:
                rdata = prm.e.body.tsxState.src.rdata
                message, source = str(rdata.wholeMsg), str(rdata.srcAddress)
            except (AttributeError, pj.Error):
                message, source = "", ""
            self._engine._on_call_challenge(self._trunk, message, source)
        self._engine._on_call_state(self, ci.state, ci.lastStatusCode, ci.lastReason)

    @_guarded
    def onCallMediaState(self, prm: Any) -> None:  # noqa: N802
        # SIP thread. A re-INVITE may rebuild the stream on a new conference slot, so reconnect every time.
        ci = self.getInfo()  # keep ci: its media vector dies with a temporary
        audio, status = None, pj.PJSUA_CALL_MEDIA_NONE
        for media in ci.media:
            if media.type == pj.PJMEDIA_TYPE_AUDIO and media.status in _MEDIA_UP:
                status = media.status
                if media.audioConfSlot >= 0:  # an inactive stream has no slot
                    audio = self.getAudioMedia(media.index)
                break
        self._engine._on_media_state(self, audio, status)

    @_guarded
    def onDtmfDigit(self, prm: Any) -> None:  # noqa: N802
        method = "info" if prm.method == pj.PJSUA_DTMF_METHOD_SIP_INFO else "rfc4733"
        self._engine._emit(DtmfReceived(digit=str(prm.digit), method=method))

    @_guarded
    def onCallTsxState(self, prm: Any) -> None:  # noqa: N802
        # SIP thread. Only the final answer to our own INFO matters: a refusal means the peer takes no
        # SIP INFO digits, and the digit it refused goes out by the next method.
        try:
            tsx = prm.e.body.tsxState.tsx
            method, role, code, state = str(tsx.method), tsx.role, int(tsx.statusCode), tsx.state
        except (AttributeError, pj.Error):
            return
        if method == "INFO" and role == pj.PJSIP_ROLE_UAC and state in _TSX_FINAL and code >= 200:
            self._engine._on_info_answered(code)
        elif method == "INVITE" and role == pj.PJSIP_ROLE_UAC and prm.e.body.tsxState.type == pj.PJSIP_EVENT_RX_MSG:
            self._engine._on_invite_response()


class SipEngine:
    """A SIP user agent with at most one call at a time."""

    def __init__(self, settings: SipSettings, on_event: EventSink, playout: PlayoutBuffer | None = None) -> None:
        self.settings = settings
        self.playout = playout or PlayoutBuffer()  # the simulator passes one that mixes in a noise bed
        self.inbound = InboundFrames()
        self._on_event = on_event
        self._commands: queue.Queue[_Command] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="sip", daemon=True)
        self._ready = threading.Event()
        self._start_error: str | None = None
        self._stopping = False
        self.contact = ""
        # Owned by the SIP thread only.
        self._ep: Any = None
        self._account: _Account | None = None
        self._call: _Call | None = None
        self._port: _FramePort | None = None
        self._audio: Any = None
        self._ended_call: _Call | None = None
        self._hangup_by_us = False
        self._invite_heard_back = False  # set by any response to our INVITE (SIP thread)
        # The far end's RTP, watched once a second (SIP thread): packets seen, since when none came.
        self._media_check_at = 0.0
        self._rx_packets = -1
        self._rx_since = 0.0
        self._media_stopped_told = False
        self._remote_held = False  # the far end has the current call on hold
        # Keys waiting to go out, paced one by one (SIP thread): see _send_due_dtmf.
        self._dtmf_queue: collections.deque[str] = collections.deque()
        self._dtmf_next_at = 0.0
        self._dtmf_refused: set[str] = set()  # methods this call's peer turned down
        self._info_pending: collections.deque[str] = collections.deque()  # INFO digits awaiting an answer
        # Digest credentials are bound to the trunk's realm: configured, or learnt from the registrar's first
        # challenge (SIP thread). Until then the account holds none, so no host gets a digest of the password.
        self._realm = settings.realm
        self._trunk_hosts: set[str] = set()  # "ip:port" the registrar (and outbound proxy) answer from
        self._trunk_targets: set[str] = set()  # "host:port" of URIs dialled through the trunk account
        self._local_account: _Account | None = None  # dials sip: URIs outside the trunk, without credentials
        self._callback_error: Exception | None = None  # raised by a pjsua2 callback; ends the SIP thread
        self._transport_id = -1
        self._local = ""

    # ---- any thread: commands -------------------------------------------------------------
    def start(self, timeout: float = 10.0) -> str:
        """Start the SIP thread; returns our contact URI or raises SipStartError."""
        self._resolve_trunk()
        self._thread.start()
        if not self._ready.wait(timeout):
            raise SipStartError("the SIP stack did not start in time")
        if self._start_error:
            raise SipStartError(self._start_error)
        return self.contact

    def register(self) -> None:
        """REGISTER to the trunk (result arrives as RegistrationSucceeded/Failed)."""
        self._commands.put(_Command("register"))

    def dial(self, uri: str) -> None:
        """Place a call to a SIP URI."""
        self._commands.put(_Command("dial", uri))

    def answer(self) -> None:
        """Answer the ringing incoming call."""
        self._commands.put(_Command("answer"))

    def hangup(self) -> None:
        """Hang up (or cancel) the current call."""
        self._commands.put(_Command("hangup"))

    def send_dtmf(self, digits: str) -> None:
        """Send keys one by one, `dtmf_gap_s` apart, each by the first method the peer takes
        (settings.dtmf_methods); DtmfSent per key, or DtmfFailed if no method is left."""
        bad = [d for d in digits if d.upper() not in DIGITS]
        if bad:
            raise ValueError(f"not DTMF keys: {''.join(bad)!r} in {digits!r}")
        self._commands.put(_Command("dtmf", digits))

    def hold(self) -> None:
        """Put the call on hold (re-INVITE with sendonly SDP); what we play still reaches them."""
        self._commands.put(_Command("hold"))

    def unhold(self) -> None:
        """Take the call off hold (re-INVITE with sendrecv SDP)."""
        self._commands.put(_Command("unhold"))

    def renegotiate(self, codec: str) -> None:
        """Re-INVITE the call offering only `codec` (e.g. "PCMA/8000/1"): the far end changing codec mid-call."""
        self._commands.put(_Command("renegotiate", codec))

    def stop(self, timeout: float = 5.0) -> None:
        """Hang up, unregister and tear the stack down; safe to call twice."""
        if self._thread.is_alive():
            self._commands.put(_Command("stop"))
            self._thread.join(timeout)

    def _resolve_trunk(self) -> None:
        """Where the trunk answers from, resolved here (the caller's thread) so the SIP thread never blocks."""
        s = self.settings
        if not s.registrar:
            return
        self._trunk_targets = {uri_hostport(s.registrar), uri_hostport(f"sip:{s.account_domain}")}
        for uri in filter(None, (s.registrar, s.outbound_proxy)):
            host, _, port = uri_hostport(uri).rpartition(":")
            try:
                infos = socket.getaddrinfo(host.strip("[]"), int(port), proto=socket.IPPROTO_UDP)
            except (OSError, ValueError):
                infos = []
            self._trunk_hosts |= {":".join((str(info[4][0]), str(info[4][1]))) for info in infos}
            self._trunk_hosts.add(f"{host}:{port}")

    def via_trunk(self, uri: str) -> bool:
        """Whether a call to `uri` goes through the trunk account: only URIs at the trunk's own domain."""
        return bool(self.settings.registrar) and uri_hostport(uri) in self._trunk_targets

    # ---- SIP thread ----------------------------------------------------------------------
    def _emit(self, event: object) -> None:
        self._on_event(event)

    def _run(self) -> None:
        try:
            self._init_stack()
        except Exception as exc:  # report, never die silently
            detail = exc.info() if isinstance(exc, pj.Error) else str(exc)
            self._start_error = f"{type(exc).__name__}: {detail}"
            self._ready.set()
            self._destroy()
            return
        self._ready.set()
        self._emit(SipReady(contact=self.contact))
        try:
            while not self._stopping:
                self._drain_commands()
                self._send_due_dtmf()
                self._watch_media()
                self._ep.libHandleEvents(10)
                self._reap()
                if self._callback_error is not None:
                    raise self._callback_error
        except Exception as exc:  # a bug: report it, hang up and tear down, never die silently
            detail = exc.info() if isinstance(exc, pj.Error) else f"{type(exc).__name__}: {exc}"
            self._emit(SipFailed(code="sip-thread-failed", message=detail))
            self._stopping = True
        try:
            self._shutdown()
        except Exception:  # noqa: BLE001 - libDestroy must still run
            self._destroy()

    def _init_stack(self) -> None:
        s = self.settings
        ep = pj.Endpoint()
        self._ep = ep
        with _quiet_stdout():  # pjlib prints its banner before our log settings apply
            ep.libCreate()
        cfg = pj.EpConfig()
        cfg.uaConfig.threadCnt = 0
        cfg.uaConfig.mainThreadOnly = False
        cfg.uaConfig.userAgent = "taskcall"
        cfg.uaConfig.maxCalls = 4
        cfg.medConfig.hasIoqueue = False
        cfg.medConfig.threadCnt = 0
        cfg.medConfig.clockRate = 8000
        cfg.medConfig.sndClockRate = 8000
        cfg.medConfig.channelCount = 1
        cfg.medConfig.audioFramePtime = 20
        cfg.medConfig.ecTailLen = 0
        cfg.medConfig.noVad = True
        cfg.logConfig.msgLogging = 1
        cfg.logConfig.consoleLevel = 0
        cfg.logConfig.level = s.log_level if s.log_path else 0
        if s.log_path:
            cfg.logConfig.filename = s.log_path
        ep.libInit(cfg)
        tcfg = pj.TransportConfig()
        tcfg.port = s.port
        tcfg.boundAddress = s.bind_address
        tcfg.publicAddress = s.public_address or s.bind_address
        kind = pj.PJSIP_TRANSPORT_TCP if s.transport == "tcp" else pj.PJSIP_TRANSPORT_UDP
        transport_id = ep.transportCreate(kind, tcfg)
        ep.libStart()
        ep.audDevManager().setNullDev()
        for codec in ep.codecEnum2():
            ep.codecSetPriority(codec.codecId, 0)
        ep.codecSetPriority("PCMU/8000/1", 255)
        ep.codecSetPriority("PCMA/8000/1", 254)
        local = ep.transportGetInfo(transport_id).localName
        self.contact = f"sip:{s.user}@{local}"
        self._transport_id, self._local = transport_id, local
        self._account = _Account(self)
        self._account.create(self._account_config(transport_id, local))
        if s.registrar:  # sip: URIs elsewhere are dialled as ourselves, with no trunk credentials
            self._local_account = _Account(self)
            self._local_account.create(self._local_account_config(transport_id, local))
        fmt = pj.MediaFormatAudio()
        fmt.init(pj.PJMEDIA_FORMAT_PCM, 8000, 1, 20000, 16)
        self._port = _FramePort(self.playout, self.inbound)
        self._port.createPort("taskcall", fmt)

    def _account_config(self, transport_id: int, local: str) -> Any:
        s = self.settings
        acfg = pj.AccountConfig()
        if s.registrar:
            acfg.idUri = f"sip:{s.username}@{s.account_domain}"
            acfg.regConfig.registrarUri = s.registrar
            acfg.regConfig.registerOnAdd = False
            acfg.regConfig.timeoutSec = s.register_expires_s
            acfg.regConfig.retryIntervalSec = 0  # a refused REGISTER is reported, not retried silently
            if self._realm:  # never "*": any host that challenges would get a digest of the password
                acfg.sipConfig.authCreds.append(pj.AuthCredInfo("digest", self._realm, s.username, 0, s.password))
            if s.outbound_proxy:
                acfg.sipConfig.proxies.append(s.outbound_proxy)
            return self._with_transport(acfg, transport_id)
        return self._local_account_config(transport_id, local)

    def _local_account_config(self, transport_id: int, local: str) -> Any:
        acfg = pj.AccountConfig()
        acfg.idUri = f"sip:{self.settings.user}@{local}"
        return self._with_transport(acfg, transport_id)

    def _with_transport(self, acfg: Any, transport_id: int) -> Any:
        s = self.settings
        acfg.sipConfig.transportId = transport_id
        media = acfg.mediaConfig.transportConfig
        media.boundAddress = s.bind_address
        media.publicAddress = s.public_address or s.bind_address
        return acfg

    def _drain_commands(self) -> None:
        while True:
            try:
                command = self._commands.get_nowait()
            except queue.Empty:
                return
            try:
                getattr(self, f"_do_{command.name}")(command.arg)
            except pj.Error as exc:
                self._emit(SipFailed(code=f"sip-{command.name}-failed", message=exc.info()))

    def _do_register(self, _: Any) -> None:
        assert self._account is not None
        self._account.setRegistration(True)

    def _do_learn_realm(self, _: Any) -> None:
        """Bind the trunk password to the realm just learnt and REGISTER again (modify() re-registers when the
        credentials change; a REGISTER already under way answers EBUSY to a second one)."""
        assert self._account is not None
        self._account.modify(self._account_config(self._transport_id, self._local))
        with contextlib.suppress(pj.Error):
            self._account.setRegistration(True)

    def _do_dial(self, uri: str) -> None:
        assert self._account is not None
        if self._call is not None:
            self._emit(SipFailed(code="sip-busy-here", message="a call is already in progress"))
            return
        local = None if self.via_trunk(uri) else self._local_account
        call = _Call(local or self._account, self, trunk=local is None)
        prm = pj.CallOpParam(True)
        prm.opt.audioCount = 1
        prm.opt.videoCount = 0
        if self.settings.caller_id:
            header = pj.SipHeader()
            header.hName = "P-Asserted-Identity"
            header.hValue = f"<sip:{self.settings.caller_id}@{self.settings.account_domain}>"
            prm.txOption.headers.append(header)
        self._hangup_by_us = False
        self._invite_heard_back = False
        self._remote_held = False
        self._reset_dtmf()
        self._call = call
        try:
            call.makeCall(uri, prm)
        except pj.Error:
            self._call = None
            raise

    def _do_answer(self, _: Any) -> None:
        if self._call is not None:
            prm = pj.CallOpParam()
            prm.statusCode = 200
            self._call.answer(prm)

    def _do_hangup(self, _: Any) -> None:
        if self._call is not None:
            self._hangup_by_us = True
            prm = pj.CallOpParam()
            self._call.hangup(prm)

    def _do_dtmf(self, digits: str) -> None:
        if self._call is None:
            self._emit(DtmfFailed(digits=digits, reason="no call is up"))
            return
        self._dtmf_queue.extend(digits.upper())

    def _send_due_dtmf(self) -> None:
        """Send the next queued key once the previous one (tone and gap) is over."""
        if not self._dtmf_queue or time.monotonic() < self._dtmf_next_at:
            return
        if self._call is None:
            self._dtmf_queue.clear()
            return
        digit = self._dtmf_queue.popleft()
        s = self.settings
        for method in s.dtmf_methods:
            if method not in self._dtmf_refused and self._send_digit(digit, method):
                self._dtmf_next_at = time.monotonic() + s.dtmf_tone_s + s.dtmf_gap_s
                if method != "info":  # an INFO digit counts as sent once the peer accepts it
                    self._emit(DtmfSent(digit=digit, method=method))
                return
        left = digit + "".join(self._dtmf_queue)
        self._dtmf_queue.clear()
        refused = ", ".join(sorted(self._dtmf_refused)) or "none"
        self._emit(DtmfFailed(digits=left, reason=f"the peer takes none of the DTMF methods allowed "
                                                  f"({', '.join(s.dtmf_methods)}); refused: {refused}"))

    def _send_digit(self, digit: str, method: str) -> bool:
        """One key by one method; False (and the method marked refused for this call) if the peer lacks it."""
        assert self._call is not None
        if method == "inband":
            self.playout.push_clip(dtmf_tone(digit, self.settings.dtmf_tone_s))
            return True
        prm = pj.CallSendDtmfParam()
        prm.digits = digit
        prm.duration = int(self.settings.dtmf_tone_s * 1000)
        prm.method = pj.PJSUA_DTMF_METHOD_RFC2833 if method == "rfc4733" else pj.PJSUA_DTMF_METHOD_SIP_INFO
        try:
            self._call.sendDtmf(prm)
        except pj.Error:  # RFC 4733: the peer's SDP offered no telephone-event
            self._dtmf_refused.add(method)
            return False
        if method == "info":
            self._info_pending.append(digit)
        return True

    def _on_info_answered(self, code: int) -> None:
        """The peer answered one of our INFO digits; a refusal sends that digit again by the next method."""
        digit = self._info_pending.popleft() if self._info_pending else ""
        if code < 300:
            if digit:
                self._emit(DtmfSent(digit=digit, method="info"))
            return
        self._dtmf_refused.add("info")
        if digit:
            self._dtmf_queue.appendleft(digit)
            self._dtmf_next_at = 0.0

    def _reset_dtmf(self) -> None:
        self._dtmf_queue.clear()
        self._dtmf_refused.clear()
        self._info_pending.clear()

    def _do_hold(self, _: Any) -> None:
        if self._call is not None:
            self._call.setHold(self._reinvite_param())

    def _do_unhold(self, _: Any) -> None:
        if self._call is not None:
            prm = self._reinvite_param()
            prm.opt.flag = pj.PJSUA_CALL_UNHOLD
            self._call.reinvite(prm)

    def _do_renegotiate(self, codec: str) -> None:
        if self._call is not None:
            ep = self._ep
            for info in ep.codecEnum2():
                ep.codecSetPriority(info.codecId, 255 if info.codecId == codec else 0)
            prm = self._reinvite_param()
            prm.opt.flag = pj.PJSUA_CALL_UNHOLD  # sendrecv, with a new offer from the priorities above
            self._call.reinvite(prm)

    @staticmethod
    def _reinvite_param() -> Any:
        prm = pj.CallOpParam(True)  # True: default call settings, which the re-INVITE's SDP is built from
        prm.opt.audioCount = 1
        prm.opt.videoCount = 0
        return prm

    def _do_stop(self, _: Any) -> None:
        self._stopping = True

    # ---- SIP thread: pjsua2 callbacks -----------------------------------------------------
    def _on_reg_state(self, code: int, reason: str, expiration: int, message: str = "", source: str = "") -> None:
        if self._stopping:
            return
        if code in (401, 407):
            realm = challenge_realm(message)
            if not self._realm and realm and source in self._trunk_hosts:
                self._realm = realm  # the registrar's own challenge: the realm the password is for
                self._commands.put(_Command("learn_realm"))
                return
            if realm != self._realm:  # a 401 for the bound realm itself means the password was refused
                self._emit(ChallengeRefused(method="REGISTER", realm=realm, source=source,
                                            trunk_realm=self._realm))
        if code // 100 == 2 and expiration > 0:
            self._emit(RegistrationSucceeded(expires_s=expiration))
        elif code // 100 != 2:
            self._emit(RegistrationFailed(code=code, reason=reason))

    def _on_invite_response(self) -> None:
        """Any response to our INVITE (SIP thread): the peer is alive; said once per call."""
        if not self._invite_heard_back:
            self._invite_heard_back = True
            self._emit(CallProceeding())

    def _on_call_challenge(self, via_trunk: bool, message: str, source: str) -> None:
        """A 401/407 to our INVITE: only the trunk's realm, on a call placed through the trunk, is answered."""
        realm = challenge_realm(message)
        if not via_trunk or realm != self._realm:
            self._emit(ChallengeRefused(method="INVITE", realm=realm, source=source, trunk_realm=self._realm))

    def _on_incoming(self, call: _Call) -> None:
        if self._call is not None:
            prm = pj.CallOpParam()
            prm.statusCode = 486
            call.hangup(prm)
            return
        self._call = call
        self._hangup_by_us = False
        self._remote_held = False
        self._reset_dtmf()
        ci = call.getInfo()
        prm = pj.CallOpParam()
        prm.statusCode = 180
        call.answer(prm)
        self._emit(IncomingCall(remote_uri=ci.remoteUri))
        if self.settings.auto_answer:
            self.answer()

    def _on_call_state(self, call: _Call, state: int, code: int, reason: str) -> None:
        if call is not self._call:
            return
        if state == pj.PJSIP_INV_STATE_EARLY and code in (180, 183):
            self._emit(CallRinging(code=code))
        elif state == pj.PJSIP_INV_STATE_CONFIRMED:
            self._emit(CallAnswered())
        elif state == pj.PJSIP_INV_STATE_DISCONNECTED:
            self._disconnect_audio()
            self._ended_call = call  # deleted by _reap, outside this callback
            self._call = None
            if code == 408 and not self._invite_heard_back and not self._hangup_by_us:
                # PJSIP's own timeout (timer B): not a callee that did not pick up, a peer that never
                # answered at all, not even "100 Trying" (a dead trunk, a wrong address).
                code, reason = 0, "no response at all to the INVITE (not even 100 Trying) within 32 s"
            self._emit(CallEnded(code=code, reason=reason, by_us=self._hangup_by_us))

    def _on_media_state(self, call: _Call, audio: Any, status: int) -> None:
        """Connect the call's audio (also while held: hold music still flows) and report hold transitions."""
        if call is not self._call:
            return
        if audio is not None:
            self._connect_audio(audio)
        if status == pj.PJSUA_CALL_MEDIA_NONE:
            return  # no audio negotiated: not a hold
        held = status == pj.PJSUA_CALL_MEDIA_REMOTE_HOLD
        if held != self._remote_held:
            self._remote_held = held
            self._emit(CallHeld() if held else CallResumed())

    def _watch_media(self) -> None:
        """Once a second: has any RTP come from the far end? PJSIP feeds the call silence when none does, so
        the frames alone cannot tell a quiet line from a dead one; the stream's packet count can."""
        now = time.monotonic()
        if now < self._media_check_at or self.settings.media_timeout_s <= 0:
            return
        self._media_check_at = now + 1.0
        if self._call is None or self._audio is None or self._remote_held:
            self._rx_packets, self._rx_since, self._media_stopped_told = -1, now, False
            return
        try:
            packets = int(self._call.getStreamStat(0).rtcp.rxStat.pkt)
        except pj.Error:
            return
        if packets != self._rx_packets:
            self._rx_packets, self._rx_since, self._media_stopped_told = packets, now, False
        elif now - self._rx_since >= self.settings.media_timeout_s and not self._media_stopped_told:
            self._media_stopped_told = True
            self._emit(MediaStopped(seconds=round(now - self._rx_since, 1)))

    def _connect_audio(self, audio: Any) -> None:
        assert self._port is not None
        self._disconnect_audio()
        self._audio = audio
        audio.startTransmit(self._port)
        self._port.startTransmit(audio)

    def _disconnect_audio(self) -> None:
        if self._audio is not None and self._port is not None:
            try:
                self._audio.stopTransmit(self._port)
                self._port.stopTransmit(self._audio)
            except pj.Error:
                pass  # the call's media may already be gone
        self._audio = None

    def _reap(self) -> None:
        if self._ended_call is not None:
            self._ended_call = None

    def _shutdown(self) -> None:
        if self._call is not None:
            self._do_hangup(None)
            for _ in range(50):
                self._ep.libHandleEvents(10)
                if self._call is None:
                    break
        if self._account is not None and self.settings.registrar:
            try:
                if self._account.getInfo().regIsActive:
                    self._account.setRegistration(False)
                    for _ in range(30):
                        self._ep.libHandleEvents(10)
            except pj.Error:
                pass
        self._destroy()

    def _destroy(self) -> None:
        # pjsua2 objects must go before libDestroy, or the process aborts at exit.
        self._disconnect_audio()
        self._call = None
        self._ended_call = None
        if self._port is not None:
            port, self._port = self._port, None
            destroy_frame_port(port)
        for account in (self._local_account, self._account):
            if account is not None:
                account.shutdown()
        self._account = self._local_account = None
        if self._ep is not None:
            self._ep.libDestroy(pj.PJSUA_DESTROY_NO_NETWORK)
            self._ep = None
