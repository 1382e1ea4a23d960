using System.Security.Cryptography;
using System.Text;

namespace AnJiaXing.Platform.Ledger;

/// <summary>
/// The append-only Merkle log over every chained event in ledger order (ascending <c>seq_id</c>), hashed as in
/// RFC 9162 (Certificate Transparency v2): leaf = SHA-256(0x00 ‖ entry), node = SHA-256(0x01 ‖ left ‖ right), the
/// tree of n leaves split at the largest power of two below n, the empty tree SHA-256(""). An entry is the UTF-8 text
/// <c>"{stream_id}\n{version}\n{hash}"</c> of one event. Consistency proofs are RFC 9162 §2.1.4.
/// </summary>
public static class MerkleLog
{
    public static byte[] LeafHash(Guid streamId, long version, string hash) =>
        SHA256.HashData([0x00, .. Encoding.UTF8.GetBytes($"{streamId}\n{version}\n{hash}")]);

    public static byte[] NodeHash(byte[] left, byte[] right) => SHA256.HashData([0x01, .. left, .. right]);

    public static byte[] EmptyRoot => SHA256.HashData([]);

    public static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);

    /// <summary>MTH(D[start:start+count]).</summary>
    public static byte[] Root(IReadOnlyList<byte[]> leaves, int start, int count)
    {
        if (count == 0) return EmptyRoot;
        if (count == 1) return leaves[start];
        var k = LargestPowerOfTwoBelow(count);
        return NodeHash(Root(leaves, start, k), Root(leaves, start + k, count - k));
    }

    public static byte[] Root(IReadOnlyList<byte[]> leaves) => Root(leaves, 0, leaves.Count);

    /// <summary>MTH(D[start:start+count]) with the roots of subtrees remembered, so many proofs over one log cost O(n) once.</summary>
    public static byte[] Root(IReadOnlyList<byte[]> leaves, int start, int count, Dictionary<(int, int), byte[]> memo)
    {
        if (count == 0) return EmptyRoot;
        if (count == 1) return leaves[start];
        if (memo.TryGetValue((start, count), out var known)) return known;
        var k = LargestPowerOfTwoBelow(count);
        var root = NodeHash(Root(leaves, start, k, memo), Root(leaves, start + k, count - k, memo));
        memo[(start, count)] = root;
        return root;
    }

    /// <summary>PATH(m, D[n]) of RFC 9162 §2.1.3.1: the audit path of leaf <paramref name="index"/> in the tree of all <paramref name="leaves"/>.</summary>
    public static List<byte[]> InclusionProof(int index, IReadOnlyList<byte[]> leaves, Dictionary<(int, int), byte[]>? memo = null)
    {
        memo ??= [];
        var proof = new List<byte[]>();
        int start = 0, n = leaves.Count, m = index;
        var path = new List<byte[]>();
        while (n > 1)
        {
            var k = LargestPowerOfTwoBelow(n);
            if (m < k)
            {
                path.Add(Root(leaves, start + k, n - k, memo));
                n = k;
            }
            else
            {
                path.Add(Root(leaves, start, k, memo));
                start += k;
                m -= k;
                n -= k;
            }
        }
        // PATH lists the siblings from the leaf up; the descent found them from the root down.
        for (var i = path.Count - 1; i >= 0; i--) proof.Add(path[i]);
        return proof;
    }

    /// <summary>The verification of RFC 9162 §2.1.3.2: the leaf at <paramref name="index"/> of a tree of <paramref name="size"/> leaves with <paramref name="root"/>.</summary>
    public static bool VerifyInclusion(long index, long size, byte[] leaf, IReadOnlyList<byte[]> proof, byte[] root)
    {
        if (index < 0 || index >= size) return false;
        long fn = index, sn = size - 1;
        var r = leaf;
        foreach (var p in proof)
        {
            if (sn == 0) return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                r = NodeHash(p, r);
                if ((fn & 1) == 0)
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
            }
            else
            {
                r = NodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && r.AsSpan().SequenceEqual(root);
    }

    /// <summary>PROOF(m, D[n]) of RFC 9162 §2.1.4.1: that the first <paramref name="m"/> leaves are a prefix of all of them.</summary>
    public static List<byte[]> ConsistencyProof(int m, IReadOnlyList<byte[]> leaves)
    {
        var proof = new List<byte[]>();
        if (m <= 0 || m >= leaves.Count) return proof;
        SubProof(m, leaves, 0, leaves.Count, true, proof);
        return proof;
    }

    private static void SubProof(int m, IReadOnlyList<byte[]> leaves, int start, int n, bool complete, List<byte[]> proof)
    {
        if (m == n)
        {
            if (!complete) proof.Add(Root(leaves, start, n));
            return;
        }
        var k = LargestPowerOfTwoBelow(n);
        if (m <= k)
        {
            SubProof(m, leaves, start, k, complete, proof);
            proof.Add(Root(leaves, start + k, n - k));
        }
        else
        {
            SubProof(m - k, leaves, start + k, n - k, false, proof);
            proof.Add(Root(leaves, start, k));
        }
    }

    /// <summary>The verification of RFC 9162 §2.1.4.2.</summary>
    public static bool VerifyConsistency(long first, long second, byte[] firstHash, byte[] secondHash, IReadOnlyList<byte[]> proof)
    {
        if (first > second) return false;
        if (first == second) return proof.Count == 0 && firstHash.AsSpan().SequenceEqual(secondHash);
        if (first == 0) return proof.Count == 0;
        if (proof.Count == 0) return false;
        var path = new List<byte[]>(proof);
        if ((first & (first - 1)) == 0) path.Insert(0, firstHash);
        long fn = first - 1, sn = second - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path[0], sr = path[0];
        foreach (var c in path.Skip(1))
        {
            if (sn == 0) return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                fr = NodeHash(c, fr);
                sr = NodeHash(c, sr);
                if ((fn & 1) == 0)
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
            }
            else
            {
                sr = NodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && fr.AsSpan().SequenceEqual(firstHash) && sr.AsSpan().SequenceEqual(secondHash);
    }

    private static int LargestPowerOfTwoBelow(int n)
    {
        var k = 1;
        while (k << 1 < n) k <<= 1;
        return k;
    }

    /// <summary>
    /// The roots of a growing log at chosen sizes in one pass: the perfect subtrees of the sizes so far (the frontier),
    /// folded from the right give MTH of the prefix (O(log n) per root).
    /// </summary>
    public sealed class Frontier
    {
        private readonly List<(byte[] Hash, long Size)> _stack = [];

        public long Size { get; private set; }

        public void Append(byte[] leaf)
        {
            var node = (Hash: leaf, Size: 1L);
            while (_stack.Count > 0 && _stack[^1].Size == node.Size)
            {
                node = (NodeHash(_stack[^1].Hash, node.Hash), node.Size * 2);
                _stack.RemoveAt(_stack.Count - 1);
            }
            _stack.Add(node);
            Size++;
        }

        public byte[] Root()
        {
            if (_stack.Count == 0) return EmptyRoot;
            var hash = _stack[^1].Hash;
            for (var i = _stack.Count - 2; i >= 0; i--) hash = NodeHash(_stack[i].Hash, hash);
            return hash;
        }
    }
}
