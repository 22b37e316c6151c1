"""Real SIP peers for the end-to-end tests: a trunk (kamailio), a callee (baresip), scripted UAs (SIPp).

Every peer is a context manager that starts a real daemon bound to 127.0.0.1 only, on ports picked
at run time, waits until it really answers (no fixed sleeps), writes its output to a log file in its
working directory, and stops it (whole process group: SIGTERM/SIGINT, then SIGKILL) on exit, also when
the block raises.

Working directories: pass ``workdir`` (e.g. pytest's ``tmp_path / "trunk"``) to keep logs, recordings
and message traces after the test. Without it a temporary directory is made and removed on a clean
exit; it is kept (and its path printed) when the block raised, or when TASKCALL_E2E_KEEP=1.

    with Kamailio(routes={"+15550100": callee.uri}) as trunk:
        ...  # register/call via trunk.address with user "taskcall", password "s3cret", realm "*"
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import IO

LOOPBACK = "127.0.0.1"
E2E_DIR = Path(__file__).resolve().parent
KAMAILIO_CFG = E2E_DIR / "kamailio.cfg"
SIPP_DIR = E2E_DIR / "sipp"
KAMAILIO_ROUTES_FILE = "kamailio-routes.cfg"  # read by kamailio.cfg from its working directory
KAMAILIO_MODULE_DIRS = (
    "/usr/lib/x86_64-linux-gnu/kamailio/modules",
    "/usr/lib/aarch64-linux-gnu/kamailio/modules",
    "/usr/lib/kamailio/modules",
)
BARESIP_MODULE_DIRS = ("/usr/lib/baresip/modules", "/usr/local/lib/baresip/modules")

_SAFE_TOKEN = re.compile(r"^[A-Za-z0-9!$%&'()*+,\-./:;=?@^_`{|}~]+$")  # no quotes, spaces, backslashes
_NUMBER = re.compile(r"^[A-Za-z0-9+*#._-]+$")
_URI = re.compile(r"^sips?:[A-Za-z0-9!$%&'()*+,\-./:;=?@^_~\[\]]+$")


class PeerError(RuntimeError):
    """A peer failed to start, to answer, or to stop; the message names its log file."""


def have(binary: str) -> bool:
    """True when ``binary`` is on PATH (tests skip when a daemon is not installed)."""
    return shutil.which(binary) is not None


# --------------------------------------------------------------------------- ports and probes


def free_udp_port(tcp_too: bool = True) -> int:
    """A port on 127.0.0.1 that is free for UDP (and, by default, for TCP too: baresip binds both)."""
    for _ in range(50):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
            udp.bind((LOOPBACK, 0))
            port = udp.getsockname()[1]
            if not tcp_too:
                return port
            try:
                with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as tcp:
                    tcp.bind((LOOPBACK, port))
            except OSError:
                continue
            return port
    raise PeerError("no free UDP+TCP port on 127.0.0.1")


def free_tcp_port() -> int:
    """A TCP port on 127.0.0.1 that is free now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as tcp:
        tcp.bind((LOOPBACK, 0))
        return tcp.getsockname()[1]


def udp_port_bound(port: int, host: str = LOOPBACK) -> bool:
    """True when some process has a UDP socket bound to host:port (or the wildcard), read from /proc."""
    wanted = {f"{_proc_ip(host)}:{port:04X}", f"00000000:{port:04X}"}
    try:
        lines = Path("/proc/net/udp").read_text().splitlines()[1:]
    except OSError:
        return False
    return any(line.split()[1] in wanted for line in lines if len(line.split()) > 1)


def _proc_ip(host: str) -> str:
    return "".join(f"{int(part):02X}" for part in reversed(host.split(".")))


