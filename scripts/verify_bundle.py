#!/usr/bin/env python3
"""Checks an AnJiaXing evidence bundle (anjiaxing-bundle/v1) without .NET and without the database (ADR 0013).

usage: verify_bundle.py BUNDLE.zip [TRUSTED-PUBLIC-KEY.pem]
Exit code 0 when the bundle verifies, 1 when it does not. Needs Python 3.9+ and the `cryptography` package.
Without a trusted key the bundle's own public-key.pem is used: compare the printed key id with one you trust.
"""
import base64, hashlib, json, sys, zipfile
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

GENESIS = "0" * 64
H = lambda b: hashlib.sha256(b).digest()


def verify_sig(public_key, text, signature_b64):
    raw = base64.b64decode(signature_b64)              # IEEE P1363: r || s, 32 bytes each
    der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
    try:
        public_key.verify(der, text.encode("utf-8"), ec.ECDSA(hashes.SHA256()))
        return True
    except InvalidSignature:
        return False


def verify_inclusion(index, size, leaf, proof, root):  # RFC 9162 section 2.1.3.2
    if index >= size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = H(b"\x01" + p + r)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = H(b"\x01" + r + p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def check(path, trusted_pem=None):
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        if len(names) != len(set(names)):
            return "the bundle holds a file twice"
        files = {n: z.read(n) for n in names}
    for required in ("manifest.json", "manifest.sig", "head.json", "public-key.pem", "proofs.json", "README.md"):
        if required not in files:
            return f"{required}: missing"
    pem = trusted_pem or files["public-key.pem"]
    key = serialization.load_pem_public_key(pem)
    spki = key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    key_id = hashlib.sha256(spki).hexdigest()[:16]
    print(f"key id {key_id} ({'pinned' if trusted_pem else 'from the bundle: compare it with a key you trust'})")

    manifest_text = files["manifest.json"].decode("utf-8")
    if not verify_sig(key, manifest_text, files["manifest.sig"].decode("ascii").strip()):
        return "manifest.sig: the manifest's signature does not verify"
    manifest = json.loads(manifest_text)
    listed = set()
    for f in manifest["files"]:
        listed.add(f["name"])
        if f["name"] not in files or hashlib.sha256(files[f["name"]]).hexdigest() != f["sha256"]:
            return f"{f['name']}: missing or different from its hash in the manifest"
    for n in files:
        if n not in listed and n not in ("manifest.json", "manifest.sig"):
            return f"{n}: not listed in the manifest"

    head = json.loads(files["head.json"])
    if head["keyId"] != key_id:
        return "head.json: signed by another key"
    payload = "\n".join(["anjiaxing-ledger-head/v2", str(head["coveredSequence"]), str(head["streamCount"]), str(head["treeSize"]),
                         head["root"], head["logRoot"], head["createdAt"]])
    if not verify_sig(key, payload, head["signature"]):
        return "head.json: the head's signature does not verify"
    proofs = json.loads(files["proofs.json"])
    size, root = head["treeSize"], bytes.fromhex(head["logRoot"])
    if proofs["treeSize"] != size or proofs["logRoot"] != head["logRoot"]:
        return "proofs.json: proofs for another tree"

    streams, keys, signed = {}, {}, []
    for e in proofs["events"]:
        data = files.get(e["file"])
        if data is None:
            return f"{e['file']}: missing"
        h = hashlib.sha256(data).hexdigest()
        lines = data.decode("utf-8").split("\n")
        if h != e["hash"] or len(lines) != 11 or lines[0] != "anjiaxing-ledger/v1" or lines[1] != e["streamId"] or lines[2] != str(e["version"]):
            return f"{e['file']}: the event does not hash to its hash or names another stream or version"
        leaf = H(b"\x00" + f"{e['streamId']}\n{e['version']}\n{h}".encode())
        if not verify_inclusion(e["leafIndex"], size, leaf, [bytes.fromhex(p) for p in e["inclusionProof"]], root):
            return f"{e['file']}: the inclusion proof does not lead to the signed log root"
        streams.setdefault(e["streamId"], {})[e["version"]] = (h, lines[10], e["file"])
        if lines[3] == "account_signing_key_registered":
            d = json.loads(lines[4])
            keys[d["keyId"]] = (d.get("accountId", ""), d["publicKey"])
        if lines[5] and "signature" in json.loads(lines[5]):
            signed.append((e["file"], json.loads(lines[5])))

    for s in proofs["streams"]:
        versions = streams.get(s["streamId"], {})
        previous = GENESIS if s["fromVersion"] == 1 else None
        for v in range(s["fromVersion"], s["toVersion"] + 1):
            if v not in versions:
                return f"proofs.json: version {v} of stream {s['streamId']} is missing"
            h, prev, name = versions[v]
            if previous is not None and prev != previous:
                return f"{name}: does not link to the version before it"
            previous = h
        if len(versions) != s["toVersion"] - s["fromVersion"] + 1:
            return f"proofs.json: stream {s['streamId']} holds other versions"
    if len(streams) != len(proofs["streams"]):
        return "proofs.json: events of an unlisted stream"

    for name, headers in signed:
        sig = headers["signature"]
        if sig.get("keyId") not in keys:
            return f"{name}: the personal signature's key is not registered in the bundle"
        account, public_b64 = keys[sig["keyId"]]
        if headers.get("actorId") != account:
            return f"{name}: the personal signature's key belongs to someone else"
        personal = serialization.load_der_public_key(base64.b64decode(public_b64))
        if not verify_sig(personal, sig.get("payload", ""), sig.get("value", "")):
            return f"{name}: the personal signature does not verify"

    print(f"ok: {len(proofs['events'])} events in {len(streams)} streams, {len(signed)} personal signatures, head {head['id']}")
    return None


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    trusted = open(sys.argv[2], "rb").read() if len(sys.argv) > 2 else None
    try:
        problem = check(sys.argv[1], trusted)
    except (zipfile.BadZipFile, KeyError, ValueError, UnicodeDecodeError) as e:
        problem = f"the bundle cannot be read: {e!r}"
    if problem:
        print("FAILED:", problem)
        sys.exit(1)
