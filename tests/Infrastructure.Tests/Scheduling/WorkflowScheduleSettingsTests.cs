using FoiTracker.Infrastructure.Configuration;
using FoiTracker.Infrastructure.Scheduling;
using FoiTracker.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FoiTracker.Infrastructure.Tests.Scheduling;

/// <summary>The <c>Workflow</c> settings: their defaults, and a bad value stops the start naming the setting.</summary>
public sealed class WorkflowScheduleSettingsTests
{
    [Fact]
    public void ReadWorkflowSchedule_WithNothingSet_UsesTheDefaults()
    {
        var schedule = InfrastructureSettings.ReadWorkflowSchedule(Settings());

        schedule.SweepInterval.Should().Be(TimeSpan.FromSeconds(5));
        schedule.SweepBatchSize.Should().Be(500);
        schedule.SweepWorkers.Should().Be(1, "SQLite has one writer");
        schedule.OutboxInterval.Should().Be(TimeSpan.FromSeconds(5));
        schedule.OutboxBatchSize.Should().Be(100);
        schedule.SchedulerEnabled.Should().BeTrue();
    }

    [Fact]
    public void ReadWorkflowSchedule_WithEverythingSet_ReadsIt()
    {
        var schedule = InfrastructureSettings.ReadWorkflowSchedule(Settings(
            ("Workflow:SweepInterval", "00:00:30"),
            ("Workflow:SweepBatchSize", "50"),
            ("Workflow:SweepWorkers", "3"),
            ("Workflow:OutboxInterval", "00:02:00"),
            ("Workflow:OutboxBatchSize", "7"),
            ("Workflow:Scheduler:Enabled", "false")));

        schedule.SweepInterval.Should().Be(TimeSpan.FromSeconds(30));
        schedule.SweepBatchSize.Should().Be(50);
        schedule.SweepWorkers.Should().Be(3);
        schedule.OutboxInterval.Should().Be(TimeSpan.FromMinutes(2));
        schedule.OutboxBatchSize.Should().Be(7);
        schedule.SchedulerEnabled.Should().BeFalse();
    }

    [Theory]
    [InlineData("Workflow:SweepInterval", "00:00:00")]
    [InlineData("Workflow:SweepInterval", "-00:00:05")]
    [InlineData("Workflow:SweepInterval", "five seconds")]
    [InlineData("Workflow:OutboxInterval", "00:00:00")]
    [InlineData("Workflow:OutboxInterval", "-1.00:00:00")]
    [InlineData("Workflow:SweepBatchSize", "0")]
    [InlineData("Workflow:SweepBatchSize", "-3")]
    [InlineData("Workflow:SweepBatchSize", "many")]
    [InlineData("Workflow:SweepWorkers", "0")]
    [InlineData("Workflow:SweepWorkers", "17")]
    [InlineData("Workflow:SweepWorkers", "two")]
    [InlineData("Workflow:OutboxBatchSize", "0")]
    [InlineData("Workflow:OutboxBatchSize", "1.5")]
    [InlineData("Workflow:Scheduler:Enabled", "sometimes")]
    public void ReadWorkflowSchedule_WithABadValue_NamesTheSetting(string key, string value)
    {
        var act = () => InfrastructureSettings.ReadWorkflowSchedule(Settings((key, value)));

        act.Should().Throw<ConfigurationProblemException>()
            .Which.Message.Should().Contain(key).And.Contain(value);
    }

    [Fact]
    public void ReadWorkflowSchedule_OnPostgres_SweepsWithThreeWorkersByDefault()
    {
        var schedule = InfrastructureSettings.ReadWorkflowSchedule(Settings(("Database:Provider", "postgres")));

        schedule.SweepWorkers.Should().Be(3);
    }

    [Fact]
    public void AddScheduling_WithABadValue_ThrowsEvenWhenTheSchedulerIsOff()
    {
        var services = new ServiceCollection();

        var act = () => services.AddScheduling(Settings(("Workflow:Scheduler:Enabled", "false"), ("Workflow:OutboxBatchSize", "0")));

        act.Should().Throw<ConfigurationProblemException>().Which.Message.Should().Contain("Workflow:OutboxBatchSize");
    }

    [Fact]
    public void AddScheduling_WhenDisabled_RegistersNoHostedScheduler()
    {
        var services = new ServiceCollection();

        services.AddScheduling(Settings(("Workflow:Scheduler:Enabled", "false")));

        services.Should().NotContain(descriptor => descriptor.ServiceType == typeof(IHostedService));
        services.Should().ContainSingle(descriptor => descriptor.ServiceType == typeof(WorkflowSchedule));
    }

    [Fact]
    public async Task AddScheduling_WhenEnabled_RegistersTheHostedScheduler()
    {
        await using var database = TestDatabase.CreateSqlite();
        var services = new ServiceCollection();
        services.AddInfrastructure(Settings(
            ("Data:Directory", database.Options.DataDirectory),
            ("Seeds:Directory", TestServices.RepositorySeeds)));

        services.AddScheduling(Settings());

        services.Should().Contain(descriptor => descriptor.ServiceType == typeof(IHostedService));
    }

    private static IConfiguration Settings(params (string Key, string Value)[] settings) => TestSettings.From(settings);
}
