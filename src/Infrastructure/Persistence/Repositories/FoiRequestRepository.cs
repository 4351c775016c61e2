using FoiTracker.Application.Requests;
using FoiTracker.Domain.Bodies;
using FoiTracker.Domain.Common;
using FoiTracker.Domain.Requests;

namespace FoiTracker.Infrastructure.Persistence.Repositories;

public sealed class FoiRequestRepository(DbSession session) : SqlRepository(session), IFoiRequestRepository, IRequestNumberAllocator
{
    private const string Columns =
        "id AS Id, number AS Number, body_key AS BodyKey, statute_id AS StatuteId, statute_version AS StatuteVersion, " +
        "subject AS Subject, text AS Text, requester_name AS RequesterName, requester_email AS RequesterEmail, " +
        "requester_address AS RequesterAddress, stage AS Stage, created_at AS CreatedAt, submitted_at AS SubmittedAt";

    public Task AddAsync(FoiRequest request, CancellationToken cancellationToken) =>
        ExecuteAsync(
            """
            INSERT INTO requests (id, number, body_key, statute_id, statute_version, subject, text, requester_name,
                requester_email, requester_address, stage, created_at, submitted_at)
            VALUES (@Id, @Number, @BodyKey, @StatuteId, @StatuteVersion, @Subject, @Text, @RequesterName,
                @RequesterEmail, @RequesterAddress, @Stage, @CreatedAt, @SubmittedAt)
            """,
            new
            {
                Id = request.Id.Value,
                Number = request.Number.Value,
                BodyKey = request.Body.Value,
                request.StatuteId,
                request.StatuteVersion,
                request.Subject,
                request.Text,
                RequesterName = request.Requester.Name,
                RequesterEmail = request.Requester.Email?.Value,
                RequesterAddress = request.Requester.Address,
                Stage = StageName(request.Stage),
                request.CreatedAt,
                request.SubmittedAt,
            },
            cancellationToken);

    public async Task<FoiRequest?> GetAsync(RequestId id, CancellationToken cancellationToken) =>
        (await QuerySingleOrDefaultAsync<RequestRow>($"SELECT {Columns} FROM requests WHERE id = @Id", new { Id = id.Value }, cancellationToken))?.ToDomain();

    public async Task<FoiRequest?> GetByNumberAsync(RequestNumber number, CancellationToken cancellationToken) =>
        (await QuerySingleOrDefaultAsync<RequestRow>($"SELECT {Columns} FROM requests WHERE number = @Number", new { Number = number.Value }, cancellationToken))?.ToDomain();

    public async Task<RequestNumber> NextAsync(int year, CancellationToken cancellationToken)
    {
        // One statement that both SQLite (3.35+) and PostgreSQL run atomically: the row lock it
        // takes is held until the surrounding transaction ends, so two writers never get the same number.
        var next = await ExecuteScalarAsync<long>(
            """
            INSERT INTO request_counters (year, last_value) VALUES (@Year, 1)
            ON CONFLICT (year) DO UPDATE SET last_value = request_counters.last_value + 1
            RETURNING last_value
            """,
            new { Year = year },
            cancellationToken);
        return RequestNumber.From(year, next);
    }

    internal static string StageName(RequestStage stage) => stage switch
    {
        RequestStage.Draft => "draft",
        RequestStage.Submitted => "submitted",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "Unknown stage."),
    };

    private static RequestStage ParseStage(string stage) => stage switch
    {
        "draft" => RequestStage.Draft,
        "submitted" => RequestStage.Submitted,
        _ => throw new System.Data.DataException($"Unknown stored stage '{stage}'."),
    };

    private sealed class RequestRow
    {
        public Guid Id { get; init; }
        public string Number { get; init; } = "";
        public string BodyKey { get; init; } = "";
        public string StatuteId { get; init; } = "";
        public int StatuteVersion { get; init; }
        public string Subject { get; init; } = "";
        public string Text { get; init; } = "";
        public string RequesterName { get; init; } = "";
        public string? RequesterEmail { get; init; }
        public string? RequesterAddress { get; init; }
        public string Stage { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? SubmittedAt { get; init; }

        public FoiRequest ToDomain() => FoiRequest.Restore(
            new RequestId(Id),
            RequestNumber.Parse(Number),
            PublicBodyKey.Create(BodyKey),
            StatuteId,
            StatuteVersion,
            Subject,
            Text,
            new Requester(RequesterName, RequesterEmail is null ? null : EmailAddress.Create(RequesterEmail), RequesterAddress),
            ParseStage(Stage),
            CreatedAt,
            SubmittedAt);
    }
}
