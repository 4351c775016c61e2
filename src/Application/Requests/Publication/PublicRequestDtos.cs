using FoiTracker.Application.Bodies;

namespace FoiTracker.Application.Requests.Publication;

/// <summary>Who may see what of a request, as stored beside it.</summary>
public sealed record RequestPublication(Guid Id, string Number, Guid? OwnerId, bool NamePublic);

/// <summary>A staff member's redaction of one timeline entry's text for the public, with who, when and why.</summary>
public sealed record TimelineRedaction(Guid RequestId, int Seq, string RedactedText, string Reason, Guid RedactedBy, DateTimeOffset RedactedAt);

/// <summary>How a redaction is shown: the reason and the day, never who did it.</summary>
public sealed record RedactionNoteDto(string Reason, DateTimeOffset At);

/// <summary>
/// One timeline entry as the public sees it: who acted by role only (requester, staff, system),
/// the text with e-mail addresses and an unpublished requester name taken out, or staff's redaction.
/// </summary>
public sealed record PublicTimelineEntryDto(int Seq, DateTimeOffset At, string Kind, string ActorKind, string? Detail, RedactionNoteDto? Redaction);

/// <param name="WorkingDaysLeft">Working days on the statute's calendar from today to the due day (negative once passed).</param>
public sealed record PublicDeadlineDto(string Key, DateOnly Due, string? Citation, LocalizedDto? Explanation, int WorkingDaysLeft);

/// <summary>A sent request as anyone may read it: no e-mail, no address, the name only when the requester chose so.</summary>
public sealed record PublicRequestDto(
    string Number,
    string BodyKey,
    string Statute,
    string Stage,
    LocalizedDto? StageName,
    string? Outcome,
    string Subject,
    string Text,
    string? RequesterName,
    DateTimeOffset? SubmittedAt,
    IReadOnlyList<PublicDeadlineDto> Deadlines,
    IReadOnlyList<PublicTimelineEntryDto> Timeline);

public sealed record PublicRequestSummaryDto(string Number, string Subject, string Stage, string? Outcome, DateTimeOffset SubmittedAt);

/// <summary>One new entry on one of a body's public requests, for its feed.</summary>
public sealed record BodyActivityDto(string Number, string Subject, PublicTimelineEntryDto Entry);

/// <summary>A timeline entry of a body's sent request, as stored, for the body's feed.</summary>
public sealed record BodyActivityRow(
    Guid RequestId, string Number, string Subject, string RequesterName, bool NamePublic,
    int Seq, DateTimeOffset At, string Kind, string Actor, string? Detail, TimelineRedaction? Redaction);
