using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AnJiaXing.Platform.Ledger;

/// <summary>The answer of <see cref="LedgerBundle.Verify"/>: where the first problem is, if any.</summary>
public sealed record BundleVerification(
    bool Ok, int EventsChecked, int StreamsChecked, int PersonalSignaturesChecked, long? HeadId, string? KeyId, bool KeyPinned, string? File, string? Reason);

/// <summary>
/// The offline evidence bundle (a zip, entries stored uncompressed): each event's canonical text exactly as hashed
/// (<c>events/…</c>), the RFC 9162 inclusion proof of its hash in a signed tree head (<c>proofs.json</c>), the head
/// (<c>head.json</c>), the public key (<c>public-key.pem</c>), a README, any extra documents, and a manifest of every
/// file's SHA-256 signed with the same key (<c>manifest.json</c>, <c>manifest.sig</c>), so that changing any byte of any
/// entry fails verification. Verification needs no database: <see cref="Verify"/>, <c>ledger verify-bundle</c>, or
/// the Python in the README (ADR 0013).
/// </summary>
public static class LedgerBundle
{
    public const string Format = "anjiaxing-bundle/v1";
    private static readonly DateTimeOffset EntryTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly string[] Required = ["manifest.json", "manifest.sig", "head.json", "public-key.pem", "proofs.json", "README.md"];

    public static string EventFile(EvidencedEvent e) => $"events/{e.Sequence:D12}-{e.StreamId}-{e.Version}.txt";

    /// <summary>Writes the bundle; every event must be included in <paramref name="evidence"/>'s head.</summary>
    public static byte[] Write(LedgerEvidenceSet evidence, LedgerSigningKey key, IReadOnlyDictionary<string, byte[]> documents)
    {
        var head = evidence.Head ?? throw new InvalidOperationException("A bundle needs a signed head.");
        if (evidence.Events.Any(e => e.LeafIndex is null)) throw new InvalidOperationException("Every event of a bundle must be covered by its head.");

        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (name, bytes) in documents) files[name] = bytes;
        foreach (var e in evidence.Events) files[EventFile(e)] = Encoding.UTF8.GetBytes(e.Canonical);
        files["head.json"] = JsonSerializer.SerializeToUtf8Bytes(new
        {
            format = "anjiaxing-ledger-head/v2",
            id = head.Id,
            coveredSequence = head.CoveredSequence,
            streamCount = head.StreamCount,
            treeSize = head.EventCount,
            root = head.Root,
            logRoot = head.LogRoot,
            createdAt = Micro(head.CreatedAt),
            keyId = head.KeyId,
            signature = head.Signature,
            signedPayload = head.Payload
        }, Json);
        files["public-key.pem"] = Encoding.ASCII.GetBytes(PublicPem(key.PublicKey));
        files["proofs.json"] = JsonSerializer.SerializeToUtf8Bytes(new
        {
            treeSize = head.EventCount,
            logRoot = head.LogRoot,
            streams = evidence.Events.GroupBy(e => e.StreamId).Select(g => new
            {
                streamId = g.Key, streamType = g.First().StreamType is { } type ? AuditTrail.DomainStreamType(type) : null, fromVersion = g.Min(e => e.Version), toVersion = g.Max(e => e.Version)
            }),
            events = evidence.Events.Select(e => new
            {
                file = EventFile(e), sequence = e.Sequence, streamId = e.StreamId, version = e.Version, type = e.Type, hash = e.Hash,
                leafIndex = e.LeafIndex, inclusionProof = e.InclusionProof
            })
        }, Json);
        files["README.md"] = Encoding.UTF8.GetBytes(Readme(head, evidence.Events.Count));

        var manifest = JsonSerializer.Serialize(new
        {
            format = Format,
            keyId = key.KeyId,
            files = files.Select(f => new { name = f.Key, sha256 = Convert.ToHexStringLower(SHA256.HashData(f.Value)) })
        }, Json);
        files["manifest.json"] = Encoding.UTF8.GetBytes(manifest);
        files["manifest.sig"] = Encoding.ASCII.GetBytes(key.Sign(manifest));

