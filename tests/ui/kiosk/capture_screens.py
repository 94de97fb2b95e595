#!/usr/bin/env python3
"""Saves a screenshot of each screen the kiosk reaches without a card, in
Vietnamese and English, into docs/screens/ (used by the README).
Usage: capture_screens.py BIN_DIR OUT_DIR"""
import os
import subprocess
import sys
import tempfile

BIN, OUT = sys.argv[1], sys.argv[2]
os.makedirs(OUT, exist_ok=True)
read, write = os.pipe()
xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                        pass_fds=(write,), stderr=subprocess.DEVNULL)
os.close(write)
display = ":" + os.read(read, 16).decode().strip()
work = tempfile.mkdtemp(prefix="kiosk-shots-")
config = os.path.join(work, "kiosk.toml")
with open(config, "w") as out:
    out.write(f"[display]\nfullscreen = false\n[store]\ndata_dir = \"{work}/data\"\n"
              "[session]\nidle_warning_seconds = 5\nidle_countdown_seconds = 30\n")

JOURNEY = [
    ("attract", []),
    ("identify", ["tap start"]),
    ("chip_access", ["tap no_qr", "tap field.id_number", "type 0790"]),
    ("staff_login", ["tap key.done", "tap call_staff", "tap field.staff_id", "type nv"]),
    ("session_ended", ["tap end"]),
    ("lookup", ["tap ended_ok", "tap lookup", "tap field.lookup_query", "type Tieengs Vieetj"]),
    ("large_text", ["tap key.done", "tap large_text"]),
]

try:
    for language in ("vi", "en"):
        kiosk = subprocess.Popen([os.path.join(BIN, "kiosk"), "--config", config, "--automation"],
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                 env=dict(os.environ, DISPLAY=display), text=True, bufsize=1)

        def command(line):
            kiosk.stdin.write(line + "\n")
            kiosk.stdin.flush()
            answer = kiosk.stdout.readline().strip()
            if not answer.startswith("ok"):
                raise SystemExit(f"{line!r}: {answer}")

        command("wait-screen attract")
        if language == "en":
            command("tap lang")
        for name, steps in JOURNEY:
            for step in steps:
                command(step)
            command(f"screenshot {OUT}/{name}_{language}.png")
        command("wait-screen lookup 30000")
        kiosk.stdin.write("quit\n")
        kiosk.stdin.close()
        kiosk.wait(timeout=30)
finally:
    xvfb.terminate()
    xvfb.wait()
