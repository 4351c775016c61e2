using Dapper;
using FoiTracker.Application.Requests;
using FoiTracker.Application.Workflows;
using FoiTracker.Domain.Bodies;
using FoiTracker.Domain.Common;
using FoiTracker.Domain.Requests;
using FoiTracker.Domain.Workflows;
using FoiTracker.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Infrastructure.Tests.Bulk;

/// <summary>The bulk import on each database: every field, the counters, a stop on a bad request. Facts: <see cref="BulkImportFactsTests"/>.</summary>
public abstract class BulkRequestWriterTests : BulkDatabaseTests
{
    [SkippableFact]
    public async Task Import_ThousandRequests_StoresEveryFieldAndCountersContinueAfterThem()
    {
        var requests = Make(1_000, seed: 7);

        var report = await Services.GetRequiredService<IBulkRequestImporter>().ImportAsync(BulkTestDatabase.Feed(requests), CancellationToken.None);

        report.Imported.Should().Be(1_000);
        var highest = requests.GroupBy(request => Year(request)).ToDictionary(group => group.Key, group => group.Max(Sequence));
        report.HighestSequenceByYear.Should().BeEquivalentTo(highest);
        (await ScalarAsync("SELECT COUNT(*) FROM requests")).Should().Be(1_000);
        (await ScalarAsync("SELECT COUNT(*) FROM request_facts")).Should().Be(1_000, because: "statistics count every imported request");

        await using var scope = Services.CreateAsyncScope();
        var repository = scope.ServiceProvider.GetRequiredService<IFoiRequestRepository>();
        var samples = new[] { requests[0], requests[1], requests[499], requests[998], requests[999] }
            .Append(requests.First(request => request.Stage == new StageKey("draft")))
            .Append(requests.First(request => request.Requester.Email is null))
            .Append(requests.First(request => request.Text.Length > 5_000));
        foreach (var original in samples)
        {
            var byId = await repository.GetAsync(original.Id, CancellationToken.None);
            byId.Should().BeEquivalentTo(original, because: $"request {original.Number} must read back as it was imported");
            var byNumber = await repository.GetByNumberAsync(original.Number, CancellationToken.None);
            byNumber!.Id.Should().Be(original.Id);
        }

        var allocator = scope.ServiceProvider.GetRequiredService<IRequestNumberAllocator>();
        foreach (var (year, last) in highest)
            (await allocator.NextAsync(year, CancellationToken.None)).Should().Be(RequestNumber.From(year, last + 1));
    }

    [SkippableFact]
    public async Task Import_WhenACounterIsAlreadyAhead_LeavesItThere()
    {
        await ExecuteAsync("INSERT INTO request_counters (year, last_value) VALUES (2019, 5000)");
        var requests = Make(40, seed: 11);

        await Services.GetRequiredService<IBulkRequestImporter>().ImportAsync(BulkTestDatabase.Feed(requests), CancellationToken.None);

        (await ScalarAsync("SELECT last_value FROM request_counters WHERE year = 2019")).Should().Be(5000);
        var highest2020 = requests.Where(request => Year(request) == 2020).Max(Sequence);
        (await ScalarAsync("SELECT last_value FROM request_counters WHERE year = 2020")).Should().Be(highest2020);
    }

    [SkippableFact]
    public async Task Import_WithARequestToAnUnknownBody_StopsThereAndKeepsOnlyWhatWasCommittedBefore()
    {
        var requests = Make(25, seed: 3);
        var stray = Rebuild(requests[14], PublicBodyKey.Create("ge-no-such-body"));
        requests[14] = stray;
        var importer = new BulkRequestWriter(Services.GetRequiredService<IDbConnectionFactory>(), Services.GetRequiredService<WorkflowContexts>()) { SqliteBatchSize = 10 };

        var import = () => importer.ImportAsync(BulkTestDatabase.Feed(requests), CancellationToken.None);

        (await import.Should().ThrowAsync<BulkImportException>())
            .WithMessage($"*{stray.Number}*ge-no-such-body*");
        // SQLite commits every 10 requests; PostgreSQL writes the whole import in one transaction.
        var committed = requests.Take(Provider == DatabaseProvider.Sqlite ? 10 : 0).ToList();
        (await ScalarAsync("SELECT COUNT(*) FROM requests")).Should().Be(committed.Count);
        (await ScalarAsync("SELECT COUNT(*) FROM request_facts")).Should().Be(committed.Count, because: "facts land with their requests");
        foreach (var group in committed.GroupBy(Year))
        {
            (await ScalarAsync($"SELECT last_value FROM request_counters WHERE year = {group.Key}"))
                .Should().Be(group.Max(Sequence), because: "the counters cover exactly the committed batches");
        }

        (await ScalarAsync("SELECT COUNT(*) FROM request_counters")).Should().Be(committed.Select(Year).Distinct().Count());
    }

