using JasperFx.CommandLine;
using Npgsql;
using System.Text.Json;

namespace AnJiaXing.Platform.Ledger;

public class LedgerInput
{
    [Description("What to do: verify (the database) or verify-bundle (an investigation's zip, no database needed)")]
    public string Verb { get; set; } = "verify";

    [Description("The bundle to check (verify-bundle)")]
    public string Bundle { get; set; } = "";

    [Description("PostgreSQL connection string (default: ConnectionStrings__AnJiaXing)")]
    [FlagAlias("connection", 'c')]
    public string ConnectionFlag { get; set; } = "";

    [Description("Verify one stream only")]
    [FlagAlias("stream", 's')]
    public string StreamFlag { get; set; } = "";

    [Description("Report this head's stream-heads root instead of the latest's")]
    [FlagAlias("digest", 'd')]
    public long DigestFlag { get; set; }

    [Description("Trust heads (and bundles) signed by this public key (base64 SubjectPublicKeyInfo or a PEM file)")]
    [FlagAlias("public-key", 'k')]
    public string PublicKeyFlag { get; set; } = "";

    [Description("Trust the public half of this PEM key file (default: AnJiaXing__Ledger__SigningKeyFile, or keys/ledger-signing.pem in the data folder)")]
    [FlagAlias("key-file", 'f')]
    public string KeyFileFlag { get; set; } = "";

    [Description("Check the database against heads exported earlier (a ledger-heads.jsonl file)")]
    [FlagAlias("against", 'a')]
    public string AgainstFlag { get; set; } = "";

    [Description("Print the whole result as one JSON document (for jq and scripts) instead of a summary line")]
    [FlagAlias("json", 'j')]
    public bool JsonFlag { get; set; }
}

/// <summary>
/// <c>dotnet run --project src/AnJiaXing.Api -- ledger verify --connection "…" [--key-file pem | --public-key …] [--against heads.jsonl]</c>:
/// the same verification as <c>GET /api/ledger/verify</c>, needing only the database (a restored backup will do; the
/// service may be stopped) and a trust anchor from outside it. Prints the result on stdout (a summary line, or with
/// <c>--json</c> the JSON document <c>GET /api/ledger/verify</c> answers) and nothing else; warnings and errors go to
/// stderr. Exits 0 when the ledger verifies, 1 when it does not, 2 when it could not be checked (no database, no bundle).
/// </summary>
[Description("Verify the tamper-evident ledger (hash chains, personal signatures, signed heads)", Name = "ledger")]
public class LedgerCommand : JasperFxAsyncCommand<LedgerInput>
{
    public LedgerCommand()
    {
        Usage("Verify the database's ledger").Arguments(x => x.Verb);
        Usage("Verify an evidence bundle offline: ledger verify-bundle <zip> [--public-key pem]").Arguments(x => x.Verb, x => x.Bundle);
    }

