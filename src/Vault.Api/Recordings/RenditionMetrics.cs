using System.Diagnostics.Metrics;
using Vault.Api.Hosting;

namespace Vault.Api.Recordings;

/// <summary>
/// The rendition workers' counters (meter <c>MediaVault</c>, exported with OpenTelemetry): encodes started, and
/// deliveries left alone because another worker holds the job. A rise in encodes per recording means duplicate work.
/// </summary>
internal sealed class RenditionMetrics
{
    public RenditionMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(VaultHost.ServiceName);
        Encodes = meter.CreateCounter<long>("vault.renditions.encodes", description: "Rendition encodes started by this instance");
        Deferred = meter.CreateCounter<long>("vault.renditions.deferred", description: "Rendition job deliveries left to the worker that holds the job");
    }

    public Counter<long> Encodes { get; }

    public Counter<long> Deferred { get; }
}
