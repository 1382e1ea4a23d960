
namespace AnJiaXing.Registry.Contracts;

/// <summary>The person registered an ECDSA P-256 public key (SubjectPublicKeyInfo, base64) to sign their commands with.</summary>
public sealed record AccountSigningKeyRegistered(Guid AccountId, string KeyId, string PublicKey, Actor By);
