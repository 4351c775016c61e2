using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FluentValidation;
using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Requests;
using FoiTracker.Application.Requests.RecordEvent;
using FoiTracker.Application.Statistics.AnnualReports;
using FoiTracker.Application.Statistics.AnnualReports.ReadAnnualReports;
using FoiTracker.Application.Statistics.AnnualReports.RecordAnnualReport;
using FoiTracker.Application.Statistics.Snapshots.PublishSnapshot;
using FoiTracker.Application.Statistics.Snapshots.ReadSnapshots;
using FoiTracker.Application.Tests.Workflows;
using FoiTracker.Domain.Users;
using FoiTracker.Infrastructure.Persistence;
using FoiTracker.Tests.Support;

namespace FoiTracker.Application.Tests.Statistics;

/// <summary>
/// Snapshots and annual reports through their use cases on both databases: the counts come from
/// the stored facts, the hash is of the stored bytes, and the database refuses to change either.
/// </summary>
public abstract class SnapshotAndAnnualReportTests : WorkflowTestBase
{
    private const string Base = "https://foi.example.ge";
    private static readonly RequestActor Staff = StaffMember;
    private static readonly TimeSpan Tbilisi = TimeSpan.FromHours(4);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await AddStaffMemberAsync();
    }

    [SkippableFact]
    public async Task Publish_CountsTheYearsRequestsFromTheFacts_AndItsHashIsOfTheStoredBytes()
    {
        await FileYearAsync();

        var published = await SendAsync(new PublishSnapshotCommand("2026", "2026-11-26", "ge-gac", null, Staff, Base));
        var content = await QueryAsync(new GetSnapshotContentQuery(published.Id));

        published.Id.Should().Be("2026-ge-gac-1");
        published.Url.Should().Be(Base + "/api/statistics/snapshots/2026-ge-gac-1");
        (published.PeriodFrom, published.PeriodTo, published.AsOf).Should().Be((D("2026-01-01"), D("2026-12-31"), D("2026-11-26")));
        (published.StatuteVersion, published.Calendar, published.PublishedBy).Should().Be((1, "ge", "Tamar"));
        Convert.ToHexStringLower(SHA256.HashData(content.Bytes)).Should().Be(published.Sha256);
        var root = JsonDocument.Parse(content.Bytes).RootElement;
        (root.GetProperty("methodologyVersion").GetString(), root.GetProperty("statute").GetString()).Should().Be(("1.0", "ge-gac"));
        root.GetProperty("basis").GetProperty("asOf").GetString().Should().Be("2026-11-26");
        // The same figures as the statistics endpoint: every outcome counted as of the day, and the due requests answered on time.
        var bodies = root.GetProperty("bodies").EnumerateArray()
            .Select(body => body.GetProperty("figures"))
            .Select((figures, index) => (
                root.GetProperty("bodies")[index].GetProperty("key").GetString(),
                figures.GetProperty("sent").GetInt32(),
                figures.GetProperty("due").GetInt32(),
                figures.GetProperty("outcomes").GetProperty("complete").GetInt32(),
                figures.GetProperty("outcomes").GetProperty("refused").GetInt32(),
                figures.GetProperty("onTime").GetProperty("count").GetInt32()))
            .ToList();
        bodies.Should().Equal([("ge-gori-city-hall", 1, 1, 0, 0, 0), (TestSeeds.VerifiedCityHall, 4, 3, 1, 1, 1)], "bodies with requests, unranked by key");
        Encoding.UTF8.GetString(content.Bytes).Should().NotContain("\n", "the stored JSON is compact");
        published.CiteAs.En.Should().Contain("as of 26 November 2026").And.Contain(published.Url).And.Contain(published.Sha256[..16]);
        published.CiteAs.Ka.Should().Contain("2026 წლის 26 ნოემბრის მდგომარეობით").And.Contain(published.Url).And.Contain(published.Sha256[..16]);
    }

    [SkippableFact]
    public async Task PublishingTheSameScopeTwice_GivesTheSameBytesUnderTheNextId()
    {
        await FileYearAsync();

        var first = await SendAsync(new PublishSnapshotCommand("2026", "2026-11-26", null, null, Staff, Base));
        var second = await SendAsync(new PublishSnapshotCommand("2026", "2026-11-26", null, null, Staff, Base));

        second.Id.Should().Be("2026-ge-gac-2");
        second.Sha256.Should().Be(first.Sha256);
    }

    [SkippableFact]
    public async Task ACorrection_NamesTheSnapshotItReplaces_WhichThenShowsIt_AndCannotBeReplacedTwice()
    {
        var first = await SendAsync(new PublishSnapshotCommand("2026-Q4", "2026-11-01", null, null, Staff, Base));
        await FileYearAsync();

        var correction = await SendAsync(new PublishSnapshotCommand("2026-Q4", "2026-11-26", null, first.Id, Staff, Base));
        var reread = await QueryAsync(new GetSnapshotQuery(first.Id, Base));
        var again = () => SendAsync(new PublishSnapshotCommand("2026-Q4", "2026-11-26", null, first.Id, Staff, Base));
        var unknown = () => SendAsync(new PublishSnapshotCommand("2026", null, null, "2026-ge-gac-99", Staff, Base));

        correction.Replaces.Should().Be(first.Id);
        reread.Snapshot.ReplacedBy.Should().Be(correction.Id);
        reread.Snapshot.Sha256.Should().Be(first.Sha256, "the replaced snapshot keeps its content");
        (await again.Should().ThrowAsync<ConflictException>()).Which.Message.Should().Contain(correction.Id);
        await unknown.Should().ThrowAsync<NotFoundException>();
        (await QueryAsync(new ListSnapshotsQuery(Base))).Select(snapshot => snapshot.Id).Should().BeEquivalentTo([first.Id, correction.Id]);
    }

    [SkippableFact]
    public async Task AnAsOfDateAfterToday_OrBeforeThePeriod_IsRefused()
    {
        var future = () => SendAsync(new PublishSnapshotCommand("2026", "2026-11-27", null, null, Staff, Base));
        var early = () => SendAsync(new PublishSnapshotCommand("2026-Q4", "2026-09-30", null, null, Staff, Base));
        var period = () => SendAsync(new PublishSnapshotCommand("2026-13", null, null, null, Staff, Base));

        (await future.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().ContainSingle(error => error.PropertyName == "asOf");
        (await early.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().ContainSingle(error => error.PropertyName == "asOf");
        (await period.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().Contain(error => error.PropertyName == "period");
    }

    [SkippableFact]
    public async Task TheDatabaseRefusesToChangeOrDeleteASnapshotOrAReportRevision()
    {
        var snapshot = await SendAsync(new PublishSnapshotCommand("2026", null, null, null, Staff, Base));
        await SendAsync(Report(10, "https://gori.gov.ge/report-2025.pdf"));

        var update = () => ExecuteAsync("UPDATE statistics_snapshots SET content_sha256 = @Hash WHERE id = @Id", new { Hash = new string('0', 64), snapshot.Id });
        var delete = () => ExecuteAsync("DELETE FROM statistics_snapshots WHERE id = @Id", new { snapshot.Id });
        var changeReport = () => ExecuteAsync("UPDATE annual_reports SET requests_received = 99 WHERE body_key = @Body", new { Body = TestSeeds.VerifiedCityHall });
        var deleteReport = () => ExecuteAsync("DELETE FROM annual_reports WHERE body_key = @Body", new { Body = TestSeeds.VerifiedCityHall });

        await update.Should().ThrowAsync<Exception>();
        await delete.Should().ThrowAsync<Exception>();
        await changeReport.Should().ThrowAsync<Exception>();
        await deleteReport.Should().ThrowAsync<Exception>();
        (await QueryAsync(new GetSnapshotQuery(snapshot.Id, Base))).Snapshot.Sha256.Should().Be(snapshot.Sha256);
        (await CountAsync("SELECT COUNT(*) FROM annual_reports WHERE requests_received = 10")).Should().Be(1);
    }

    [SkippableFact]
    public async Task RecordingAReport_TheSameFiguresAgainChangeNothing_AndACorrectionKeepsTheFirstRevision()
    {
        var first = await SendAsync(Report(10, "https://city-hall.example.ge/report-2025.pdf"));
        var same = await SendAsync(Report(10, "https://city-hall.example.ge/report-2025.pdf"));
        var corrected = await SendAsync(Report(12, "Letter 01-23/456 of 2026-01-15"));

        first.Current.Revision.Should().Be(1);
        same.History.Should().HaveCount(1);
        corrected.Current.Revision.Should().Be(2);
        corrected.History.Select(revision => (revision.Revision, revision.Figures.RequestsReceived, revision.Source))
            .Should().Equal((1, 10, "https://city-hall.example.ge/report-2025.pdf"), (2, 12, "Letter 01-23/456 of 2026-01-15"));
        (corrected.DueOn, corrected.PublishedOnTime, corrected.Current.RecordedBy).Should().Be((D("2025-12-10"), false, "Tamar"));
        (await QueryAsync(new ListAnnualReportsQuery(TestSeeds.VerifiedCityHall))).Should().ContainSingle().Which.History.Should().HaveCount(2);
    }

    [SkippableFact]
    public async Task TheComparison_PutsTheReportedFiguresBesideTheServicesOwnCountsForTheYear()
    {
        await FileYearAsync();
        await SendAsync(new RecordAnnualReportCommand(
            TestSeeds.VerifiedCityHall, 2026, new AnnualReportFigures(40, 30, 5, 2, null, 1, 1500), null, "https://city-hall.example.ge/2026.pdf", null, Staff));

        var comparison = await QueryAsync(new CompareAnnualReportQuery(TestSeeds.VerifiedCityHall, 2026, "2026-11-26"));

        comparison.Own.Should().Be(new Application.Statistics.AnnualReports.OwnYearCounts(
            Sent: 4, Complete: 1, Partial: 0, Refused: 1, NotHeld: 0, Forwarded: 0, NoReply: 1, Pending: 1, Withdrawn: 0, Complaints: 1, CourtClaims: 0));
        comparison.Rows.Select(row => (row.Measure, row.Reported, row.Own)).Should().Equal(
            ("requests_received", 40L, 4L), ("granted", 30L, 1L), ("partly_granted", 5L, 0L), ("refused", 2L, 1L),
            ("forwarded", (long?)null, 0L), ("appeals", 1L, 1L), ("no_reply", (long?)null, 1L));
    }

    private static RecordAnnualReportCommand Report(int received, string source) =>
        new(TestSeeds.VerifiedCityHall, 2025, new AnnualReportFigures(received, 6, 1, 2, null, null, null), D("2026-01-20"), source, null, Staff);

    /// <summary>
    /// Four requests to the test city hall in 2026 and one to Gori: answered complete on time, refused
    /// late and then taken to a complaint, silent past its due date, and one not yet due on 26 November.
    /// </summary>
    private async Task FileYearAsync()
    {
        var complete = await FileAsync(At("2026-10-01"));
        var refused = await FileAsync(At("2026-10-01"));
        await FileAsync(At("2026-10-01"));
        await FileAsync(At("2026-11-20"));
        await FileAsync(At("2026-10-05"), "ge-gori-city-hall");
        await SendAsync(new RecordEventCommand(complete.Id, "answered", Citizen, OccurredAt: At("2026-10-08"), Outcome: "complete"));
        await SweepAllAsync(Services);
        await SendAsync(new RecordEventCommand(refused.Id, "answered", Citizen, OccurredAt: At("2026-10-20"), Outcome: "refused"));
        await SendAsync(new RecordEventCommand(refused.Id, "escalate", Citizen, OccurredAt: At("2026-10-27")));
    }

    private static DateOnly D(string date) => DateOnly.ParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static DateTimeOffset At(string date) => new(D(date).ToDateTime(new TimeOnly(12, 0)), Tbilisi);
}

public sealed class SqliteSnapshotAndAnnualReportTests : SnapshotAndAnnualReportTests;

public sealed class PostgresSnapshotAndAnnualReportTests : SnapshotAndAnnualReportTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
