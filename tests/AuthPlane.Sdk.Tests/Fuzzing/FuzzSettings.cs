using System.Globalization;

namespace AuthPlane.Sdk.Tests.Fuzzing;

/// <summary>
/// How much the mutation fuzzer runs. CI runs the fixed defaults (seeded, so every run tries the same inputs);
/// <c>AUTHPLANE_FUZZ_ITERATIONS</c> multiplies the count of every target for a longer run, and
/// <c>AUTHPLANE_FUZZ_SEED</c> explores other inputs. A failure names the seed and iteration that reproduce it.
/// </summary>
internal static class FuzzSettings
{
    /// <summary>The default seed: fixed, so CI is deterministic.</summary>
    public const int DefaultSeed = 20_260_422;

    /// <summary>The inputs per target in CI; the targets together run well over 100 000.</summary>
    public static readonly IReadOnlyDictionary<string, int> CiIterations = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["tokens"] = 40_000,
        ["proofs"] = 30_000,
        ["headers"] = 15_000,
        ["jwks"] = 8_000,
        ["documents"] = 15_000,
    };

    /// <summary>The seed of this run.</summary>
    public static int Seed => int.TryParse(Environment.GetEnvironmentVariable("AUTHPLANE_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
        ? seed
        : DefaultSeed;

    /// <summary>The inputs to try for <paramref name="target"/>: the CI count, or the count scaled by <c>AUTHPLANE_FUZZ_ITERATIONS</c> / 100 000.</summary>
    public static int Iterations(string target)
    {
        var ci = CiIterations[target];
        if (!long.TryParse(Environment.GetEnvironmentVariable("AUTHPLANE_FUZZ_ITERATIONS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var total) || total <= 0)
        {
            return ci;
        }

        return (int)Math.Clamp(total * ci / CiIterations.Values.Sum(), 1, int.MaxValue);
    }
}
