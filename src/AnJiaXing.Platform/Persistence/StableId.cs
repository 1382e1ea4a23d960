using System.Security.Cryptography;
using System.Text;

namespace AnJiaXing.Platform.Persistence;

/// <summary>
/// A name-based (RFC 9562 version 5) Guid: the same key gives the same id in every deployment, so content that
/// ships with the service (built-in checklists, knowledge documents) is published once and found again by key.
/// </summary>
public static class StableId
{
    private static readonly Guid Namespace = new("5b0b0a8e-6f43-4c1e-9d3a-a9e1c0a11a01");

    public static Guid For(string key)
    {
        var name = Encoding.UTF8.GetBytes(key);
        var ns = Namespace.ToByteArray(bigEndian: true);
        var hash = SHA1.HashData([.. ns, .. name]);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
