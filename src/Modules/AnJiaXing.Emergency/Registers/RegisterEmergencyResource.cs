using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Emergency.Registers;

/// <summary>
/// The body of a create (POST) or an update (PUT, every field as it should be) of any register. The owner — an
/// enterprise, a town, or neither for the district — is chosen on create and never changes.
/// </summary>
public sealed record EmergencyResourceData(
    string Name,
    Guid? EnterpriseId = null,
    Guid? TownId = null,
    string? Category = null,
    string? Location = null,
    double? Latitude = null,
    double? Longitude = null,
    decimal? Quantity = null,
    string? Unit = null,
    string? Keeper = null,
    DateOnly? ExpiresOn = null,
    int? Members = null,
    string? Equipment = null,
    string? Leader = null,
    string? Phone = null,
    string? Speciality = null,
    string? WorkUnit = null,
    DateOnly? LastInspectedOn = null,
    string? Remarks = null,
    long? ExpectedVersion = null)
{
    public EmergencyResourceDetails Details => new(Name, Category, Location, Latitude, Longitude, Quantity, Unit, Keeper, ExpiresOn,
        Members, Equipment, Leader, Phone, Speciality, WorkUnit, LastInspectedOn, Remarks);
}

public sealed class EmergencyResourceDataValidator : AbstractValidator<EmergencyResourceData>
{
    public EmergencyResourceDataValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请填写名称。", "Give the name.")).MaximumLength(200);
        RuleFor(x => x.Category).MaximumLength(100);
        RuleFor(x => x.Location).MaximumLength(500);
        RuleFor(x => x.Unit).MaximumLength(20);
        RuleFor(x => x.Keeper).MaximumLength(100);
        RuleFor(x => x.Equipment).MaximumLength(2000);
        RuleFor(x => x.Leader).MaximumLength(100);
        RuleFor(x => x.Phone).MaximumLength(50);
        RuleFor(x => x.Speciality).MaximumLength(200);
        RuleFor(x => x.WorkUnit).MaximumLength(200);
        RuleFor(x => x.Remarks).MaximumLength(2000);
        RuleFor(x => x.Quantity).GreaterThanOrEqualTo(0).WithMessage(_ => ProblemLanguage.Say("数量不能为负。", "The quantity cannot be negative."));
        RuleFor(x => x.Members).InclusiveBetween(0, 10_000).WithMessage(_ => ProblemLanguage.Say("人数应在 0–10000 之间。", "Members must be between 0 and 10000."));
        RuleFor(x => x.Latitude).InclusiveBetween(-90, 90);
        RuleFor(x => x.Longitude).InclusiveBetween(-180, 180);
        RuleFor(x => x).Must(x => x.Latitude.HasValue == x.Longitude.HasValue)
            .WithName("latitude").WithMessage(_ => ProblemLanguage.Say("经纬度须同时填写或同时不填。", "Give both latitude and longitude, or neither."));
    }
}

public static class RegisterEmergencyResourceEndpoint
{
    /// <summary>Adds an entry to a register (supplies, fire-stations, teams, experts, fire-facilities) → 201 <c>{ id, version }</c>.</summary>
    [Authorize]
    [WolverinePost("/api/emergency/{register}", OperationId = "RegisterEmergencyResource")]
    [IdempotentCreate]
    public static async Task<IResult> Post(string register, EmergencyResourceData command, HttpContext http, IDocumentSession session,
        CancellationToken ct)
    {
        var kind = EmergencyResources.Parse(register);
        var caller = Caller.From(http.User);
        var owner = await session.ResolveOwnerAsync(caller, command.EnterpriseId, command.TownId, ct);
        var id = Guid.CreateVersion7();
        session.Events.StartStream<EmergencyResourceView>(id, EmergencyResources.Register(id, kind, owner, command.Details, caller.Actor));
        http.AnswerVersion(1);
        return CreatedResponse.At($"/api/emergency/{register}/{id}", id, 1);
    }
}
