using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Emergency.Registers;

/// <summary>A register entry's id and version after a command.</summary>
public sealed record EmergencyRecordVersion(Guid Id, long Version);

public static class UpdateEmergencyResourceEndpoint
{
    /// <summary>Replaces an entry's details (PUT); <c>If-Match</c> or <c>expectedVersion</c> guards against lost updates.</summary>
    [Authorize]
    [WolverinePut("/api/emergency/{register}/{id}", OperationId = "UpdateEmergencyResource")]
    public static async Task<EmergencyRecordVersion> Put(string register, Guid id, EmergencyResourceData command, HttpContext http,
        IDocumentSession session, CancellationToken ct)
    {
        var kind = EmergencyResources.Parse(register);
        var outcome = await http.ExecuteAsync(session, id, command.ExpectedVersion, EmergencyResourceAccess.Keep, (current, caller) =>
        {
            if (current.Register != kind) throw ApiProblemException.NotFound(EmergencyResources.Names[kind], id);
            if ((command.EnterpriseId is { } e && e != current.EnterpriseId) || (command.TownId is { } t && t != current.TownId))
                throw ApiProblemException.Validation("enterpriseId", ProblemLanguage.Say("登记后不能变更归属单位。", "The owner of a registered resource cannot change."));
            return ValueTask.FromResult(EmergencyResources.Update(current, command.Details, caller.Actor));
        }, ct);
        return new EmergencyRecordVersion(id, outcome.Version);
    }
}
