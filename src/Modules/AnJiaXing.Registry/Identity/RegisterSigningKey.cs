using System.Security.Claims;
using System.Security.Cryptography;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Registry.Identity;

/// <summary>An ECDSA P-256 public key as base64 SubjectPublicKeyInfo, or PEM ("-----BEGIN PUBLIC KEY-----").</summary>
public sealed record RegisterSigningKey(string PublicKey);

public sealed class RegisterSigningKeyValidator : AbstractValidator<RegisterSigningKey>
{
    public RegisterSigningKeyValidator() => RuleFor(x => x.PublicKey).NotEmpty().MaximumLength(4000);
}

public sealed record SigningKeyRegistered(string KeyId, string PublicKey);

public static class RegisterSigningKeyEndpoint
{
    [Authorize]
    [WolverinePost("/api/me/signing-keys", OperationId = "RegisterSigningKey")]
    [IdempotentCreate]
    public static async Task<SigningKeyRegistered> Post(RegisterSigningKey command, ClaimsPrincipal user, IDocumentSession session, HttpContext http, CancellationToken ct)
    {
        var spki = Normalise(command.PublicKey);
        var caller = Caller.From(user);
        var keyId = LedgerSigningKey.KeyIdOf(spki);
        // One's own account only: the stream is the caller's.
        var own = new CommandRules<UserAccount>(AccountAccess.Name, (c, a) => a.Id == c.UserId, (c, a) => a.Id == c.UserId,
            _ => ProblemLanguage.Say("只能为自己的账号登记密钥。", "Keys are registered on one's own account only."));
        await http.ExecuteAsync(session, caller.UserId, null, own, (account, c) =>
            account.SigningKeys.Any(k => k.KeyId == keyId)
                ? throw ApiProblemException.Conflict(ProblemLanguage.Say($"密钥“{keyId}”已登记。", $"The key '{keyId}' is already registered."))
                : CommandPath.One(new AccountSigningKeyRegistered(c.UserId, keyId, spki, c.Actor)), ct);
        return new SigningKeyRegistered(keyId, spki);
    }

    private static string Normalise(string text)
    {
        try
        {
            using var key = ECDsa.Create();
            if (text.Contains("-----BEGIN", StringComparison.Ordinal)) key.ImportFromPem(text);
            else key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(text.Trim()), out _);
            if (key.KeySize != 256) throw ApiProblemException.Validation("publicKey", ProblemLanguage.Say("只接受 ECDSA P-256 密钥。", "Only ECDSA P-256 keys are accepted."));
            return Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());
        }
        catch (Exception e) when (e is FormatException or CryptographicException or ArgumentException)
        {
            throw ApiProblemException.Validation("publicKey", ProblemLanguage.Say("不是 ECDSA P-256 公钥（须为 base64 SubjectPublicKeyInfo 或 PEM）。", "Not an ECDSA P-256 public key (base64 SubjectPublicKeyInfo or PEM)."));
        }
    }
}