def sip_options_ping(port: int, host: str = LOOPBACK, timeout: float = 0.3) -> int | None:
    """Send one SIP OPTIONS over UDP to host:port; the status code of the answer, or None."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind((LOOPBACK, 0))
        lport = sock.getsockname()[1]
        tag = uuid.uuid4().hex[:10]
        msg = (
            f"OPTIONS sip:{host}:{port} SIP/2.0\r\n"
            f"Via: SIP/2.0/UDP {LOOPBACK}:{lport};rport;branch=z9hG4bK{tag}\r\n"
            "Max-Forwards: 70\r\n"
            f"From: <sip:probe@{LOOPBACK}:{lport}>;tag={tag}\r\n"
            f"To: <sip:{host}:{port}>\r\n"
            f"Call-ID: probe-{tag}@{LOOPBACK}\r\n"
            "CSeq: 1 OPTIONS\r\n"
            f"Contact: <sip:probe@{LOOPBACK}:{lport}>\r\n"
            "Accept: application/sdp\r\n"
            "Content-Length: 0\r\n\r\n"
        )
        sock.settimeout(timeout)
        try:
            sock.sendto(msg.encode(), (host, port))
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                data = sock.recv(65535).decode("utf-8", "replace")
                match = re.match(r"SIP/2\.0 (\d{3})", data)
                if match and f"probe-{tag}@" in data and int(match.group(1)) >= 200:
                    return int(match.group(1))
        except OSError:  # timeout, or ICMP port unreachable (ConnectionRefusedError)
            return None
    return None


def _check_token(what: str, value: str) -> str:
    if not value or not _SAFE_TOKEN.match(value):
        raise ValueError(f"{what} {value!r}: use letters, digits and URI punctuation (no quotes or spaces)")
    return value


# --------------------------------------------------------------------------- process base


class _Peer:
    """One daemon in its own process group, with a working directory and a log file."""

    name = "peer"
    stop_signal = signal.SIGTERM

    def __init__(self, workdir: str | os.PathLike[str] | None, start_timeout: float) -> None:
        self.start_timeout = start_timeout
        self._own_workdir = workdir is None
        self.workdir = (
            Path(workdir) if workdir is not None else Path(tempfile.mkdtemp(prefix=f"taskcall-{self.name}-"))
        )
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.log_path = self.workdir / f"{self.name}.log"
        self.proc: subprocess.Popen[bytes] | None = None
        self._log_file: IO[bytes] | None = None

    # -- lifecycle

    def start(self) -> _Peer:
        raise NotImplementedError

    def __enter__(self):
        try:
            self.start()
        except BaseException:
            self.stop()
            self._cleanup(keep=True)
            raise
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        self.stop()
        self._cleanup(keep=exc_type is not None)

    def _cleanup(self, keep: bool) -> None:
        if not self._own_workdir:
            return
        if keep or os.environ.get("TASKCALL_E2E_KEEP") == "1":
            print(f"[{self.name}] kept its files in {self.workdir}", file=sys.stderr)
            return
        shutil.rmtree(self.workdir, ignore_errors=True)

    def _spawn(self, cmd: list[str], cwd: Path | None = None, env: Mapping[str, str] | None = None) -> None:
        self._log_file = open(self.log_path, "ab")  # closed in stop()
        self._log_file.write(f"$ {' '.join(cmd)}\n".encode())
        self._log_file.flush()
        self.proc = subprocess.Popen(
            cmd,
            cwd=str(cwd or self.workdir),
            stdin=subprocess.DEVNULL,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
            env=dict(env) if env is not None else None,
            start_new_session=True,  # own process group: stop() reaches the daemon's children too
        )
        _LIVE.add(self)

    @property
    def pid(self) -> int | None:
        """Process id of the daemon, also the id of its process group."""
        return None if self.proc is None else self.proc.pid

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    @property
    def returncode(self) -> int | None:
        return None if self.proc is None else self.proc.poll()

    def _wait_ready(self, ready: Callable[[], bool], what: str, timeout: float | None = None) -> None:
        start = time.monotonic()
        deadline = start + (self.start_timeout if timeout is None else timeout)
        while True:
            if ready():
                return
            if not self.running:
                rc = self.returncode
                raise PeerError(
                    f"{self.name} exited (rc={rc}) before {what}; log {self.log_path}:\n{self.log_tail()}"
                )
            if time.monotonic() > deadline:
                raise PeerError(
                    f"{self.name} not ready ({what}) within {deadline - start:.0f} s; "
                    f"log {self.log_path}:\n{self.log_tail()}"
                )
            time.sleep(0.05)

    def stop(self, timeout: float = 5.0) -> int | None:
        """Stop the daemon and everything in its process group; returns its exit status."""
        proc = self.proc
        if proc is not None:
            pgid = proc.pid
            if proc.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(pgid, self.stop_signal)
                try:
                    proc.wait(timeout=timeout)
                except subprocess.TimeoutExpired:
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(pgid, signal.SIGKILL)
                    proc.wait(timeout=5)
            # children left behind by the leader (kamailio forks workers)
            deadline = time.monotonic() + timeout
            while _group_alive(pgid):
                if time.monotonic() > deadline:
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(pgid, signal.SIGKILL)
                    time.sleep(0.05)
                    break
                time.sleep(0.02)
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None
        _LIVE.discard(self)
        return None if proc is None else proc.returncode

    # -- logs

    def log_text(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log_text().splitlines()[-lines:])

    def wait_for_log(self, pattern: str, timeout: float = 5.0) -> re.Match[str]:
        """Wait until a line of the log matches the regex ``pattern``; the match."""
        regex = re.compile(pattern, re.MULTILINE)
        deadline = time.monotonic() + timeout
        while True:
            match = regex.search(self.log_text())
            if match:
                return match
            if time.monotonic() > deadline:
                raise PeerError(
                    f"{self.name}: no log line matching {pattern!r} within {timeout} s; "
                    f"log {self.log_path}:\n{self.log_tail()}"
                )
            time.sleep(0.05)


_LIVE: set[_Peer] = set()  # started and not yet stopped


@atexit.register
def _stop_leftovers() -> None:
    """Safety net for peers started without a ``with`` block and never stopped."""
    for peer in list(_LIVE):
        with contextlib.suppress(Exception):
            peer.stop(timeout=2.0)


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # a group of zombies only: nothing left to stop
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            return True
    return False


def _first_dir(candidates: Iterable[str], marker: str) -> str:
    for path in candidates:
        if (Path(path) / marker).exists():
            return path
    raise PeerError(f"cannot find {marker} in any of {list(candidates)}")


# --------------------------------------------------------------------------- kamailio


class Kamailio(_Peer):
    """A stand-in SIP trunk: registrar with digest auth plus a proxy routing numbers to callees.

    - REGISTER: 401 (WWW-Authenticate, realm ``realm``), then 200 for ``user``/``password``;
      a wrong password or another user gets 403. The To user must be ``user``.
    - INVITE (and other initial requests) not addressed to ``user``: 407 (Proxy-Authenticate), then
      routed by the R-URI user: ``routes`` maps numbers ("+15550100"; with or without the "+" both
      match) to callee URIs; the R-URI is rewritten to that URI. Unknown number: 404.
    - INVITE to ``user`` (a call to the agent): relayed to its registered contact, or 480.
    - record_route / loose_route: BYE, re-INVITE, INFO of a call pass through the proxy.
    """

    name = "kamailio"
    stop_signal = signal.SIGTERM

    def __init__(
        self,
        user: str = "taskcall",
        password: str = "s3cret",
        routes: Mapping[str, str] | None = None,
        *,
        realm: str = "taskcall.test",
        port: int | None = None,
        workdir: str | os.PathLike[str] | None = None,
        start_timeout: float = 10.0,
        debug: int = 2,
    ) -> None:
        self.user = _check_token("user", user)
        self.password = _check_token("password", password)
        self.realm = _check_token("realm", realm)
        self.routes = dict(routes or {})
        for number, uri in self.routes.items():
            if not _NUMBER.match(number):
                raise ValueError(f"number {number!r}: use digits, letters, + * # . _ -")
            if not _URI.match(uri):
                raise ValueError(f"route target {uri!r} is not a plain sip: URI")
        self.debug = debug
        self.port = port or free_udp_port(tcp_too=False)
        super().__init__(workdir, start_timeout)
        self.routes_path = self.workdir / KAMAILIO_ROUTES_FILE
        self.pid_path = self.workdir / "kamailio.pid"

    @property
    def address(self) -> str:
        """host:port of the trunk, e.g. for the agent's registrar and outbound proxy."""
        return f"{LOOPBACK}:{self.port}"

    @property
    def uri(self) -> str:
        return f"sip:{LOOPBACK}:{self.port}"

    def number_uri(self, number: str) -> str:
        """The URI to dial a number through this trunk, e.g. sip:+15550100@127.0.0.1:PORT."""
        return f"sip:{number}@{self.address}"

    def command(self) -> list[str]:
        modules = _first_dir(KAMAILIO_MODULE_DIRS, "tm.so")
        return [
            shutil.which("kamailio") or "/usr/sbin/kamailio",
            "-f",
            str(KAMAILIO_CFG),
            "-DD",  # stay in the foreground (workers are forked into our process group)
            "-E",  # log to stderr
            "-L",
            modules,
            "-l",
            f"udp:{LOOPBACK}:{self.port}",
            "-n",
            "2",
            "-m",
            "32",
            "-M",
            "4",
            "-Y",
            str(self.workdir),
            "-P",
            str(self.pid_path),
            "-w",
            str(self.workdir),
            f"--debug={self.debug}",
            "-A",
            f'TRUNK_USER="{self.user}"',
            "-A",
            f'TRUNK_PASS="{self.password}"',
            "-A",
            f'TRUNK_REALM="{self.realm}"',
        ]

    def _write_routes(self) -> None:
        lines = ["#!define TASKCALL_ROUTES_LOADED", "route[NUMBERS] {"]
        for number, uri in self.routes.items():
            forms = [number]
            digits = number.lstrip("+")
            if digits.isdigit():
                forms = list(dict.fromkeys([number, digits, "+" + digits]))
            cond = " || ".join(f'$rU == "{form}"' for form in forms)
            lines += [f"\tif ({cond}) {{", f'\t\t$ru = "{uri}";', "\t\treturn 1;", "\t}"]
        lines += ["\treturn -1;", "}", ""]
        self.routes_path.write_text("\n".join(lines))

    def start(self) -> Kamailio:
        self._write_routes()
        # the config includes kamailio-routes.cfg relative to the working directory
        self._spawn(self.command(), cwd=self.workdir)
        self._wait_ready(lambda: sip_options_ping(self.port) == 200, "answering OPTIONS")
        return self


