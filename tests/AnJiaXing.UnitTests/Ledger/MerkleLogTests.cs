using System.Security.Cryptography;
using AnJiaXing.Platform.Ledger;

namespace AnJiaXing.UnitTests.Ledger;

/// <summary>RFC 9162 hashing, roots and consistency proofs of the ledger's Merkle log.</summary>
public class MerkleLogTests
{
    private static List<byte[]> Leaves(int n) =>
        Enumerable.Range(0, n).Select(i => MerkleLog.LeafHash(new Guid(i, 0, 0, new byte[8]), i + 1, new string('a', 64))).ToList();

    [Fact]
    public void the_hashing_is_rfc_9162()
    {
        Assert.Equal(SHA256.HashData([]), MerkleLog.Root([]));
        var leaves = Leaves(3);
        var expected = MerkleLog.NodeHash(MerkleLog.NodeHash(leaves[0], leaves[1]), leaves[2]);
        Assert.Equal(expected, MerkleLog.Root(leaves));
        Assert.Equal(SHA256.HashData([0x01, .. leaves[0], .. leaves[1]]), MerkleLog.NodeHash(leaves[0], leaves[1]));
        Assert.Equal(SHA256.HashData([0x00, .. "00000000-0000-0000-0000-000000000000\n1\n"u8.ToArray(), .. System.Text.Encoding.UTF8.GetBytes(new string('a', 64))]), leaves[0]);
    }

    [Fact]
    public void the_frontier_gives_every_prefix_root()
    {
        var leaves = Leaves(40);
        var frontier = new MerkleLog.Frontier();
        for (var n = 1; n <= leaves.Count; n++)
        {
            frontier.Append(leaves[n - 1]);
            Assert.Equal(MerkleLog.Root(leaves, 0, n), frontier.Root());
        }
    }

    [Fact]
    public void every_consistency_proof_verifies_and_a_changed_prefix_does_not()
    {
        var leaves = Leaves(33);
        for (var n = 1; n <= leaves.Count; n++)
            for (var m = 1; m <= n; m++)
            {
                var proof = MerkleLog.ConsistencyProof(m, leaves.Take(n).ToList());
                Assert.True(MerkleLog.VerifyConsistency(m, n, MerkleLog.Root(leaves, 0, m), MerkleLog.Root(leaves, 0, n), proof), $"{m} → {n}");
            }

        // History rewritten: leaf 2 changed, the new tree re-sealed; the old head's root no longer fits.
        var rewritten = leaves.ToList();
        rewritten[2] = MerkleLog.LeafHash(Guid.Empty, 99, new string('b', 64));
        var forged = MerkleLog.ConsistencyProof(5, rewritten.Take(12).ToList());
        Assert.False(MerkleLog.VerifyConsistency(5, 12, MerkleLog.Root(leaves, 0, 5), MerkleLog.Root(rewritten, 0, 12), forged));
    }
    [Fact]
    public void every_inclusion_proof_verifies_and_a_wrong_leaf_index_or_root_does_not()
    {
        var leaves = Leaves(37);
        for (var n = 1; n <= leaves.Count; n++)
        {
            var tree = leaves.Take(n).ToList();
            var root = MerkleLog.Root(tree);
            var memo = new Dictionary<(int, int), byte[]>();
            for (var m = 0; m < n; m++)
            {
                var proof = MerkleLog.InclusionProof(m, tree, memo);
                Assert.True(MerkleLog.VerifyInclusion(m, n, tree[m], proof, root), $"{m} in {n}");
                if (n > 1) Assert.False(MerkleLog.VerifyInclusion((m + 1) % n, n, tree[m], proof, root), $"{m} at the wrong index in {n}");
                Assert.False(MerkleLog.VerifyInclusion(m, n, tree[m], proof, MerkleLog.Root(leaves, 0, n == 1 ? 2 : n - 1)));
            }
        }

        // RFC 9162's worked shape: leaf 6 of 7 is proven by MTH(D[4:6]) and MTH(D[0:4]).
        var seven = leaves.Take(7).ToList();
        Assert.Equal([MerkleLog.Root(seven, 4, 2), MerkleLog.Root(seven, 0, 4)], MerkleLog.InclusionProof(6, seven));
    }
}
