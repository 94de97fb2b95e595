#!/usr/bin/env python3
"""The kiosk's touch UI against the same journey as a web page
(journey.html) in Chromium's kiosk mode, on one Xvfb, both measured from
outside in the same way: taps through XTest, drawing seen through the X
server's DAMAGE extension and XGetImage.

Figures per application: start to the attract screen drawn, touch (release)
to the next frame drawn p50/p95, idle CPU over 10 s, and memory through the
journey (peak RSS and PSS summed over every process of the application).
Printed with the targets (start 0.5 s, p95 50 ms, idle 1 % of a core, our
peak RSS under a fifth of Chromium's) and as ratios kiosk / Chromium."""
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from xscreen import Screen  # noqa: E402

BIN = sys.argv[1]
HERE = os.path.dirname(os.path.abspath(__file__))
WIDTH, HEIGHT = 1280, 800
TICK = os.sysconf("SC_CLK_TCK")
# The same taps on both: into identification, end the session, acknowledge,
# and the language switch there and back.
CYCLE = ("start", "end", "ended_ok", "lang", "lang")
ROUNDS = 12


def start_display():
    read, write = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", f"{WIDTH}x{HEIGHT}x24",
                             "-nolisten", "tcp"], pass_fds=(write,), stderr=subprocess.DEVNULL)
    os.close(write)
    number = os.read(read, 16).decode().strip()
    # The read end stays open for Xvfb's life: a later write to a closed
    # pipe would kill it.
    xvfb.displayfd = read
    return xvfb, ":" + number


def process_tree(root):
    """`root` and every process descending from it."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    ppid = int(stat.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
            children.setdefault(ppid, []).append(int(entry))
    tree, pending = [], [root]
    while pending:
        pid = pending.pop()
        tree.append(pid)
        pending.extend(children.get(pid, []))
    return tree


def cpu_seconds(pids):
    total = 0.0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / TICK
        except OSError:
            pass
    return total


def memory_mb(pids):
    """(sum of peak RSS, sum of current PSS) in MB."""
    peak = pss = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/status") as status:
                peak += next((int(line.split()[1]) for line in status if line.startswith("VmHWM:")), 0)
            with open(f"/proc/{pid}/smaps_rollup") as rollup:
                pss += next((int(line.split()[1]) for line in rollup if line.startswith("Pss:")), 0)
        except OSError:
            pass
    return peak / 1024, pss / 1024


class Kiosk:
    name = "kiosk"

    def __init__(self, work, display):
        config = os.path.join(work, "kiosk.toml")
        with open(config, "w") as out:
            out.write(f"[display]\nfullscreen = false\nwidth = {WIDTH}\nheight = {HEIGHT}\n"
                      f"[store]\ndata_dir = \"{work}/data\"\n")
        self.timing = os.path.join(work, "kiosk-timing.log")
        self.argv = [os.path.join(BIN, "kiosk"), "--config", config, "--automation"]
        self.env = dict(os.environ, DISPLAY=display, KIOSK_TIMING="1")
        self.process = None

    def launch(self):
        self.process = subprocess.Popen(self.argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=open(self.timing, "w"), env=self.env, text=True, bufsize=1)

    def command(self, line):
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline().strip()
        if not answer.startswith("ok"):
            raise SystemExit(f"kiosk answered {answer!r} to {line!r}")
        return answer

    def ready(self):
        self.command("wait-screen attract")

    def where(self, widget):
        _, x, y = self.command("where " + widget).split()
        return int(x), int(y)

    def pids(self):
        return process_tree(self.process.pid)

    def stop(self):
        try:
            self.command("quit")
        finally:
            self.process.stdin.close()
            self.process.wait(timeout=30)

    def notes(self):
        with open(self.timing) as log:
            return ["  " + line.rstrip() for line in log if line.startswith("startup")]


class Chromium:
    name = "Chromium"

    def __init__(self, work, display, executable):
        self.profile = os.path.join(work, "chromium-profile")
        self.log = os.path.join(work, "chromium.log")
        self.flags = ["--kiosk", "--no-first-run", "--user-data-dir=" + self.profile, "--window-position=0,0",
                      f"--window-size={WIDTH},{HEIGHT}", "--noerrdialogs", "--disable-features=Translate",
                      "--password-store=basic", "--enable-logging=stderr", "--v=1"]
        if os.geteuid() == 0:
            self.flags.append("--no-sandbox")  # Chromium refuses to run as root with its sandbox
        self.argv = [executable, *self.flags, "file://" + os.path.join(HERE, "journey.html")]
        self.env = dict(os.environ, DISPLAY=display)
        self.process = None
        self.launched_at = 0.0

    def launch(self):
        self.launched_at = time.time()
        self.process = subprocess.Popen(self.argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=open(self.log, "w"), env=self.env, start_new_session=True)

    def console(self, tag):
        """The text after `tag` in the page's last console line carrying it."""
        with open(self.log, errors="replace") as log:
            lines = [line for line in log if tag in line]
        if not lines:
            return None
        return lines[-1].split(tag, 1)[1].split('", source:')[0]

    def ready(self):
        deadline = time.monotonic() + 60
        while self.console("kiosk-screen attract") is None:
            if time.monotonic() > deadline:
                raise SystemExit(f"Chromium did not show journey.html; see {self.log}")
            time.sleep(0.05)

    def where(self, widget):
        places = json.loads(self.console("kiosk-screen ").split(" ", 1)[1])
        if widget not in places:
            raise SystemExit(f"no {widget} on the page's screen")
        return places[widget]

    def pids(self):
        return process_tree(self.process.pid)

    def stop(self):
        os.killpg(self.process.pid, 15)
        self.process.wait(timeout=30)

    def notes(self):
        painted = self.console("kiosk-first-frame ")
        notes = ["  flags: " + " ".join(self.flags)]
        if painted:
            notes.append(f"  page's own first frame after fonts: {float(painted) - self.launched_at * 1000:.0f} ms "
                         "after launch (performance.timeOrigin + now() at the first rAF)")
        return notes


