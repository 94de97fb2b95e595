# Paper in: scan to signed PDF (kiosk-scan) against scanimage | img2pdf.
bash "$ROOT/tests/bench/paper/scan_to_signed_pdf.sh" "$BIN"
