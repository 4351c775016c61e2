using FoiTracker.Domain.Bodies;
using FoiTracker.Domain.Common;

namespace FoiTracker.Domain.Requests;

/// <summary>
/// A freedom-of-information request to one public body. It is pinned to the statute (and its
/// version) in force when it was filed, so a later change of the law's data never silently moves it.
/// </summary>
public sealed class FoiRequest
{
    public const int MaxSubjectLength = 300;
    public const int MaxTextLength = 100_000;

    private FoiRequest(
        RequestId id,
        RequestNumber number,
        PublicBodyKey body,
        string statuteId,
        int statuteVersion,
        string subject,
        string text,
        Requester requester,
        RequestStage stage,
        DateTimeOffset createdAt,
        DateTimeOffset? submittedAt)
    {
        Id = id;
        Number = number;
        Body = body;
        StatuteId = statuteId;
        StatuteVersion = statuteVersion;
        Subject = subject;
        Text = text;
        Requester = requester;
        Stage = stage;
        CreatedAt = createdAt;
        SubmittedAt = submittedAt;
    }

    public RequestId Id { get; }

    public RequestNumber Number { get; }

    public PublicBodyKey Body { get; }

    public string StatuteId { get; }

    public int StatuteVersion { get; }

    public string Subject { get; }

    public string Text { get; }

    public Requester Requester { get; }

    public RequestStage Stage { get; private set; }

    /// <summary>When the request was recorded here (UTC).</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>When the request was sent to the body (UTC); may lie before <see cref="CreatedAt"/> for a letter already sent on paper.</summary>
    public DateTimeOffset? SubmittedAt { get; private set; }

    /// <summary>
    /// Files a new request. With <paramref name="submittedAt"/> it is recorded as already sent
    /// (possibly on paper, in the past); without it, it stays a draft.
    /// </summary>
    public static FoiRequest File(
        RequestId id,
        RequestNumber number,
        PublicBodyKey body,
        string statuteId,
        int statuteVersion,
        string subject,
        string text,
        Requester requester,
        DateTimeOffset now,
        DateTimeOffset? submittedAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(statuteId);
        ArgumentOutOfRangeException.ThrowIfLessThan(statuteVersion, 1);
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        ArgumentNullException.ThrowIfNull(requester);
        if (subject.Length > MaxSubjectLength)
            throw new ArgumentException($"A subject has at most {MaxSubjectLength} characters.", nameof(subject));
        if (text.Length > MaxTextLength)
            throw new ArgumentException($"A request text has at most {MaxTextLength} characters.", nameof(text));
        if (submittedAt > now)
            throw new BusinessRuleViolationException(
                "RequestCannotBeSubmittedInTheFuture",
                "A request cannot be recorded as sent at a time that has not come yet.");

        return new FoiRequest(
            id, number, body, statuteId, statuteVersion, subject.Trim(), text, requester,
            submittedAt is null ? RequestStage.Draft : RequestStage.Submitted,
            now.ToUniversalTime(), submittedAt?.ToUniversalTime());
    }

    /// <summary>Rebuilds a stored request; no rule is checked because it was checked when it was written.</summary>
    public static FoiRequest Restore(
        RequestId id,
        RequestNumber number,
        PublicBodyKey body,
        string statuteId,
        int statuteVersion,
        string subject,
        string text,
        Requester requester,
        RequestStage stage,
        DateTimeOffset createdAt,
        DateTimeOffset? submittedAt) =>
        new(id, number, body, statuteId, statuteVersion, subject, text, requester, stage, createdAt, submittedAt);
}
