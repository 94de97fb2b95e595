#!/usr/bin/python3
"""Contract tests of kiosk-sandbox against sandbox/openapi.yaml.

Starts the real server on a free port (it picks one and prints it), calls
every operation of the contract, and validates every response - status,
content type and body - against the schema of that operation. Each group is
one ctest test:  contract_test.py GROUP BIN_DIR SOURCE_DIR
"""
import copy
import hashlib
import http.client
import json
import os
import re
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.parse

import jsonschema
import yaml

TOKEN = "contract-test-token"
AN = "052090000495"      # vault with one-match and several-match cases
NGOC = "052198000814"    # revoked item, birth registration case
HUONG = "031175009900"   # no vault
MARRIAGE = "1.000894.000.00.00.H34"
BIRTH = "1.001193.000.00.00.H34"


class Failure(AssertionError):
    pass


def check(cond, message):
    if not cond:
        raise Failure(message)


# ---------------------------------------------------------------- schema ---

def to_json_schema(node):
    """OpenAPI 3.0 schema objects -> JSON Schema (draft 4 semantics)."""
    if isinstance(node, list):
        return [to_json_schema(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: to_json_schema(v) for k, v in node.items()
           if k not in ("nullable", "example", "format", "x-mutual-tls")}
    if node.get("nullable"):
        return {"anyOf": [{"type": "null"}, out]}
    return out


class Contract:
    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            self.doc = yaml.safe_load(f)
        self.schema_doc = {"components": {"schemas": to_json_schema(self.doc["components"]["schemas"])}}
        self.routes = []
        for template, item in self.doc["paths"].items():
            pattern = "^" + re.sub(r"\{[^}]+\}", "([^/]+)", re.escape(template).replace(r"\{", "{").replace(r"\}", "}")) + "$"
            for method, op in item.items():
                if method in ("get", "put", "post", "delete"):
                    self.routes.append((method.upper(), template, re.compile(pattern), op))
        self.seen = set()

    def operations(self):
        return {(m, t) for m, t, _, _ in self.routes}

    def route(self, method, path):
        for m, template, pattern, op in self.routes:
            if m == method and pattern.match(path):
                return template, op
        return None, None

    def resolve(self, ref_or_obj):
        if "$ref" in ref_or_obj:
            node = self.doc
            for part in ref_or_obj["$ref"][2:].split("/"):
                node = node[part]
            return node
        return ref_or_obj

    def validate(self, method, path, status, content_type, body):
        template, op = self.route(method, path)
        check(op is not None, f"{method} {path}: not a path of the contract")
        self.seen.add((method, template))
        responses = op["responses"]
        spec = responses.get(str(status)) or responses.get("default")
        check(spec is not None, f"{method} {template}: status {status} not in the contract")
        spec = self.resolve(spec)
        if str(status) not in responses:
            check(status >= 400, f"{method} {template}: undocumented success status {status}")
        media = content_type.split(";")[0].strip()
        check(media in spec.get("content", {}),
              f"{method} {template} {status}: content type {media!r} not in {list(spec.get('content', {}))}")
        schema = spec["content"][media].get("schema", {})
        if media in ("application/json", "application/problem+json"):
            document = json.loads(body)
            js = dict(to_json_schema(schema))
            js["components"] = self.schema_doc["components"]
            try:
                jsonschema.validate(document, js, cls=jsonschema.Draft7Validator)
            except jsonschema.ValidationError as e:
                raise Failure(f"{method} {template} {status}: {e.message} at {list(e.absolute_path)}\n{body[:800]!r}")
            if media == "application/problem+json":
                check(document["status"] == status, f"{method} {template}: problem status differs from HTTP status")
            return document
        return body


# ---------------------------------------------------------------- server ---

class Server:
    def __init__(self, bin_dir, *args):
        self.proc = subprocess.Popen([os.path.join(bin_dir, "kiosk-sandbox"), "--port", "0", *args],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        match = re.match(r"kiosk-sandbox listening on (https?)://127\.0\.0\.1:(\d+)$", line.strip())
        if not match:
            self.proc.kill()
            raise Failure(f"server did not start: {line!r} {self.proc.stderr.read()}")
        self.scheme, self.port = match.group(1), int(match.group(2))

    def stop(self):
        self.proc.terminate()
        code = self.proc.wait(timeout=30)
        check(code == 0, f"server exited with {code}: {self.proc.stderr.read()}")


class Client:
    def __init__(self, contract, server, token=TOKEN, tls_context=None):
        self.contract = contract
        self.server = server
        self.token = token
        self.tls = tls_context

    def connection(self):
        if self.server.scheme == "https":
            return http.client.HTTPSConnection("127.0.0.1", self.server.port, context=self.tls, timeout=30)
        return http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=30)

    def raw(self, method, path, body=None, headers=None, auth=True):
        h = dict(headers or {})
        if auth and self.token:
            h["Authorization"] = "Bearer " + self.token
        if isinstance(body, (dict, list)):
            body = json.dumps(body, ensure_ascii=False).encode()
            h.setdefault("Content-Type", "application/json")
        conn = self.connection()
        try:
            conn.request(method, path, body=body, headers=h)
            resp = conn.getresponse()
            data = resp.read()
            return resp.status, resp.getheader("Content-Type", ""), data, resp
        finally:
            conn.close()

    def call(self, method, path, body=None, headers=None, expect=200, auth=True):
        status, ctype, data, resp = self.raw(method, path, body, headers, auth)
        bare = urllib.parse.urlsplit(path).path
        doc = self.contract.validate(method, bare, status, ctype, data)
        if status != expect:
            raise Failure(f"{method} {path}: expected {expect}, got {status}: {data[:500]!r}")
        return doc, resp

    def problem(self, method, path, status, code, body=None, headers=None, auth=True):
        doc, resp = self.call(method, path, body, headers, expect=status, auth=auth)
        check(doc["code"] == code, f"{method} {path}: expected problem {code}, got {doc['code']}")
        return doc, resp


def sha(data):
    return hashlib.sha256(data).hexdigest()


def dossier_body(owner=AN, procedure=MARRIAGE, agency="ubnd_le_loi"):
    return {"procedure_code": procedure, "agency_id": agency, "case_id": "c1", "delivery_method": "at_office",
            "owner": {"id": owner, "full_name": "Nguyễn Văn An", "date_of_birth": "1990-03-15",
                      "address": "Số 12 Trần Hưng Đạo, Quy Nhơn", "phone": "0905123456"}}


def demo_pdf(src_bin):
    files = os.path.join(src_bin, "..", "sandbox", "demo", "files")
    name = sorted(os.listdir(files))[0]
    with open(os.path.join(files, name), "rb") as f:
        return f.read()


def upload_file(c, dossier_id, component, data, chunk=100_000):
    up, _ = c.call("POST", f"/v1/dossiers/{dossier_id}/components/{component}/uploads",
                   {"file_name": "scan.pdf", "content_type": "application/pdf", "size": len(data),
                    "sha256": sha(data)}, expect=201)
    offset = 0
    while offset < len(data):
        part = data[offset:offset + chunk]
        state, _ = c.call("PUT", f"/v1/uploads/{up['id']}", part,
                          {"Upload-Offset": str(offset), "Chunk-Sha256": sha(part),
                           "Content-Type": "application/octet-stream"})
        offset = state["offset"]
    comp, _ = c.call("POST", f"/v1/uploads/{up['id']}/finish", {"sha256": sha(data)})
    return up, comp


def times_used(c, owner, code):
    item, _ = c.call("GET", f"/v1/citizens/{owner}/vault/{code}")
    return item["times_used"]


# ---------------------------------------------------------------- groups ---

def group_contract(contract, bin_dir):
    server = Server(bin_dir, "--token", TOKEN)
    c = Client(contract, server)
    try:
        c.call("GET", "/v1/health", auth=False)
        ident, _ = c.call("GET", "/v1/kiosk/identity")
        check(ident["authentication"] == "bearer", "bearer identity")
        c.problem("GET", "/v1/kiosk/identity", 401, "unauthenticated", auth=False)
        Client(contract, server, token="wrong-token-1234").problem("GET", f"/v1/citizens/{AN}", 401, "unauthenticated")

        # Citizens and vaults
        an, _ = c.call("GET", f"/v1/citizens/{AN}")
        check(an["full_name"] == "Nguyễn Văn An" and an["has_vault"] and an["vault_item_count"] >= 6, "citizen An")
        huong, _ = c.call("GET", f"/v1/citizens/{HUONG}")
        check(not huong["has_vault"], "Hương has no vault")
        empty, _ = c.call("GET", f"/v1/citizens/{HUONG}/vault")
        check(empty["items"] == [], "empty vault")
        c.problem("GET", "/v1/citizens/12345", 400, "invalid_citizen_id")
        c.problem("GET", "/v1/citizens/999999999999", 404, "citizen_not_found")
        vault, _ = c.call("GET", f"/v1/citizens/{AN}/vault")
        statuses = {i["status"] for i in vault["items"]}
        kinds = {i["kind"] for i in vault["items"]}
        check(statuses == {"valid", "expired"} and kinds == {"result", "input"}, f"vault of An: {statuses} {kinds}")
        ngoc_vault, _ = c.call("GET", f"/v1/citizens/{NGOC}/vault?status=revoked")
        check(len(ngoc_vault["items"]) == 1 and ngoc_vault["items"][0]["revoked"], "revoked item")
        found, _ = c.call("GET", f"/v1/citizens/{AN}/vault?q=" + urllib.parse.quote("xac nhan tinh trang hon nhan"))
        check(len(found["items"]) == 2, "accent-free search by name finds both marriage status papers")
        found, _ = c.call("GET", f"/v1/citizens/{AN}/vault?q=" + urllib.parse.quote("30/CVCC"))
        check([i["code"] for i in found["items"]] == ["052090000495.KQ.G15.000021.02022024"], "search by decision")
        found, _ = c.call("GET", f"/v1/citizens/{AN}/vault?q=G15.000021")
        check(len(found["items"]) == 1, "search by code")
        found, _ = c.call("GET", f"/v1/citizens/{AN}/vault?q=" + urllib.parse.quote("án tích"))
        check(len(found["items"]) == 1, "search by summary")
        found, _ = c.call("GET", f"/v1/citizens/{AN}/vault?catalog_code=G03&status=expired&kind=result")
        check(len(found["items"]) == 1, "filters")
        c.problem("GET", f"/v1/citizens/{AN}/vault?kind=other", 400, "invalid_request")

        code = "052090000495.KQ.G15.000021.02022024"
        item, _ = c.call("GET", f"/v1/citizens/{AN}/vault/{code}")
        check("Ban Cơ yếu Chính phủ" in item["signer"]["issuer"], "signed by the Government Cipher Committee CA")
        c.problem("GET", f"/v1/citizens/{AN}/vault/052090000495.KQ.G15.999999.01012024", 404, "vault_item_not_found")
        c.problem("GET", f"/v1/citizens/{NGOC}/vault/{code}", 404, "vault_item_not_found")
        pdf, resp = c.call("GET", f"/v1/citizens/{AN}/vault/{code}/file")
        check(pdf.startswith(b"%PDF-") and len(pdf) == item["file"]["size"], "PDF size")
        check(sha(pdf) == item["file"]["sha256"] == resp.getheader("Content-Sha256"), "PDF sha256")
        c.problem("GET", f"/v1/citizens/{NGOC}/vault/{code}/file", 404, "vault_item_not_found")

        fb, _ = c.call("POST", f"/v1/citizens/{AN}/vault/{code}/feedback",
                       {"reason": "wrong_citizen_information", "comment": "Sai ngày sinh"}, expect=201)
        check(fb["forwarded_to"] == "UBND Phường Lê Lợi", "feedback goes to the issuing agency")
        for reason in ("not_my_result", "not_signed_by_government_cipher_committee"):
            c.call("POST", f"/v1/citizens/{AN}/vault/{code}/feedback", {"reason": reason}, expect=201)
        c.problem("POST", f"/v1/citizens/{AN}/vault/{code}/feedback", 400, "invalid_request", {"reason": "other"})

        rating, _ = c.call("POST", "/v1/ratings", {"stars": 5, "dossier_code": "H34.29.2-230520-0001"},
                           expect=201)
        check(rating["stars"] == 5 and rating["dossier_code"] == "H34.29.2-230520-0001", "rating stored")
        c.call("POST", "/v1/ratings", {"stars": 3}, expect=201)
        c.problem("POST", "/v1/ratings", 400, "invalid_request", {"stars": 6})
        ratings, _ = c.call("GET", "/v1/ratings")
        check([r["stars"] for r in ratings["ratings"]] == [5, 3], "ratings listed in order")

        contact, _ = c.call("GET", f"/v1/citizens/{AN}/notification-contact")
        check(contact["consent"] is False, "no consent before the kiosk asks")
        c.problem("PUT", f"/v1/citizens/{AN}/notification-contact", 422, "consent_required",
                  {"phone": "0905123456", "channels": ["sms"], "consent": False})
        c.problem("PUT", f"/v1/citizens/{AN}/notification-contact", 400, "invalid_request",
                  {"channels": ["sms"], "consent": True})
        c.call("PUT", f"/v1/citizens/{AN}/notification-contact",
               {"phone": "0905123456", "email": "an@example.vn", "channels": ["sms", "zalo", "email"],
                "consent": True, "consent_text": "Tôi đồng ý nhận thông báo"})
        contact, _ = c.call("GET", f"/v1/citizens/{AN}/notification-contact")
        check(contact["consent"] and contact["channels"] == ["sms", "zalo", "email"], "contact stored")

        # Catalogue (public)
        cat, _ = c.call("GET", "/v1/catalog", auth=False)
        check(len(cat["entries"]) >= 15, "catalogue entries")
        procs, _ = c.call("GET", "/v1/procedures", auth=False)
        check(len(procs["procedures"]) >= 15, "15+ procedures")
        fields = {p["field"] for p in procs["procedures"]}
        check({"Hộ tịch", "Chứng thực", "Đất đai", "Lý lịch tư pháp"} <= fields, f"fields {fields}")
        hits, _ = c.call("GET", "/v1/procedures?q=" + urllib.parse.quote("khai sinh"), auth=False)
        check(BIRTH in [p["code"] for p in hits["procedures"]], "search procedures")
        hits, _ = c.call("GET", "/v1/procedures?field=" + urllib.parse.quote("Chứng thực"), auth=False)
        check(len(hits["procedures"]) == 2, "filter by field")
        proc, _ = c.call("GET", f"/v1/procedures/{MARRIAGE}", auth=False)
        check(proc["components"][1]["accepted_catalog"][0]["code"] == "G03", "components map to catalogue")
        c.problem("GET", "/v1/procedures/1.999999.000.00.00.H34", 404, "procedure_not_found", auth=False)
        ag, _ = c.call("GET", f"/v1/procedures/{MARRIAGE}/agencies", auth=False)
        check(any(a["code"] == "H34.29.2" for a in ag["agencies"]), "agencies")
        c.problem("GET", "/v1/procedures/nope/agencies", 404, "procedure_not_found", auth=False)
        c.call("GET", "/v1/delivery-methods", auth=False)

        # Reuse suggestions: one match, several matches, none
        sug, _ = c.call("GET", f"/v1/citizens/{AN}/procedures/{MARRIAGE}/suggestions")
        by = {s["component_id"]: s["matches"] for s in sug["components"]}
        check(len(by["tp1"]) == 0 and len(by["tp2"]) == 1 and len(by["tp3"]) == 2, f"An/marriage {by}")
        check(by["tp2"][0]["status"] == "valid", "the expired paper is not offered")
        sug, _ = c.call("GET", f"/v1/citizens/{NGOC}/procedures/{BIRTH}/suggestions")
        by = {s["component_id"]: [m["code"] for m in s["matches"]] for s in sug["components"]}
        check(len(by["tp2"]) == 1 and len(by["tp3"]) == 1 and len(by["tp4"]) == 2, f"Ngọc/birth {by}")
        c.problem("GET", f"/v1/citizens/{AN}/procedures/1.999999.000.00.00.H34/suggestions", 404, "procedure_not_found")

        # Dossier: idempotent creation
        key = "contract-create-0001"
        d, _ = c.call("POST", "/v1/dossiers", dossier_body(), {"Idempotency-Key": key}, expect=201)
        again, _ = c.call("POST", "/v1/dossiers", dossier_body(), {"Idempotency-Key": key}, expect=201)
        check(d["id"] == again["id"] and d == again, "same key, same dossier")
        c.problem("POST", "/v1/dossiers", 422, "idempotency_key_reused", dossier_body(agency="ubnd_nhon_phu"),
                  {"Idempotency-Key": key})
        c.problem("POST", "/v1/dossiers", 400, "idempotency_key_required", dossier_body())
        bad = dossier_body()
        bad["owner"]["id"] = "12"
        doc, _ = c.problem("POST", "/v1/dossiers", 400, "invalid_request", bad, {"Idempotency-Key": "contract-bad-01"})
        check(doc["errors"][0]["pointer"] == "/owner/id", "pointer to the bad member")
        bad = dossier_body()
        bad["extra"] = 1
        c.problem("POST", "/v1/dossiers", 400, "invalid_request", bad, {"Idempotency-Key": "contract-bad-02"})
        c.problem("POST", "/v1/dossiers", 400, "invalid_json", b"{not json",
                  {"Idempotency-Key": "contract-bad-03", "Content-Type": "application/json"})
        c.problem("POST", "/v1/dossiers", 415, "unsupported_media_type", b"x",
                  {"Idempotency-Key": "contract-bad-04", "Content-Type": "text/plain"})
        c.problem("POST", "/v1/dossiers", 422, "agency_not_found", dossier_body(agency="so_tu_phap"),
                  {"Idempotency-Key": "contract-bad-05"})
        c.problem("POST", "/v1/dossiers", 404, "procedure_not_found",
                  dossier_body(procedure="1.999999.000.00.00.H34"), {"Idempotency-Key": "contract-bad-06"})
        c.problem("POST", "/v1/dossiers", 404, "citizen_not_found", dossier_body(owner="999999999999"),
                  {"Idempotency-Key": "contract-bad-07"})
        got, _ = c.call("GET", f"/v1/dossiers/{d['id']}")
        check(got["state"] == "draft" and got["dossier_code"] is None, "draft")
        c.problem("GET", "/v1/dossiers/0000000000000000", 404, "dossier_not_found")

        # Attach from the vault
        base = f"/v1/dossiers/{d['id']}/components"
        g03_valid = [i["code"] for i in vault["items"] if i["catalog"]["code"] == "G03" and i["status"] == "valid"][0]
        g03_expired = [i["code"] for i in vault["items"] if i["catalog"]["code"] == "G03" and i["status"] == "expired"][0]
        before = times_used(c, AN, g03_valid)
        comp, _ = c.call("PUT", f"{base}/tp2/vault-item", {"item_code": g03_valid})
        check(comp["attachment"]["note"] == "Dữ liệu được lấy từ kho số hóa", "marked as taken from the vault")
        check(times_used(c, AN, g03_valid) == before, "use count moves on submit, not on attach")
        c.problem("PUT", f"{base}/tp2/vault-item", 422, "vault_item_expired", {"item_code": g03_expired})
        c.problem("PUT", f"{base}/tp2/vault-item", 422, "vault_item_not_accepted", {"item_code": code})
        c.problem("PUT", f"{base}/tp3/vault-item", 403, "vault_item_not_owned",
                  {"item_code": "052198000814.KQ.G02.000144.CS10387"})
        c.problem("PUT", f"{base}/tp9/vault-item", 404, "component_not_found", {"item_code": code})
        c.problem("PUT", f"{base}/tp3/vault-item", 404, "vault_item_not_found",
                  {"item_code": "052090000495.KQ.G15.999999.01012024"})
        comp, _ = c.call("DELETE", f"{base}/tp2/attachment")
        check(comp["attachment"] is None, "detached")
        c.call("PUT", f"{base}/tp2/vault-item", {"item_code": g03_valid})
        doc, _ = c.problem("POST", f"/v1/dossiers/{d['id']}/submit", 422, "components_missing")
        check(doc["missing_components"] == ["tp1", "tp3"], f"missing {doc['missing_components']}")

        # Upload a scanned form (resumable, checked)
        data = demo_pdf(bin_dir)
        up, _ = c.call("POST", f"{base}/tp1/uploads",
                       {"file_name": "to-khai.pdf", "size": len(data), "sha256": sha(data)}, expect=201)
        check(up["offset"] == 0 and not up["complete"], "new upload")
        half = len(data) // 2
        c.call("PUT", f"/v1/uploads/{up['id']}", data[:half],
               {"Upload-Offset": "0", "Chunk-Sha256": sha(data[:half]), "Content-Type": "application/octet-stream"})
        c.call("PUT", f"/v1/uploads/{up['id']}", data[:half],
               {"Upload-Offset": "0", "Chunk-Sha256": sha(data[:half]), "Content-Type": "application/octet-stream"})
        doc, _ = c.problem("PUT", f"/v1/uploads/{up['id']}", 409, "upload_offset_mismatch", data[half:],
                           {"Upload-Offset": "10", "Chunk-Sha256": sha(data[half:])})
        check(doc["offset"] == half, "the server says where to resume")
        c.problem("PUT", f"/v1/uploads/{up['id']}", 422, "chunk_digest_mismatch", data[half:],
                  {"Upload-Offset": str(half), "Chunk-Sha256": sha(b"other")})
        c.problem("PUT", f"/v1/uploads/{up['id']}", 400, "invalid_request", data[half:],
                  {"Upload-Offset": "x", "Chunk-Sha256": sha(data[half:])})
        state, _ = c.call("GET", f"/v1/uploads/{up['id']}")
        check(state["offset"] == half, "offset after a refused chunk")
        c.problem("POST", f"/v1/uploads/{up['id']}/finish", 409, "upload_incomplete", {"sha256": sha(data)})
        c.call("PUT", f"/v1/uploads/{up['id']}", data[half:],
               {"Upload-Offset": str(half), "Chunk-Sha256": sha(data[half:])})
        c.problem("POST", f"/v1/uploads/{up['id']}/finish", 422, "upload_digest_mismatch", {"sha256": sha(b"x")})
        comp, _ = c.call("POST", f"/v1/uploads/{up['id']}/finish", {"sha256": sha(data)})
        check(comp["attachment"]["source"] == "upload" and comp["attachment"]["file"]["size"] == len(data), "uploaded")
        c.problem("PUT", f"/v1/uploads/{up['id']}", 409, "upload_already_finished", b"x",
                  {"Upload-Offset": str(len(data)), "Chunk-Sha256": sha(b"x")})
        c.problem("GET", "/v1/uploads/0000000000000000", 404, "upload_not_found")
        c.problem("POST", f"{base}/tp1/uploads", 413, "upload_too_large",
                  {"file_name": "x.pdf", "size": 60 * 1024 * 1024, "sha256": sha(b"")})

        # Submit: dossier code, appointment, use count once
        c.call("PUT", f"{base}/tp3/vault-item", {"item_code": code})
        before_code = times_used(c, AN, code)
        receipt, _ = c.call("POST", f"/v1/dossiers/{d['id']}/submit")
        check(re.match(r"^H34\.29\.5-\d{6}-0001$", receipt["dossier_code"]), receipt["dossier_code"])
        check(sorted(receipt["reused_items"]) == sorted([g03_valid, code]), "reused items")
        again, _ = c.call("POST", f"/v1/dossiers/{d['id']}/submit")
        check(again == receipt, "submit is idempotent")
        check(times_used(c, AN, g03_valid) == before + 1, "use count +1 exactly once")
        check(times_used(c, AN, code) == before_code + 1, "use count +1 exactly once")
        c.problem("PUT", f"{base}/tp2/vault-item", 409, "dossier_already_submitted", {"item_code": g03_valid})
        c.problem("POST", f"{base}/tp1/uploads", 409, "dossier_already_submitted",
                  {"file_name": "x.pdf", "size": 10, "sha256": sha(b"0123456789")})
        st, _ = c.call("GET", f"/v1/dossier-status/{receipt['dossier_code']}")
        check(st["state"] == "received" and st["state_name"] == "Đã tiếp nhận", "status by code")
        check(st["appointment_date"] == receipt["appointment_date"], "appointment date")
        lst, _ = c.call("GET", f"/v1/citizens/{AN}/dossiers")
        check([x["dossier_code"] for x in lst["dossiers"]] == [receipt["dossier_code"]], "status by ID number")
        check(lst["dossiers"][0]["owner_id"] == AN, "status names the owner's ID")
        old, _ = c.call("GET", "/v1/citizens/215123456/dossiers")
        check(old == lst, "status by the former 9-digit CMND number")
        c.problem("GET", "/v1/citizens/999999999/dossiers", 404, "citizen_not_found")
        c.problem("GET", "/v1/dossier-status/H34.29.5-000000-9999", 404, "dossier_not_found")
        c.problem("GET", "/v1/dossier-status/garbage", 404, "dossier_not_found")

        # Revoked item refused; second dossier of the day gets the next number
        d2, _ = c.call("POST", "/v1/dossiers", dossier_body(owner=NGOC, procedure=BIRTH, agency="ubnd_le_loi"),
                       {"Idempotency-Key": "contract-create-0002"}, expect=201)
        c.problem("PUT", f"/v1/dossiers/{d2['id']}/components/tp3/vault-item", 422, "vault_item_revoked",
                  {"item_code": ngoc_vault["items"][0]["code"]})

        # Sandbox admin
        c.call("GET", "/_sandbox/faults", auth=False)
        fs_, _ = c.call("PUT", "/_sandbox/faults", {"faults": [{"kind": "latency", "latency_ms": 1}]}, auth=False)
        check(fs_["faults"][0]["kind"] == "latency", "faults set")
        c.problem("PUT", "/_sandbox/faults", 400, "invalid_request", {"faults": [{"kind": "boom"}]}, auth=False)
        c.call("DELETE", "/_sandbox/faults", auth=False)
        journal, _ = c.call("GET", "/_sandbox/requests", auth=False)
        creates = [r for r in journal["requests"] if r["path"] == "/v1/dossiers" and r["idempotency_key"] == key]
        check([r["replayed"] for r in creates] == [False, True, False], f"journal of creates {creates}")
        c.call("DELETE", "/_sandbox/requests", auth=False)
        journal, _ = c.call("GET", "/_sandbox/requests", auth=False)
        check(journal["requests"] == [], "journal cleared")

        status, ctype, data, _ = c.raw("GET", "/v1/nowhere")
        check(status == 404 and ctype.startswith("application/problem+json")
              and json.loads(data)["code"] == "not_found", "unknown path")

        missing = contract.operations() - contract.seen
        check(not missing, f"operations never exercised: {sorted(missing)}")
    finally:
        server.stop()


def group_faults(contract, bin_dir):
    server = Server(bin_dir, "--token", TOKEN, "--fault", "status=503@/v1/citizens/079203004567")
    c = Client(contract, server)
    try:
        c.problem("GET", "/v1/citizens/079203004567", 503, "service_unavailable")
        c.call("GET", f"/v1/citizens/{AN}")

        start = time.monotonic()
        c.call("GET", "/v1/procedures", headers={"X-Sandbox-Fault": "latency=300"})
        check(time.monotonic() - start >= 0.3, "latency fault delays the answer")

        doc, resp = c.problem("GET", f"/v1/citizens/{AN}", 503, "service_unavailable",
                              headers={"X-Sandbox-Fault": "status=503"})
        check(resp.getheader("Retry-After") == "1", "503 carries Retry-After")
        doc, resp = c.problem("GET", f"/v1/citizens/{AN}", 429, "rate_limited", headers={"X-Sandbox-Fault": "429:7"})
        check(resp.getheader("Retry-After") == "7" and doc["retry_after"] == 7, "429 with Retry-After")
        c.problem("GET", f"/v1/citizens/{AN}", 500, "internal_error", headers={"X-Sandbox-Fault": "status=500"})
        c.problem("GET", f"/v1/citizens/{AN}", 400, "invalid_request", headers={"X-Sandbox-Fault": "explode"})
        c.call("GET", f"/v1/citizens/{AN}", headers={"X-Sandbox-Fault": "status=503:0"})

        status, ctype, data, _ = c.raw("GET", f"/v1/citizens/{AN}", headers={"X-Sandbox-Fault": "truncate"})
        check(status == 200 and ctype == "application/json", "truncated answer is framed as JSON")
        try:
            json.loads(data)
            raise Failure("truncated JSON parsed")
        except ValueError:
            pass

        # A dropped answer after the work was done; the retry with the same key
        # gets the same dossier, and the journal shows the work once.
        c.call("DELETE", "/_sandbox/requests", auth=False)
        body = dossier_body()
        try:
            c.raw("POST", "/v1/dossiers", body, {"Idempotency-Key": "fault-drop-0001", "X-Sandbox-Fault": "drop"})
            raise Failure("dropped answer was read completely")
        except (http.client.IncompleteRead, http.client.RemoteDisconnected, ConnectionResetError):
            pass
        d, _ = c.call("POST", "/v1/dossiers", body, {"Idempotency-Key": "fault-drop-0001"}, expect=201)
        journal, _ = c.call("GET", "/_sandbox/requests", auth=False)
        creates = [(r["status"], r["fault"], r["replayed"]) for r in journal["requests"] if r["path"] == "/v1/dossiers"]
        check(creates == [(0, "drop", False), (201, "", True)], f"journal {creates}")

        # Dropped submit: retried, one dossier code, use count +1 once
        item = "052090000495.KQ.G15.000021.02022024"
        g03 = [i["code"] for i in c.call("GET", f"/v1/citizens/{AN}/vault?catalog_code=G03&status=valid")[0]["items"]][0]
        base = f"/v1/dossiers/{d['id']}/components"
        c.call("PUT", f"{base}/tp2/vault-item", {"item_code": g03})
        c.call("PUT", f"{base}/tp3/vault-item", {"item_code": item})
        upload_file(c, d["id"], "tp1", demo_pdf(bin_dir))
        before = times_used(c, AN, item)
        try:
            c.raw("POST", f"/v1/dossiers/{d['id']}/submit", None, {"X-Sandbox-Fault": "drop"})
            raise Failure("dropped submit was read completely")
        except (http.client.IncompleteRead, http.client.RemoteDisconnected, ConnectionResetError):
            pass
        r1, _ = c.call("POST", f"/v1/dossiers/{d['id']}/submit")
        r2, _ = c.call("POST", f"/v1/dossiers/{d['id']}/submit")
        check(r1 == r2, "same receipt")
        check(times_used(c, AN, item) == before + 1, "exactly once")

        # Faults set through the admin path apply to every request until cleared
        c.call("PUT", "/_sandbox/faults", {"faults": [{"kind": "rate_limit", "retry_after": 3, "path_prefix": "/v1/catalog"}]},
               auth=False)
        doc, resp = c.problem("GET", "/v1/catalog", 429, "rate_limited", auth=False)
        check(resp.getheader("Retry-After") == "3", "admin 429")
        c.call("GET", "/v1/procedures", auth=False)
        c.call("DELETE", "/_sandbox/faults", auth=False)
        c.call("GET", "/v1/catalog", auth=False)
    finally:
        server.stop()


def group_upload_resume(contract, bin_dir):
    server = Server(bin_dir, "--token", TOKEN)
    c = Client(contract, server)
    try:
        d, _ = c.call("POST", "/v1/dossiers", dossier_body(), {"Idempotency-Key": "resume-0001"}, expect=201)
        data = demo_pdf(bin_dir)
        up, _ = c.call("POST", f"/v1/dossiers/{d['id']}/components/tp1/uploads",
                       {"file_name": "scan.pdf", "size": len(data), "sha256": sha(data)}, expect=201)
        first = data[:200_000]
        c.call("PUT", f"/v1/uploads/{up['id']}", first, {"Upload-Offset": "0", "Chunk-Sha256": sha(first)})
        # The connection dies half-way through the second chunk.
        second = data[200_000:400_000]
        head = (f"PUT /v1/uploads/{up['id']} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {TOKEN}\r\n"
                f"Upload-Offset: 200000\r\nChunk-Sha256: {sha(second)}\r\n"
                f"Content-Type: application/octet-stream\r\nContent-Length: {len(second)}\r\n\r\n").encode()
        with socket.create_connection(("127.0.0.1", server.port)) as s:
            s.sendall(head + second[:70_000])
        state, _ = c.call("GET", f"/v1/uploads/{up['id']}")
        check(state["offset"] == 200_000, f"a broken chunk stores nothing (offset {state['offset']})")
        offset = state["offset"]
        # The server stores the next chunk but its answer is lost: the retry
        # of the same chunk at the same offset is acknowledged, not refused.
        third = data[offset:offset + 100_000]
        try:
            c.raw("PUT", f"/v1/uploads/{up['id']}", third,
                  {"Upload-Offset": str(offset), "Chunk-Sha256": sha(third), "X-Sandbox-Fault": "drop"})
            raise Failure("dropped chunk answer was read completely")
        except (http.client.IncompleteRead, http.client.RemoteDisconnected, ConnectionResetError):
            pass
        state, _ = c.call("PUT", f"/v1/uploads/{up['id']}", third,
                          {"Upload-Offset": str(offset), "Chunk-Sha256": sha(third)})
        check(state["offset"] == offset + len(third), "retried chunk acknowledged once")
        offset = state["offset"]
        while offset < len(data):
            part = data[offset:offset + 250_000]
            state, _ = c.call("PUT", f"/v1/uploads/{up['id']}", part,
                              {"Upload-Offset": str(offset), "Chunk-Sha256": sha(part)})
            offset = state["offset"]
        check(state["complete"], "complete")
        comp, _ = c.call("POST", f"/v1/uploads/{up['id']}/finish", {"sha256": sha(data)})
        again, _ = c.call("POST", f"/v1/uploads/{up['id']}/finish", {"sha256": sha(data)})
        check(comp == again, "finish is idempotent")
        check(comp["attachment"]["file"]["sha256"] == sha(data), "whole-file digest")
        # Not a PDF: refused at finish
        up2, _ = c.call("POST", f"/v1/dossiers/{d['id']}/components/tp1/uploads",
                        {"file_name": "x.pdf", "size": 5, "sha256": sha(b"hello")}, expect=201)
        c.call("PUT", f"/v1/uploads/{up2['id']}", b"hello", {"Upload-Offset": "0", "Chunk-Sha256": sha(b"hello")})
        c.problem("POST", f"/v1/uploads/{up2['id']}/finish", 415, "unsupported_media_type", {"sha256": sha(b"hello")})
        c.problem("PUT", f"/v1/uploads/{up2['id']}", 422, "upload_too_large", b"more",
                  {"Upload-Offset": "5", "Chunk-Sha256": sha(b"more")})
    finally:
        server.stop()


def group_mtls(contract, bin_dir):
    pki = os.path.join(bin_dir, "..", "sandbox", "pki")
    p = lambda name: os.path.join(pki, name)
    server = Server(bin_dir, "--tls-cert", p("server.pem"), "--tls-key", p("server.key"), "--client-ca", p("device-ca.pem"))
    try:
        check(server.scheme == "https", "HTTPS")

        def context(cert=None):
            ctx = ssl.create_default_context(cafile=p("server-ca.pem"))
            if cert:
                ctx.load_cert_chain(p(cert + ".pem"), p(cert + ".key"))
            return ctx

        c = Client(contract, server, token=None, tls_context=context("device"))
        ident, _ = c.call("GET", "/v1/kiosk/identity")
        check(ident["authentication"] == "mutual_tls" and ident["device_id"] == "kiosk-demo-0001", f"{ident}")
        check("Kiosk provisioning CA" in ident["certificate_issuer"], "issuer")
        c.call("GET", f"/v1/citizens/{AN}")
        for cert in (None, "rogue-device"):
            try:
                Client(contract, server, token=TOKEN, tls_context=context(cert)).raw("GET", "/v1/health")
                raise Failure(f"TLS handshake accepted client certificate {cert}")
            except (ssl.SSLError, ConnectionResetError, BrokenPipeError, http.client.RemoteDisconnected):
                pass
        c.call("GET", "/v1/health")
    finally:
        server.stop()


def group_state_file(contract, bin_dir):
    with tempfile.TemporaryDirectory() as tmp:
        state = os.path.join(tmp, "state.sqlite")
        server = Server(bin_dir, "--token", TOKEN, "--state", state)
        c = Client(contract, server)
        code = "052090000495.KQ.G15.000021.02022024"
        try:
            before = times_used(c, AN, code)
            d, _ = c.call("POST", "/v1/dossiers", dossier_body(procedure="1.004873.000.00.00.H34"),
                          {"Idempotency-Key": "state-0001"}, expect=201)
            c.call("PUT", f"/v1/dossiers/{d['id']}/components/tp2/vault-item", {"item_code": code})
            upload_file(c, d["id"], "tp1", demo_pdf(bin_dir))
            receipt, _ = c.call("POST", f"/v1/dossiers/{d['id']}/submit")
        finally:
            server.stop()
        server = Server(bin_dir, "--token", TOKEN, "--state", state)
        c = Client(contract, server)
        try:
            st, _ = c.call("GET", f"/v1/dossier-status/{receipt['dossier_code']}")
            check(st["dossier_code"] == receipt["dossier_code"], "dossier kept across restarts")
            check(times_used(c, AN, code) == before + 1, "use count kept across restarts")
            again, _ = c.call("POST", "/v1/dossiers", dossier_body(procedure="1.004873.000.00.00.H34"),
                              {"Idempotency-Key": "state-0001"}, expect=201)
            check(again["id"] == d["id"], "idempotency store kept across restarts")
        finally:
            server.stop()
        fresh = Server(bin_dir, "--token", TOKEN)
        try:
            check(times_used(Client(contract, fresh), AN, code) == before, "without --state every run starts fresh")
        finally:
            fresh.stop()


def group_cli(contract, bin_dir):
    exe = os.path.join(bin_dir, "kiosk-sandbox")
    bad = subprocess.run([exe, "--port", "0", "--fault", "explode"], capture_output=True, text=True, timeout=30)
    check(bad.returncode == 2 and "unknown fault" in bad.stderr, f"bad fault: {bad.returncode} {bad.stderr}")
    bad = subprocess.run([exe, "--port", "0", "--client-ca", "/nonexistent"], capture_output=True, text=True, timeout=30)
    check(bad.returncode == 1 and "HTTPS" in bad.stderr, f"client CA without TLS: {bad.stderr}")
    server = Server(bin_dir)  # no token given: the development token
    try:
        Client(contract, server, token="kiosk-sandbox-dev-token").call("GET", f"/v1/citizens/{AN}")
    finally:
        server.stop()


GROUPS = {name[len("group_"):]: fn for name, fn in globals().items() if name.startswith("group_")}


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in GROUPS:
        print(f"usage: {sys.argv[0]} {{{','.join(GROUPS)}}} BIN_DIR SOURCE_DIR", file=sys.stderr)
        return 2
    group, bin_dir, source_dir = sys.argv[1:]
    contract = Contract(os.path.join(source_dir, "sandbox", "openapi.yaml"))
    try:
        GROUPS[group](contract, bin_dir)
    except Failure as e:
        print(f"FAIL [{group}]: {e}", file=sys.stderr)
        return 1
    print(f"ok [{group}]: {len(contract.seen)} operations validated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
