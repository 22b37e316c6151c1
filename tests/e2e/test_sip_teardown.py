"""The agent's frame port torn down while PJSIP's conference clock is calling it.

PJSIP 2.15.1 removes a port from its conference bridge asynchronously, so the clock thread calls the port
a few more times while it is destroyed. Dropping the last Python reference used to destroy it from inside
Python's deallocation: the clock's last calls then met a half-freed object (an AttributeError first, then
corrupted memory), and now and then a call's teardown ended in SIGSEGV. This test stresses exactly that
moment, hundreds of times with the clock running, in a process of its own so that a crash fails only it."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytestmark = pytest.mark.e2e

STRESS = r"""
import random, sys, time, faulthandler
import pjsua2 as pj
from sip.engine import _FramePort, destroy_frame_port
from sip.playout import InboundFrames, PlayoutBuffer

faulthandler.enable(all_threads=True)
random.seed(7)
ep = pj.Endpoint()
ep.libCreate()
cfg = pj.EpConfig()
cfg.uaConfig.threadCnt = 0
cfg.uaConfig.mainThreadOnly = False
cfg.medConfig.hasIoqueue = False
cfg.medConfig.threadCnt = 0
cfg.medConfig.clockRate = cfg.medConfig.sndClockRate = 8000
cfg.medConfig.channelCount = 1
cfg.logConfig.consoleLevel = cfg.logConfig.level = 0
ep.libInit(cfg)
ep.libStart()
ep.audDevManager().setNullDev()
fmt = pj.MediaFormatAudio()
fmt.init(pj.PJMEDIA_FORMAT_PCM, 8000, 1, 20000, 16)
heard = InboundFrames(max_frames=100_000)
rounds, ports = int(sys.argv[1]), 40
for i in range(rounds):
    live = [_FramePort(PlayoutBuffer(), heard) for _ in range(ports)]
    for n, port in enumerate(live):
        port.createPort(f"p{i}.{n}", fmt)
    for a, b in zip(live[::2], live[1::2]):
        a.startTransmit(b)
        b.startTransmit(a)
    until = time.monotonic() + random.uniform(0.02, 0.045)  # tear down at any point of the 20 ms tick
    while time.monotonic() < until:
        ep.libHandleEvents(1)
    while live:  # a burst: the clock is likely to be calling one of them as it goes
        destroy_frame_port(live.pop())
print("torn down", rounds * ports, "frames", heard._queue.qsize())
ep.libDestroy()
"""


def test_frame_ports_destroyed_under_the_running_clock_never_see_a_half_freed_object():
    proc = subprocess.run([sys.executable, "-c", STRESS, "60"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, f"exit {proc.returncode}:\n{proc.stderr[-3000:]}"
    assert "torn down 2400" in proc.stdout
    frames = int(proc.stdout.split("frames")[1])
    assert frames > 600, "the clock never called the ports: the test stressed nothing"
    # A callback that met a half-destroyed port prints its exception (SWIG cannot raise it into C++).
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
