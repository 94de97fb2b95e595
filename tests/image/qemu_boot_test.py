#!/usr/bin/env python3
"""Boots the kiosk's OS image in QEMU (TCG, OVMF, a swtpm TPM 2.0) and checks
it as a technician would on a new device:

- the kiosk unit reports READY=1 and its screen is the attract screen
  (QEMU's screendump compared with the same kiosk drawn under Xvfb);
- no unit failed; the data partition was made and is LUKS-encrypted;
- a frozen kiosk (SIGSTOP) is killed by the watchdog and comes back;
- the firewall lets out only what the configuration names and lets in nothing.

The guest's network is QEMU's user network with restrict=on: the only things
it reaches are the loopback servers this test runs on the host, through
guestfwd. A root shell on the guest's second serial port
(systemd.debug_shell, added through the ESP's grubenv for this copy of the
disk only) runs the checks.

usage: qemu_boot_test.py IMAGE_DIR BUILD_BIN SANDBOX_PKI WORK_DIR
"""

import base64
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OVMF_CODE = "/usr/share/OVMF/OVMF_CODE_4M.fd"
OVMF_VARS = "/usr/share/OVMF/OVMF_VARS_4M.fd"
API_GUEST = "10.0.2.100"
BOOT_TIMEOUT = 1200  # TCG on two cores: minutes, not seconds
WIDTH, HEIGHT = 1280, 800


