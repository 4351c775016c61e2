using FoiTracker.Infrastructure.Configuration;
using FoiTracker.Infrastructure.Persistence;
using FoiTracker.Tests.Support;
using FoiTracker.Web.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace FoiTracker.Web.Tests;

/// <summary>
/// A setting the service cannot run with stops it at once with one line that names the setting,
/// both where the settings are read and from the outside, as an operator starting the binary sees it.
/// </summary>
public sealed class ConfigurationTests : IDisposable
{
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(30);

    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "foitracker-config-" + Guid.NewGuid().ToString("N"));

    public ConfigurationTests() => Directory.CreateDirectory(_scratch);

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void ReadDatabase_WithUnknownProvider_NamesDatabaseProvider()
    {
        var configuration = Settings(("Database:Provider", "oracle"), ("Data:Directory", Path.Combine(_scratch, "data")));

        var act = () => InfrastructureSettings.ReadDatabase(configuration);

        act.Should().Throw<ConfigurationProblemException>()
            .Which.Message.Should().Contain("Database:Provider").And.Contain("oracle");
    }

    [Fact]
    public void ReadDatabase_WithDataFolderUnderARegularFile_NamesDataDirectory()
    {
        // Root ignores permission bits, so a folder that cannot exist is the portable way to be unwritable.
        var file = Path.Combine(_scratch, "not-a-folder");
        File.WriteAllText(file, "x");
        var configuration = Settings(("Data:Directory", Path.Combine(file, "sub")));

        var act = () => InfrastructureSettings.ReadDatabase(configuration);

        act.Should().Throw<ConfigurationProblemException>()
            .Which.Message.Should().Contain("Data:Directory").And.Contain(Path.Combine(file, "sub"));
    }

    [Fact]
    public void ReadDatabase_WithPostgresAndNoConnectionString_NamesConnectionString()
    {
        var configuration = Settings(("Database:Provider", "postgres"), ("Data:Directory", Path.Combine(_scratch, "data")));

        var act = () => InfrastructureSettings.ReadDatabase(configuration);

        act.Should().Throw<ConfigurationProblemException>()
            .Which.Message.Should().Contain("ConnectionStrings:Default");
    }

    [Theory]
    [InlineData("Limits:MaxJsonBytes", "12", "Limits:MaxJsonBytes")]
    [InlineData("Limits:SignIn:PermitLimit", "0", "Limits:SignIn:PermitLimit")]
    [InlineData("Limits:Register:Window", "00:00:00", "Limits:Register:Window")]
    [InlineData("Limits:Lockout:Failures", "-1", "Limits:Lockout:Failures")]
    [InlineData("Limits:Filing:PerDay", "0", "Limits:Filing:PerDay")]
    [InlineData("Limits:Enabled", "sometimes", "Limits:*")]
    public void ReadLimits_WithAValueItCannotUse_NamesTheSetting(string key, string value, string named)
    {
        var act = () => Limits.LimitSettings.Read(Settings((key, value)));

        act.Should().Throw<ConfigurationProblemException>().Which.Message.Should().Contain(named);
    }

    [Fact]
    public void ReadLimits_WithoutSettings_TakesTheDefaults()
    {
        var limits = Limits.LimitSettings.Read(Settings());

        limits.Enabled.Should().BeTrue();
        limits.MaxJsonBytes.Should().Be(1024 * 1024);
        limits.ForUseCases().Should().Be(Application.Common.AbuseLimits.Default);
    }

    [Fact]
    public void ReadDatabase_WithDefaults_UsesSqliteFileInDataFolder()
    {
        var data = Path.Combine(_scratch, "data");

        var options = InfrastructureSettings.ReadDatabase(Settings(("Data:Directory", data)));

        options.Provider.Should().Be(DatabaseProvider.Sqlite);
        options.DataDirectory.Should().Be(data);
        options.ConnectionString.Should().Contain(Path.Combine(data, "foitracker.db"));
    }

    [Fact]
    public async Task Service_WithUnreachablePostgres_ExitsWith1AndNamesConnectionString()
    {
        var result = await RunServiceAsync(
            ("Database__Provider", "postgres"),
            ("ConnectionStrings__Default", "Host=127.0.0.1;Port=1;Username=x;Password=y;Database=z;Timeout=3"));

        result.ExitCode.Should().Be(1, result.ToString());
        result.ErrorLines.Should().ContainSingle(result.ToString())
            .Which.Should().Contain("ConnectionStrings:Default").And.Contain("127.0.0.1:1");
    }

    [Fact]
    public async Task Service_WithUnknownProvider_ExitsWith1AndNamesDatabaseProvider()
    {
        var result = await RunServiceAsync(("Database__Provider", "oracle"));

        result.ExitCode.Should().Be(1, result.ToString());
        result.ErrorLines.Should().ContainSingle(result.ToString())
            .Which.Should().Contain("Database:Provider").And.Contain("oracle");
    }

    [Fact]
    public async Task Service_WithUnwritableDataFolder_ExitsWith1AndNamesDataDirectory()
    {
        var file = Path.Combine(_scratch, "not-a-folder");
        await File.WriteAllTextAsync(file, "x");

        var result = await RunServiceAsync(("Data__Directory", Path.Combine(file, "sub")));

        result.ExitCode.Should().Be(1, result.ToString());
        result.ErrorLines.Should().ContainSingle(result.ToString())
            .Which.Should().Contain("Data:Directory");
    }

    private static IConfiguration Settings(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(setting => new KeyValuePair<string, string?>(setting.Key, setting.Value)))
            .Build();

    /// <summary>
    /// Starts the built service (FoiTracker.Web.dll, copied beside this assembly by the
    /// ProjectReference) as its own process, the way an operator would, and waits for it to end.
    /// </summary>
    private async Task<ServiceRun> RunServiceAsync(params (string Name, string Value)[] environment)
    {
        var startInfo = ServiceProcess.StartInfo(_scratch);
        foreach (var (name, value) in environment)
            startInfo.Environment[name] = value;

        return await ServiceProcess.RunToExitAsync(startInfo, StartupLimit, "it should have refused to start");
    }
}
