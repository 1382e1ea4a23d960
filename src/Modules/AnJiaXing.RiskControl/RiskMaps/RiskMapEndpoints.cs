using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.RiskControl.RiskMaps;

public sealed record PublishRiskMap(Guid EvidenceId, RiskMapPlacement[] Placements, long? ExpectedVersion = null);

public sealed class PublishRiskMapValidator : AbstractValidator<PublishRiskMap>
{
    public PublishRiskMapValidator()
    {
        RuleFor(x => x.EvidenceId).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请先上传厂区平面图（/api/evidence），再填写其 evidenceId。", "Upload the site plan first (/api/evidence), then give its evidenceId."));
        RuleFor(x => x.Placements).NotNull().Must(p => p is null || p.Length <= 500).WithMessage(_ => ProblemLanguage.Say("一张四色图最多标注 500 个风险点。", "A risk map places at most 500 risk points."))
            .Must(p => p is null || p.Select(x => x?.RiskPointId).Distinct().Count() == p.Length).WithMessage(_ => ProblemLanguage.Say("同一风险点只能标注一次。", "A risk point is placed once only."));
        RuleForEach(x => x.Placements).ChildRules(p =>
        {
            p.RuleFor(x => x.RiskPointId).NotEmpty();
            p.RuleFor(x => x.X).InclusiveBetween(0, 1).WithMessage(_ => ProblemLanguage.Say("x 须在 0 至 1 之间（占图片宽度的比例）。", "x must be between 0 and 1 (a fraction of the image's width)."));
            p.RuleFor(x => x.Y).InclusiveBetween(0, 1).WithMessage(_ => ProblemLanguage.Say("y 须在 0 至 1 之间（占图片高度的比例）。", "y must be between 0 and 1 (a fraction of the image's height)."));
        });
    }
}

/// <summary>A placement as read: where, and the point's current name, level and colour.</summary>
public sealed record RiskMapMarker(Guid RiskPointId, string Name, double X, double Y, RiskLevel Level, string Colour);

/// <summary><c>GET /api/enterprises/{id}/risk-map</c>: the plan and its markers in their current colours.</summary>
public sealed record RiskMapAnswer(Guid EnterpriseId, long Version, Guid EvidenceId, IReadOnlyList<RiskMapMarker> Placements, DateTimeOffset PublishedAt);

public static class RiskMapEndpoints
{
    public static Guid MapIdOf(Guid enterpriseId) => StableId.For($"risk-map/{enterpriseId:N}");

    private static readonly CommandRules<RiskMapView> Publish = new(new Noun("风险四色图", "Risk map"), (_, _) => true, (_, _) => true, _ => "", null);

    /// <summary>
    /// Publishes the enterprise's four-colour map: the uploaded site plan and the placements of its own risk points. The
    /// first publication starts the map's stream; later ones need the current version (If-Match) like every command.
    /// </summary>
    [Authorize]
    [WolverinePut("/api/enterprises/{id}/risk-map", OperationId = "PublishRiskMap")]
    public static async Task<RiskMapAnswer> Put(Guid id, PublishRiskMap command, ClaimsPrincipal user, HttpContext http,
        IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var enterprise = await session.LoadAsync<Organisation>(id, ct) is { Kind: OrganisationKind.Enterprise } e ? e : throw ApiProblemException.NotFound(Noun.Enterprise, id);
        var domain = enterprise.Domains.FirstOrDefault(IndustryDomain.Other);
        caller.Scope.HideUnlessCoversEnterprise(enterprise.Id, enterprise.TownId ?? Guid.Empty, enterprise.Domains, Noun.Enterprise);
        if (!RiskPointAccess.MayManage(caller, false)) throw ApiProblemException.Forbidden(ProblemLanguage.Say("您的角色不能发布该企业的四色图。", "Your role may not publish this enterprise's risk map."));

        var ids = command.Placements.Select(p => p.RiskPointId).ToArray();
        var points = (await session.LoadManyAsync<RiskPointView>(ct, ids)).ToDictionary(p => p.Id);
        foreach (var pid in ids)
            if (!points.TryGetValue(pid, out var p) || p.EnterpriseId != enterprise.Id)
                throw ApiProblemException.Validation("placements", ProblemLanguage.Say($"风险点 {pid} 不是“{enterprise.Name}”的风险点。", $"Risk point {pid} is not a risk point of '{enterprise.Name}'."));

        var mapId = MapIdOf(enterprise.Id);
        var plan = (await session.TakeIntoUseAsync([command.EvidenceId], caller,
            new EvidenceUse(mapId, enterprise.Id, enterprise.TownId ?? Guid.Empty, domain), ct))[0];
        var published = new RiskMapPublished(mapId, enterprise.Id, plan, command.Placements, caller.Actor);

        long version;
        if (await session.Events.FetchStreamStateAsync(mapId, ct) is null)
        {
            if (ExpectedVersion.From(http, command.ExpectedVersion) is > 0 and var v)
                throw ApiProblemException.Conflict(ProblemLanguage.Say($"四色图尚未发布，版本 {v} 不存在。", $"No risk map is published yet; version {v} does not exist."), new Dictionary<string, object?> { ["currentVersion"] = 0 });
            session.Events.StartStream<RiskMapView>(mapId, published);
            version = 1;
            http.AnswerVersion(1);
        }
        else
        {
            version = (await http.ExecuteAsync(session, mapId, command.ExpectedVersion, Publish, (_, _) => CommandPath.One(published), ct)).Version;
        }
        return Answer(enterprise.Id, version, plan.Id, command.Placements, points, clock.GetUtcNow());
    }

    [Authorize]
    [WolverineGet("/api/enterprises/{id}/risk-map", OperationId = "GetRiskMap")]
    public static async Task<RiskMapAnswer> Get(Guid id, ClaimsPrincipal user, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var enterprise = await session.LoadAsync<Organisation>(id, ct) is { Kind: OrganisationKind.Enterprise } e ? e : throw ApiProblemException.NotFound(Noun.Enterprise, id);
        Caller.From(user).Scope.HideUnlessCoversEnterprise(enterprise.Id, enterprise.TownId ?? Guid.Empty, enterprise.Domains, Noun.Enterprise);
        var map = await session.LoadAsync<RiskMapView>(MapIdOf(id), ct) ?? throw ApiProblemException.NotFound("企业风险四色图", "Risk map of enterprise", id);
        var points = (await session.LoadManyAsync<RiskPointView>(ct, map.Placements.Select(p => p.RiskPointId).ToArray())).ToDictionary(p => p.Id);
        http.AnswerVersion(map.Version);
        return Answer(id, map.Version, map.Plan.Id, map.Placements, points, map.PublishedAt);
    }

    private static RiskMapAnswer Answer(Guid enterpriseId, long version, Guid evidenceId, IEnumerable<RiskMapPlacement> placements,
        Dictionary<Guid, RiskPointView> points, DateTimeOffset at) =>
        new(enterpriseId, version, evidenceId, placements.Where(p => points.ContainsKey(p.RiskPointId)).Select(p =>
        {
            var point = points[p.RiskPointId];
            return new RiskMapMarker(p.RiskPointId, point.Name, p.X, p.Y, point.Level, point.Colour);
        }).ToList(), at);
}
