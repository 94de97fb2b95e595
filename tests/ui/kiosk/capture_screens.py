#!/usr/bin/env python3
"""Screenshots of every kiosk screen in Vietnamese and English, taken on the
real stack: kiosk-sandbox over HTTP, a private pcscd with vpcd and the virtual
CCCD card (kiosk-vcard), the card's QR shown to a camera picture directory, the
SANE test scanner, and the kiosk binary under Xvfb driven through --automation.
Writes OUT_DIR/<screen>_<vi|en>.png (palette PNGs) and OUT_DIR/README.md.
Needs root: the private pcscd runs in its own mount and network namespace.
Usage: capture_screens.py BIN_DIR OUT_DIR"""
import ctypes
import json
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
WIDTH, HEIGHT = 1280, 800
CITIZEN = "052090000495"  # Nguyễn Văn An, a demo citizen of sandbox/demo
MARRIAGE = "1.000894.000.00.00.H34"  # one paper from the vault, one to choose, one to scan
STAFF_ID, STAFF_NAME, STAFF_PIN = "nvha", "Lê Thu Hà", "2468"

# (file name, what the citizen does there), in journey order; README rows.
SCREENS = [
    ("attract", "Sees the kiosk is free; taps to start, or to look up an application."),
    ("identify", "Taps the CCCD on the reader or shows its QR to the camera."),
    ("chip_access", "Without a QR: types the card's number and dates on the number pad."),
    ("reading_card", "Keeps the card on the reader while the chip is read and checked; can cancel."),
    ("consent", "Sees the chip's photo and name, agrees to the use of their data (or declines)."),
    ("home", "Chooses a new application, their documents, or a status look-up."),
    ("large_text", "Large-text mode, one tap away on every screen."),
    ("vault", "Browses and searches the papers the state already issued to them."),
    ("document_preview", "Reads a paper and its signature check; zooms; reports a wrong one."),
    ("report_item", "Says what is wrong with a paper of the vault."),
    ("card_removed", "Took the card away mid-session: continues or ends."),
    ("procedure_search", "Finds the procedure, typing without diacritics (Telex keyboard)."),
    ("components", "Sees which papers came from the vault, which to choose and which to scan."),
    ("choose_item", "Picks one of several matching papers from the vault."),
    ("scan", "Has the missing paper scanned and signed by the kiosk."),
    ("applicant_details", "Checks the details pre-filled from the chip, corrects them with the keyboard."),
    ("delivery", "Chooses how to receive the result and how to be notified."),
    ("review", "Checks everything before submitting."),
    ("submitting", "Waits while the application is sent, with progress."),
    ("receipt", "Takes the printed receipt; the dossier code and its QR are on screen too."),
    ("rating", "Rates the service, five levels."),
    ("session_ended", "Sees that the session ended and their data was erased."),
    ("lookup", "Looks up an application by receipt QR, dossier code or ID number."),
    ("lookup_result", "Reads the status and appointment of their applications."),
    ("staff_login", "A staff member signs in with their ID and PIN."),
    ("await_staff", "Shown the QR only: staff confirm the identity; the staff bar stays visible."),
    ("idle_warning", "Did not touch for a while: taps \"I'm still here\" or the session is wiped."),
    ("error_api_down", "The provincial API cannot be reached: a clear message, retry or dismiss."),
    ("receipt_pending", "Submitted while the API was down: the application waits in the encrypted outbox."),
]