def log(message):
    print(f"[image] {message}", flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def unit_diagnosis(shell, unit):
    """What a technician would read first when a unit does not come up."""
    _, status = shell.run(f"systemctl status --no-pager -l {unit}")
    _, journal = shell.run(f"journalctl -b -u {unit} --no-pager -o short-monotonic | tail -40")
    return f"{status}\n{journal}"


def wait_for(predicate, timeout, what, interval=1.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


class GuestShell:
    """The debug shell on the guest's ttyS1, one command at a time."""

    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(str(path))
        self.sock.settimeout(1.0)
        self.counter = 0

    def run(self, command, timeout=120):
        self.counter += 1
        marker = f"__done_{self.counter}__"
        line = f"{command}; echo {marker}$?\n"
        self.sock.sendall(line.encode())
        buffer = b""
        deadline = time.monotonic() + timeout
        pattern = re.compile(rb"^" + marker.encode() + rb"(\d+)", re.M)
        while time.monotonic() < deadline:
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                continue
            if not chunk:
                raise AssertionError("guest shell closed")
            buffer += chunk
            match = pattern.search(buffer)
            if match:
                output = buffer[: match.start()].decode(errors="replace")
                output = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", output)
                return int(match.group(1)), output.replace("\r", "")
        raise AssertionError(f"guest command timed out: {command}")

    def drain(self):
        try:
            while self.sock.recv(65536):
                pass
        except socket.timeout:
            pass

    def check(self, command, timeout=120):
        status, output = self.run(command, timeout)
        if status != 0:
            raise AssertionError(f"guest command failed ({status}): {command}\n{output}")
        return output

    def wait_ready(self, timeout):
        def ready():
            try:
                # A plain shell without line editing or echo: each command's
                # output is exactly what it printed.
                self.sock.sendall(b"\nexec /bin/bash --noediting --norc --noprofile\n")
                time.sleep(1)
                self.sock.sendall(b"stty -echo -onlcr; PS1=; PS2=\n")
                time.sleep(1)
                self.drain()
                status, _ = self.run("true", timeout=10)
                return status == 0
            except (AssertionError, OSError):
                return False

        wait_for(ready, timeout, "the guest's debug shell", interval=5)


class Monitor:
    def __init__(self, path):
        self.path = path

    def command(self, text):
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.connect(str(self.path))
            s.settimeout(10)
            s.recv(4096)
            s.sendall(text.encode() + b"\n")
            time.sleep(1)
            try:
                return s.recv(65536).decode(errors="replace")
            except socket.timeout:
                return ""


def prepare_disk(image_dir, work):
    """A copy of the image with room for the data partition and the debug shell."""
    disk = work / "disk.img"
    subprocess.run(["cp", "--sparse=always", image_dir / "disk.img", disk], check=True)
    esp_offset = 1024 * 1024
    esp = work / "esp.img"
    subprocess.run(["dd", f"if={disk}", f"of={esp}", "bs=1M", "skip=1", "count=64", "status=none"], check=True)
    env = dict(os.environ, MTOOLS_SKIP_CHECK="1")
    grubenv = work / "grubenv"
    subprocess.run(["mcopy", "-o", "-i", esp, "::/EFI/kiosk/grubenv", grubenv], check=True, env=env)
    subprocess.run(["grub-editenv", grubenv, "set", "KIOSK_CMDLINE_EXTRA=systemd.debug_shell=ttyS1"], check=True)
    subprocess.run(["mcopy", "-o", "-i", esp, grubenv, "::/EFI/kiosk/grubenv"], check=True, env=env)
    subprocess.run(["dd", f"if={esp}", f"of={disk}", "bs=1M", f"seek={esp_offset // (1024 * 1024)}",
                    "conv=notrunc", "status=none"], check=True)
    os.truncate(disk, 4 * 1024 ** 3)
    return disk


def start_swtpm(work):
    state = work / "tpm"
    state.mkdir()
    sock = work / "swtpm.sock"
    proc = subprocess.Popen(["swtpm", "socket", "--tpm2", "--tpmstate", f"dir={state}",
                             "--ctrl", f"type=unixio,path={sock}", "--flags", "startup-clear"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for(sock.exists, 10, "swtpm")
    return proc, sock


def start_qemu(work, disk, tpm_sock, api_port, ssh_port):
    vars_fd = work / "OVMF_VARS.fd"
    shutil.copy(OVMF_VARS, vars_fd)
    serial = work / "serial0.log"
    shell = work / "shell.sock"
    monitor = work / "monitor.sock"
    netdev = (f"user,id=n0,restrict=on,hostfwd=tcp:127.0.0.1:{ssh_port}-:22,"
              f"guestfwd=tcp:{API_GUEST}:8080-cmd:socat STDIO TCP:127.0.0.1:{api_port}")
    cmd = ["qemu-system-x86_64", "-machine", "q35", "-accel", "tcg", "-m", "2048", "-smp", "2",
           "-drive", f"if=pflash,format=raw,readonly=on,file={OVMF_CODE}",
           "-drive", f"if=pflash,format=raw,file={vars_fd}",
           "-drive", f"file={disk},format=raw,if=virtio",
           "-chardev", f"socket,id=chrtpm,path={tpm_sock}",
           "-tpmdev", "emulator,id=tpm0,chardev=chrtpm", "-device", "tpm-tis,tpmdev=tpm0",
           "-device", f"virtio-vga,xres={WIDTH},yres={HEIGHT}",
           "-netdev", netdev, "-device", "virtio-net-pci,netdev=n0",
           "-display", "none",
           "-serial", f"file:{serial}",
           "-chardev", f"socket,id=shell,path={shell},server=on,wait=off",
           "-serial", "chardev:shell",
           "-monitor", f"unix:{monitor},server,nowait"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=open(work / "qemu.err", "w"))
    wait_for(shell.exists, 30, "QEMU")
    return proc, serial, shell, monitor


def start_sandbox(bin_dir):
    proc = subprocess.Popen([bin_dir / "kiosk-sandbox", "--host", "127.0.0.1", "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    line = proc.stdout.readline()
    match = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
    if not match:
        raise AssertionError(f"kiosk-sandbox did not start: {line}")
    return proc, int(match.group(1))


def guest_write(shell, path, data, mode="0644"):
    encoded = base64.b64encode(data).decode()
    shell.check(f"mkdir -p {os.path.dirname(path)}")
    shell.check(f": > {path}.b64")
    for i in range(0, len(encoded), 512):
        shell.check(f"printf %s '{encoded[i:i + 512]}' >> {path}.b64")
    shell.check(f"base64 -d {path}.b64 > {path} && rm {path}.b64 && chmod {mode} {path}")


def kiosk_config(sandbox_token):
    return f"""[api]
base_url = "http://{API_GUEST}:8080"
bearer_token = "{sandbox_token}"
document_trust = "/etc/kiosk/trust/documents.pem"

[store]
data_dir = "/var/lib/kiosk"
key = "tpm:device:/dev/tpmrm0"

[devices]
csca_dir = "/etc/kiosk/trust/csca"
camera = ""
printer = "pdf"
receipt_dir = "/var/lib/kiosk/receipts"
""".encode()


def reference_attract(bin_dir, config_text, work):
    """The attract screen of the same kiosk drawn on the host under Xvfb."""
    config = work / "reference.toml"
    data = work / "reference-data"
    data.mkdir()
    text = config_text.decode().replace("/var/lib/kiosk", str(data))
    text = text.replace('key = "tpm:device:/dev/tpmrm0"', 'key = ""')
    text = text.replace("/etc/kiosk/trust", str(work / "trust"))
    config.write_text(text)
    shot = work / "reference.png"
    script = f"wait-screen attract 60000\nsettle\nscreenshot {shot}\nquit\n"
    env = dict(os.environ, SDL_VIDEODRIVER="x11")
    subprocess.run(["xvfb-run", "-a", "-s", f"-screen 0 {WIDTH}x{HEIGHT}x24",
                    bin_dir / "kiosk", "--config", config, "--window", f"{WIDTH}x{HEIGHT}", "--automation"],
                   input=script, text=True, check=True, env=env, timeout=300,
                   stdout=subprocess.DEVNULL)
    return shot


def screen_difference(a, b):
    """Normalised RMSE of two pictures (0 = identical)."""
    result = subprocess.run(["compare", "-metric", "RMSE", str(a), str(b), "null:"],
                            capture_output=True, text=True)
    match = re.search(r"\(([0-9.e-]+)\)", result.stderr)
    if not match:
        raise AssertionError(f"compare failed: {result.stderr}")
    return float(match.group(1))


def main():
    image_dir, bin_dir, pki_dir, work_root = (Path(p).resolve() for p in sys.argv[1:5])
    work_root.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="boot-", dir=work_root))
    token = "kiosk-sandbox-dev-token"
    procs = []
    try:
        sandbox, api_port = start_sandbox(bin_dir)
        procs.append(sandbox)
        ssh_port = free_port()
        disk = prepare_disk(image_dir, work)
        swtpm, tpm_sock = start_swtpm(work)
        procs.append(swtpm)
        started = time.monotonic()
        qemu, serial, shell_path, monitor_path = start_qemu(work, disk, tpm_sock, api_port, ssh_port)
        procs.append(qemu)
        monitor = Monitor(monitor_path)

        log("booting (TCG)")
        shell = GuestShell(shell_path)
        shell.wait_ready(BOOT_TIMEOUT)
        shell.check("systemctl is-system-running --wait; true", timeout=BOOT_TIMEOUT)
        def kiosk_status():
            # A unit that has given up (start limit hit) will not become ready.
            if shell.run("systemctl is-failed --quiet kiosk")[0] == 0:
                raise AssertionError("kiosk.service failed")
            return shell.run("systemctl show -p StatusText --value kiosk")[1].strip()

        try:
            wait_for(kiosk_status, BOOT_TIMEOUT, "the kiosk's READY=1", interval=5)
        except AssertionError as error:
            raise AssertionError(f"{error}\n{unit_diagnosis(shell, 'kiosk')}") from None
        log(f"booted, kiosk ready after {time.monotonic() - started:.0f} s")

        # A new kiosk has no trust anchors yet: it must refuse applications.
        status = shell.check("systemctl show -p StatusText --value kiosk").strip()
        assert status.startswith("out of service"), f"unprovisioned kiosk says: {status}"
        log(f"unprovisioned: {status}")

        failed = shell.check("systemctl --failed --no-legend --plain").strip()
        assert failed == "", f"failed units:\n{failed}"
        fs_type = shell.check("blkid -p -s TYPE -o value /dev/disk/by-partlabel/kiosk-data").strip()
        assert fs_type == "crypto_LUKS", f"data partition is {fs_type}, not LUKS"
        assert "ro" in shell.check("findmnt -no OPTIONS /").split(","), "root is writable"

        log("provisioning the document trust, CSCA and API, as a technician would")
        config = kiosk_config(token)
        guest_write(shell, "/etc/kiosk/kiosk.toml", config)
        trust = (pki_dir / "gcc-root-ca.pem").read_bytes()
        guest_write(shell, "/etc/kiosk/trust/documents.pem", trust)
        trust_dir = work / "trust"
        (trust_dir / "csca").mkdir(parents=True)
        shutil.copy(pki_dir / "gcc-root-ca.pem", trust_dir / "documents.pem")
        for pem in sorted((pki_dir.parent / "vcard" / "pki" / "csca").glob("*.pem")):
            guest_write(shell, f"/etc/kiosk/trust/csca/{pem.name}", pem.read_bytes())
            shutil.copy(pem, trust_dir / "csca" / pem.name)
        shell.check("systemctl restart kiosk-firewall")
        restarts_before = int(shell.check("systemctl show -p NRestarts --value kiosk"))
        shell.check("systemctl restart kiosk", timeout=BOOT_TIMEOUT)
        wait_for(lambda: shell.run("systemctl show -p StatusText --value kiosk")[1].strip()
                 == "taking applications", 600, "the provisioned kiosk to take applications", interval=5)
        time.sleep(5)

        shot = work / "screen.ppm"
        monitor.command(f"screendump {shot}")
        wait_for(lambda: shot.exists() and shot.stat().st_size > 0, 30, "screendump")
        png = work_root / "attract-qemu.png"
        subprocess.run(["convert", shot, png], check=True)
        reference = reference_attract(bin_dir, config, work)
        difference = screen_difference(png, reference)
        log(f"screen vs attract reference: RMSE {difference:.4f} ({png})")
        assert difference < 0.05, f"the guest's screen is not the attract screen (RMSE {difference})"

        log("firewall")
        ok, _ = shell.run(f"timeout 10 bash -c 'exec 3<>/dev/tcp/{API_GUEST}/8080'")
        assert ok == 0, "the configured API is not reachable"
        blocked, _ = shell.run(f"timeout 10 bash -c 'exec 3<>/dev/tcp/{API_GUEST}/8081'")
        assert blocked != 0, "a port the configuration does not name is reachable"
        blocked, _ = shell.run("timeout 10 bash -c 'exec 3<>/dev/tcp/10.0.2.2/443'")
        assert blocked != 0, "a host the configuration does not name is reachable"
        counters = shell.check("nft list chain inet kiosk output")
        dropped = int(re.search(r'packets (\d+) bytes \d+ comment "dropped out"', counters).group(1))
        assert dropped >= 2, f"the firewall dropped {dropped} packets out"
        with socket.socket() as s:
            s.settimeout(10)
            try:
                s.connect(("127.0.0.1", ssh_port))
                s.sendall(b"SSH-2.0-test\r\n")
                banner = s.recv(64)
            except OSError:
                banner = b""
        assert not banner.startswith(b"SSH-"), "ssh answers without a technician key"
        counters = shell.check("nft list chain inet kiosk input")
        log("inbound: " + re.search(r'counter packets \d+ bytes \d+ comment "dropped in"', counters).group(0))

        log("watchdog: freezing the kiosk")
        pid = shell.check("systemctl show -p MainPID --value kiosk").strip()
        kiosk_pid = shell.check(
            "for p in /proc/[0-9]*; do [ \"$(cat $p/comm 2>/dev/null)\" = kiosk ] && echo ${p#/proc/}; done"
        ).split()[0]
        shell.check(f"kill -STOP {kiosk_pid}")
        wait_for(lambda: int(shell.run("systemctl show -p NRestarts --value kiosk")[1] or 0) > restarts_before,
                 300, "the watchdog to restart the kiosk", interval=5)
        wait_for(lambda: shell.run("systemctl show -p StatusText --value kiosk")[1].strip()
                 == "taking applications", 600, "the kiosk after its restart", interval=5)
        journal = shell.check("journalctl -u kiosk --no-pager -o cat | grep -i watchdog | tail -3")
        assert "watchdog" in journal.lower(), "no watchdog timeout in the journal"
        log(f"restarted after the watchdog fired (old main PID {pid})")
        failed = shell.check("systemctl --failed --no-legend --plain").strip()
        assert failed == "", f"failed units:\n{failed}"
        log("PASS")
    finally:
        for proc in reversed(procs):
            proc.kill()
            proc.wait()
        if os.environ.get("KIOSK_KEEP_IMAGE_WORK") != "1":
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
