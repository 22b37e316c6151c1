"""A packet capture on loopback (tshark) and independent decoders of what it caught: RFC 4733 events as
tshark dissects them, and in-band DTMF tones decoded by multimon-ng from the RTP audio itself. Neither
uses the agent's own DTMF code, so they judge the sender independently."""

from __future__ import annotations

import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

HAVE_TOOLS = all(shutil.which(tool) for tool in ("tshark", "multimon-ng", "sox"))
DTMF_EVENTS = "0123456789*#ABCD"  # RFC 4733 event codes 0-15


@dataclass(frozen=True)
class RtpEvent:
    """One RFC 4733 key press as seen on the wire: its key, when its first packet went and how long it was held."""

    digit: str
    start_s: float  # capture time of its first packet
    end_s: float  # capture time of its last (end) packet
    duration_ms: float  # the event's own duration field, at 8 kHz


class Capture:
    """`tshark -i lo` writing every UDP packet to a file while the block runs."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._proc: subprocess.Popen[str] | None = None

    def __enter__(self) -> Capture:
        self._proc = subprocess.Popen(["tshark", "-i", "lo", "-f", "udp", "-w", str(self.path), "-q"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        assert self._proc.stderr is not None
        deadline = time.monotonic() + 10
        for line in self._proc.stderr:  # "Capturing on 'Loopback: lo'" once packets are being caught
            if "Capturing on" in line or time.monotonic() > deadline:
                break
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._proc is not None
        time.sleep(0.3)  # the last packets reach the file
        self._proc.send_signal(signal.SIGINT)
        self._proc.wait(10)

    def _fields(self, display_filter: str, fields: list[str], decode_port: int | None = None) -> list[list[str]]:
        cmd = ["tshark", "-r", str(self.path), "-o", "rtp.heuristic_rtp:TRUE", "-Y", display_filter, "-T", "fields",
               "-E", "separator=\t"]
        if decode_port is not None:
            cmd += ["-d", f"udp.port=={decode_port},rtp"]
        for field in fields:
            cmd += ["-e", field]
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=60, check=True).stdout
        return [line.split("\t") for line in out.splitlines() if line.strip()]

    def rtp_events(self, dst_port: int | None = None) -> list[RtpEvent]:
        """The RFC 4733 key presses sent (to dst_port, if given), one per event however often it was repeated."""
        where = "rtpevent" + (f" && udp.dstport=={dst_port}" if dst_port else "")
        rows = self._fields(where, ["frame.time_relative", "rtp.timestamp", "rtpevent.event_id",
                                    "rtpevent.duration"], decode_port=dst_port)
        events: dict[str, list[float]] = {}  # rtp timestamp -> [event id, first t, last t, duration]
        for t, stamp, event_id, duration in rows:
            seen = events.setdefault(stamp, [float(event_id), float(t), float(t), 0.0])
            seen[2], seen[3] = float(t), max(seen[3], float(duration))
        ordered = sorted(events.values(), key=lambda e: e[1])
        return [RtpEvent(DTMF_EVENTS[int(e[0])], e[1], e[2], e[3] / 8) for e in ordered]

    def pcmu_audio(self, dst_port: int) -> bytes:
        """The G.711 mu-law audio sent to dst_port, decoded to 8 kHz 16-bit PCM, in RTP sequence order."""
        rows = self._fields(f"rtp && udp.dstport=={dst_port} && rtp.p_type==0", ["rtp.seq", "rtp.payload"],
                            decode_port=dst_port)
        payloads = [bytes.fromhex(payload.replace(":", "")) for _, payload in sorted(rows, key=lambda r: int(r[0]))]
        return ulaw_to_pcm(b"".join(payloads))


def ulaw_to_pcm(data: bytes) -> bytes:
    """G.711 mu-law bytes to 16-bit PCM (ITU-T G.711: invert, then sign, exponent and mantissa)."""
    u = ~np.frombuffer(data, dtype=np.uint8)
    exponent, mantissa = (u >> 4) & 0x07, u & 0x0F
    magnitude = ((mantissa.astype(np.int32) << 3) + 0x84) << exponent
    pcm = np.where(u & 0x80, 0x84 - magnitude, magnitude - 0x84)
    return pcm.astype("<i2").tobytes()


def multimon_digits(pcm: bytes | Path) -> str:
    """The DTMF keys multimon-ng decodes from 8 kHz 16-bit mono PCM (bytes) or a wav file."""
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "in.raw"
        resampled = Path(tmp) / "22k.raw"
        if isinstance(pcm, Path):
            subprocess.run(["sox", str(pcm), "-t", "raw", "-r", "22050", "-e", "signed", "-b", "16", "-c", "1",
                            str(resampled)], check=True)
        else:
            raw.write_bytes(pcm)
            subprocess.run(["sox", "-t", "raw", "-r", "8000", "-e", "signed", "-b", "16", "-c", "1", str(raw),
                            "-t", "raw", "-r", "22050", str(resampled)], check=True)
        out = subprocess.run(["multimon-ng", "-q", "-a", "DTMF", "-t", "raw", str(resampled)], capture_output=True,
                             text=True, timeout=60).stdout
    return "".join(line.split(":", 1)[1].strip() for line in out.splitlines() if line.startswith("DTMF:"))
