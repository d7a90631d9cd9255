using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace Vault.Api.Recordings;

/// <summary>
/// Web-rendition jobs on an Azure Storage queue (Azurite's queue locally), so any number of workers can take them.
/// A message carries only the recording id: no names, no keys.
/// </summary>
internal sealed class RenditionQueue(QueueServiceClient queues, IOptions<RecordingOptions> options)
{
    private QueueClient? queue;

    public QueueClient Queue => queue ??= queues.GetQueueClient(options.Value.RenditionQueue);

    public async Task EnqueueAsync(Guid recordingId, CancellationToken cancellationToken)
    {
        await Queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await Queue.SendMessageAsync(recordingId.ToString("N"), cancellationToken);
    }
}
