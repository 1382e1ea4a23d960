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
}

/// <summary>
/// <c>dotnet run --project src/AnJiaXing.Api -- ledger verify --connection "…" [--key-file pem | --public-key …] [--against heads.jsonl]</c>:
/// the same verification as <c>GET /api/ledger/verify</c>, needing only the database (a restored backup will do; the
/// service may be stopped) and a trust anchor from outside it. Prints the result as JSON; exits non-zero when the
/// ledger does not verify.
/// </summary>
[Description("Verify the tamper-evident ledger (hash chains, personal signatures, signed heads)", Name = "ledger")]
public class LedgerCommand : JasperFxAsyncCommand<LedgerInput>
{
    public LedgerCommand()
    {
        Usage("Verify the database's ledger").Arguments(x => x.Verb);
        Usage("Verify an evidence bundle offline: ledger verify-bundle <zip> [--public-key pem]").Arguments(x => x.Verb, x => x.Bundle);
    }

    public override async Task<bool> Execute(LedgerInput input)
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true };
        if (input.Verb == "verify-bundle") return VerifyBundle(input, json);
        if (input.Verb != "verify")
        {
            Console.Error.WriteLine($"Unknown verb '{input.Verb}': use verify or verify-bundle.");
            return false;
        }

        var connection = string.IsNullOrWhiteSpace(input.ConnectionFlag)
            ? Environment.GetEnvironmentVariable("ConnectionStrings__AnJiaXing")
            : input.ConnectionFlag;
        if (string.IsNullOrWhiteSpace(connection))
        {
            Console.Error.WriteLine("Give --connection \"Host=…;Database=…;Username=…;Password=…\" or set ConnectionStrings__AnJiaXing.");
            return false;
        }

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
        var result = await new LedgerVerifier(() => new NpgsqlConnection(connection)).VerifyAsync(
            stream, input.DigestFlag > 0 ? input.DigestFlag : null, new LedgerTrust(trusted), against, CancellationToken.None);
        Console.WriteLine(JsonSerializer.Serialize(result, json));
        return result.Ok;
    }

    /// <summary>Needs nothing but the zip (and, to pin the key, --public-key): no database, no configuration.</summary>
    private static bool VerifyBundle(LedgerInput input, JsonSerializerOptions json)
    {
        if (string.IsNullOrWhiteSpace(input.Bundle) || !File.Exists(input.Bundle))
        {
            Console.Error.WriteLine($"Give the bundle: ledger verify-bundle <zip> ('{input.Bundle}' does not exist).");
            return false;
        }
        var pinned = string.IsNullOrWhiteSpace(input.PublicKeyFlag) ? null
            : File.Exists(input.PublicKeyFlag) ? File.ReadAllText(input.PublicKeyFlag) : input.PublicKeyFlag;
        if (pinned is null)
            Console.Error.WriteLine("No --public-key: checking against the key inside the bundle; compare its keyId with a key you trust.");
        var result = LedgerBundle.Verify(File.ReadAllBytes(input.Bundle), pinned);
        Console.WriteLine(JsonSerializer.Serialize(result, json));
        return result.Ok;
    }
}
