namespace AnJiaXing.Platform.Http;

/// <summary>The body of a 201: <c>{ id, version }</c>, with the new resource's address in <c>Location</c>.</summary>
public sealed record CreatedResponse(Guid Id, long Version)
{
    public static IResult At(string location, Guid id, long version) =>
        Results.Created(location, new CreatedResponse(id, version));
}
