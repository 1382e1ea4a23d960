namespace AnJiaXing.Registry.Contracts;

/// <summary>
/// A sign-in was refused: who tried (<see cref="Username"/>, the account if it exists), from where, why, and how many
/// failures the account has in the current window; <see cref="LockedOut"/> when this one locked the account.
/// Appended to the account name's own stream, so auditors read failed sign-ins like any other signed event.
/// </summary>
public sealed record SignInFailed(
    string Username, Guid? AccountId, string Reason, string? ClientIp, string? UserAgent, int FailuresInWindow, bool LockedOut, Actor By);
