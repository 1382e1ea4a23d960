using System.Security.Claims;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.CityPlatform.Feed;

public static class DeliveriesEndpoints
{
    private static readonly Noun Delivery = new("城运推送", "City platform delivery");

    /// <summary><c>GET /api/integration/city/deliveries?status=Pending|Delivered|Failed&amp;hazardId=</c>: the feed's messages, oldest first.</summary>
    [Authorize]
    [WolverineGet("/api/integration/city/deliveries", OperationId = "SearchCityDeliveries")]
    public static async Task<PagedResult<CityDeliveryView>> Search(string? status, Guid? hazardId, int? page, int? pageSize,
        ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var caller = Caller.From(user);
        Access.RefuseUnless(CityAccess.SeesDeliveries(caller), ProblemLanguage.Say("只有区管理员和审计员可以查看向一网统管的推送记录。", "Only district admins and auditors see the deliveries to the city platform."));
        var paging = Paging.From(page, pageSize);
        CityDeliveryStatus? wanted = null;
        if (status is not null)
        {
            if (!Enum.TryParse<CityDeliveryStatus>(status, ignoreCase: false, out var s) || !Enum.IsDefined(s))
                throw ApiProblemException.Validation("status", ProblemLanguage.Say("status 应为 Pending、Delivered 或 Failed。", "status must be Pending, Delivered or Failed."));
            wanted = s;
        }
        IQueryable<CityDelivery> query = session.Query<CityDelivery>();
        if (wanted is { } w) query = query.Where(d => d.Status == w);
        if (hazardId is { } h) query = query.Where(d => d.HazardId == h);
        var found = await query.OrderBy(d => d.CreatedAt).ThenBy(d => d.HazardId).ThenBy(d => d.Version)
            .ToPagedListAsync(paging.Page, paging.PageSize, ct);
        return new PagedResult<CityDeliveryView>(found.Select(CityDeliveryView.Of).ToList(), paging.Page, paging.PageSize, found.TotalItemCount);
    }

    /// <summary>
    /// <c>POST /api/integration/city/deliveries/{id}/resend</c>: sends a message again (a dead-lettered one, or one the city
    /// asks for again): it becomes Pending with its attempts reset, and goes in its hazard's order. Same CloudEvents id.
    /// </summary>
    [Authorize]
    [WolverinePost("/api/integration/city/deliveries/{id}/resend", OperationId = "ResendCityDelivery")]
    public static async Task<CityDeliveryView> Resend(Guid id, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.From(user);
        Access.HideUnless(CityAccess.SeesDeliveries(caller), Delivery, id);
        var delivery = await session.LoadAsync<CityDelivery>(id, ct) ?? throw ApiProblemException.NotFound(Delivery, id);
        Access.RefuseUnless(CityAccess.MayResend(caller), ProblemLanguage.Say("只有区管理员可以重新推送。", "Only district admins re-send deliveries."));
        delivery.Status = CityDeliveryStatus.Pending;
        delivery.Attempts = 0;
        delivery.NextAttemptAt = clock.GetUtcNow();
        delivery.DeliveredAt = null;
        session.Store(delivery);
        await session.SaveChangesAsync(ct);
        return CityDeliveryView.Of(delivery);
    }
}