# --------------------------------------------------------------------------- baresip


class Baresip(_Peer):
    """An independent auto-answering callee (baresip 1.0.0) on 127.0.0.1:``port``.

    It answers every INVITE for ``user`` at once, plays ``play`` (any wav; converted to 8 kHz mono
    and padded with ``pad_seconds`` of silence, since baresip hangs up when its source file ends;
    without ``play`` it sends ``pad_seconds`` of silence), records what it receives and what it sends
    (sndfile module) and reports DTMF it receives (RFC 4733 or SIP INFO) on its ctrl_tcp socket.
    Codecs: PCMU, PCMA; telephone-event is offered/accepted.
    """

    name = "baresip"
    stop_signal = signal.SIGTERM

    def __init__(
        self,
        user: str = "baresip",
        *,
        play: str | os.PathLike[str] | None = None,
        pad_seconds: float = 30.0,
        port: int | None = None,
        ctrl_port: int | None = None,
        workdir: str | os.PathLike[str] | None = None,
        start_timeout: float = 10.0,
        verbose: bool = False,
    ) -> None:
        self.user = _check_token("user", user)
        self.play = Path(play) if play is not None else None
        self.pad_seconds = pad_seconds
        self.port = port or free_udp_port(tcp_too=True)
        self.ctrl_port = ctrl_port or free_tcp_port()
        self.verbose = verbose
        super().__init__(workdir, start_timeout)
        self.config_dir = self.workdir / "config"
        self.recordings_dir = self.workdir / "recordings"
        self.prompt_path = self.workdir / "prompt.wav"
        self._events: list[dict] = []
        self._responses: dict[str, dict] = {}
        self._cond = threading.Condition()
        self._ctrl: socket.socket | None = None
        self._reader: threading.Thread | None = None

    @property
    def address(self) -> str:
        return f"{LOOPBACK}:{self.port}"

    @property
    def uri(self) -> str:
        """The callee's address, e.g. the target of a Kamailio route: sip:baresip@127.0.0.1:PORT."""
        return f"sip:{self.user}@{LOOPBACK}:{self.port}"

    # -- files

    def prepare_prompt(self, source: Path | None, dest: Path) -> Path:
        """Convert ``source`` to 8 kHz mono s16 wav padded with silence (or write silence only)."""
        fmt = ["-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer"]
        if source is None:
            cmd = ["sox", "-n", *fmt, str(dest), "trim", "0", f"{self.pad_seconds:.3f}"]
        else:
            cmd = ["sox", str(source), *fmt, str(dest), "pad", "0", f"{self.pad_seconds:.3f}"]
        run = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if run.returncode != 0:
            raise PeerError(f"sox failed ({' '.join(cmd)}): {run.stderr.strip()}")
        return dest

    def _write_config(self) -> None:
        modules = _first_dir(BARESIP_MODULE_DIRS, "aufile.so")
        self.config_dir.mkdir(parents=True, exist_ok=True)
        self.recordings_dir.mkdir(parents=True, exist_ok=True)
        config = f"""\
poll_method		epoll
sip_listen		{LOOPBACK}:{self.port}
net_interface		{LOOPBACK}
call_local_timeout	120
call_max_calls		4
audio_path		/usr/share/baresip
audio_player		aubridge,taskcall-null
audio_alert		aubridge,taskcall-null
audio_source		aufile,{self.prompt_path}
audio_level		no
ausrc_format		s16
auplay_format		s16
auenc_format		s16
audec_format		s16
rtp_tos			0
rtcp_mux		no
jitter_buffer_delay	1-10
rtp_stats		no
module_path		{modules}
module			g711.so
module			aufile.so
module			aubridge.so
module			sndfile.so
module_tmp		account.so
module_app		menu.so
module_app		ctrl_tcp.so
ctrl_tcp_listen		{LOOPBACK}:{self.ctrl_port}
snd_path		{self.recordings_dir}
statmode_default	off
"""
        (self.config_dir / "config").write_text(config)
        account = (
            f"<sip:{self.user}@{LOOPBACK}:{self.port}>;answermode=auto;audio_codecs=pcmu,pcma;regint=0\n"
        )
        (self.config_dir / "accounts").write_text(account)
        (self.config_dir / "contacts").write_text("")

    def command(self) -> list[str]:
        cmd = ["baresip", "-f", str(self.config_dir)]
        if self.verbose:
            cmd.append("-v")
        stdbuf = shutil.which("stdbuf")
        return [stdbuf, "-oL", "-eL", *cmd] if stdbuf else cmd

    def start(self) -> Baresip:
        self.prepare_prompt(self.play, self.prompt_path)
        self._write_config()
        self._spawn(self.command(), cwd=self.workdir)
        self._wait_ready(self._connect_ctrl, "ctrl_tcp listening")
        self._wait_ready(lambda: sip_options_ping(self.port) is not None, "answering OPTIONS")
        return self

    def stop(self, timeout: float = 5.0) -> int | None:
        ctrl, self._ctrl = self._ctrl, None
        if ctrl is not None:
            with contextlib.suppress(OSError):
                ctrl.shutdown(socket.SHUT_RDWR)
            ctrl.close()
        rc = super().stop(timeout)
        if self._reader is not None:
            self._reader.join(timeout=2)
            self._reader = None
        return rc

    # -- ctrl_tcp (netstring-framed JSON)

    def _connect_ctrl(self) -> bool:
        try:
            sock = socket.create_connection((LOOPBACK, self.ctrl_port), timeout=0.5)
        except OSError:
            return False
        sock.settimeout(None)
        self._ctrl = sock
        self._reader = threading.Thread(
            target=self._read_ctrl, args=(sock,), name="baresip-ctrl", daemon=True
        )
        self._reader.start()
        return True

    def _read_ctrl(self, sock: socket.socket) -> None:
        buf = b""
        while True:
            try:
                chunk = sock.recv(65536)
            except OSError:
                return
            if not chunk:
                return
            buf += chunk
            while True:
                colon = buf.find(b":")
                if colon < 0:
                    break
                try:
                    length = int(buf[:colon])
                except ValueError:  # out of sync: drop everything
                    buf = b""
                    break
                if len(buf) < colon + 1 + length + 1:
                    break
                payload = buf[colon + 1 : colon + 1 + length]
                buf = buf[colon + 1 + length + 1 :]  # skip the trailing ","
                try:
                    msg = json.loads(payload.decode("utf-8", "replace"))
                except ValueError:
                    continue
                with self._cond:
                    if msg.get("event"):
                        msg["_t"] = time.monotonic()
                        self._events.append(msg)
                    elif msg.get("response"):
                        self._responses[str(msg.get("token"))] = msg
                    self._cond.notify_all()

    def command_ctrl(self, command: str, params: str = "", timeout: float = 5.0) -> dict:
        """Run a baresip command over ctrl_tcp (e.g. "hangup", "listcalls"); the response dict."""
        if self._ctrl is None:
            raise PeerError("baresip: ctrl_tcp is not connected")
        token = uuid.uuid4().hex[:8]
        body = json.dumps({"command": command, "params": params, "token": token}).encode()
        self._ctrl.sendall(b"%d:%s," % (len(body), body))
        with self._cond:
            if not self._cond.wait_for(lambda: token in self._responses, timeout):
                raise PeerError(f"baresip: no answer to {command!r} within {timeout} s; log {self.log_path}")
            return self._responses.pop(token)

    def hangup(self) -> dict:
        return self.command_ctrl("hangup")

    def switch_source(self, wav: str | os.PathLike[str] | None, pad_seconds: float | None = None) -> Path:
        """Play another wav in the current call (``ausrc aufile,...``), padded like the first prompt.

        Quirk of baresip 1.0.0: the switched source stays for the following calls too.
        """
        if pad_seconds is not None:
            self.pad_seconds = pad_seconds
        dest = self.workdir / f"prompt-{uuid.uuid4().hex[:6]}.wav"
        self.prepare_prompt(Path(wav) if wav is not None else None, dest)
        response = self.command_ctrl("ausrc", f"aufile,{dest}")
        if not response.get("ok", False):
            raise PeerError(f"baresip: ausrc failed: {response}")
        return dest

    def events(self) -> list[dict]:
        """All ctrl_tcp events so far (dicts with "type", "class", "param", "peeruri", ...)."""
        with self._cond:
            return list(self._events)

    def wait_for_event(self, type_: str, timeout: float = 10.0, after: int = 0) -> dict:
        """Wait for the first event of ``type_`` ("CALL_ESTABLISHED", "CALL_CLOSED") at index >= after."""

        def find() -> dict | None:
            return next((e for e in self._events[after:] if e.get("type") == type_), None)

        with self._cond:
            if not self._cond.wait_for(lambda: find() is not None, timeout):
                seen = [e.get("type") for e in self._events]
                raise PeerError(
                    f"baresip: no {type_} event within {timeout} s (saw {seen}); "
                    f"log {self.log_path}:\n{self.log_tail()}"
                )
            found = find()
            assert found is not None
            return found

    def digits(self) -> str:
        """DTMF digits received so far (RFC 4733 events and SIP INFO), in order."""
        return "".join(str(e.get("param", "")) for e in self.events() if e.get("type") == "CALL_DTMF_START")

    def recordings(self) -> list[Path]:
        """Wav files of the audio received from the far end (one per call, oldest first)."""
        return sorted(self.recordings_dir.glob("dump-*-dec.wav"), key=lambda p: p.stat().st_mtime)

    def sent_recordings(self) -> list[Path]:
        """Wav files of the audio baresip sent (its prompt), one per call."""
        return sorted(self.recordings_dir.glob("dump-*-enc.wav"), key=lambda p: p.stat().st_mtime)


