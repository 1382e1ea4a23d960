using JasperFx.CommandLine;
using Npgsql;
using System.Text.Json;

namespace AnJiaXing.Platform.Ledger;

public enum LedgerVerb
{
    verify
}

public class LedgerInput
{
    [Description("What to do: verify")]
    public LedgerVerb Verb { get; set; } = LedgerVerb.verify;

    [Description("PostgreSQL connection string (default: ConnectionStrings__AnJiaXing)")]
    [FlagAlias("connection", 'c')]
    public string ConnectionFlag { get; set; } = "";

    [Description("Verify one stream only")]
    [FlagAlias("stream", 's')]
    public string StreamFlag { get; set; } = "";

    [Description("Check this digest instead of the latest")]
    [FlagAlias("digest", 'd')]
    public long DigestFlag { get; set; }

    [Description("Trust only digests signed by this public key (base64 SubjectPublicKeyInfo)")]
    [FlagAlias("public-key", 'k')]
    public string PublicKeyFlag { get; set; } = "";
}

/// <summary>
/// <c>dotnet run --project src/AnJiaXing.Api -- ledger verify --connection "…"</c>: the same verification as
/// <c>GET /api/ledger/verify</c>, needing only the database (a restored backup will do; the service may be stopped).
/// Prints the result as JSON; exits non-zero when the ledger does not verify.
/// </summary>
[Description("Verify the tamper-evident ledger (hash chains, personal signatures, signed digest)", Name = "ledger")]
public class LedgerCommand : JasperFxAsyncCommand<LedgerInput>
{
    public override async Task<bool> Execute(LedgerInput input)
    {
        var connection = string.IsNullOrWhiteSpace(input.ConnectionFlag)
            ? Environment.GetEnvironmentVariable("ConnectionStrings__AnJiaXing")
            : input.ConnectionFlag;
        if (string.IsNullOrWhiteSpace(connection))
        {
            Console.Error.WriteLine("Give --connection \"Host=…;Database=…;Username=…;Password=…\" or set ConnectionStrings__AnJiaXing.");
            return false;
        }

        Guid? stream = Guid.TryParse(input.StreamFlag, out var s) ? s : null;
        var result = await new LedgerVerifier(() => new NpgsqlConnection(connection)).VerifyAsync(
            stream, input.DigestFlag > 0 ? input.DigestFlag : null, string.IsNullOrWhiteSpace(input.PublicKeyFlag) ? null : input.PublicKeyFlag,
            CancellationToken.None);
        Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
        return result.Ok;
    }
}
