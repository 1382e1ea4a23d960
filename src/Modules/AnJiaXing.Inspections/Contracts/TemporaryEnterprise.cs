namespace AnJiaXing.Inspections.Contracts;

/// <summary>An enterprise not (yet) in the registry, checked in a temporary check (临时检查): known by name and address only.</summary>
public sealed record TemporaryEnterprise(string Name, string Address);
