using FoiTracker.Application.Requests;
using FoiTracker.Domain.Requests;
using FoiTracker.Domain.Workflows;

namespace FoiTracker.Application.Tests.Workflows;

/// <summary>Thrown where a real node would have died: the surrounding transaction never commits.</summary>
public sealed class SimulatedCrashException : Exception
{
    public SimulatedCrashException()
        : base("Simulated crash in the middle of a batch.")
    {
    }

    public SimulatedCrashException(string message)
        : base(message)
    {
    }

    public SimulatedCrashException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// The real repository, except that a save dies part-way: a batch save writes its first requests
/// and then dies before the rest, as a process killed mid-batch would, before any commit.
/// </summary>
internal sealed class CrashingRepository(IFoiRequestRepository inner, int crashOnSave) : IFoiRequestRepository
{
    private int _saves;

    public Task AddAsync(FoiRequest request, CancellationToken cancellationToken) => inner.AddAsync(request, cancellationToken);

    public async Task SaveAsync(FoiRequest request, CancellationToken cancellationToken)
    {
        if (++_saves == crashOnSave)
            throw new SimulatedCrashException();
        await inner.SaveAsync(request, cancellationToken);
    }

    public async Task SaveManyAsync(IReadOnlyCollection<FoiRequest> requests, CancellationToken cancellationToken)
    {
        var written = requests.Take(crashOnSave - 1).ToList();
        if (written.Count == requests.Count)
        {
            await inner.SaveManyAsync(requests, cancellationToken);
            return;
        }

        await inner.SaveManyAsync(written, cancellationToken);
        throw new SimulatedCrashException();
    }

    public Task<FoiRequest?> GetAsync(RequestId id, CancellationToken cancellationToken) => inner.GetAsync(id, cancellationToken);

    public Task<FoiRequest?> GetByNumberAsync(RequestNumber number, CancellationToken cancellationToken) => inner.GetByNumberAsync(number, cancellationToken);

    public Task<TimelineKind?> FindEventAsync(RequestId id, string eventKey, CancellationToken cancellationToken) => inner.FindEventAsync(id, eventKey, cancellationToken);
}
