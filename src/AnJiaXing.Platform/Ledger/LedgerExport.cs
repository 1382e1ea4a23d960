using System.Text.Json;
using Microsoft.Extensions.Options;

namespace AnJiaXing.Platform.Ledger;

/// <summary>One signed head as exported (a JSON line of <c>ledger-heads.jsonl</c>); everything a verifier needs but the events.</summary>
public sealed record ExportedHead(
    long Id, long CoveredSequence, long StreamCount, long EventCount, string Root, string? LogRoot, string? ConsistencyProof,
    DateTimeOffset CreatedAt, string KeyId, string PublicKey, string Signature)
{
    public StoredDigest ToDigest() => new(Id, CoveredSequence, StreamCount, EventCount, Root, CreatedAt, KeyId, PublicKey, Signature, LogRoot, ConsistencyProof);

    public static ExportedHead From(StoredDigest d) =>
        new(d.Id, d.CoveredSequence, d.StreamCount, d.EventCount, d.Root, d.LogRoot, d.ConsistencyProof, d.CreatedAt, d.KeyId, d.PublicKey, d.Signature);
}

/// <summary>
/// Heads leave the box: each signed head is appended as one JSON line to <c>ledger-heads.jsonl</c> in
/// <c>AnJiaXing:Ledger:ExportFolder</c> (default: ledger-export in the data folder), to be copied or mounted elsewhere.
/// <c>ledger verify --against</c> checks a database against such a file.
/// </summary>
public sealed class LedgerExport(IOptions<AnJiaXingOptions> options, IOptions<LedgerOptions> ledger)
{
    public const string FileName = "ledger-heads.jsonl";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string FilePath => Path.Combine(ledger.Value.ResolvedExportFolder(options.Value), FileName);

    /// <summary>The export of a town's own database (ADR 0030): beside the district's, named by the town.</summary>
    public string FilePathOf(Guid town) => Path.Combine(ledger.Value.ResolvedExportFolder(options.Value), $"ledger-heads-{town:D}.jsonl");

    public async Task AppendAsync(StoredDigest head, CancellationToken ct, Guid? town = null)
    {
        var path = town is { } t ? FilePathOf(t) : FilePath;
        var line = JsonSerializer.Serialize(ExportedHead.From(head), Json) + "\n";
        await Gate.WaitAsync(ct);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
            await file.WriteAsync(System.Text.Encoding.UTF8.GetBytes(line), ct);
            await file.FlushAsync(ct);
        }
        finally
        {
            Gate.Release();
        }
    }

    public static IReadOnlyList<ExportedHead> Read(string path) =>
        File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => JsonSerializer.Deserialize<ExportedHead>(l, Json)!).ToList();
}
