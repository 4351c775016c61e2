using FoiTracker.Application.Common.Models;

namespace FoiTracker.Application.Staff;

/// <summary>A staff member a case can be assigned to.</summary>
public sealed record StaffMemberDto(Guid Id, string Name, string Email);

/// <summary>A note staff keep on a case; it is never shown to the public or to the requester.</summary>
public sealed record InternalNoteDto(Guid Id, DateTimeOffset At, Guid AuthorId, string AuthorName, string Text);

public sealed record NewInternalNote(Guid Id, Guid RequestId, Guid AuthorId, string AuthorName, string Text, DateTimeOffset At);

/// <summary>A line of the staff queue.</summary>
/// <param name="NextDue">The earliest last day among the deadlines still running.</param>
/// <param name="MailProblem">A mail to or about it could not be delivered, or a letter or notice could not be made.</param>
public sealed record QueueItemDto(
    Guid Id,
    string Number,
    string BodyKey,
    string Stage,
    string Subject,
    string RequesterName,
    DateOnly? OverdueSince,
    DateOnly? NextDue,
    Guid? AssigneeId,
    string? AssigneeName,
    bool MailProblem);

/// <param name="AssignedTo">Only cases assigned to this account.</param>
/// <param name="Unassigned">Only cases nobody is assigned to.</param>
/// <param name="Text">A request number, or words of the subject or of the requester's name.</param>
/// <param name="MatchedUpTo">Words are looked for in all requests; of the open cases that match, this many of the latest are listed (one more when more match).</param>
/// <param name="CountedUpTo">The total is counted up to this many, and is one more when there are more.</param>
public sealed record QueueFilter(
    string? Body, string? Stage, bool MailProblem, Guid? AssignedTo, bool Unassigned, string? Text, int Page, int PageSize,
    int MatchedUpTo = QueueLimits.MatchedUpTo, int CountedUpTo = QueueLimits.CountedUpTo);

/// <summary>Staff's own records about requests: assignments and internal notes, and the queue that reads them.</summary>
public interface IStaffCaseStore
{
    Task<Guid?> FindRequestIdAsync(string number, CancellationToken cancellationToken);

    Task<bool> RequestExistsAsync(Guid requestId, CancellationToken cancellationToken);

    Task<StaffMemberDto?> AssigneeAsync(Guid requestId, CancellationToken cancellationToken);

    /// <summary>Assigns the case to <paramref name="assigneeId"/>, replacing any earlier assignment; null leaves it unassigned.</summary>
    Task AssignAsync(Guid requestId, Guid? assigneeId, Guid assignedBy, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The accounts with the staff or admin role, by name.</summary>
    Task<IReadOnlyList<StaffMemberDto>> StaffMembersAsync(CancellationToken cancellationToken);

    Task AddNoteAsync(NewInternalNote note, CancellationToken cancellationToken);

    /// <summary>A case's notes, oldest first.</summary>
    Task<IReadOnlyList<InternalNoteDto>> NotesAsync(Guid requestId, CancellationToken cancellationToken);

    /// <summary>One page of the queue: overdue first (longest overdue first), then by the next deadline; two statements whatever the page holds.</summary>
    Task<PagedResult<QueueItemDto>> QueueAsync(QueueFilter filter, CancellationToken cancellationToken);
}
