#!/usr/bin/env bash
# ./dev demo: the sandbox provincial API, a private pcscd with the virtual CCCD
# card in its reader, and the kiosk wired to both. With a display the kiosk
# opens in a window; without one it runs under Xvfb, walks a scripted journey
# and saves a screenshot of every step.
set -euo pipefail
BIN=$(readlink -f "${1:?usage: demo.sh BIN_DIR}")
BUILD=$(dirname "$BIN")
CITIZEN=${KIOSK_DEMO_CITIZEN:-052090000495}
RUN=$(mktemp -d /tmp/kiosk-demo.XXXXXX)
SHOTS=${KIOSK_DEMO_SHOTS:-$RUN/screens}
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

wait_for() {  # wait_for SECONDS COMMAND...: poll until COMMAND succeeds
  local limit=$(( $1 * 10 )); shift
  for _ in $(seq "$limit"); do "$@" && return 0; sleep 0.1; done
  return 1
}

# 1. The provincial API stand-in, on loopback only, at a free port.
"$BIN/kiosk-sandbox" --host 127.0.0.1 --port 0 >"$RUN/sandbox.log" 2>&1 &
pids+=($!)
wait_for 20 grep -q 'listening on' "$RUN/sandbox.log" || { cat "$RUN/sandbox.log"; exit 1; }
API_URL=$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$RUN/sandbox.log" | head -n1)
echo "provincial API sandbox: $API_URL  (curl $API_URL/v1/procedures)"

# 2. A private pcscd with the vpcd reader. Its own mount namespace gives it a
#    private /run, its own network namespace keeps vpcd's port off every real
#    interface; the kiosk reaches it through the socket path alone.
mkdir -p "$RUN/pcsc/conf" "$RUN/pcsc/run"
cat >"$RUN/pcsc/conf/vpcd" <<'CONF'
FRIENDLYNAME "Virtual PCD"
DEVICENAME   /dev/null:0x8C7B
LIBPATH      /usr/lib/pcsc/drivers/serial/libifdvpcd.so
CHANNELID    0x8C7B
CONF
unshare -m -n sh -c "ip link set lo up && mount --bind '$RUN/pcsc/run' /run && exec pcscd -f -c '$RUN/pcsc/conf'" \
  >"$RUN/pcscd.log" 2>&1 &
PCSCD=$!
pids+=("$PCSCD")
export PCSCLITE_CSOCK_NAME="$RUN/pcsc/run/pcscd/pcscd.comm"
wait_for 20 test -S "$PCSCLITE_CSOCK_NAME" || { echo "pcscd did not start (needs root)"; exit 1; }
echo "PC/SC: private pcscd, socket $PCSCLITE_CSOCK_NAME"

# 3. The virtual CCCD of a demo citizen. With a window it is in the reader
#    from the start; the headless tour puts it there once the kiosk waits.
insert_card() {
  nsenter -t "$PCSCD" -n "$BIN/kiosk-vcard" --citizen "$CITIZEN" >"$RUN/vcard.log" 2>&1 &
  pids+=($!)
  wait_for 20 "$BIN/kiosk-card" readers 2>/dev/null | grep -qi present || true
  echo "virtual CCCD card: citizen $CITIZEN in the reader"
}

# The chip's access inputs, as the citizen would type them from the card.
read -r DOB EXPIRY < <(/usr/bin/python3 - "$CITIZEN" "$(dirname "$0")/../sandbox/demo/citizens.json" <<'PY'
import json, sys
c = next(c for c in json.load(open(sys.argv[2]))["citizens"] if c["id"] == sys.argv[1])
ddmmyyyy = lambda iso: iso[8:10] + iso[5:7] + iso[0:4] if iso else ""
print(ddmmyyyy(c["date_of_birth"]), ddmmyyyy(c["expiry_date"]))
PY
)

# 4. The kiosk's configuration for this run.
mkdir -p "$RUN/data" "$RUN/receipts" "$SHOTS"
cat >"$RUN/kiosk.toml" <<CONF
[display]
fullscreen = false
[api]
base_url = "$API_URL"
bearer_token = "kiosk-sandbox-dev-token"
document_trust = "$BUILD/sandbox/pki/gcc-root-ca.pem"
[store]
data_dir = "$RUN/data"
[devices]
csca_dir = "$BUILD/sandbox/vcard/pki/csca"
camera = ""
scanner = "sane:test:0"
sign_key = "$BUILD/sandbox/pki/device.key"
sign_cert = "$BUILD/sandbox/pki/device.pem"
kiosk_name = "Kiosk demo"
printer = "pdf"
receipt_dir = "$RUN/receipts"
[centre]
agencies = ["ubnd_nhon_phu", "ubnd_quy_nhon", "so_tu_phap", "vpdk_dat_dai"]
CONF
# The scanner is SANE's test backend: it scans a grid, as a flatbed would a page.
mkdir -p "$RUN/sane"
echo test >"$RUN/sane/dll.conf"
printf 'number_of_devices 1\nmode Gray\ndepth 8\ntest-picture "Grid"\n' >"$RUN/sane/test.conf"
export SANE_CONFIG_DIR="$RUN/sane"
echo "kiosk configuration: $RUN/kiosk.toml"

