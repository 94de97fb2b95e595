# Chip reader: APDUs vs the protocol minimum, host time per APDU, time to name
# (in-process virtual card), then one read through a real pcscd + vpcd for the
# whole-stack cost per APDU, as a ratio to the in-process figure.
set -uo pipefail
"$BIN/card_bench" || exit 1

if [ "$(id -u)" -ne 0 ] || ! command -v pcscd >/dev/null; then
  echo "pcscd read skipped (needs root for a private pcscd)"
  exit 0
fi
work=$(mktemp -d)
mkdir -p "$work/conf" "$work/run"
cat > "$work/conf/vpcd" <<CONF
FRIENDLYNAME "Virtual PCD"
DEVICENAME   /dev/null:0x8C7B
LIBPATH      /usr/lib/pcsc/drivers/serial/libifdvpcd.so
CHANNELID    0x8C7B
CONF
# Own mount namespace (private /run/pcscd) and network namespace (vpcd's
# port on a private loopback).
unshare -m -n sh -c "ip link set lo up && mount --bind '$work/run' /run && exec pcscd -f -c '$work/conf' >/dev/null 2>&1" &
pcscd_pid=$!
export PCSCLITE_CSOCK_NAME="$work/run/pcscd/pcscd.comm"
for _ in $(seq 100); do [ -S "$PCSCLITE_CSOCK_NAME" ] && break; sleep 0.05; done
nsenter -t "$pcscd_pid" -n "$BIN/kiosk-vcard" --citizen 079203004567 >/dev/null &
vcard_pid=$!
for _ in $(seq 100); do "$BIN/kiosk-card" readers | grep -q "card present" && break; sleep 0.1; done
"$BIN/kiosk-card" read --id 079203004567 --dob 030120 --expiry 280120 --json > "$work/read.json"
kill "$vcard_pid" "$pcscd_pid" 2>/dev/null
wait "$vcard_pid" "$pcscd_pid" 2>/dev/null
python3 - "$work/read.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
t = d["total"]
reads = [p for p in d["phases"] if p["phase"] in ("identity", "face")]
apdus = sum(p["apdus"] for p in reads); ms = sum(p["ms"] for p in reads)
print(f"through pcscd + vpcd (short APDUs, BAC): {t['apdus']} APDUs, {t['bytes']} bytes, {t['ms']:.0f} ms; "
      f"file reads {ms / apdus:.3f} ms per APDU round trip")
PY
rm -rf "$work"
