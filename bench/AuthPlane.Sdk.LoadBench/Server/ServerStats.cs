using System.Text.Json.Serialization;

namespace AuthPlane.Sdk.LoadBench.Server;

/// <summary>What the server reports about itself at <see cref="ServerArguments.StatsPath"/>.</summary>
/// <param name="Requests">Requests the server has received on the MCP endpoint.</param>
/// <param name="AllocatedBytes">Managed bytes allocated since start (<see cref="GC.GetTotalAllocatedBytes(bool)"/>, precise).</param>
/// <param name="Gen0">Gen-0 collections since start.</param>
/// <param name="Gen1">Gen-1 collections since start.</param>
/// <param name="Gen2">Gen-2 collections since start.</param>
/// <param name="HeapBytes">Managed heap size after the last collection; after a forced full collection when asked with <c>?collect=1</c>.</param>
/// <param name="WorkingSetBytes">The process working set (managed and native memory).</param>
internal sealed record ServerStats(
    [property: JsonPropertyName("requests")] long Requests,
    [property: JsonPropertyName("allocated")] long AllocatedBytes,
    [property: JsonPropertyName("gen0")] int Gen0,
    [property: JsonPropertyName("gen1")] int Gen1,
    [property: JsonPropertyName("gen2")] int Gen2,
    [property: JsonPropertyName("heap")] long HeapBytes,
    [property: JsonPropertyName("workingSet")] long WorkingSetBytes);

/// <summary>Source-generated JSON for <see cref="ServerStats"/>.</summary>
[JsonSerializable(typeof(ServerStats))]
internal sealed partial class ServerStatsJson : JsonSerializerContext;
