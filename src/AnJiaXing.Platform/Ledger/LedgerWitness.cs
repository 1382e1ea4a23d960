using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace AnJiaXing.Platform.Ledger;

/// <summary>
/// Heads leave the box over HTTP too: when <c>AnJiaXing:Ledger:WitnessUrl</c> is set, each sealed head is POSTed there
/// as the JSON of one export line (<see cref="ExportedHead"/>), so a witness outside the service's control holds every
/// head and can check each new one's consistency proof against the last it saw. A witness that is down does not stop
/// sealing: the head stays in the database and the export, and the failure is logged.
/// </summary>
public sealed class LedgerWitness(IHttpClientFactory clients, IOptions<LedgerOptions> options, ILogger<LedgerWitness> logger)
{
    public const string Client = "ledger-witness";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task SendAsync(StoredDigest head, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(options.Value.WitnessUrl)) return;
        try
        {
            using var response = await clients.CreateClient(Client).PostAsJsonAsync(options.Value.WitnessUrl, ExportedHead.From(head), Json, ct);
            if (!response.IsSuccessStatusCode)
                logger.LogError("The ledger witness answered {Status} for head {Id}", (int)response.StatusCode, head.Id);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            logger.LogError(e, "Sending ledger head {Id} to the witness failed", head.Id);
        }
    }
}
