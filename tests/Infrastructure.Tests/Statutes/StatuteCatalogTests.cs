using FoiTracker.Domain.Bodies;
using FoiTracker.Domain.Statutes;
using static FoiTracker.Infrastructure.Tests.Statutes.Seeds;

namespace FoiTracker.Infrastructure.Tests.Statutes;

public class StatuteCatalogTests
{
    [Fact]
    public void Load_RepositorySeeds_GivesTheNineCalendars() =>
        Catalog.CalendarIds.Select(id => id.Value).Should().Equal("de", "eu", "gb-eng", "gb-sct", "ge", "ie", "ua", "us-ca", "us-federal");

    [Fact]
    public void Load_RepositorySeeds_GivesTheNineStatutes() =>
        Catalog.StatuteIds.Select(id => id.Value).Should().Equal(
            "de-ifg", "eu-1049", "ge-gac", "ie-foi", "sc-foisa", "ua-api", "uk-foia", "us-ca-cpra", "us-foia");

    [Theory]
    [InlineData("calendars")]
    [InlineData("statutes")]
    public void EverySeedFile_LoadsAndHasItsFileNameAsId(string folder)
    {
        var files = System.IO.Directory.EnumerateFiles(Path.Combine(Seeds.Directory, folder), "*.json").Select(Path.GetFileNameWithoutExtension).ToList();
        files.Should().HaveCount(9);
        foreach (var id in files)
        {
            var found = folder == "calendars" ? Catalog.TryGetCalendar(id!, out _) : Catalog.TryGetStatute(id!, out _);
            found.Should().BeTrue($"{folder}/{id}.json is loaded");
        }
    }

    [Fact]
    public void GeorgianGac_HasTheDeadlinesTheIssueAsksFor()
    {
        var gac = Catalog.GetStatute("ge-gac");
        gac.DeadlineKeys.Should().Contain(["response", "refusal_explanation", "forwarding", "complaint_filing", "complaint_decision", "complaint_decision_extended", "court_filing"]);
        (gac.Jurisdiction.Value, gac.CalendarId.Value, gac.TimeZone, gac.Version).Should().Be(("ge", "ge", "Asia/Tbilisi", 1));
        var response = gac.Deadline("response");
        (response.Value, response.Unit, response.Start, response.RollForward, response.Citation)
            .Should().Be((10, DeadlineUnit.WorkingDays, DeadlineStart.DayAfterEvent, true, "GAC 40(1)"));
        gac.Deadline("forwarding").Unit.Should().Be(DeadlineUnit.WorkingDays, "GAC 15 excludes holidays and rest days from its time limits");
    }

    [Fact]
    public void GeorgianResponse_CountsFromRegistration_ForEmailedRequestsToCentralBodies()
    {
        var response = Catalog.GetStatute("ge-gac").Deadline("response");

        response.FromRegistration.Should().NotBeNull("Resolution 219/2013, Art 4(3) is in the statute data");
        var registration = response.FromRegistration!;
        (registration.Start, registration.ElectronicOnly, registration.Citation)
            .Should().Be((DeadlineStart.NextWorkingDay, true, "Government Resolution 219/2013, Art 4(3)"));
        registration.BodyKinds.Should().BeEquivalentTo([BodyKind.Government, BodyKind.Ministry, BodyKind.Agency]);
        registration.AppliesTo(BodyKind.Ministry, sentElectronically: true).Should().BeTrue();
        registration.AppliesTo(BodyKind.Ministry, sentElectronically: false).Should().BeFalse("a request sent on paper counts from receipt");
        registration.AppliesTo(BodyKind.CityHall, sentElectronically: true).Should().BeFalse("a municipal body is not a central one");
        registration.Explanation!.Ka.Should().NotBeNullOrWhiteSpace();
        response.CountedFromRegistration().Start.Should().Be(DeadlineStart.NextWorkingDay);
    }

    [Fact]
    public void GeorgianData_HasGeorgianTextForEveryNameAndExplanation()
    {
        var gac = Catalog.GetStatute("ge-gac");
        gac.Name.Ka.Should().NotBeNullOrWhiteSpace();
        gac.Deadlines.Should().OnlyContain(d => d.Explanation != null && d.Explanation.Ka != null);
        var ge = Catalog.GetCalendar("ge");
        ge.Rules.Should().OnlyContain(r => r.Name.Ka != null);
        ge.Overrides.Should().OnlyContain(o => o.Name.Ka != null);
    }

    [Fact]
    public void EveryStatute_HasAResponseDeadlineAndACitationForEachDeadline()
    {
        foreach (var id in Catalog.StatuteIds)
        {
            var statute = Catalog.GetStatute(id.Value);
            statute.DeadlineKeys.Should().Contain("response", $"{id} has an initial response deadline");
            statute.Deadlines.Should().OnlyContain(d => !string.IsNullOrWhiteSpace(d.Citation) && d.Explanation != null);
            Catalog.CalendarOf(statute).Id.Should().Be(statute.CalendarId);
        }
    }

    [Fact]
    public void EveryName_NeverPassesEnglishOffAsGeorgian()
    {
        foreach (var calendar in Catalog.CalendarIds.Select(id => Catalog.GetCalendar(id.Value)))
            calendar.Rules.Select(r => r.Name).Append(calendar.Name).Should().OnlyContain(n => n.Ka == null || n.Ka != n.En);
    }

    [Fact]
    public void GetStatute_UnknownId_ThrowsListingTheKnownOnes() =>
        FluentActions.Invoking(() => Catalog.GetStatute("xx-foia")).Should().Throw<KeyNotFoundException>().WithMessage("*'xx-foia'*ge-gac*us-foia*");

    [Fact]
    public void GetCalendar_UnknownId_ThrowsListingTheKnownOnes() =>
        FluentActions.Invoking(() => Catalog.GetCalendar("mars")).Should().Throw<KeyNotFoundException>().WithMessage("*'mars'*gb-eng*");

    [Fact]
    public void AddStatuteCatalog_RegistersTheSeedsAsASingleton()
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        Infrastructure.Statutes.StatuteCatalogServiceCollectionExtensions.AddStatuteCatalog(services, Seeds.Directory);
        using var provider = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services);
        var catalog = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Application.Statutes.IStatuteCatalog>(provider);
        catalog.StatuteIds.Should().HaveCount(9);
    }
}
