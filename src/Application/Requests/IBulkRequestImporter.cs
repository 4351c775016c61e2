using FoiTracker.Domain.Requests;

namespace FoiTracker.Application.Requests;

/// <summary>
/// Writes many already-built requests in one go, e.g. an NGO bringing in the requests it filed
/// before it used this service. The requests keep the numbers they carry; afterwards the
/// per-year counters stand at least at the highest imported sequence, so numbers handed out
/// later never collide with imported ones.
/// </summary>
/// <remarks>
/// The whole stream is read once and never buffered in full. Every request must be addressed to a
/// body that is already stored; one that is not stops the import with a
/// <see cref="BulkImportException"/> naming it. A provider may commit in batches: when an import
/// fails, the batches committed before stay, and the counters cover them.
/// </remarks>
public interface IBulkRequestImporter
{
    Task<BulkImportReport> ImportAsync(IAsyncEnumerable<FoiRequest> requests, CancellationToken cancellationToken);
}

/// <param name="Imported">How many requests were written.</param>
/// <param name="HighestSequenceByYear">For each year the imported numbers belong to, the highest sequence among them.</param>
public sealed record BulkImportReport(long Imported, IReadOnlyDictionary<int, long> HighestSequenceByYear);

/// <summary>An import that cannot go on because of one of the requests it was given.</summary>
public sealed class BulkImportException : Exception
{
    public BulkImportException(string message)
        : base(message)
    {
    }

    public BulkImportException()
        : base("The import could not be completed.")
    {
    }

    public BulkImportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
