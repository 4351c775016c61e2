using FoiTracker.Application.Requests.Citizen;

namespace FoiTracker.Infrastructure.Persistence.Repositories;

public sealed class RequestAnswerRepository(DbSession session) : SqlRepository(session), IRequestAnswerStore
{
    public Task AddAsync(RecordedAnswer answer, CancellationToken cancellationToken) =>
        ExecuteAsync(
            """
            INSERT INTO request_answers (id, request_id, answered_on, outcome, text, file_name, content_type, size, sha256, bytes, recorded_by, recorded_at)
            VALUES (@Id, @RequestId, @AnsweredOn, @Outcome, @Text, @FileName, @ContentType, @Size, @Sha256, @Bytes, @RecordedBy, @RecordedAt)
            """,
            answer,
            cancellationToken);

    public async Task<IReadOnlyList<RecordedAnswerRow>> ListAsync(Guid requestId, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync<AnswerRow>(
            $"""
            SELECT id AS {nameof(AnswerRow.Id)}, answered_on AS {nameof(AnswerRow.AnsweredOn)}, outcome AS {nameof(AnswerRow.Outcome)},
                   text AS {nameof(AnswerRow.Text)}, file_name AS {nameof(AnswerRow.FileName)}, content_type AS {nameof(AnswerRow.ContentType)},
                   size AS {nameof(AnswerRow.Size)}, recorded_at AS {nameof(AnswerRow.RecordedAt)}
            FROM request_answers WHERE request_id = @RequestId ORDER BY recorded_at, id
            """,
            new { RequestId = requestId },
            cancellationToken);
        return rows.Select(row => new RecordedAnswerRow(row.Id, row.AnsweredOn, row.Outcome, row.Text, row.FileName, row.ContentType, row.Size, row.RecordedAt)).ToList();
    }

    public async Task<AnswerFile?> FileAsync(Guid requestId, Guid answerId, CancellationToken cancellationToken)
    {
        var row = await QuerySingleOrDefaultAsync<FileRow>(
            $"""
            SELECT file_name AS {nameof(FileRow.FileName)}, content_type AS {nameof(FileRow.ContentType)}, bytes AS {nameof(FileRow.Bytes)}
            FROM request_answers WHERE request_id = @RequestId AND id = @Id AND bytes IS NOT NULL
            """,
            new { RequestId = requestId, Id = answerId },
            cancellationToken);
        return row is { FileName: { } name, ContentType: { } type, Bytes: { } bytes } ? new AnswerFile(name, type, bytes) : null;
    }

    private sealed class AnswerRow
    {
        public Guid Id { get; init; }
        public DateOnly AnsweredOn { get; init; }
        public string Outcome { get; init; } = "";
        public string? Text { get; init; }
        public string? FileName { get; init; }
        public string? ContentType { get; init; }
        public long? Size { get; init; }
        public DateTimeOffset RecordedAt { get; init; }
    }

    private sealed class FileRow
    {
        public string? FileName { get; init; }
        public string? ContentType { get; init; }
        public byte[]? Bytes { get; init; }
    }
}