if [ -n "${DISPLAY:-}" ] && [ -z "${KIOSK_DEMO_HEADLESS:-}" ]; then
  insert_card
  echo "kiosk: window on $DISPLAY (close it to stop the demo)"
  "$BIN/kiosk" --config "$RUN/kiosk.toml" --window 1280x800
  exit 0
fi

# 5. Headless: Xvfb, then the whole journey through the automation channel,
#    from the card on the reader to the printed receipt. A step that fails
#    stops the tour and the demo exits non-zero.
Xvfb -displayfd 1 -screen 0 1280x800x24 -nolisten tcp >"$RUN/display" 2>/dev/null &
pids+=($!)
wait_for 20 test -s "$RUN/display" || { echo "Xvfb did not start"; exit 1; }
export DISPLAY=":$(head -n1 "$RUN/display")"
coproc KIOSK { "$BIN/kiosk" --config "$RUN/kiosk.toml" --window 1280x800 --automation 2>"$RUN/kiosk.log"; }
pids+=("$KIOSK_PID")

ask() {  # ask COMMAND: one automation command, its answer in $answer
  echo "$1" >&"${KIOSK[1]}"
  IFS= read -r -t 150 answer <&"${KIOSK[0]}" || answer="no answer"
}
step() {  # step COMMAND: one automation command that must succeed
  ask "$1"
  if [[ $answer != ok* ]]; then
    echo "tour stopped at '$1': $answer" >&2
    return 1
  fi
}
shot() { step "screenshot $SHOTS/$1.png" && echo "  $SHOTS/$1.png"; }
to() { step "tap $1" && step "wait-screen $2 120000"; }  # to WIDGET SCREEN
reveal() {  # reveal WIDGET: wait for WIDGET, scrolling down a screen taller than the window
  for _ in $(seq 120); do
    ask widgets
    [[ " $answer " == *" $1 "* ]] && return 0
    if [[ " $answer " == *" content "* ]]; then
      step "drag content -250" || return 1
    else
      sleep 1
    fi
  done
  echo "tour stopped: no $1 on the screen ($answer)" >&2
  return 1
}

# Signature certification: the citizen's ID card comes from the vault, the
# power of attorney is scanned and signed by the kiosk.
PROCEDURE=2.000884.000.00.00.H34
tour() {
  step "wait-screen attract 60000" && step "settle" && shot 01-attract &&
    insert_card && step "wait-screen identify 30000" && step "settle" && shot 02-identify &&
    to no_qr chip_access &&
    step "tap field.id_number" && step "type $CITIZEN" &&
    step "tap field.birth_date" && step "type $DOB" &&
    step "tap field.expiry_date" && step "type $EXPIRY" && shot 03-chip-access &&
    step "tap key.done" && step "tap chip_access_submit" &&
    step "wait-screen consent 60000" && shot 04-consent &&
    to consent_accept home && step "settle" && shot 05-home &&
    to open_vault vault && step "settle" && shot 06-vault &&
    step "tap back" && to new_application procedure_search &&
    step "tap field.procedure_query" && step "type chu ky" && step "tap key.done" &&
    reveal "procedure.$PROCEDURE" && shot 07-procedures &&
    to "procedure.$PROCEDURE" components && reveal component.tp2.scan && shot 08-components &&
    to component.tp2.scan scan && reveal scan_confirm && shot 09-scan &&
    to scan_confirm components && reveal components_done && shot 10-components-filled &&
    to components_done applicant_details && shot 11-applicant &&
    reveal applicant_done && to applicant_done delivery &&
    step "tap contact_consent" && step "tap field.phone" && step "type 0905123456" && step "tap key.done" &&
    shot 12-delivery && reveal delivery_done && to delivery_done review && shot 13-review &&
    reveal submit && to submit receipt && reveal receipt_next && shot 14-receipt &&
    to receipt_next rating && shot 15-rating &&
    to rate.5 session_ended && step "wait-screen attract 60000" && step "settle" && shot 16-attract-after
}

echo "kiosk: headless under Xvfb $DISPLAY; screenshots:"
status=0
tour || status=1
receipt=$(find "$RUN/receipts" -name '*.pdf' -print -quit)
if [ $status -eq 0 ] && [ -z "$receipt" ]; then
  echo "tour reached the end but no receipt was printed into $RUN/receipts" >&2
  status=1
fi
[ -n "$receipt" ] && echo "receipt: $receipt"
echo "quit" >&"${KIOSK[1]}" 2>/dev/null || true
wait "$KIOSK_PID" 2>/dev/null || true
echo "logs: $RUN (sandbox.log, pcscd.log, vcard.log, kiosk.log)"
exit $status