def tap(screen, app, widget):
    """Milliseconds from the release of a tap on `widget` to the next drawing."""
    x, y = app.where(widget)
    screen.press(x, y)
    screen.settle(quiet=0.15)  # the pressed look is drawn before the release
    released = screen.release()
    drawn = screen.drawn(timeout=10)
    screen.settle(quiet=0.3)
    if drawn is None:
        raise SystemExit(f"{app.name}: nothing drawn after tapping {widget}")
    return (drawn - released) * 1000


def measure(screen, app, journey):
    screen.settle(quiet=0.2)
    began = time.monotonic()
    app.launch()
    # What the screen shows after each burst of drawing; the attract screen
    # is up at the end of the first burst that leaves it as it stays.
    bursts = []
    while True:
        at = screen.drawn(timeout=1.5 if bursts else 90)
        if at is None:
            break
        bursts.append((screen.settle(quiet=0.05) or at, screen.frame()))
    if not bursts:
        raise SystemExit(f"{app.name} drew nothing in 90 s")
    app.ready()
    screen.settle(quiet=1.0)
    attract = screen.frame()
    shown = next((t for t, digest in bursts if digest == attract), time.monotonic())
    figures = {"start_ms": (shown - began) * 1000}
    touches = [tap(screen, app, widget) for _ in range(ROUNDS) for widget in CYCLE]
    for widget in journey:
        tap(screen, app, widget)
    figures["p50"] = statistics.median(touches)
    figures["p95"] = sorted(touches)[round(0.95 * (len(touches) - 1))]
    figures["touches"] = len(touches)
    time.sleep(1)
    pids = app.pids()
    before = cpu_seconds(pids)
    time.sleep(10)
    figures["idle"] = 100 * (cpu_seconds(app.pids()) - before) / 10
    figures["peak_rss"], figures["pss"] = memory_mb(app.pids())
    figures["processes"] = len(app.pids())
    notes = app.notes()
    app.stop()
    return figures, notes


def warm_up(screen, app):
    """One start and stop, so both run from a warm page cache and profile."""
    app.launch()
    app.ready()
    screen.settle(quiet=0.5)
    app.stop()


def report(name, figures, notes):
    print(f"{name}:")
    print(f"  start to attract screen drawn : {figures['start_ms']:8.1f} ms")
    print(f"  touch to next frame p50       : {figures['p50']:8.1f} ms")
    print(f"  touch to next frame p95       : {figures['p95']:8.1f} ms  ({figures['touches']} taps)")
    print(f"  idle CPU over 10 s            : {figures['idle']:8.2f} % of one core")
    print(f"  peak RSS (sum of VmHWM)       : {figures['peak_rss']:8.1f} MB  ({figures['processes']} processes)")
    print(f"  PSS at the end                : {figures['pss']:8.1f} MB")
    for line in notes:
        print(line)


def main():
    if shutil.which("Xvfb") is None:
        raise SystemExit("Xvfb is needed (apt-get install xvfb)")
    chromium = shutil.which("chromium")
    work = tempfile.mkdtemp(prefix="kiosk-ui-bench-")
    xvfb, display = start_display()
    screen = Screen(display, WIDTH, HEIGHT)
    try:
        warm_up(screen, Kiosk(work, display))
        ours, our_notes = measure(screen, Kiosk(work, display), journey=())
        report("kiosk (SDL2 + Dear ImGui)", ours, our_notes)
        print(f"  against the targets: start {ours['start_ms'] / 500:.2f} x 0.5 s, p95 {ours['p95'] / 50:.2f} x 50 ms, "
              f"idle {ours['idle'] / 1:.2f} x 1 % of a core")
        if chromium is None:
            print("Chromium: not installed, no comparison (./dev bench installs it)")
            return
        warm_up(screen, Chromium(work, display, chromium))
        # Chromium also walks the rest of the page's journey before its
        # memory is read: consent, home, vault list, procedure search.
        journey = ("start", "no_qr", "consent_accept", "open_vault", "back", "new_application", "end", "ended_ok")
        theirs, their_notes = measure(screen, Chromium(work, display, chromium), journey)
        report("Chromium --kiosk, journey.html" + (" (as root: --no-sandbox)" if os.geteuid() == 0 else ""),
               theirs, their_notes)
        print("kiosk / Chromium:")
        for key, label in (("start_ms", "start"), ("p50", "touch p50"), ("p95", "touch p95"),
                           ("peak_rss", "peak RSS"), ("pss", "PSS")):
            print(f"  {label:10s}: {ours[key] / theirs[key]:6.3f}")
        print(f"  idle CPU  : {ours['idle']:.2f} % vs {theirs['idle']:.2f} %")
        verdict = "met" if ours["peak_rss"] < theirs["peak_rss"] / 5 else "missed"
        print(f"  peak RSS target (< 1/5 of Chromium's): {verdict}")
    finally:
        screen.close()
        xvfb.terminate()
        xvfb.wait()
        os.close(xvfb.displayfd)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
