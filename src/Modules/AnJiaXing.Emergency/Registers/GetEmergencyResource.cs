using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Emergency.Registers;

public static class GetEmergencyResourceEndpoint
{
    /// <summary>One entry of a register, with its <c>ETag</c>; outside the caller's scope (or of another register) it does not exist.</summary>
    [Authorize]
    [WolverineGet("/api/emergency/{register}/{id}", OperationId = "GetEmergencyResource")]
    public static async Task<EmergencyResourceView> Get(string register, Guid id, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var resource = await LoadVisibleAsync(register, id, http, session, ct);
        http.AnswerVersion(resource.Version);
        return resource;
    }

    /// <summary>Every event of the entry's stream, in order, with who acted.</summary>
    [Authorize]
    [WolverineGet("/api/emergency/{register}/{id}/history", OperationId = "GetEmergencyResourceHistory")]
    public static async Task<IReadOnlyList<EmergencyHistoryEntry>> History(string register, Guid id, HttpContext http, IQuerySession session,
        CancellationToken ct)
    {
        await LoadVisibleAsync(register, id, http, session, ct);
        return await EmergencyHistory.ReadAsync(session, id, ct);
    }

    private static async Task<EmergencyResourceView> LoadVisibleAsync(string register, Guid id, HttpContext http, IQuerySession session,
        CancellationToken ct)
    {
        var kind = EmergencyResources.Parse(register);
        var resource = await session.LoadAsync<EmergencyResourceView>(id, ct);
        if (resource is null || resource.Register != kind || !EmergencyAccess.Sees(Caller.From(http.User), resource))
            throw ApiProblemException.NotFound(EmergencyResources.Names[kind], id);
        return resource;
    }
}
