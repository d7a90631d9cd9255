using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Vault.Bench;

/// <summary>
/// The vault's own view of how long a route's requests took: ASP.NET Core's <c>http.server.request.duration</c>
/// (from the request reaching Kestrel until its response is complete), taken in the bench process that hosts the
/// vault. It leaves out the bench's HTTP client, which shares the machine's cores with the vault.
/// </summary>
public sealed class ServerRequestTimer : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentQueue<double> milliseconds = new();

    public ServerRequestTimer(string route)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Microsoft.AspNetCore.Hosting" && instrument.Name == "http.server.request.duration")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, seconds, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "http.route" && route.Equals(tag.Value as string, StringComparison.Ordinal))
                {
                    milliseconds.Enqueue(seconds * 1000);
                }
            }
        });
        listener.Start();
    }

    public IReadOnlyList<double> Samples => [.. milliseconds];

    public void Reset() => milliseconds.Clear();

    public void Dispose() => listener.Dispose();
}