class TourError(RuntimeError):
    pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(seconds, check, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise TourError(f"timed out waiting for {what}")


class Stack:
    """The processes behind the kiosk; each stops with the tour."""

    def __init__(self, bin_dir, work):
        self.bin, self.work = bin_dir, work
        self.build = bin_dir.parent
        self.procs = []
        self.card = None
        self.sandbox = None
        self.env = dict(os.environ)

    def spawn(self, args, log, **kwargs):
        proc = subprocess.Popen(args, stdout=open(self.work / log, "w"), stderr=subprocess.STDOUT,
                                env=self.env, **kwargs)
        self.procs.append(proc)
        return proc

    def stop(self, proc):
        if proc and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    def close(self):
        for proc in reversed(self.procs):
            self.stop(proc)

    def start_sandbox(self, *fault):
        port = free_port()
        args = [str(self.bin / "kiosk-sandbox"), "--host", "127.0.0.1", "--port", str(port)]
        for f in fault:
            args += ["--fault", f]
        self.sandbox = self.spawn(args, "sandbox.log")
        self.api_url = f"http://127.0.0.1:{port}"
        log = self.work / "sandbox.log"
        wait_until(20, lambda: "listening on" in log.read_text(), "kiosk-sandbox")

    def stop_sandbox(self):
        self.stop(self.sandbox)

    def start_pcscd(self):
        conf, run = self.work / "pcsc/conf", self.work / "pcsc/run"
        conf.mkdir(parents=True)
        run.mkdir(parents=True)
        (conf / "vpcd").write_text("FRIENDLYNAME \"Virtual PCD\"\nDEVICENAME   /dev/null:0x8C7B\n"
                                   "LIBPATH      /usr/lib/pcsc/drivers/serial/libifdvpcd.so\n"
                                   "CHANNELID    0x8C7B\n")
        # Private /run and network namespace: vpcd's port is on no real interface.
        self.pcscd = self.spawn(["unshare", "-m", "-n", "sh", "-c",
                                 f"ip link set lo up && mount --bind '{run}' /run && exec pcscd -f -c '{conf}'"],
                                "pcscd.log")
        self.env["PCSCLITE_CSOCK_NAME"] = str(run / "pcscd/pcscd.comm")
        wait_until(20, lambda: Path(self.env["PCSCLITE_CSOCK_NAME"]).is_socket(), "pcscd (needs root)")

    def card_present(self):
        out = subprocess.run([str(self.bin / "kiosk-card"), "readers"], capture_output=True, text=True,
                             env=self.env)
        return "present" in out.stdout.lower() and "absent" not in out.stdout.lower()

    def insert_card(self, *extra):
        self.card = self.spawn(["nsenter", "-t", str(self.pcscd.pid), "-n", str(self.bin / "kiosk-vcard"),
                                "--citizen", CITIZEN, *extra], "vcard.log")
        wait_until(20, self.card_present, "the virtual card in the reader")

    def remove_card(self):
        self.stop(self.card)
        self.card = None
        wait_until(20, lambda: not self.card_present(), "the reader to be empty")


class Camera:
    """A picture directory the kiosk's camera replays; each frame re-reads the
    file, so replacing it shows the camera something else."""

    def __init__(self, work):
        self.dir = work / "camera"
        self.dir.mkdir()
        self.blank = work / "blank.png"
        subprocess.run(["convert", "-size", "640x480", "xc:#8a8f94", str(self.blank)], check=True)
        self.qr = work / "card-qr.png"
        write_qr(card_payload(CITIZEN), self.qr)
        self.show(self.blank)

    def show(self, picture):
        tmp = self.dir / ".next.png.part"
        shutil.copyfile(picture, tmp)
        os.replace(tmp, self.dir / "card.png")


def card_payload(citizen_id):
    citizens = json.loads((ROOT / "sandbox/demo/citizens.json").read_text())["citizens"]
    c = next(c for c in citizens if c["id"] == citizen_id)
    date = lambda iso: iso[8:10] + iso[5:7] + iso[0:4]
    return "|".join([c["id"], c["old_id"], c["full_name"], date(c["date_of_birth"]), c["sex"],
                     c["place_of_residence"], date(c["issue_date"])])


def write_qr(text, path):
    """The QR of `text` through libqrencode, drawn as a card photographed flat."""

    class QRcode(ctypes.Structure):
        _fields_ = [("version", ctypes.c_int), ("width", ctypes.c_int),
                    ("data", ctypes.POINTER(ctypes.c_ubyte))]

    lib = ctypes.CDLL("libqrencode.so.4")
    lib.QRcode_encodeString.restype = ctypes.POINTER(QRcode)
    lib.QRcode_encodeString.argtypes = [ctypes.c_char_p, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_int]
    lib.QRcode_free.argtypes = [ctypes.POINTER(QRcode)]
    code = lib.QRcode_encodeString(text.encode(), 0, 1, 2, 1)  # level M, 8-bit mode
    if not code:
        raise TourError("libqrencode could not encode the card QR")
    width = code.contents.width
    quiet = 6
    side = width + 2 * quiet
    rows = []
    for y in range(side):
        row = []
        for x in range(side):
            inside = quiet <= x < quiet + width and quiet <= y < quiet + width
            dark = inside and code.contents.data[(y - quiet) * width + (x - quiet)] & 1
            row.append("1" if dark else "0")
        rows.append(" ".join(row))
    lib.QRcode_free(code)
    pbm = path.with_suffix(".pbm")
    pbm.write_text(f"P1\n{side} {side}\n" + "\n".join(rows) + "\n")
    subprocess.run(["convert", str(pbm), "-scale", "600%", str(path)], check=True)


class Kiosk:
    def __init__(self, bin_dir, config, display, log):
        env = dict(os.environ, DISPLAY=display)
        self.log = log
        self.proc = subprocess.Popen(
            [str(bin_dir / "kiosk"), "--config", str(config), "--window", f"{WIDTH}x{HEIGHT}", "--automation"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=open(log, "w"), env=env, text=True, bufsize=1)

    def send(self, line, timeout=90):
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if not ready:
            raise TourError(f"{line!r}: no answer in {timeout} s")
        answer = self.proc.stdout.readline().strip()
        if not answer:
            raise TourError(f"{line!r}: the kiosk stopped (see {self.log})")
        return answer

    def ok(self, line, timeout=90):
        answer = self.send(line, timeout)
        if not answer.startswith("ok"):
            raise TourError(f"{line!r}: {answer}")

    def wait_screen(self, screen, seconds=30):
        self.ok(f"wait-screen {screen} {seconds * 1000}", seconds + 10)

    def widgets(self):
        return self.send("widgets").split()[1:]

    def wait_widget(self, pattern, seconds=60):
        """The first widget id matching `pattern`, once it is on screen."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            found = [w for w in self.widgets() if re.fullmatch(pattern, w)]
            if found:
                return found[0]
            time.sleep(0.2)
        raise TourError(f"no widget {pattern} on screen {self.send('screen')}")

    def tap_below(self, widget, handles):
        """Drags the content up by one of `handles` until `widget` shows, then taps it."""
        for _ in range(8):
            shown = self.widgets()
            if widget in shown:
                break
            handle = next((h for h in shown if any(h.startswith(p) for p in handles)), None)
            if handle is None:
                raise TourError(f"nothing to drag towards {widget} on screen {self.send('screen')}")
            self.ok(f"drag {handle} -250")
        self.ok(f"tap {widget}")

    def quit(self):
        if self.proc.poll() is None:
            try:
                self.send("quit", 10)
            except (TourError, BrokenPipeError):
                pass
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class Tour:
    def __init__(self, bin_dir, out, work):
        self.bin, self.out, self.work = bin_dir, out, work
        self.raw = work / "raw"
        self.raw.mkdir()
        self.taken = set()

    def config(self, name, api_url, idle_warning=3600, extra_devices=""):
        build = self.bin.parent
        sane = self.work / "sane"
        path = self.work / f"{name}.toml"
        path.write_text(f"""[display]
fullscreen = false
width = {WIDTH}
height = {HEIGHT}
[session]
idle_warning_seconds = {idle_warning}
idle_countdown_seconds = 60
ended_screen_seconds = 600
[api]
base_url = "{api_url}"
bearer_token = "kiosk-sandbox-dev-token"
document_trust = "{build}/sandbox/pki/gcc-root-ca.pem"
timeout_seconds = 5
[store]
data_dir = "{self.work}/data-{name}"
[devices]
csca_dir = "{build}/sandbox/vcard/pki/csca"
camera = "dir:{self.work}/camera"
scanner = "sane:test"
sign_key = "{build}/sandbox/pki/device.key"
sign_cert = "{build}/sandbox/pki/device.pem"
printer = "pdf"
receipt_dir = "{self.work}/receipts"
{extra_devices}
[centre]
agencies = ["ubnd_nhon_phu", "ubnd_quy_nhon", "so_tu_phap", "vpdk_dat_dai"]
[staff]
file = "{self.work}/staff"
""")
        if not sane.exists():
            sane.mkdir()
            (sane / "dll.conf").write_text("test\n")
            (sane / "test.conf").write_text("number_of_devices 1\nmode Color\nresolution 150\n")
            subprocess.run([str(self.bin / "kiosk-staff"), "add", "--file", str(self.work / "staff"),
                            "--id", STAFF_ID, "--name", STAFF_NAME], input=STAFF_PIN + "\n", text=True, check=True)
        return path

    def shot(self, k, name):
        """Both languages of what is on screen, switched with the on-screen control."""
        k.ok("settle")
        k.ok(f"screenshot {self.raw}/{name}_vi.png")
        k.ok("tap lang")
        k.ok(f"screenshot {self.raw}/{name}_en.png")
        k.ok("tap lang")
        self.taken.add(name)
        print(f"  {name}", flush=True)

    def shot_one(self, k, name, language):
        k.ok("settle")
        k.ok(f"screenshot {self.raw}/{name}_{language}.png")
        if language == "en":
            self.taken.add(name)
            print(f"  {name}", flush=True)

    def type_into(self, k, field, text):
        k.ok(f"tap {field}")
        k.ok(f"type {text}")


def citizen_dates():
    citizens = json.loads((ROOT / "sandbox/demo/citizens.json").read_text())["citizens"]
    c = next(c for c in citizens if c["id"] == CITIZEN)
    date = lambda iso: iso[8:10] + iso[5:7] + iso[0:4] if iso else ""
    return date(c["date_of_birth"]), date(c["expiry_date"])


def journey(t, k, stack, camera, shots=True):
    """A whole application, from attract to the end of the session."""
    shot = t.shot if shots else (lambda *_: None)
    dob, expiry = citizen_dates()
    k.wait_screen("attract")
    shot(k, "attract")
    k.ok("tap start")
    k.wait_screen("identify")
    shot(k, "identify")
    k.ok("tap no_qr")
    k.wait_screen("chip_access")
    t.type_into(k, "field.id_number", CITIZEN)
    t.type_into(k, "field.birth_date", dob)
    t.type_into(k, "field.expiry_date", expiry)
    shot(k, "chip_access")
    k.ok("tap key.done")
    k.ok("tap chip_access_submit")
    k.wait_screen("identify")
    # A slow card keeps the progress on screen long enough to be seen.
    stack.insert_card("--latency-ms", "150" if shots else "0")
    if shots:
        k.wait_screen("reading_card")
        time.sleep(2)
        shot(k, "reading_card")
    k.wait_screen("consent", 180)
    shot(k, "consent")
    k.ok("tap consent_accept")
    k.wait_screen("home")
    # The vault arrives off the UI thread; its rows show when it is there.
    k.ok("tap open_vault")
    k.wait_widget(r"vault\..*")
    k.ok("tap back")
    k.wait_screen("home")
    if shots:
        shot(k, "home")
        k.ok("tap large_text")
        shot(k, "large_text")
        k.ok("tap large_text")
        k.ok("tap open_vault")
        k.wait_screen("vault")
        item = k.wait_widget(r"vault\..*")
        shot(k, "vault")
        k.ok(f"tap {item}")
        k.wait_screen("document_preview")
        k.wait_widget("preview_report")
        shot(k, "document_preview")
        k.ok("tap preview_report")
        k.wait_screen("report_item")
        k.ok("tap reason.0")
        shot(k, "report_item")
        k.ok("tap back")
        k.wait_screen("document_preview")
        k.ok("tap back")
        k.wait_screen("vault")
        k.ok("tap back")
        k.wait_screen("home")
        # The card leaves the reader mid-session: the kiosk asks before wiping.
        stack.remove_card()
        time.sleep(1)
        k.wait_widget("card_continue")
        t.shot_one(k, "card_removed", "vi")
        k.ok("tap card_continue")
        k.ok("tap lang")
        stack.insert_card()
        time.sleep(1)
        stack.remove_card()
        k.wait_widget("card_continue")
        t.shot_one(k, "card_removed", "en")
        k.ok("tap card_continue")
        k.ok("tap lang")
    else:
        stack.remove_card()
        k.wait_widget("card_continue")
        k.ok("tap card_continue")
    k.ok("tap new_application")
    k.wait_screen("procedure_search")
    k.wait_widget(r"procedure\..*")
    t.type_into(k, "field.procedure_query", "ket hon")
    shot(k, "procedure_search")
    k.ok("tap key.done")
    k.ok(f"tap procedure.{MARRIAGE}")
    k.wait_screen("components")
    # The only match is attached once its signature is verified.
    k.wait_widget(r"component\..*\.view")
    k.ok("tap case.c1")
    shot(k, "components")
    choose = k.wait_widget(r"component\..*\.choose")
    k.ok(f"tap {choose}")
    k.wait_screen("choose_item")
    shot(k, "choose_item")
    candidate = k.wait_widget(r"candidate\..*")
    k.ok(f"tap {candidate}")
    k.wait_screen("document_preview")
    k.ok(f"tap {k.wait_widget('preview_take')}")
    k.wait_screen("components")
    scan = k.wait_widget(r"component\..*\.scan")
    k.ok(f"tap {scan}")
    k.wait_screen("scan")
    k.wait_widget("scan_confirm", 180)
    shot(k, "scan")
    k.ok("tap scan_confirm")
    k.wait_screen("components")
    k.ok("tap components_done")
    k.wait_screen("applicant_details")
    k.ok("tap field.residence")
    shot(k, "applicant_details")
    k.ok("tap key.done")
    k.ok("tap applicant_done")
    k.wait_screen("delivery")
    k.ok("tap contact_consent")
    t.type_into(k, "field.phone", "0912345678")
    k.ok("tap key.done")
    k.ok("tap contact_sms")
    shot(k, "delivery")
    k.tap_below("delivery_done", ("field.", "contact_", "delivery."))
    k.wait_screen("review")
    shot(k, "review")


def capture(bin_dir, out, work):
    stack = Stack(bin_dir, work)
    tour = Tour(bin_dir, out, work)
    xvfb = None
    kiosks = []
    try:
        read, write = os.pipe()
        xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", f"{WIDTH}x{HEIGHT}x24",
                                 "-nolisten", "tcp"], pass_fds=(write,), stderr=subprocess.DEVNULL)
        os.close(write)
        display = ":" + os.read(read, 16).decode().strip()
        os.close(read)
        stack.env["SANE_CONFIG_DIR"] = str(work / "sane")
        os.environ["SANE_CONFIG_DIR"] = str(work / "sane")
        # Submissions take a moment on this API, so the progress screen can be seen.
        stack.start_sandbox("latency=1500@/v1/dossiers")
        stack.start_pcscd()
        os.environ["PCSCLITE_CSOCK_NAME"] = stack.env["PCSCLITE_CSOCK_NAME"]
        camera = Camera(work)
        print(f"kiosk screens on {display}, logs in {work}:", flush=True)

        k = Kiosk(bin_dir, tour.config("main", stack.api_url), display, work / "kiosk-main.log")
        kiosks.append(k)
        journey(tour, k, stack, camera)
        k.tap_below("submit", ("content",))
        k.wait_screen("submitting")
        tour.shot(k, "submitting")
        k.wait_screen("receipt", 180)
        tour.shot(k, "receipt")
        k.ok("tap receipt_next")
        k.wait_screen("rating")
        tour.shot(k, "rating")
        k.ok("tap rate.5")
        k.wait_screen("session_ended")
        tour.shot(k, "session_ended")
        k.ok("tap ended_ok")
        k.wait_screen("attract")

        # Status look-up from the attract screen, by the citizen's ID number.
        k.ok("tap lookup")
        k.wait_screen("lookup")
        tour.type_into(k, "field.lookup_query", CITIZEN)
        tour.shot(k, "lookup")
        k.ok("tap key.done")
        k.ok("tap lookup_search")
        k.wait_screen("lookup_result")
        tour.shot(k, "lookup_result")
        k.ok("tap end")
        k.wait_screen("session_ended")
        k.ok("tap ended_ok")

        # QR only, no card: staff sign in and confirm the identity.
        k.ok("tap start")
        k.wait_screen("identify")
        camera.show(camera.qr)
        time.sleep(2)
        k.ok("tap call_staff")
        k.wait_screen("staff_login")
        tour.type_into(k, "field.staff_id", STAFF_ID)
        tour.type_into(k, "field.staff_pin", STAFF_PIN)
        tour.shot(k, "staff_login")
        k.ok("tap key.done")
        k.ok("tap staff_sign_in")
        k.wait_screen("await_staff")
        tour.shot(k, "await_staff")
        k.ok("tap staff_confirm")
        k.wait_screen("consent")
        k.ok("tap end")
        k.wait_screen("session_ended")
        k.ok("tap ended_ok")
        camera.show(camera.blank)
        k.quit()

        # Idle warning, in a kiosk that warns after 5 s.
        k = Kiosk(bin_dir, tour.config("idle", stack.api_url, idle_warning=5), display, work / "kiosk-idle.log")
        kiosks.append(k)
        k.wait_screen("attract")
        k.ok("tap start")
        k.wait_screen("identify")
        for language in ("vi", "en"):
            k.wait_widget("still_here", 30)
            time.sleep(1)
            tour.shot_one(k, "idle_warning", language)
            k.ok("tap still_here")
            k.ok("tap lang")
        k.ok("tap end")
        k.ok("tap ended_ok")
        k.quit()

        # The provincial API goes down: a submission waits in the outbox.
        k = Kiosk(bin_dir, tour.config("down", stack.api_url), display, work / "kiosk-down.log")
        kiosks.append(k)
        journey(tour, k, stack, camera, shots=False)
        stack.stop_sandbox()
        k.tap_below("submit", ("content",))
        k.wait_screen("receipt", 180)
        tour.shot(k, "receipt_pending")
        k.ok("tap end")
        k.wait_screen("session_ended")
        k.ok("tap ended_ok")
        k.ok("tap lookup")
        k.wait_screen("lookup")
        tour.type_into(k, "field.lookup_query", CITIZEN)
        k.ok("tap key.done")
        k.ok("tap lookup_search")
        k.wait_widget("error_dismiss", 60)
        tour.shot(k, "error_api_down")
        k.quit()
    finally:
        for k in kiosks:
            k.quit()
        stack.close()
        if xvfb:
            xvfb.terminate()
            xvfb.wait()


def publish(raw, out, taken):
    """Palette PNGs under ~150 KB, and the README table."""
    out.mkdir(parents=True, exist_ok=True)
    for name, _ in SCREENS:
        if name not in taken:
            continue
        for language in ("vi", "en"):
            subprocess.run(["convert", str(raw / f"{name}_{language}.png"), "-dither", "None", "-colors", "256",
                            "-define", "png:compression-level=9", "-define", "png:compression-filter=0",
                            "-strip", str(out / f"{name}_{language}.png")], check=True)
    rows = [f"| `{name}` | {what} | <img src=\"{name}_vi.png\" width=\"320\"> | <img src=\"{name}_en.png\" width=\"320\"> |"
            for name, what in SCREENS if name in taken]
    (out / "README.md").write_text(f"""# Kiosk screens

Every screen of the kiosk in Vietnamese (`*_vi.png`) and English (`*_en.png`),
at its configured {WIDTH}×{HEIGHT}, switched with the on-screen language control.
They are taken from the real stack: kiosk-sandbox over HTTP, a private pcscd
with the virtual CCCD card, the card's QR shown to the camera, the SANE test
scanner, and the `kiosk` binary under Xvfb driven through `--automation`.
All people and papers are demo data. Refresh them (as root) with

    ./dev screens

| screen | what the citizen does there | Tiếng Việt | English |
|---|---|---|---|
""" + "\n".join(rows) + "\n")


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    bin_dir, out = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
    if os.geteuid() != 0:
        raise SystemExit("capture_screens.py needs root for the private pcscd")
    work = Path(tempfile.mkdtemp(prefix="kiosk-screens."))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    try:
        capture(bin_dir, out, work)
    except TourError as error:
        raise SystemExit(f"tour stopped: {error} (logs in {work})")
    publish(work / "raw", out, {p.name.rsplit("_", 1)[0] for p in (work / "raw").glob("*_en.png")})
    print(f"{out}/README.md and {len(list(out.glob('*.png')))} pictures")


if __name__ == "__main__":
    main()
