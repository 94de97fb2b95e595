#!/usr/bin/python3
"""Latency of kiosk-sandbox operations on loopback, as ratios against
GET /v1/health measured in the same run (one keep-alive connection each)."""
import hashlib
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import time

TOKEN = "bench-token"
AN = "052090000495"


def main(bin_dir):
    proc = subprocess.Popen([os.path.join(bin_dir, "kiosk-sandbox"), "--port", "0", "--token", TOKEN],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    port = int(re.search(r":(\d+)$", proc.stdout.readline().strip()).group(1))
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    auth = {"Authorization": "Bearer " + TOKEN}

    def call(method, path, body=None, headers=None):
        h = dict(auth, **(headers or {}))
        if isinstance(body, dict):
            body = json.dumps(body).encode()
            h["Content-Type"] = "application/json"
        conn.request(method, path, body=body, headers=h)
        resp = conn.getresponse()
        data = resp.read()
        if resp.status >= 300:
            raise SystemExit(f"{method} {path}: {resp.status} {data[:200]!r}")
        return data

    def median_ms(fn, n):
        fn()
        samples = []
        for _ in range(n):
            t = time.perf_counter()
            fn()
            samples.append((time.perf_counter() - t) * 1000)
        return statistics.median(samples)

    try:
        reference = median_ms(lambda: call("GET", "/v1/health"), 300)
        rows = [
            ("vault list (7 items)", median_ms(lambda: call("GET", f"/v1/citizens/{AN}/vault"), 200)),
            ("vault search, accent-free", median_ms(lambda: call("GET", f"/v1/citizens/{AN}/vault?q=hon%20nhan"), 200)),
            ("reuse suggestions", median_ms(
                lambda: call("GET", f"/v1/citizens/{AN}/procedures/1.000894.000.00.00.H34/suggestions"), 200)),
            ("procedure catalogue", median_ms(lambda: call("GET", "/v1/procedures"), 200)),
            ("vault PDF download", median_ms(
                lambda: call("GET", f"/v1/citizens/{AN}/vault/052090000495.KQ.G15.000021.02022024/file"), 50)),
        ]
        counter = [0]

        def dossier():
            counter[0] += 1
            return json.loads(call("POST", "/v1/dossiers", {
                "procedure_code": "1.000894.000.00.00.H34", "agency_id": "ubnd_le_loi", "case_id": "c1",
                "delivery_method": "at_office", "owner": {"id": AN, "full_name": "Nguyễn Văn An"}},
                {"Idempotency-Key": f"bench-{counter[0]:08d}"}))

        rows.append(("create dossier (idempotent)", median_ms(dossier, 100)))
        chunk = os.urandom(1024 * 1024)
        digest = hashlib.sha256(chunk).hexdigest()

        def upload_chunk():
            d = dossier()
            up = json.loads(call("POST", f"/v1/dossiers/{d['id']}/components/tp1/uploads",
                                 {"file_name": "scan.pdf", "size": len(chunk), "sha256": digest}))
            call("PUT", f"/v1/uploads/{up['id']}", chunk, {"Upload-Offset": "0", "Chunk-Sha256": digest})

        rows.append(("dossier + 1 MiB chunk upload", median_ms(upload_chunk, 30)))
        print(f"kiosk-sandbox, median per request; reference GET /v1/health = {reference:.3f} ms")
        for name, ms in rows:
            print(f"  {name:32s} {ms:8.3f} ms  ×{ms / reference:7.1f} health")
    finally:
        conn.close()
        proc.terminate()
        proc.wait(timeout=30)


if __name__ == "__main__":
    main(sys.argv[1])
