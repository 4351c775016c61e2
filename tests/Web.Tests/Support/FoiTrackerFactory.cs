using Microsoft.AspNetCore.Hosting;
using FoiTracker.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FoiTracker.Web.Tests.Support;

/// <summary>
/// The whole service in memory on its own SQLite file. Each test class that takes this fixture
/// gets a fresh data folder (database, data-protection keys), so classes can run in parallel and
/// accounts created in one never show up in another.
/// </summary>
public sealed class FoiTrackerFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@webtests.foitracker.local";
    public const string AdminPassword = "Correct-Horse-Battery-42";

    public FoiTrackerFactory()
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "foitracker-webtests-" + Guid.NewGuid().ToString("N"));
        SeedsDirectory = Path.Combine(AppContext.BaseDirectory, "seeds");
        // The service reads its seeds from AppContext.BaseDirectory/seeds by default; the Web project
        // copies them beside its binaries and the ProjectReference brings them into this output.
        // Without them every test would fail at startup with a less obvious message.
        if (!File.Exists(Path.Combine(SeedsDirectory, "jurisdictions.json")))
            throw new InvalidOperationException($"The seeds were not copied to the test output ({SeedsDirectory}); check the None items in Web.csproj.");
    }

    public string DataDirectory { get; }

    public string SeedsDirectory { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // UseSetting goes into the host configuration, which the factory hands to Program as
        // arguments, so it is already visible when AddInfrastructure reads the settings before Build().
        builder.UseSetting("Database:Provider", "sqlite");
        builder.UseSetting("ConnectionStrings:Default", string.Empty);
        builder.UseSetting("Data:Directory", DataDirectory);
        // The shipped seeds plus a body with a verified address, which the shipped seeds do not have.
        builder.UseSetting("Seeds:Directory", TestSeeds.Directory);
        builder.UseSetting("FOI_ADMIN_EMAIL", AdminEmail);
        builder.UseSetting("FOI_ADMIN_PASSWORD", AdminPassword);
        // The endpoints are tested here, not the clock: no scheduler polling the test database.
        builder.UseSetting("Workflow:Scheduler:Enabled", "false");
        // A session ended by a password or role change is refused on the next request, not seconds later
        // (SessionTests checks the default interval).
        builder.UseSetting("Accounts:SessionCheckSeconds", "0");
        // Many accounts come from one test address here; the limits are tested with their own small settings.
        builder.UseSetting("Limits:Enabled", "false");
    }

    /// <summary>The same service, sending its mail by SMTP to <paramref name="smtp"/>.</summary>
    public WebApplicationFactory<Program> SendingTo(TestSmtpServer smtp) =>
        WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Mail:Transport", "smtp");
            builder.UseSetting("Mail:Smtp:Host", "127.0.0.1");
            builder.UseSetting("Mail:Smtp:Port", smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Mail:Smtp:Security", "None");
        });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(DataDirectory))
            Directory.Delete(DataDirectory, recursive: true);
    }
}
