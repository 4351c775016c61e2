namespace FoiTracker.Application.Letters;

/// <summary>A letter to keep: immutable once written, stored once per request and content hash.</summary>
public sealed record NewLetter(
    Guid Id, Guid RequestId, string Kind, string Language, string Recipient, string ContentHash, byte[] Bytes, int PageCount,
    DateTimeOffset CreatedAt, int? TimelineSeq, string Source, string? OutboxKey);

public sealed record LetterDto(
    Guid Id, Guid RequestId, string Kind, string Language, string Recipient, string ContentHash, int PageCount, int Size,
    DateTimeOffset CreatedAt, int? TimelineSeq, string Source);

public sealed record LetterContent(Guid Id, string Kind, string Language, byte[] Bytes);

public interface ILetterStore
{
    /// <summary>Stores the letter unless the request already has one with the same content hash; returns the stored one either way.</summary>
    Task<LetterDto> SaveAsync(NewLetter letter, CancellationToken cancellationToken);

    Task<IReadOnlyList<LetterDto>> ListAsync(Guid requestId, CancellationToken cancellationToken);

    Task<LetterContent?> GetContentAsync(Guid requestId, Guid letterId, CancellationToken cancellationToken);
}