        return Zip(files);
    }

    /// <summary>The canonical container: entries in ordinal order, stored, one fixed time; so the zip's bytes follow from its files.</summary>
    private static byte[] Zip(IEnumerable<KeyValuePair<string, byte[]>> files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, bytes) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                var entry = zip.CreateEntry(name, CompressionLevel.NoCompression);
                entry.LastWriteTime = EntryTime;
                using var stream = entry.Open();
                stream.Write(bytes);
            }
        return buffer.ToArray();
    }

    /// <summary>
    /// Checks a bundle with nothing but its bytes: the manifest's signature and every file's hash, the head's signature,
    /// every event's hash, inclusion proof and chain link, and personal signatures against the key registrations it
    /// carries. <paramref name="trustedPublicKey"/> (base64 SPKI or PEM) pins the key; without it the bundle's own key
    /// is used and <see cref="BundleVerification.KeyPinned"/> is false (compare its key id with one you trust).
    /// </summary>
    public static BundleVerification Verify(byte[] zipBytes, string? trustedPublicKey = null)
    {
        int events = 0, streamsChecked = 0, signatures = 0;
        long? headId = null;
        string? keyId = null;
        var pinned = !string.IsNullOrWhiteSpace(trustedPublicKey);
        BundleVerification Fail(string? file, string reason) => new(false, events, streamsChecked, signatures, headId, keyId, pinned, file, reason);

        Dictionary<string, byte[]> files;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(zipBytes), ZipArchiveMode.Read);
            files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var entry in zip.Entries)
            {
                using var s = entry.Open();
                using var copy = new MemoryStream();
                s.CopyTo(copy);
                if (!files.TryAdd(entry.FullName, copy.ToArray())) return Fail(entry.FullName, "The bundle holds this file twice.");
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return Fail(null, $"The bundle is not a readable zip: {e.Message}");
        }
        foreach (var name in Required)
            if (!files.ContainsKey(name)) return Fail(name, "A required file is missing.");

        string publicKey;
        try
        {
            var bundled = LedgerSigningKey.PublicKeyOfPem(Encoding.ASCII.GetString(files["public-key.pem"]));
            publicKey = pinned
                ? trustedPublicKey!.Contains("-----BEGIN", StringComparison.Ordinal) ? LedgerSigningKey.PublicKeyOfPem(trustedPublicKey) : trustedPublicKey!.Trim()
                : bundled;
            keyId = LedgerSigningKey.KeyIdOf(publicKey);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException or FormatException)
        {
            return Fail("public-key.pem", $"The public key cannot be read: {e.Message}");
        }

        var manifestText = Encoding.UTF8.GetString(files["manifest.json"]);
        if (!LedgerSigningKey.Verify(publicKey, manifestText, Encoding.ASCII.GetString(files["manifest.sig"]).Trim()))
            return Fail("manifest.sig", "The manifest's signature does not verify with the trusted key: the bundle was changed or signed by another key.");
        JsonNode manifest;
        try
        {
            manifest = JsonNode.Parse(manifestText)!;
        }
        catch (JsonException e)
        {
            return Fail("manifest.json", $"The manifest is malformed: {e.Message}");
        }
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in manifest["files"]!.AsArray())
        {
            var name = (string)f!["name"]!;
            listed.Add(name);
            if (!files.TryGetValue(name, out var bytes)) return Fail(name, "A file the manifest lists is missing.");
            if (Convert.ToHexStringLower(SHA256.HashData(bytes)) != (string)f["sha256"]!) return Fail(name, "The file differs from its hash in the manifest.");
        }
        foreach (var name in files.Keys.Where(n => n is not ("manifest.json" or "manifest.sig") && !listed.Contains(n)))
            return Fail(name, "The file is not listed in the manifest.");
        JsonNode head, proofs;
        try
        {
            head = JsonNode.Parse(files["head.json"])!;
        }
        catch (JsonException e)
        {
            return Fail("head.json", $"The head is malformed: {e.Message}");
        }
        try
        {
            proofs = JsonNode.Parse(files["proofs.json"])!;
        }
        catch (JsonException e)
        {
            return Fail("proofs.json", $"The proofs are malformed: {e.Message}");
        }

        // The head: its text rebuilt from its fields, never taken from the file.
        headId = (long)head["id"]!;
        if ((string?)head["keyId"] != keyId) return Fail("head.json", $"The head names key '{head["keyId"]}', not the trusted key '{keyId}'.");
        var createdAt = DateTimeOffset.Parse((string)head["createdAt"]!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var payload = StoredDigest.HeadPayload((long)head["coveredSequence"]!, (long)head["streamCount"]!, (long)head["treeSize"]!, (string)head["root"]!,
            (string)head["logRoot"]!, createdAt);
        if (!LedgerSigningKey.Verify(publicKey, payload, (string)head["signature"]!)) return Fail("head.json", "The head's signature does not verify.");
        var treeSize = (long)head["treeSize"]!;
        var logRoot = Convert.FromHexString((string)head["logRoot"]!);
        if ((long)proofs["treeSize"]! != treeSize || (string?)proofs["logRoot"] != (string)head["logRoot"]!)
            return Fail("proofs.json", "The proofs are for another tree than the signed head.");

        // Events: hash, inclusion, then the chain of each stream and the personal signatures.
        var byStream = new Dictionary<Guid, SortedDictionary<long, (string Hash, string Previous, string File)>>();
        var registeredKeys = new Dictionary<string, (string Account, string PublicKey)>();
        var signed = new List<(string File, string Headers)>();
        foreach (var e in proofs["events"]!.AsArray())
        {
            var file = (string)e!["file"]!;
            if (!files.TryGetValue(file, out var bytes)) return Fail(file, "An event file is missing.");
            var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (hash != (string)e["hash"]!) return Fail(file, "The event's bytes do not hash to the listed hash.");
            var lines = Encoding.UTF8.GetString(bytes).Split('\n');
            var stream = (Guid)e["streamId"]!;
            var version = (long)e["version"]!;
            if (lines.Length != 11 || lines[0] != LedgerSchema.CanonicalPrefix || lines[1] != stream.ToString() || lines[2] != version.ToString(CultureInfo.InvariantCulture))
                return Fail(file, "The event's canonical text is malformed or names another stream or version.");
            var proof = e["inclusionProof"]!.AsArray().Select(p => Convert.FromHexString((string)p!)).ToList();
            if (!MerkleLog.VerifyInclusion((long)e["leafIndex"]!, treeSize, MerkleLog.LeafHash(stream, version, hash), proof, logRoot))
                return Fail(file, $"The inclusion proof of version {version} of stream {stream} does not lead to the signed log root.");
            if (!byStream.TryGetValue(stream, out var versions)) byStream[stream] = versions = [];
            if (!versions.TryAdd(version, (hash, lines[10], file))) return Fail(file, "The event appears twice.");
            if (lines[3] == "account_signing_key_registered")
            {
                var data = JsonNode.Parse(lines[4])!;
                if ((string?)data["keyId"] is { } k && (string?)data["publicKey"] is { } pk) registeredKeys[k] = ((string?)data["accountId"] ?? "", pk);
            }
            if (lines[5].Length > 0 && JsonNode.Parse(lines[5])?[PersonalSignature.Header] is not null) signed.Add((file, lines[5]));
            events++;
        }

        foreach (var s in proofs["streams"]!.AsArray())
        {
            var stream = (Guid)s!["streamId"]!;
            long from = (long)s["fromVersion"]!, to = (long)s["toVersion"]!;
            if (!byStream.TryGetValue(stream, out var versions)) return Fail("proofs.json", $"Stream {stream} has no events in the bundle.");
            string? previous = from == 1 ? LedgerSchema.Genesis : null;
            for (var v = from; v <= to; v++)
            {
                if (!versions.TryGetValue(v, out var ev)) return Fail("proofs.json", $"Version {v} of stream {stream} is missing from the bundle.");
                if (previous is not null && ev.Previous != previous)
                    return Fail(ev.File, $"Version {v} of stream {stream} does not link to the version before it (the previous hash differs).");
                previous = ev.Hash;
            }
            if (versions.Count != to - from + 1) return Fail("proofs.json", $"Stream {stream} holds versions outside {from}–{to}.");
            streamsChecked++;
        }
        if (byStream.Count != streamsChecked) return Fail("proofs.json", "Some events belong to no listed stream.");

        foreach (var (file, headers) in signed)
        {
            var node = JsonNode.Parse(headers)!;
            var signature = node[PersonalSignature.Header]!;
            var key = (string?)signature["keyId"] ?? "";
            if (!registeredKeys.TryGetValue(key, out var registered)) return Fail(file, $"The personal signature's key '{key}' is not registered in the bundle.");
            if ((string?)node["actorId"] != registered.Account) return Fail(file, "The personal signature's key belongs to someone other than the actor.");
            if (!LedgerSigningKey.Verify(registered.PublicKey, (string?)signature["payload"] ?? "", (string?)signature["value"] ?? ""))
                return Fail(file, "The personal signature does not verify.");
            signatures++;
        }
        // The files are all proven; the container around them must be exactly the canonical one, so no byte of the zip
        // (a header field, an appended blob) can change unnoticed.
        if (!Zip(files).AsSpan().SequenceEqual(zipBytes))
            return Fail(null, "The zip container differs from the bundle's canonical layout: bytes outside the proven files were changed.");
        return new BundleVerification(true, events, streamsChecked, signatures, headId, keyId, pinned, null, null);
    }

    /// <summary>The SHA-256 of a bundle's manifest (what its download is recorded with).</summary>
    public static string ManifestSha256(byte[] zipBytes)
    {
        using var zip = new ZipArchive(new MemoryStream(zipBytes), ZipArchiveMode.Read);
        using var manifest = zip.GetEntry("manifest.json")!.Open();
        return Convert.ToHexStringLower(SHA256.HashData(manifest));
    }

    private static string Micro(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static string PublicPem(string spkiBase64) =>
        "-----BEGIN PUBLIC KEY-----\n" + string.Join('\n', Convert.ToBase64String(Convert.FromBase64String(spkiBase64)).Chunk(64).Select(c => new string(c)))
        + "\n-----END PUBLIC KEY-----\n";

    private static string Readme(StoredDigest head, int events) => $$"""
        # 安嘉行 账本证据包 / AnJiaXing ledger evidence bundle ({{Format}})

        This bundle proves {{events}} events of the AnJiaXing ledger without access to its database. It holds:

        - `events/<sequence>-<stream>-<version>.txt` — each event's canonical text, byte for byte what was hashed:
          `anjiaxing-ledger/v1 LF stream_id LF version LF type LF data LF headers LF user_name LF correlation_id LF
          causation_id LF timestamp LF previous_hash`; its hash is the lower-case hex SHA-256 of the file.
        - `proofs.json` — per event its hash, its index in the append-only Merkle log and its RFC 9162 inclusion proof
          (audit path, leaf to root); per stream the versions included (from version 1 the chain starts at 64 zeros).
        - `head.json` — the signed tree head {{head.Id}}: tree size {{head.EventCount}}, log root `{{head.LogRoot}}`, key `{{head.KeyId}}`.
          Signed text: `anjiaxing-ledger-head/v2 LF covered_sequence LF stream_count LF tree_size LF root LF log_root LF
          created_at`, ECDSA P-256 with SHA-256, IEEE P1363 signature, base64.
        - `public-key.pem` — the public key of the service's ledger key. Compare its key id (first 16 hex digits of the
          SHA-256 of the DER SubjectPublicKeyInfo) with a key you obtained independently; pin it when verifying.
        - `manifest.json` and `manifest.sig` — the SHA-256 of every other file, signed with the same key: any change to
          any byte of the bundle fails.
        - `investigation.json` (when present) — the findings the events support.

        ## Verify
        1. `manifest.sig` verifies over the bytes of `manifest.json`; every file matches its hash; no file is unlisted.
        2. The head's signature verifies over the text rebuilt from `head.json`'s fields.
        3. For every event: SHA-256(file) equals its hash; leaf = SHA-256(0x00 ‖ "stream_id LF version LF hash");
           the inclusion proof from the leaf at `leafIndex` in a tree of `treeSize` leaves gives `logRoot` (RFC 9162 §2.1.3.2:
           node = SHA-256(0x01 ‖ left ‖ right)).
        4. Per stream: each version's last line (previous hash) is the hash of the version before (64 zeros for version 1).
        5. A personal signature (`signature` in the headers) verifies with the key its actor registered
           (`account_signing_key_registered`, included in the bundle and proven like every other event).

        With .NET: `dotnet AnJiaXing.Api.dll ledger verify-bundle <this.zip> --public-key <pem or base64>`.
        With Python 3 and `cryptography`: `python3 verify_bundle.py <this.zip> [public-key.pem]` (the script in the
        service's `docs/adr/0013-tamper-evident-ledger.md`, also `scripts/verify_bundle.py`).

        """;
}
