#!/usr/bin/env python3
"""Kiosk UI figures: start to attract screen, touch to next frame drawn
(p50/p95), idle CPU over 10 s and peak RSS, each as a ratio to its target
(start 0.5 s, touch-to-frame p95 50 ms, idle 2 % of one core)."""
import os
import statistics
import subprocess
import sys
import tempfile
import time

BIN = sys.argv[1]
TICK = os.sysconf("SC_CLK_TCK")


def start_display():
    if subprocess.run(["sh", "-c", "command -v Xvfb"], stdout=subprocess.DEVNULL).returncode != 0:
        return None, {"SDL_VIDEODRIVER": "offscreen"}
    read, write = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                            pass_fds=(write,), stderr=subprocess.DEVNULL)
    os.close(write)
    number = os.read(read, 16).decode().strip()
    os.close(read)
    return xvfb, {"DISPLAY": ":" + number}


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def peak_rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main():
    xvfb, display_env = start_display()
    work = tempfile.mkdtemp(prefix="kiosk-ui-bench-")
    config = os.path.join(work, "kiosk.toml")
    with open(config, "w") as out:
        out.write("[display]\nfullscreen = false\nwidth = 1280\nheight = 800\n")
    env = dict(os.environ, **display_env)
    began = time.monotonic()
    kiosk = subprocess.Popen([os.path.join(BIN, "kiosk"), "--config", config, "--automation"], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True, bufsize=1)

    def command(line):
        kiosk.stdin.write(line + "\n")
        kiosk.stdin.flush()
        answer = kiosk.stdout.readline().strip()
        if not answer.startswith("ok"):
            raise SystemExit(f"kiosk answered {answer!r} to {line!r}")
        return answer

    try:
        command("wait-screen attract")
        start_s = time.monotonic() - began
        touches = []
        for _ in range(15):
            for widget in ("start", "end", "ended_ok", "lang", "lang"):
                touches.append(float(command("tap " + widget).split()[1]))
        command("wait-screen attract")
        time.sleep(1)
        cpu_before = cpu_seconds(kiosk.pid)
        time.sleep(10)
        idle_percent = 100 * (cpu_seconds(kiosk.pid) - cpu_before) / 10
        rss = peak_rss_mb(kiosk.pid)
        command("quit")
    finally:
        kiosk.stdin.close()
        kiosk.wait(timeout=30)
        if xvfb:
            xvfb.terminate()
            xvfb.wait()

    p50 = statistics.median(touches)
    p95 = sorted(touches)[int(0.95 * (len(touches) - 1))]
    print(f"start to attract screen : {start_s * 1000:8.1f} ms  ({start_s / 0.5:.2f} x the 0.5 s target)")
    print(f"touch to frame p50      : {p50:8.1f} ms  ({p50 / 50:.2f} x the 50 ms target)")
    print(f"touch to frame p95      : {p95:8.1f} ms  ({p95 / 50:.2f} x the 50 ms target, {len(touches)} touches)")
    print(f"idle CPU over 10 s      : {idle_percent:8.2f} % of one core  ({idle_percent / 2:.2f} x the 2 % budget)")
    print(f"peak RSS                : {rss:8.1f} MB")


if __name__ == "__main__":
    main()