    [SkippableFact]
    public async Task Import_WithARequestUnderAStatuteVersionNotLoaded_StopsWithAMessageNamingIt()
    {
        var requests = Make(3, seed: 5);
        var original = requests[1];
        requests[1] = FoiRequest.Import(
            original.Id, original.Number, original.Body, original.StatuteId, 99, original.Subject, original.Text,
            original.Requester, original.Stage, original.CreatedAt, original.SubmittedAt);

        var import = () => Services.GetRequiredService<IBulkRequestImporter>().ImportAsync(BulkTestDatabase.Feed(requests), CancellationToken.None);

        (await import.Should().ThrowAsync<BulkImportException>()).WithMessage($"*{original.Number}*ge-gac v99*");
    }

    private static int Year(FoiRequest request) => int.Parse(request.Number.Value[..4], System.Globalization.CultureInfo.InvariantCulture);

    private static long Sequence(FoiRequest request) => long.Parse(request.Number.Value[5..], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Requests of 2019–2022 with dense numbers per year, in Georgian and English, some drafts, some without e-mail.</summary>
    private static List<FoiRequest> Make(int count, int seed)
    {
        var random = new Random(seed);
        var sequences = new Dictionary<int, long>();
        var result = new List<FoiRequest>(count);
        for (var i = 0; i < count; i++)
        {
            var year = 2019 + random.Next(4);
            var sequence = sequences[year] = sequences.GetValueOrDefault(year) + 1;
            // Whole microseconds: the finest instant PostgreSQL keeps.
            var createdAt = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMicroseconds(Math.Floor(random.NextDouble() * TimeSpan.MicrosecondsPerDay * 364));
            DateTimeOffset? submittedAt = i % 10 == 3 ? null : createdAt.AddMinutes(-random.Next(0, 5_000));
            var georgian = i % 3 != 0;
            var word = georgian ? "ინფორმაცია " : "information ";
            var textLength = i == 500 ? 7_000 : random.Next(80, 1_500);
            var text = string.Concat(Enumerable.Repeat(word, (textLength / word.Length) + 1))[..textLength].TrimEnd();
            var requester = i % 7 == 2
                ? new Requester(georgian ? "ნინო ბერიძე" : "Sarah Mitchell", null, georgian ? "რუსთაველის გამზ. 8, თბილისი" : "8 Rustaveli Ave., Tbilisi")
                : new Requester(georgian ? "გიორგი ლომიძე" : "James Walker", EmailAddress.Create($"person{i}@example.org"), i % 5 == 0 ? "Gori" : null);
            result.Add(FoiRequest.Import(
                RequestId.New(),
                RequestNumber.From(year, sequence),
                BulkTestDatabase.BodyKeys[i % BulkTestDatabase.BodyKeys.Length],
                "ge-gac",
                1,
                (georgian ? "საჯარო ინფორმაციის გამოთხოვა №" : "Request for public information no. ") + i,
                text,
                requester,
                new StageKey(submittedAt is null ? "draft" : "submitted"),
                createdAt,
                submittedAt));
        }

        return result;
    }

    private static FoiRequest Rebuild(FoiRequest request, PublicBodyKey body) => FoiRequest.Import(
        request.Id, request.Number, body, request.StatuteId, request.StatuteVersion, request.Subject, request.Text,
        request.Requester, request.Stage, request.CreatedAt, request.SubmittedAt);

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(sql);
    }
}

public sealed class SqliteBulkRequestWriterTests : BulkRequestWriterTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresBulkRequestWriterTests : BulkRequestWriterTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
