using System.Diagnostics;
using FoiTracker.Domain.Requests;

namespace FoiTracker.Benchmarks.BulkLoad;

/// <summary>
/// Feeds generated requests to the importer in batches made just before they are needed, and
/// clocks the making, so the importer's time can be told apart from the generator's. It hands out
/// items synchronously: the only cost it adds to the import is walking a list.
/// </summary>
public sealed class TimedRequestFeed(Func<FoiRequest> next, long count, int batchSize) : IAsyncEnumerable<FoiRequest>
{
    private readonly Func<FoiRequest> _next = next;
    private readonly long _count = count;
    private readonly int _batchSize = batchSize;
    private long _generationTicks;

    /// <summary>Time spent making requests so far.</summary>
    public TimeSpan GenerationTime => Stopwatch.GetElapsedTime(0, _generationTicks);

    public IAsyncEnumerator<FoiRequest> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        new Enumerator(this, cancellationToken);

    private sealed class Enumerator(TimedRequestFeed feed, CancellationToken cancellationToken) : IAsyncEnumerator<FoiRequest>
    {
        private readonly List<FoiRequest> _batch = new(feed._batchSize);
        private long _remaining = feed._count;
        private int _index;

        public FoiRequest Current { get; private set; } = null!;

        public ValueTask<bool> MoveNextAsync()
        {
            if (_index == _batch.Count)
            {
                if (_remaining == 0)
                    return ValueTask.FromResult(false);
                cancellationToken.ThrowIfCancellationRequested();
                var started = Stopwatch.GetTimestamp();
                _batch.Clear();
                var size = (int)Math.Min(feed._batchSize, _remaining);
                for (var i = 0; i < size; i++)
                    _batch.Add(feed._next());
                feed._generationTicks += Stopwatch.GetTimestamp() - started;
                _remaining -= size;
                _index = 0;
            }

            Current = _batch[_index++];
            return ValueTask.FromResult(true);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
