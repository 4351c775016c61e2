using FoiTracker.Domain.Workflows;

namespace FoiTracker.Application.Requests;

public sealed record RequesterDto(string Name, string? Email, string? Address);

public sealed record RequestDeadlineDto(string Key, DateOnly Due, DateOnly From, int PausedDays, string? Citation, string? Explanation);

public sealed record RequestTimerDto(string Kind, string Stage, DateTimeOffset DueAt, DateTimeOffset? FiredAt, DateTimeOffset? CancelledAt);

/// <summary>The way up the statute's ladder the request takes (administrative complaint first, or straight to court under LSG 62(2)).</summary>
public sealed record RequestRouteDto(string Key, string? Citation, string? Description);

/// <summary>A duty the body missed (no written reasons for a refusal, GAC 41), found on <paramref name="RaisedOn"/>.</summary>
public sealed record RequestFlagDto(string Key, string Name, string? Citation, string? Deadline, DateOnly RaisedOn);

public sealed record TimelineEntryDto(int Seq, DateTimeOffset At, string Kind, string Actor, string? Detail, string? FromStage, string? ToStage, int StatuteVersion);

public sealed record RequestDetailsDto(
    Guid Id,
    string Number,
    string BodyKey,
    string Statute,
    int StatuteVersion,
    string Stage,
    string? StageName,
    string? Outcome,
    string Subject,
    string Text,
    RequesterDto Requester,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SubmittedAt,
    string? RegistrationNumber,
    DateOnly? RegisteredOn,
    Guid? ForwardedFrom,
    DateOnly? OverdueSince,
    IReadOnlyList<string> AcceptedEvents,
    IReadOnlyList<RequestDeadlineDto> Deadlines,
    IReadOnlyList<RequestTimerDto> Timers,
    IReadOnlyList<TimelineEntryDto> Timeline,
    RequestRouteDto? Route,
    IReadOnlyList<RequestFlagDto> Flags,
    IReadOnlyList<Guid> ForwardedTo);

public sealed record RequestSummaryDto(
    Guid Id,
    string Number,
    string BodyKey,
    string Statute,
    string Stage,
    string? Outcome,
    string Subject,
    DateTimeOffset? SubmittedAt,
    DateOnly? OverdueSince,
    DateTimeOffset? NextTimerAt,
    bool MailProblem = false,
    string? MailProblemReason = null);

/// <summary>Raw rows of one request for the read side; the handler adds names from the statute.</summary>
public sealed record RequestRecord(
    Guid Id, string Number, string BodyKey, string Statute, int StatuteVersion, string Stage, string? Outcome, string Subject, string Text,
    string RequesterName, string? RequesterEmail, string? RequesterAddress, Guid? OwnerId, DateTimeOffset CreatedAt, DateTimeOffset? SubmittedAt,
    string? RegistrationNumber, DateOnly? RegisteredOn, Guid? ForwardedFrom, DateOnly? OverdueSince,
    IReadOnlyList<(string Key, DateOnly Due, DateOnly From, int PausedDays)> Deadlines,
    IReadOnlyList<RequestTimerDto> Timers,
    IReadOnlyList<TimelineEntryDto> Timeline,
    string? Route,
    IReadOnlyList<RequestFlag> Flags,
    IReadOnlyList<Guid> ForwardedTo);

/// <param name="MailProblem">Only requests with a mail that could not be delivered (failed or bounced), or a letter or notice given up.</param>
public sealed record RequestFilter(string? Body, string? Stage, IReadOnlyCollection<string>? Stages, Guid? Owner, int Page, int PageSize, bool OldestOverdueFirst, bool MailProblem = false);

public interface IRequestQueries
{
    Task<RequestRecord?> GetAsync(Guid id, CancellationToken cancellationToken);

    Task<Common.Models.PagedResult<RequestSummaryDto>> ListAsync(RequestFilter filter, CancellationToken cancellationToken);

    /// <summary>Each statute version any stored request is pinned to.</summary>
    Task<IReadOnlyList<(string Statute, int Version)>> StatuteVersionsInUseAsync(CancellationToken cancellationToken);

    /// <summary>How many requests pinned to this statute version run a workflow (have a timeline; imported records do not).</summary>
    Task<long> CountRunningOnAsync(string statute, int version, CancellationToken cancellationToken);
}
