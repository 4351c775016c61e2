using FoiTracker.Application.Common.Models;

namespace FoiTracker.Application.Requests.Publication;

/// <summary>What the public pages need beside the request itself: the name choice, staff's redactions and lists of sent requests.</summary>
public interface IPublicRequestStore
{
    Task<RequestPublication?> FindAsync(Guid id, CancellationToken cancellationToken);

    Task<RequestPublication?> FindAsync(string number, CancellationToken cancellationToken);

    Task SetNamePublicAsync(Guid id, bool show, CancellationToken cancellationToken);

    Task<bool> TimelineEntryExistsAsync(Guid id, int seq, CancellationToken cancellationToken);

    /// <summary>Stores the redaction of an entry, replacing an earlier one of the same entry.</summary>
    Task SaveRedactionAsync(TimelineRedaction redaction, CancellationToken cancellationToken);

    Task<IReadOnlyList<TimelineRedaction>> RedactionsAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// A body's sent requests (one not sent, or in one of <paramref name="unsentStages"/>, is not public), newest first;
    /// the total is counted up to <paramref name="countedUpTo"/> (or to the end of the page asked for, when that is
    /// further) and is one more when there are more.
    /// </summary>
    Task<PagedResult<PublicRequestSummaryDto>> ListSentAsync(
        string bodyKey, IReadOnlyCollection<string> unsentStages, int page, int pageSize, int countedUpTo, CancellationToken cancellationToken);

    /// <summary>The newest public timeline entries (<see cref="PublicTimeline.IsPublic"/>) of a body's sent requests, newest first, with their redactions.</summary>
    Task<IReadOnlyList<BodyActivityRow>> RecentActivityAsync(
        string bodyKey, IReadOnlyCollection<string> unsentStages, int limit, CancellationToken cancellationToken);
}
