using System.Runtime.CompilerServices;
using Dapper;
using FoiTracker.Application.Requests;
using FoiTracker.Domain.Bodies;
using FoiTracker.Domain.Common;
using FoiTracker.Domain.Requests;
using FoiTracker.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Infrastructure.Tests.Bulk;

public sealed class BulkRequestWriterTests : IAsyncLifetime
{
    private BulkTestDatabase? _database;

    private ServiceProvider Services => _database?.Services ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync() => _database = await BulkTestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        if (_database is not null)
            await _database.DisposeAsync();
    }

    [Fact]
    public async Task Import_ThousandRequests_StoresEveryFieldAndCountersContinueAfterThem()
    {
        var requests = Make(1_000, seed: 7);

        var report = await Services.GetRequiredService<IBulkRequestImporter>().ImportAsync(Feed(requests), CancellationToken.None);

        report.Imported.Should().Be(1_000);
        var highest = requests.GroupBy(request => Year(request)).ToDictionary(group => group.Key, group => group.Max(Sequence));
        report.HighestSequenceByYear.Should().BeEquivalentTo(highest);
        (await ScalarAsync("SELECT COUNT(*) FROM requests")).Should().Be(1_000);

        await using var scope = Services.CreateAsyncScope();
        var repository = scope.ServiceProvider.GetRequiredService<IFoiRequestRepository>();
        var samples = new[] { requests[0], requests[1], requests[499], requests[998], requests[999] }
            .Append(requests.First(request => request.Stage == "draft"))
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

    [Fact]
    public async Task Import_WhenACounterIsAlreadyAhead_LeavesItThere()
    {
        await ExecuteAsync("INSERT INTO request_counters (year, last_value) VALUES (2019, 5000)");
        var requests = Make(40, seed: 11);

        await Services.GetRequiredService<IBulkRequestImporter>().ImportAsync(Feed(requests), CancellationToken.None);

        (await ScalarAsync("SELECT last_value FROM request_counters WHERE year = 2019")).Should().Be(5000);
        var highest2020 = requests.Where(request => Year(request) == 2020).Max(Sequence);
        (await ScalarAsync("SELECT last_value FROM request_counters WHERE year = 2020")).Should().Be(highest2020);
    }

    [Fact]
    public async Task Import_WithARequestToAnUnknownBody_StopsThereAndKeepsOnlyTheBatchesCommittedBefore()
    {
        var requests = Make(25, seed: 3);
        var stray = Rebuild(requests[14], PublicBodyKey.Create("ge-no-such-body"));
        requests[14] = stray;
        var importer = new BulkRequestWriter(Services.GetRequiredService<IDbConnectionFactory>()) { SqliteBatchSize = 10 };

        var import = () => importer.ImportAsync(Feed(requests), CancellationToken.None);

        (await import.Should().ThrowAsync<BulkImportException>())
            .WithMessage($"*{stray.Number}*ge-no-such-body*");
        (await ScalarAsync("SELECT COUNT(*) FROM requests")).Should().Be(10);
        var committed = requests.Take(10).ToList();
        foreach (var group in committed.GroupBy(Year))
        {
            (await ScalarAsync($"SELECT last_value FROM request_counters WHERE year = {group.Key}"))
                .Should().Be(group.Max(Sequence), because: "the counters cover exactly the committed batches");
        }

        (await ScalarAsync("SELECT COUNT(*) FROM request_counters")).Should().Be(committed.Select(Year).Distinct().Count());
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
            var createdAt = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks((long)(random.NextDouble() * TimeSpan.TicksPerDay * 364));
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
                1 + (i % 2),
                (georgian ? "საჯარო ინფორმაციის გამოთხოვა №" : "Request for public information no. ") + i,
                text,
                requester,
                submittedAt is null ? "draft" : "submitted",
                createdAt,
                submittedAt));
        }

        return result;
    }

    private static FoiRequest Rebuild(FoiRequest request, PublicBodyKey body) => FoiRequest.Import(
        request.Id, request.Number, body, request.StatuteId, request.StatuteVersion, request.Subject, request.Text,
        request.Requester, request.Stage, request.CreatedAt, request.SubmittedAt);

    private static async IAsyncEnumerable<FoiRequest> Feed(IEnumerable<FoiRequest> requests, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var request in requests)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return request;
        }
    }

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
