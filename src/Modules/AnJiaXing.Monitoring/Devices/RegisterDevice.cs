using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Wolverine.Http;

namespace AnJiaXing.Monitoring.Devices;

public sealed record RegisterDevice(Guid EnterpriseId, DeviceKind Kind, string Name, string[]? MonitoringPointCodes, string? StreamUrl);

public sealed class RegisterDeviceValidator : AbstractValidator<RegisterDevice>
{
    public RegisterDeviceValidator()
    {
        RuleFor(x => x.EnterpriseId).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请选择企业", "Choose the enterprise"));
        RuleFor(x => x.Kind).IsInEnum();
        RuleFor(x => x.Name).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请填写设备名称", "Give the equipment's name")).MaximumLength(200).WithMessage(_ => ProblemLanguage.Say("名称最多 200 字", "A name has at most 200 characters"));
        RuleFor(x => x.MonitoringPointCodes).Must(c => c is null || c.Length <= 200).WithMessage(_ => ProblemLanguage.Say("一个设备最多绑定 200 个监测点", "A device is bound to at most 200 monitoring points"))
            .Must(c => c is null || c.Distinct(StringComparer.Ordinal).Count() == c.Length).WithMessage(_ => ProblemLanguage.Say("监测点不能重复", "Monitoring points must be distinct"));
        When(x => x.Kind == DeviceKind.Sensor, () =>
        {
            RuleFor(x => x.MonitoringPointCodes).NotEmpty().WithMessage(_ => ProblemLanguage.Say("传感器至少绑定一个监测点", "A sensor is bound to at least one monitoring point"));
            RuleFor(x => x.StreamUrl).Empty().WithMessage(_ => ProblemLanguage.Say("传感器没有视频流地址", "A sensor has no stream address"));
        });
        When(x => x.Kind == DeviceKind.Video, () =>
        {
            RuleFor(x => x.StreamUrl).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请填写视频流地址（HLS .m3u8）", "Give the stream address (HLS .m3u8)"))
                .MaximumLength(1000)
                .Must(u => Uri.TryCreate(u, UriKind.RelativeOrAbsolute, out var uri)
                           && (!uri.IsAbsoluteUri || uri.Scheme is "http" or "https"))
                .WithMessage(_ => ProblemLanguage.Say("视频流地址应为 http(s) 地址或本站路径", "The stream address must be an http(s) address or a path on this site"));
            RuleFor(x => x.MonitoringPointCodes).Empty().WithMessage(_ => ProblemLanguage.Say("摄像头不绑定监测点", "A camera is bound to no monitoring point"));
        });
    }
}

/// <summary>The answer to a device registration: <c>deviceKey</c> once, in the first answer only.</summary>
public sealed record DeviceRegisteredResponse(Guid Id, long Version, string? DeviceKey);

public static class RegisterDeviceEndpoint
{
    /// <summary>
    /// Registers a sensor (with its key, shown once) or a camera. Retried with the same <c>Idempotency-Key</c> it answers
    /// the same id with <c>deviceKey: null</c>: the idempotency record keeps only what may be shown twice (a key is never
    /// stored in the clear). A client that lost the first answer revokes the key and registers the device again.
    /// </summary>
    [Authorize]
    [WolverinePost("/api/devices", OperationId = "RegisterDevice")]
    [IdempotentCreate]
    public static async Task<IResult> Post(RegisterDevice command, ClaimsPrincipal user, HttpContext http, IDocumentSession session,
        CancellationToken ct)
    {
        var caller = Caller.From(user);
        var enterprise = await session.LoadAsync<Organisation>(command.EnterpriseId, ct);
        if (enterprise is not { Kind: OrganisationKind.Enterprise }) throw ApiProblemException.NotFound(Noun.Enterprise, command.EnterpriseId);
        var townId = enterprise.TownId ?? Guid.Empty;
        caller.Scope.HideUnlessCoversEnterprise(enterprise.Id, townId, enterprise.Domains, Noun.Enterprise);
        if (!MajorHazardSourceAccess.MayRegister(caller)) throw ApiProblemException.Forbidden(ProblemLanguage.Say("您的角色不能登记设备。", "Your role may not register devices."));

        var codes = command.MonitoringPointCodes ?? [];
        if (codes.Length > 0)
        {
            var points = await session.LoadManyAsync<MonitoringPoint>(ct, codes);
            var foreign = codes.Except(points.Where(p => p.EnterpriseId == enterprise.Id).Select(p => p.Id)).ToList();
            if (foreign.Count > 0)
                throw ApiProblemException.Validation("monitoringPointCodes", ProblemLanguage.Say($"本企业没有这些监测点：{string.Join("、", foreign)}", $"The enterprise has no such monitoring points: {string.Join(", ", foreign)}"));
        }

        var id = Guid.CreateVersion7();
        var key = command.Kind == DeviceKind.Sensor ? DeviceKeys.Issue(id) : null;
        session.Events.StartStream<DeviceView>(id, new DeviceRegistered(id, enterprise.Id, enterprise.Name, townId, [.. enterprise.Domains],
            command.Kind, command.Name.Trim(), codes, command.StreamUrl, key?.Fingerprint, caller.Actor));
        if (key is not null)
        {
            session.Store(new DeviceCredential { Id = id, KeyHash = key.Hash, Fingerprint = key.Fingerprint });
            // Telemetry finds a key's town by the district's StreamHome, which the replication writes a moment after this
            // commit: written ahead, so a sensor installed with its new key is recognised at once.
            await DistrictHomes.WriteAheadAsync(session, [id], ct);
        }

        http.AnswerVersion(1);
        return new DeviceCreatedResult($"/api/devices/{id}", new DeviceRegisteredResponse(id, 1, key?.Key));
    }

    /// <summary>
    /// A 201 that writes the key but shows the idempotency record (which reads <see cref="IValueHttpResult.Value"/>) the
    /// answer without it.
    /// </summary>
    private sealed class DeviceCreatedResult(string location, DeviceRegisteredResponse body)
        : IResult, IStatusCodeHttpResult, IValueHttpResult, IEndpointMetadataProvider
    {
        public int? StatusCode => StatusCodes.Status201Created;
        public object? Value => body with { DeviceKey = null };
        public string Location => location;

        public Task ExecuteAsync(HttpContext http) => Results.Created(location, body).ExecuteAsync(http);

        public static void PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder) =>
            builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status201Created, typeof(DeviceRegisteredResponse), ["application/json"]));
    }
}