    /// <summary>JasperFx maps a false result to exit code 1 (did not verify); a check that could not run at all exits 2, so a
    /// script tells "tampered" from "unreachable".</summary>
    private const int CouldNotCheck = 2;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public override async Task<bool> Execute(LedgerInput input)
    {
        if (input.Verb == "verify-bundle") return VerifyBundle(input);
        if (input.Verb != "verify") return Refuse($"Unknown verb '{input.Verb}': use verify or verify-bundle.");

        var connection = string.IsNullOrWhiteSpace(input.ConnectionFlag)
            ? Environment.GetEnvironmentVariable("ConnectionStrings__AnJiaXing")
            : input.ConnectionFlag;
        if (await CommandLineOutput.DatabaseFaultAsync(connection) is { } fault) return Refuse(fault);

        var trusted = new List<TrustedLedgerKey>();
        if (!string.IsNullOrWhiteSpace(input.PublicKeyFlag))
            trusted.Add(new TrustedLedgerKey { PublicKey = File.Exists(input.PublicKeyFlag) ? File.ReadAllText(input.PublicKeyFlag) : input.PublicKeyFlag });
        else
        {
            var keyFile = !string.IsNullOrWhiteSpace(input.KeyFileFlag) ? input.KeyFileFlag
                : Environment.GetEnvironmentVariable("AnJiaXing__Ledger__SigningKeyFile") is { Length: > 0 } configured ? configured
                : Path.Combine(Environment.GetEnvironmentVariable("AnJiaXing__DataFolder") ?? ".data", LedgerOptions.DefaultKeyFile);
            if (File.Exists(keyFile)) trusted.Add(new TrustedLedgerKey { PublicKey = LedgerSigningKey.PublicKeyOfPem(File.ReadAllText(keyFile)) });
            else Console.Error.WriteLine($"No trusted key: {keyFile} does not exist (give --key-file or --public-key). Every signed head will fail.");
        }

        IReadOnlyList<ExportedHead>? against = null;
        if (!string.IsNullOrWhiteSpace(input.AgainstFlag))
        {
            var path = Directory.Exists(input.AgainstFlag) ? Path.Combine(input.AgainstFlag, LedgerExport.FileName) : input.AgainstFlag;
            against = LedgerExport.Read(path);
        }

        Guid? stream = Guid.TryParse(input.StreamFlag, out var s) ? s : null;
        LedgerVerification result;
        try
        {
            result = await new LedgerVerifier(() => new NpgsqlConnection(connection)).VerifyAsync(
                stream, input.DigestFlag > 0 ? input.DigestFlag : null, new LedgerTrust(trusted), against, CancellationToken.None);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
        {
            return Refuse($"No ledger in this database: {e.MessageText} (is it an AnJiaXing database, schema '{LedgerSchema.S}'?)");
        }
        catch (NpgsqlException e)
        {
            return Refuse($"The verification stopped: {e.Message.ReplaceLineEndings(" ")}");
        }
        Console.WriteLine(input.JsonFlag ? JsonSerializer.Serialize(result, Json) : Summary(result));
        return result.Ok;
    }

    /// <summary>One line a person reads; the JSON has every detail.</summary>
    internal static string Summary(LedgerVerification r)
    {
        var counted = $"{r.EventsChecked} events in {r.StreamsChecked} streams";
        var heads = r.Heads is { } h ? $", {h.Checked} signed heads" + (h.ExportedChecked > 0 ? $" ({h.ExportedChecked} against the export)" : "") : "";
        if (r.Ok) return $"OK: {counted}{heads} verified in {r.ElapsedMilliseconds} ms.";
        var why = r.FirstBreak is { } b ? $"stream {b.StreamId} version {b.Version}: {b.Reason}"
            : r.Heads is { Reason: { } headReason } hh ? $"head {hh.FailedHeadId}: {headReason}"
            : r.Digest is { Reason: { } digestReason } d ? $"head {d.Id}: {digestReason}"
            : "see --json for the details";
        return $"BROKEN: {why} ({counted}{heads} checked).";
    }

    private static bool Refuse(string line)
    {
        Console.Error.WriteLine(line);
        // Thrown instead, JasperFx would print the exception with its stack; returned false, it would exit 1.
        Environment.Exit(CouldNotCheck);
        return false;
    }

    /// <summary>Needs nothing but the zip (and, to pin the key, --public-key): no database, no configuration.</summary>
    private static bool VerifyBundle(LedgerInput input)
    {
        if (string.IsNullOrWhiteSpace(input.Bundle) || !File.Exists(input.Bundle))
            return Refuse($"Give the bundle: ledger verify-bundle <zip> ('{input.Bundle}' does not exist).");
        var pinned = string.IsNullOrWhiteSpace(input.PublicKeyFlag) ? null
            : File.Exists(input.PublicKeyFlag) ? File.ReadAllText(input.PublicKeyFlag) : input.PublicKeyFlag;
        if (pinned is null)
            Console.Error.WriteLine("No --public-key: checking against the key inside the bundle; compare its keyId with a key you trust.");
        var result = LedgerBundle.Verify(File.ReadAllBytes(input.Bundle), pinned);
        Console.WriteLine(input.JsonFlag ? JsonSerializer.Serialize(result, Json)
            : result.Ok ? $"OK: {result.EventsChecked} events in {result.StreamsChecked} streams, {result.PersonalSignaturesChecked} personal signatures, head {result.HeadId}, key {result.KeyId}{(result.KeyPinned ? " (pinned)" : " (the bundle's own)")}."
            : $"BROKEN: {(result.File is { } file ? file + ": " : "")}{result.Reason}");
        return result.Ok;
    }
}
