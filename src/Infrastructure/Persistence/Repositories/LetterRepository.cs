using FoiTracker.Application.Letters;

namespace FoiTracker.Infrastructure.Persistence.Repositories;

public sealed class LetterRepository(DbSession session) : SqlRepository(session), ILetterStore
{
    private const string Columns =
        $"""
        id AS {nameof(Row.Id)}, request_id AS {nameof(Row.RequestId)}, kind AS {nameof(Row.Kind)}, language AS {nameof(Row.Language)},
        recipient AS {nameof(Row.Recipient)}, content_hash AS {nameof(Row.ContentHash)}, page_count AS {nameof(Row.PageCount)}, size AS {nameof(Row.Size)},
        created_at AS {nameof(Row.CreatedAt)}, timeline_seq AS {nameof(Row.TimelineSeq)}, source AS {nameof(Row.Source)}
        """;

    public async Task<LetterDto> SaveAsync(NewLetter letter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letter);
        // Same request, same bytes: the first stored letter stands (letters are immutable).
        await ExecuteAsync(
            """
            INSERT INTO letters (id, request_id, kind, language, recipient, content_hash, bytes, size, page_count, created_at, timeline_seq, source, outbox_key)
            VALUES (@Id, @RequestId, @Kind, @Language, @Recipient, @ContentHash, @Bytes, @Size, @PageCount, @CreatedAt, @TimelineSeq, @Source, @OutboxKey)
            ON CONFLICT (request_id, content_hash) DO NOTHING
            """,
            new
            {
                letter.Id, letter.RequestId, letter.Kind, letter.Language, letter.Recipient, letter.ContentHash, letter.Bytes,
                Size = letter.Bytes.Length, letter.PageCount, letter.CreatedAt, letter.TimelineSeq, letter.Source, letter.OutboxKey,
            },
            cancellationToken);
        var row = await QuerySingleOrDefaultAsync<Row>(
            $"SELECT {Columns} FROM letters WHERE request_id = @RequestId AND content_hash = @ContentHash",
            new { letter.RequestId, letter.ContentHash },
            cancellationToken);
        return row!.ToDto();
    }

    public async Task<IReadOnlyList<LetterDto>> ListAsync(Guid requestId, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync<Row>(
            $"SELECT {Columns} FROM letters WHERE request_id = @RequestId ORDER BY created_at, id",
            new { RequestId = requestId },
            cancellationToken);
        return rows.Select(row => row.ToDto()).ToList();
    }

    public async Task<LetterContent?> GetContentAsync(Guid requestId, Guid letterId, CancellationToken cancellationToken)
    {
        var row = await QuerySingleOrDefaultAsync<ContentRow>(
            $"SELECT id AS {nameof(ContentRow.Id)}, kind AS {nameof(ContentRow.Kind)}, language AS {nameof(ContentRow.Language)}, bytes AS {nameof(ContentRow.Bytes)} FROM letters WHERE request_id = @RequestId AND id = @Id",
            new { RequestId = requestId, Id = letterId },
            cancellationToken);
        return row is null ? null : new LetterContent(row.Id, row.Kind, row.Language, row.Bytes);
    }

    private sealed class Row
    {
        public Guid Id { get; init; }
        public Guid RequestId { get; init; }
        public string Kind { get; init; } = "";
        public string Language { get; init; } = "";
        public string Recipient { get; init; } = "";
        public string ContentHash { get; init; } = "";
        public int PageCount { get; init; }
        public int Size { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public int? TimelineSeq { get; init; }
        public string Source { get; init; } = "";

        public LetterDto ToDto() => new(Id, RequestId, Kind, Language, Recipient, ContentHash, PageCount, Size, CreatedAt, TimelineSeq, Source);
    }

    private sealed class ContentRow
    {
        public Guid Id { get; init; }
        public string Kind { get; init; } = "";
        public string Language { get; init; } = "";
        public byte[] Bytes { get; init; } = [];
    }
}
