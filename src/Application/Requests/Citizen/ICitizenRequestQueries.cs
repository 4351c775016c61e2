using FoiTracker.Application.Common.Models;

namespace FoiTracker.Application.Requests.Citizen;

/// <summary>A request as a line of "my requests": with its nearest open deadline, if one runs.</summary>
public sealed record MyRequestRow(
    Guid Id, string Number, string BodyKey, string Statute, int StatuteVersion, string Stage, string Subject,
    DateTimeOffset CreatedAt, string? NextDeadlineKey, DateOnly? NextDeadlineDue);

/// <summary>A request to the same body that a citizen may read before asking the same again.</summary>
public sealed record SimilarRequestRow(Guid Id, string Number, string Statute, string Stage, string Subject, DateTimeOffset? SubmittedAt);

/// <summary>A mail the service sent about a request (to the body or to the requester).</summary>
public sealed record SentMailRow(Guid Id, string Kind, string To, string Subject, string Status, DateTimeOffset CreatedAt, DateTimeOffset? SentAt);

/// <summary>A mail received from the body and filed under a request, with its attachments.</summary>
public sealed record ReceivedMailRow(Guid Id, string? From, string? Subject, DateTimeOffset? Date, DateTimeOffset ReceivedAt)
{
    public IReadOnlyList<ReceivedAttachmentRow> Attachments { get; init; } = [];
}

public sealed record ReceivedAttachmentRow(Guid Id, Guid InboundId, string? FileName, string SniffedType, long Size, bool Stored);

/// <summary>The reads behind the citizen's pages: plain queries, a fixed number per page whatever the row count.</summary>
public interface ICitizenRequestQueries
{
    /// <summary>The id of the request with this number, if there is one.</summary>
    Task<Guid?> FindIdAsync(string number, CancellationToken cancellationToken);

    /// <summary>An owner's requests, newest first, each with its nearest open deadline.</summary>
    Task<PagedResult<MyRequestRow>> MineAsync(Guid owner, int page, int pageSize, CancellationToken cancellationToken);

    /// <summary>
    /// Among the body's <paramref name="latest"/> requests, those whose subject has any of <paramref name="words"/>
    /// (all of them, newest first, when there are none), leaving out the stages in <paramref name="unsentStages"/>.
    /// </summary>
    Task<IReadOnlyList<SimilarRequestRow>> SimilarAsync(
        string bodyKey, IReadOnlyList<string> words, IReadOnlyCollection<string> unsentStages, int latest, int limit, CancellationToken cancellationToken);

    Task<IReadOnlyList<SentMailRow>> SentMailAsync(Guid requestId, CancellationToken cancellationToken);

    Task<IReadOnlyList<ReceivedMailRow>> ReceivedMailAsync(Guid requestId, CancellationToken cancellationToken);

    /// <summary>The mail an attachment came with, where that mail is filed under this request; else null.</summary>
    Task<Guid?> MailOfAttachmentAsync(Guid requestId, Guid attachmentId, CancellationToken cancellationToken);
}
