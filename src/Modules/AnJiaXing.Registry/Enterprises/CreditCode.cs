namespace AnJiaXing.Registry.Enterprises;

/// <summary>
/// The unified social credit code (统一社会信用代码) of GB 32100-2015: 18 characters from a 31-character set
/// (digits and upper-case letters without I, O, Z, S, V); the last one is a check character over the first 17.
/// </summary>
public static class CreditCode
{
    public const int Length = 18;
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    // Weight of position i is 3^i mod 31 (the standard's table).
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Trimmed and upper-cased, the form codes are stored and compared in.</summary>
    public static string Normalise(string? code) => (code ?? "").Trim().ToUpperInvariant();

    /// <summary>Why the code is not a valid credit code, or null when it is. Takes the normalised form.</summary>
    public static string? Problem(string? code)
    {
        var c = Normalise(code);
        if (c.Length != Length) return $"A unified social credit code has {Length} characters, not {c.Length}.";
        var outside = c.Where(ch => !Alphabet.Contains(ch)).Distinct().ToArray();
        if (outside.Length > 0)
            return $"'{string.Join("', '", outside)}' is not allowed in a unified social credit code (digits and letters except I, O, Z, S, V).";
        var expected = CheckCharacter(c[..(Length - 1)]);
        return c[^1] == expected ? null : $"The check character should be '{expected}', not '{c[^1]}'.";
    }

    public static bool IsValid(string? code) => Problem(code) is null;

    /// <summary>The check character for 17 characters of the set.</summary>
    public static char CheckCharacter(string first17)
    {
        if (first17.Length != Length - 1) throw new ArgumentException($"Expected {Length - 1} characters.", nameof(first17));
        var sum = 0;
        for (var i = 0; i < Weights.Length; i++)
        {
            var value = Alphabet.IndexOf(first17[i]);
            if (value < 0) throw new ArgumentException($"'{first17[i]}' is outside the credit code character set.", nameof(first17));
            sum += value * Weights[i];
        }
        return Alphabet[(31 - sum % 31) % 31];
    }

    /// <summary>Completes 17 characters with their check character (demo data, tests).</summary>
    public static string Complete(string first17) => first17 + CheckCharacter(first17);
}
