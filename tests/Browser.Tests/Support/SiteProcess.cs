using FoiTracker.Tests.Support;

namespace FoiTracker.Browser.Tests.Support;

/// <summary>
/// The built service started as its own process, the way an operator starts it: its embedded
/// default (SQLite, mail to a pickup folder), the repository's seeds plus the test city hall, a
/// first administrator from the environment, on a port the system picks — read back from the line
/// the service prints when it is ready.
/// </summary>
public sealed class SiteProcess : IAsyncDisposable
{
    public const string AdminEmail = "admin@foitracker.example.ge";
    public const string AdminPassword = "Browser-first-password-1";

    private readonly ServiceNode _node;

    private SiteProcess(ServiceNode node, string directory)
    {
        _node = node;
        Directory = directory;
    }

    /// <summary>The site's address, ending in a slash (http://127.0.0.1:PORT/).</summary>
    public Uri Address => _node.Address;

    /// <summary>The service's working folder; its data (database, mail pickup) is in <c>data</c>.</summary>
    public string Directory { get; }

    /// <summary>What the service printed so far, for failure messages.</summary>
    public string Output => _node.Output;

    public static async Task<SiteProcess> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"foi-browser-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(directory);
        var settings = new Dictionary<string, string>
        {
            // Development makes the service read its styles and scripts through the build's static web assets
            // manifest (beside the tests), since it runs from the build output, not from a published folder.
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Seeds:Directory"] = TestSeeds.Directory,
            ["FOI_ADMIN_EMAIL"] = AdminEmail,
            ["FOI_ADMIN_PASSWORD"] = AdminPassword,
            // The journeys read statistics right after changing a request: nothing is kept between answers
            // here (keeping them for a while is tested in the Web suite).
            ["Statistics:CacheSeconds"] = "0",
        };
        return new SiteProcess(await ServiceNode.StartAsync("site", directory, settings), directory);
    }

    public async ValueTask DisposeAsync()
    {
        await _node.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the stopped process: the temporary folder is left to the system.
        }
    }
}
