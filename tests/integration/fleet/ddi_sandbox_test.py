#!/usr/bin/python3
"""kiosk-fleet-sandbox against the shapes and status codes of hawkBit's DDI API.

Usage: ddi_sandbox_test.py GROUP BIN_DIR
"""
import hashlib
import json
import subprocess
import sys
import urllib.error
import urllib.request

TENANT = "DEFAULT"


class Sandbox:
    def __init__(self, bin_dir, *args):
        self.proc = subprocess.Popen(
            [f"{bin_dir}/kiosk-fleet-sandbox", "--port", "0", "--polling-sleep", "00:00:30", *args],
            stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        assert "listening on" in line, line
        self.url = line.split()[-1]

    def close(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)

    def call(self, method, path, body=None, token=None, headers=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(path if path.startswith("http") else self.url + path, data=data, method=method)
        if data is not None:
            req.add_header("Content-Type", "application/json")
        if token:
            req.add_header("Authorization", "TargetToken " + token)
        for k, v in (headers or {}).items():
            req.add_header(k, v)
        try:
            with urllib.request.urlopen(req, timeout=10) as res:
                return res.status, res.read(), res.headers
        except urllib.error.HTTPError as e:
            return e.code, e.read(), e.headers

    def admin(self, method, path, body=None):
        status, raw, _ = self.call(method, path, body)
        assert status in (200, 201), (path, status, raw)
        return json.loads(raw) if raw else None

    def ddi(self, method, cid, rest="", body=None, token="tok"):
        return self.call(method, f"/{TENANT}/controller/v1/{cid}{rest}", body, token)


def feedback(execution, finished, **extra):
    status = {"execution": execution, "result": {"finished": finished}}
    status.update(extra)
    return {"status": status}


def setup_action(sb, cid="k1", size=300000, **options):
    sb.admin("POST", "/_fleet/targets", {"controller_id": cid, "token": "tok"})
    dist = sb.admin("POST", "/_fleet/distributions", {
        "name": "kiosk-os", "version": "1.2.0",
        "artifacts": [{"filename": "kiosk-1.2.0.raucb", "size": size, "seed": 7}]})["id"]
    body = {"controller_id": cid, "distribution": dist}
    body.update(options)
    return dist, sb.admin("POST", "/_fleet/actions", body)["id"]


def test_resources(sb):
    _, action = setup_action(sb, download="forced")
    status, raw, _ = sb.ddi("GET", "k1")
    assert status == 200, status
    base = json.loads(raw)
    assert base["config"]["polling"]["sleep"] == "00:00:30"
    links = base["_links"]
    assert set(links) == {"deploymentBase", "configData"}, links
    assert f"/deploymentBase/{action}?c=" in links["deploymentBase"]["href"]

    status, _, _ = sb.call("PUT", links["configData"]["href"],
                           {"mode": "merge", "data": {"kiosk.version": "1.1.0"}}, token="tok")
    assert status == 200
    assert "configData" not in json.loads(sb.ddi("GET", "k1")[1])["_links"]
    too_long = {"data": {"x": "v" * 129}}
    assert sb.ddi("PUT", "k1", "/configData", too_long)[0] == 400
    too_many = {"data": {f"a{i}": "1" for i in range(101)}}
    assert sb.ddi("PUT", "k1", "/configData", too_many)[0] == 403

    status, raw, _ = sb.call("GET", links["deploymentBase"]["href"], token="tok")
    assert status == 200
    dep = json.loads(raw)
    assert dep["id"] == str(action)
    assert dep["deployment"]["download"] == "forced" and dep["deployment"]["update"] == "forced"
    art = dep["deployment"]["chunks"][0]["artifacts"][0]
    assert art["size"] == 300000 and len(art["hashes"]["sha256"]) == 64
    href = art["_links"]["download-http"]["href"]

    status, whole, headers = sb.call("GET", href, token="tok")
    assert status == 200 and len(whole) == 300000
    assert hashlib.sha256(whole).hexdigest() == art["hashes"]["sha256"]
    etag = headers["ETag"]
    status, tail, headers = sb.call("GET", href, token="tok", headers={"Range": "bytes=100000-", "If-Range": etag})
    assert status == 206, status
    assert headers["Content-Range"] == "bytes 100000-299999/300000", headers["Content-Range"]
    assert tail == whole[100000:]
    assert sb.call("GET", href + ".MD5SUM", token="tok")[1].decode().startswith(art["hashes"]["md5"])

    assert sb.ddi("POST", "k1", f"/deploymentBase/{action}/feedback", {"status": {"execution": "bogus"}})[0] == 400
    prog = feedback("proceeding", "none", progress={"cnt": 1, "of": 2}, details=["downloading"])
    assert sb.ddi("POST", "k1", f"/deploymentBase/{action}/feedback", prog)[0] == 200
    assert sb.ddi("POST", "k1", f"/deploymentBase/{action}/feedback", feedback("closed", "success"))[0] == 200
    # The action is closed: more feedback is 410 Gone.
    assert sb.ddi("POST", "k1", f"/deploymentBase/{action}/feedback", feedback("closed", "success"))[0] == 410
    links = json.loads(sb.ddi("GET", "k1")[1])["_links"]
    assert set(links) == {"installedBase"}, links
    status, raw, _ = sb.call("GET", links["installedBase"]["href"], token="tok")
    assert status == 200 and json.loads(raw)["id"] == str(action)
    assert sb.ddi("GET", "k1", "/installedBase/999")[0] == 404
    assert sb.ddi("GET", "k1", "/deploymentBase/999")[0] == 404


def test_window(sb):
    _, action = setup_action(sb, maintenance_window="unavailable")
    dep = json.loads(sb.ddi("GET", "k1", f"/deploymentBase/{action}")[1])["deployment"]
    assert dep["maintenanceWindow"] == "unavailable" and dep["update"] == "skip" and dep["download"] == "attempt"
    sb.admin("PUT", f"/_fleet/actions/{action}/window", {"available": True})
    dep = json.loads(sb.ddi("GET", "k1", f"/deploymentBase/{action}")[1])["deployment"]
    assert dep["maintenanceWindow"] == "available" and dep["update"] == "attempt"


def test_cancel(sb):
    _, action = setup_action(sb)
    sb.admin("POST", f"/_fleet/actions/{action}/cancel")
    links = json.loads(sb.ddi("GET", "k1")[1])["_links"]
    assert "deploymentBase" not in links and f"/cancelAction/{action}" in links["cancelAction"]["href"]
    cancel = json.loads(sb.ddi("GET", "k1", f"/cancelAction/{action}")[1])
    assert cancel == {"id": str(action), "cancelAction": {"stopId": str(action)}}
    assert sb.ddi("GET", "k1", f"/deploymentBase/{action}")[0] == 404
    assert sb.ddi("POST", "k1", f"/cancelAction/{action}/feedback", feedback("canceled", "success"))[0] == 200
    assert sb.admin("GET", f"/_fleet/actions/{action}")["state"] == "canceled"
    assert sb.ddi("POST", "k1", f"/cancelAction/{action}/feedback", feedback("canceled", "success"))[0] == 405
    assert sb.ddi("POST", "k1", f"/deploymentBase/{action}/feedback", feedback("closed", "success"))[0] == 410


def test_auth(sb):
    setup_action(sb)
    assert sb.ddi("GET", "k1", token=None)[0] == 401
    assert sb.ddi("GET", "k1", token="wrong")[0] == 401
    assert sb.ddi("GET", "nobody", token="tok")[0] == 401
    assert sb.call("GET", "/OTHER/controller/v1/k1", token="tok")[0] == 404
    sb.admin("POST", "/_fleet/faults", {"controller_id": "k1", "status": 503, "count": 2})
    assert [sb.ddi("GET", "k1")[0] for _ in range(3)] == [503, 503, 200]
    sb.admin("POST", "/_fleet/faults", {"status": 429, "retry_after": 7})
    status, _, headers = sb.ddi("GET", "k1")
    assert status == 429 and headers["Retry-After"] == "7"


def test_rate_limit(bin_dir):
    sb = Sandbox(bin_dir, "--max-rps", "5")
    try:
        setup_action(sb)
        codes = [sb.ddi("GET", "k1")[0] for _ in range(20)]
        assert codes.count(200) >= 5 and codes.count(429) >= 5, codes
    finally:
        sb.close()


def rollout(sb, n, errors_at):
    targets = [f"r{i}" for i in range(n)]
    sb.admin("POST", "/_fleet/targets", [{"controller_id": t, "token": "tok"} for t in targets])
    dist = sb.admin("POST", "/_fleet/distributions", {
        "name": "kiosk-os", "version": "2.0.0", "artifacts": [{"filename": "b.raucb", "size": 10}]})["id"]
    rid = sb.admin("POST", "/_fleet/rollouts", {"distribution": dist, "targets": targets, "groups": [5, 20, 100],
                                               "success_threshold": 80, "error_threshold": 30})["id"]
    sb.admin("POST", f"/_fleet/rollouts/{rid}/start")
    done = set()
    for _ in range(10):
        progressed = False
        for t in targets:
            links = json.loads(sb.ddi("GET", t)[1]).get("_links", {})
            if "deploymentBase" in links and t not in done:
                action = links["deploymentBase"]["href"].split("/")[-1].split("?")[0]
                result = "failure" if t in errors_at else "success"
                assert sb.ddi("POST", t, f"/deploymentBase/{action}/feedback", feedback("closed", result))[0] == 200
                done.add(t)
                progressed = True
        if not progressed:
            break
    return sb.admin("GET", f"/_fleet/rollouts/{rid}"), done


def test_rollout(sb):
    state, done = rollout(sb, 40, errors_at={"r0"})
    assert [g["targets"] for g in state["groups"]] == [2, 6, 32], state
    # r0 failed in group 1: 1/2 = 50 % errors reaches the 30 % threshold.
    assert state["state"] == "stopped" and done == {"r0", "r1"}, (state, done)


def test_rollout_success(sb):
    state, done = rollout(sb, 40, errors_at={"r5"})
    # One error in 6 (group 2) stays under 30 % and 5/6 reaches 80 % success.
    assert state["state"] == "finished" and len(done) == 40, state
    assert [g["success"] for g in state["groups"]] == [2, 5, 32]


def main():
    group, bin_dir = sys.argv[1], sys.argv[2]
    if group == "rate_limit":
        test_rate_limit(bin_dir)
        return
    sb = Sandbox(bin_dir)
    try:
        globals()["test_" + group](sb)
    finally:
        sb.close()


if __name__ == "__main__":
    main()
