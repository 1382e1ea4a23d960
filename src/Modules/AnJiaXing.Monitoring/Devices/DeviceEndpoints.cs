using System.Security.Claims;
using FluentValidation;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Monitoring.Devices;

public sealed record RevokeDeviceKey(string Reason, long? ExpectedVersion = null);

public sealed class RevokeDeviceKeyValidator : AbstractValidator<RevokeDeviceKey>
{
    public RevokeDeviceKeyValidator()
    {
        RuleFor(x => x.Reason).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请填写吊销原因", "Give the reason for the revocation")).MaximumLength(500);
    }
}

public sealed record DeviceVersion(Guid Id, long Version);

public static class DeviceEndpoints
{
    /// <summary>Revokes a sensor's key (If-Match): telemetry with it answers 401 from the commit on.</summary>
    [Authorize]
    [WolverinePost("/api/devices/{id}/revoke-key", OperationId = "RevokeDeviceKey")]
    public static async Task<DeviceVersion> Post(Guid id, RevokeDeviceKey command, HttpContext http, IDocumentSession session, CancellationToken ct)
    {
        var outcome = await http.ExecuteAsync(session, id, command.ExpectedVersion, DeviceAccess.Revoke,
            (device, caller) => CommandPath.One(device.RevokeKey(command.Reason, caller.Actor)), ct);
        var credential = await session.LoadAsync<DeviceCredential>(id, ct);
        if (credential is not null)
        {
            credential.Revoked = true;
            session.Store(credential);
        }
        return new DeviceVersion(id, outcome.Version);
    }

    /// <summary>Devices in scope (the video page lists an enterprise's cameras with <c>kind=Video</c>).</summary>
    [Authorize]
    [WolverineGet("/api/devices", OperationId = "SearchDevices")]
    public static async Task<PagedResult<DeviceView>> Get(Guid? enterpriseId, DeviceKind? kind, int? page, int? pageSize,
        ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var paging = Paging.From(page, pageSize);
        var caller = Caller.From(user);
        var query = session.Query<DeviceView>().InScope(caller.Scope.Constraint,
            nameof(DeviceView.EnterpriseId), nameof(DeviceView.TownId), domains: nameof(DeviceView.Domains));
        if (enterpriseId is { } e) query = query.Where(d => d.EnterpriseId == e);
        if (kind is { } k) query = query.Where(d => d.Kind == k);
        var list = await query.OrderBy(d => d.Name).ToPagedListAsync(paging, ct);
        return new PagedResult<DeviceView>(list.ToList(), paging.Page, paging.PageSize, list.TotalItemCount);
    }
}
