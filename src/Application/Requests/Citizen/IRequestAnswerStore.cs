namespace FoiTracker.Application.Requests.Citizen;

/// <summary>An answer the body gave outside the service, as recorded: its text and/or a file.</summary>
public sealed record RecordedAnswer(
    Guid Id, Guid RequestId, DateOnly AnsweredOn, string Outcome, string? Text, string? FileName, string? ContentType, long? Size,
    string? Sha256, byte[]? Bytes, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>A recorded answer as a list shows it: without the file's bytes.</summary>
public sealed record RecordedAnswerRow(
    Guid Id, DateOnly AnsweredOn, string Outcome, string? Text, string? FileName, string? ContentType, long? Size, DateTimeOffset RecordedAt);

public sealed record AnswerFile(string FileName, string ContentType, byte[] Bytes);

public interface IRequestAnswerStore
{
    Task AddAsync(RecordedAnswer answer, CancellationToken cancellationToken);

    Task<IReadOnlyList<RecordedAnswerRow>> ListAsync(Guid requestId, CancellationToken cancellationToken);

    /// <summary>The file of an answer recorded on this request; null when there is none.</summary>
    Task<AnswerFile?> FileAsync(Guid requestId, Guid answerId, CancellationToken cancellationToken);
}

/// <summary>Who follows which request.</summary>
public interface IRequestFollowers
{
    /// <summary>Adds the follow; following twice changes nothing.</summary>
    Task FollowAsync(Guid requestId, Guid userId, DateTimeOffset at, CancellationToken cancellationToken);

    Task UnfollowAsync(Guid requestId, Guid userId, CancellationToken cancellationToken);

    Task<bool> IsFollowingAsync(Guid requestId, Guid userId, CancellationToken cancellationToken);

    /// <summary>The followers' names and e-mail addresses, for the mail about a stage change.</summary>
    Task<IReadOnlyList<Follower>> FollowersAsync(Guid requestId, CancellationToken cancellationToken);
}

public sealed record Follower(Guid UserId, string Name, string Email);
