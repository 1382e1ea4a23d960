using System.Security.Cryptography;
using System.Text;

namespace AnJiaXing.Platform.Ledger;

/// <summary>
/// The Merkle root over stream heads, RFC 6962 style: leaf = SHA-256(0x00 ‖ "streamId\nversion\nhash"),
/// node = SHA-256(0x01 ‖ left ‖ right), an odd node is carried up unchanged, the empty tree is SHA-256("").
/// Leaves are ordered by stream id (the Guid's canonical lower-case text, ordinal).
/// </summary>
public static class MerkleTree
{
    public sealed record Leaf(Guid StreamId, long Version, string Hash);

    public static string Root(IEnumerable<Leaf> leaves)
    {
        var level = leaves
            .OrderBy(l => l.StreamId.ToString(), StringComparer.Ordinal)
            .Select(l => SHA256.HashData([0x00, .. Encoding.UTF8.GetBytes($"{l.StreamId}\n{l.Version}\n{l.Hash}")]))
            .ToList();
        if (level.Count == 0) return Convert.ToHexStringLower(SHA256.HashData([]));

        while (level.Count > 1)
        {
            var next = new List<byte[]>((level.Count + 1) / 2);
            for (var i = 0; i < level.Count; i += 2)
                next.Add(i + 1 < level.Count ? SHA256.HashData([0x01, .. level[i], .. level[i + 1]]) : level[i]);
            level = next;
        }
        return Convert.ToHexStringLower(level[0]);
    }
}
