using System.Text.Json.Nodes;
using FoiTracker.Application.Requests.GetRequest;
using FoiTracker.Application.Statutes.CheckPinnedStatutes;
using FoiTracker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Application.Tests.Workflows;

/// <summary>A request keeps the statute version it was filed under when the statute file changes.</summary>
public sealed class StatuteVersionTests : WorkflowTestBase
{
    private string? _seeds;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_seeds is not null)
            Directory.Delete(_seeds, recursive: true);
    }

    [Fact]
    public async Task ANewStatuteVersion_WithTheOldOneArchived_LeavesARunningRequestOnItsOwnVersion()
    {
        var filed = await FileAsync(new DateTimeOffset(2026, 10, 14, 9, 0, 0, TimeSpan.FromHours(4)));
        var seeds = CopySeedsWithNewGeorgianVersion(archiveOld: true);

        await using var upgraded = BuildNode(seedsDirectory: seeds);
        (await SendAsync(upgraded, new CheckPinnedStatutesQuery())).Should().BeEmpty();
        await SweepAllAsync(upgraded);

        var request = await QueryAsync(new GetRequestQuery(filed.Id, null));
        request.StatuteVersion.Should().Be(1);
        request.Stage.Should().Be("overdue");
        request.Timeline.Should().OnlyContain(entry => entry.StatuteVersion == 1);
    }

    [Fact]
    public async Task ANewStatuteVersion_WithoutTheOldOne_IsReportedWithTheRequestsItWouldStrand()
    {
        await FileAsync(null);
        await FileAsync(null);
        var seeds = CopySeedsWithNewGeorgianVersion(archiveOld: false);

        await using var upgraded = BuildNode(seedsDirectory: seeds);
        var missing = await SendAsync(upgraded, new CheckPinnedStatutesQuery());

        missing.Should().Equal(new MissingStatuteVersion("ge-gac", 1, 2));
    }

    private static async Task<T> SendAsync<T>(IServiceProvider services, Mediator.IQuery<T> query)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Mediator.IMediator>().Send(query);
    }

    /// <summary>The repository's seeds with ge-gac bumped to version 2, the old file archived or not.</summary>
    private string CopySeedsWithNewGeorgianVersion(bool archiveOld)
    {
        _seeds = Directory.CreateTempSubdirectory("foitracker-seeds-").FullName;
        foreach (var file in Directory.EnumerateFiles(TestServices.RepositorySeeds, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_seeds, Path.GetRelativePath(TestServices.RepositorySeeds, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var current = Path.Combine(_seeds, "statutes", "ge-gac.json");
        var original = File.ReadAllText(current);
        if (archiveOld)
        {
            Directory.CreateDirectory(Path.Combine(_seeds, "statutes", "archive"));
            File.WriteAllText(Path.Combine(_seeds, "statutes", "archive", "ge-gac.v1.json"), original);
        }

        var json = JsonNode.Parse(original)!;
        json["version"] = 2;
        File.WriteAllText(current, json.ToJsonString());
        return _seeds;
    }
}