# --------------------------------------------------------------------------- SIPp


class Sipp(_Peer):
    """SIPp running one scenario on 127.0.0.1:``port``, in the foreground, with full traces.

    ``scenario``: a path, or a name in tests/e2e/sipp ("busy_uas", "noanswer_uas", "answer_info_uas",
    "register_uac", "call_uac"). Without ``remote`` it is a UAS: start() returns once its port is
    bound. With ``remote`` ("127.0.0.1:5060") it is a UAC and starts calling at once; use ``wait()``.

    Traces in the working directory: ``messages_path`` (-trace_msg), ``errors_path`` (-trace_err),
    ``actions_path`` (-trace_logs, the scenario's <log> lines).
    """

    name = "sipp"
    stop_signal = signal.SIGINT  # SIPp quits cleanly on SIGINT and flushes its traces

    def __init__(
        self,
        scenario: str | os.PathLike[str],
        port: int | None = None,
        *,
        remote: str | None = None,
        service: str | None = None,
        auth_user: str | None = None,
        auth_password: str | None = None,
        calls: int = 1,
        media_port: int | None = None,
        rtp_file: str | os.PathLike[str] | None = None,
        keys: Mapping[str, str] | None = None,
        extra_args: Iterable[str] = (),
        timeout: float | None = None,
        workdir: str | os.PathLike[str] | None = None,
        start_timeout: float = 10.0,
    ) -> None:
        self.scenario = self.find_scenario(scenario)
        self.port = port or free_udp_port(tcp_too=False)
        self.remote = remote
        self.service = service
        self.auth_user = auth_user
        self.auth_password = auth_password
        self.calls = calls
        self.media_port = media_port or free_udp_port(tcp_too=False)
        self.rtp_file = Path(rtp_file) if rtp_file is not None else None
        self.keys = dict(keys or {})
        self.extra_args = list(extra_args)
        self.timeout = timeout
        self.name = f"sipp-{self.scenario.stem}"
        super().__init__(workdir, start_timeout)
        self.messages_path = self.workdir / "messages.log"
        self.errors_path = self.workdir / "errors.log"
        self.actions_path = self.workdir / "actions.log"
        self.screen_path = self.workdir / "screen.log"

    @staticmethod
    def find_scenario(scenario: str | os.PathLike[str]) -> Path:
        path = Path(scenario)
        if path.exists():
            return path.resolve()
        for candidate in (SIPP_DIR / path, SIPP_DIR / f"{path}.xml"):
            if candidate.exists():
                return candidate
        raise FileNotFoundError(f"no SIPp scenario {scenario!r} (looked in {SIPP_DIR})")

    @property
    def address(self) -> str:
        return f"{LOOPBACK}:{self.port}"

    def uri(self, user: str = "callee") -> str:
        return f"sip:{user}@{LOOPBACK}:{self.port}"

    def command(self) -> list[str]:
        cmd = ["sipp"]
        if self.remote:
            cmd.append(self.remote)
        cmd += [
            "-sf",
            str(self.scenario),
            "-i",
            LOOPBACK,
            "-p",
            str(self.port),
            "-mi",
            LOOPBACK,
            "-mp",
            str(self.media_port),
            "-m",
            str(self.calls),
            "-nostdin",
            "-trace_msg",
            "-message_file",
            str(self.messages_path),
            "-trace_err",
            "-error_file",
            str(self.errors_path),
            "-trace_logs",
            "-log_file",
            str(self.actions_path),
            "-trace_screen",
            "-screen_file",
            str(self.screen_path),
        ]
        if self.service is not None:
            cmd += ["-s", self.service]
        if self.auth_user is not None:
            cmd += ["-au", self.auth_user]
        if self.auth_password is not None:
            cmd += ["-ap", self.auth_password]
        for key, value in self.keys.items():
            cmd += ["-key", key, value]
        if self.timeout is not None:
            cmd += ["-timeout", f"{int(self.timeout)}s", "-timeout_error"]
        return cmd + self.extra_args

    def start(self) -> Sipp:
        if self.rtp_file is not None or "rtp_stream" in self.scenario.read_text():
            self._write_rtp_file()
        self._spawn(self.command(), cwd=self.workdir)
        if self.remote:  # a UAC may finish (or fail) at once
            self._wait_ready(lambda: udp_port_bound(self.port) or not self.running, "bound its port")
        else:
            self._wait_ready(lambda: udp_port_bound(self.port), "bound its port")
        return self

    def _write_rtp_file(self) -> None:
        """rtp.wav in the working directory: G.711 u-law 8 kHz mono, what `rtp_stream` sends."""
        dest = self.workdir / "rtp.wav"
        fmt = ["-r", "8000", "-c", "1", "-e", "u-law", "-b", "8"]
        if self.rtp_file is None:
            cmd = ["sox", "-n", *fmt, str(dest), "trim", "0", "1"]
        else:
            cmd = ["sox", str(self.rtp_file), *fmt, str(dest)]
        run = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if run.returncode != 0:
            raise PeerError(f"sox failed ({' '.join(cmd)}): {run.stderr.strip()}")

    def wait(self, timeout: float = 30.0) -> int:
        """Wait for SIPp to finish its calls; its exit status (0: all calls succeeded)."""
        if self.proc is None:
            raise PeerError("sipp was not started")
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.stop()
            raise PeerError(
                f"{self.name} still running after {timeout} s; messages {self.messages_path}:\n"
                f"{self._tail(self.messages_path)}"
            ) from None

    # -- traces

    @staticmethod
    def _read(path: Path) -> str:
        try:
            return path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def _tail(self, path: Path, lines: int = 60) -> str:
        return "\n".join(self._read(path).splitlines()[-lines:])

    def messages(self) -> str:
        return self._read(self.messages_path)

    def errors(self) -> str:
        return self._read(self.errors_path)

    def actions(self) -> str:
        """Lines written by the scenario's <log> actions."""
        return self._read(self.actions_path)

    def received(self) -> list[str]:
        """First lines of the SIP messages SIPp received, in order ("SIP/2.0 486 Busy Here", "BYE sip:.")."""
        firsts: list[str] = []
        for block in re.split(r"^-{10,}.*$", self.messages(), flags=re.MULTILINE):
            match = re.search(r"message received \[\d+\] bytes :\s*\n\s*\n?(.+)", block)
            if match:
                firsts.append(match.group(1).strip())
        return firsts

    def statuses(self) -> list[int]:
        """Status codes of the responses SIPp received, in order."""
        return [int(m.group(1)) for line in self.received() if (m := re.match(r"SIP/2\.0 (\d{3})", line))]

    def final_status(self) -> int | None:
        """The last final (>= 200) status SIPp received for an INVITE, or None."""
        finals = [code for code in self._invite_statuses() if code >= 200]
        return finals[-1] if finals else None

    def _invite_statuses(self) -> list[int]:
        codes: list[int] = []
        for block in re.split(r"^-{10,}.*$", self.messages(), flags=re.MULTILINE):
            if "message received" not in block:
                continue
            status = re.search(r"^SIP/2\.0 (\d{3})", block, re.MULTILINE)
            if status and re.search(r"^CSeq:\s*\d+\s+INVITE\s*$", block, re.MULTILINE | re.IGNORECASE):
                codes.append(int(status.group(1)))
        return codes
