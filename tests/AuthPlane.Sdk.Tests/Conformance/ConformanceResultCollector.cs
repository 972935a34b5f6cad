namespace AuthPlane.Sdk.Tests.Conformance;

/// <summary>
/// Collects test outcomes per case id (thread-safe: xunit reports from parallel collections) and aggregates
/// them: a case failed if any row failed, is skipped if every row was skipped, passed otherwise
/// (with partial coverage when some rows were skipped).
/// </summary>
public sealed class ConformanceResultCollector
{
    private readonly Dictionary<string, CaseRows> _rows = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Records the outcome of one test row bound to <paramref name="caseId"/>.</summary>
    /// <param name="caseId">The case id from <see cref="ConformanceCaseAttribute"/>.</param>
    /// <param name="outcome">The row's outcome.</param>
    /// <param name="detail">The failure message for a failed row, the skip reason for a skipped row.</param>
    public void Record(string caseId, ConformanceTestOutcome outcome, string? detail)
    {
        lock (_gate)
        {
            if (!_rows.TryGetValue(caseId, out var rows))
            {
                rows = new CaseRows();
                _rows.Add(caseId, rows);
            }

            switch (outcome)
            {
                case ConformanceTestOutcome.Passed:
                    rows.Passed++;
                    break;
                case ConformanceTestOutcome.Failed:
                    rows.Failures.Add(detail ?? "The test failed without a message.");
                    break;
                case ConformanceTestOutcome.Skipped:
                    rows.SkipReasons.Add(detail ?? "Skipped without a reason.");
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown outcome.");
            }
        }
    }

    /// <summary>The aggregated result of every case id that recorded at least one row.</summary>
    public IReadOnlyDictionary<string, ConformanceCaseResult> Aggregate()
    {
        lock (_gate)
        {
            return _rows.ToDictionary(pair => pair.Key, pair => pair.Value.ToResult(), StringComparer.Ordinal);
        }
    }

    private sealed class CaseRows
    {
        public int Passed { get; set; }

        public List<string> Failures { get; } = [];

        public List<string> SkipReasons { get; } = [];

        public ConformanceCaseResult ToResult()
        {
            var skipNote = SkipReasons.Count == 0 ? null : string.Join("; ", SkipReasons.Distinct(StringComparer.Ordinal));
            if (Failures.Count > 0)
            {
                var total = Passed + Failures.Count + SkipReasons.Count;
                var message = total == 1 ? Failures[0] : $"{Failures.Count} of {total} rows failed. {Failures[0]}";
                return new ConformanceCaseResult("failed", "full", null, message);
            }

            if (Passed == 0)
            {
                return new ConformanceCaseResult("skipped", "none", skipNote, null);
            }

            return SkipReasons.Count == 0
                ? new ConformanceCaseResult("passed", "full", null, null)
                : new ConformanceCaseResult("passed", "partial", $"{SkipReasons.Count} of {Passed + SkipReasons.Count} rows skipped: {skipNote}", null);
        }
    }
}
