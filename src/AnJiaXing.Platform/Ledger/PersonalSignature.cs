using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Marten;

namespace AnJiaXing.Platform.Ledger;

/// <summary>
/// A person's own signature over a command (the "who signed"). The client sends
/// <c>X-Signature: keyId=&lt;id&gt;; signature=&lt;base64 ECDSA P-256/SHA-256 over the payload&gt;</c>, where the payload is
/// <c>"{METHOD} {path}\n{hex SHA-256 of the body bytes}"</c>. The service verifies it before the command runs
/// (400 when it does not verify) and stores it in the header <c>signature</c> of every event the command appends;
/// ledger verification checks it again against the registered key.
/// </summary>
public sealed record PersonalSignature(string KeyId, string Payload, string Value)
{
    public const string Header = "signature";
    public const string HttpHeader = "X-Signature";
    private const string ItemKey = "anjiaxing.personal-signature";

    public Dictionary<string, string> ToHeader() => new() { ["alg"] = "ES256", ["keyId"] = KeyId, ["payload"] = Payload, ["value"] = Value };

    public static PersonalSignature? FromJson(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object
        && e.TryGetProperty("keyId", out var k) && e.TryGetProperty("payload", out var p) && e.TryGetProperty("value", out var v)
            ? new PersonalSignature(k.GetString() ?? "", p.GetString() ?? "", v.GetString() ?? "")
            : null;

    public static void Remember(HttpContext http, PersonalSignature signature) => http.Items[ItemKey] = signature;

    public static PersonalSignature? Of(HttpContext? http) =>
        http is not null && http.Items.TryGetValue(ItemKey, out var s) ? s as PersonalSignature : null;

    public static string PayloadFor(string method, string path, byte[] body) =>
        $"{method.ToUpperInvariant()} {path}\n{Convert.ToHexStringLower(SHA256.HashData(body))}";
}

public static class PersonalSignatureMiddleware
{
    /// <summary>Checks a signed request after authentication; an unsigned request passes untouched.</summary>
    public static IApplicationBuilder UsePersonalSignatures(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var header = http.Request.Headers[PersonalSignature.HttpHeader].ToString();
        if (string.IsNullOrEmpty(header) || http.User.Identity?.IsAuthenticated != true)
        {
            await next(http);
            return;
        }

        var parts = header.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].ToLowerInvariant(), p => p[1]);
        if (!parts.TryGetValue("keyid", out var keyId) || !parts.TryGetValue("signature", out var value))
            throw ApiProblemException.Validation(PersonalSignature.HttpHeader, ProblemLanguage.Say("格式应为“keyId=<id>; signature=<base64>”。", "Expected 'keyId=<id>; signature=<base64>'."));

        http.Request.EnableBuffering();
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        http.Request.Body.Position = 0;
        var payload = PersonalSignature.PayloadFor(http.Request.Method, http.Request.Path.Value ?? "", buffer.ToArray());

        var caller = Caller.From(http.User);
        await using var session = http.RequestServices.GetRequiredService<IDocumentStore>().QuerySession();
        var account = await session.LoadAsync<Person>(caller.UserId, http.RequestAborted);
        var key = account?.SigningKeys.FirstOrDefault(k => k.KeyId == keyId);
        if (key is null)
            throw ApiProblemException.Validation(PersonalSignature.HttpHeader, ProblemLanguage.Say($"您没有已登记的签名密钥“{keyId}”。", $"You have no registered signing key '{keyId}'."));
        if (!LedgerSigningKey.Verify(key.PublicKey, payload, value))
            throw ApiProblemException.Validation(PersonalSignature.HttpHeader, ProblemLanguage.Say("签名与本请求不符，验证未通过。", "The signature does not verify for this request."));

        PersonalSignature.Remember(http, new PersonalSignature(keyId, payload, value));
        await next(http);
    });
}
