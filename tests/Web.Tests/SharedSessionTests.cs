using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FoiTracker.Tests.Support;
using FoiTracker.Web.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FoiTracker.Web.Tests;

/// <summary>
/// Tokens issued by one node are accepted by another and survive a restart: the keys that protect
/// them live in the database, not in a node's data folder. Real processes, as an operator runs them.
/// </summary>
public sealed class SharedSessionTests : IDisposable
{
    private const string AdminEmail = "admin@nodes.example.ge";
    private const string AdminPassword = "two nodes, one database";

    private readonly string _scratch = Directory.CreateTempSubdirectory("foitracker-nodes-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_scratch, recursive: true);
        }
        catch (IOException)
        {
            // A file a stopped process still held: the temporary folder is left to the system.
        }
    }

    [SkippableFact]
    public async Task TwoNodesStartedTogether_OnOnePostgresDatabase_AcceptEachOthersTokens()
    {
        TestDatabase.SkipUnlessPostgresConfigured();
        await using var database = await TestDatabase.CreatePostgresAsync();
        var settings = new Dictionary<string, string>
        {
            ["Database__Provider"] = "postgres",
            ["ConnectionStrings__Default"] = database.Options.ConnectionString,
        };

        var nodes = await StartTogetherAsync(StartNodeAsync("a", settings), StartNodeAsync("b", settings));
        await using var nodeA = nodes[0];
        await using var nodeB = nodes[1];

        using var client = new HttpClient();
        var tokens = await SignInAsync(client, nodeA.Address);
        using (var me = await GetMeAsync(client, nodeB.Address, tokens.GetProperty("accessToken").GetString()!))
        {
            me.StatusCode.Should().Be(HttpStatusCode.OK, "node B reads node A's token with the keys they share. A:\n{0}\nB:\n{1}", nodeA.Output, nodeB.Output);
            (await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("email").GetString().Should().Be(AdminEmail);
            me.Headers.Contains("Server").Should().BeFalse("the server does not name itself");
        }

        using var refreshed = await client.PostAsJsonAsync(new Uri(nodeB.Address, "api/auth/refresh"), new { refreshToken = tokens.GetProperty("refreshToken").GetString() });
        refreshed.StatusCode.Should().Be(HttpStatusCode.OK, "node B refreshes a session node A began");
        await using var connection = new NpgsqlConnection(database.Options.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT COUNT(*) FROM data_protection_keys", connection);
        ((long)(await count.ExecuteScalarAsync())!).Should().Be(1, "the node that started second found the first one's key");
        Directory.Exists(Path.Combine(_scratch, "a", "data", "keys")).Should().BeFalse();
    }

    [Fact]
    public async Task OnSqlite_ATokenIssuedBeforeARestart_IsAcceptedAfterIt()
    {
        string token;
        await using (var before = await StartNodeAsync("node", new Dictionary<string, string>()))
        {
            using var client = new HttpClient();
            token = (await SignInAsync(client, before.Address)).GetProperty("accessToken").GetString()!;
        }

        await using var after = await StartNodeAsync("node", new Dictionary<string, string>());
        using var again = new HttpClient();
        using var me = await GetMeAsync(again, after.Address, token);

        me.StatusCode.Should().Be(HttpStatusCode.OK, "the restarted service reads its keys from the database:\n{0}", after.Output);
        Directory.Exists(Path.Combine(_scratch, "node", "data", "keys")).Should().BeFalse("keys are no longer written to the data folder");
    }

    [Fact]
    public void KeysFromTheDataFolder_MoveIntoTheDatabase_SoWhatTheyProtectedStaysReadable()
    {
        using var factory = new FoiTrackerFactory();
        var legacy = new DirectoryInfo(Path.Combine(factory.DataDirectory, "keys"));
        var before = DataProtectionProvider.Create(legacy, builder => builder.SetApplicationName("FoiTracker"));
        var protectedBefore = before.CreateProtector("a cookie").Protect("signed in before the upgrade");

        var after = factory.Services.GetRequiredService<IDataProtectionProvider>();

        after.CreateProtector("a cookie").Unprotect(protectedBefore).Should().Be("signed in before the upgrade");
        legacy.Refresh();
        legacy.Exists.Should().BeFalse("the folder is renamed once its keys are in the database, so it is not read again");
        Directory.Exists(legacy.FullName + ".imported").Should().BeTrue();
    }

    /// <summary>All nodes, or none: one that started is stopped when another could not start.</summary>
    private static async Task<ServiceNode[]> StartTogetherAsync(params Task<ServiceNode>[] starting)
    {
        try
        {
            return await Task.WhenAll(starting);
        }
        catch
        {
            foreach (var started in starting.Where(task => task.IsCompletedSuccessfully))
                await started.Result.DisposeAsync();
            throw;
        }
    }

    private Task<ServiceNode> StartNodeAsync(string name, IReadOnlyDictionary<string, string> settings)
    {
        var directory = Path.Combine(_scratch, name);
        Directory.CreateDirectory(directory);
        var all = new Dictionary<string, string>(settings)
        {
            ["Seeds:Directory"] = TestSeeds.Directory,
            ["Workflow:Scheduler:Enabled"] = "false",
            ["FOI_ADMIN_EMAIL"] = AdminEmail,
            ["FOI_ADMIN_PASSWORD"] = AdminPassword,
        };
        return ServiceNode.StartAsync(name, directory, all);
    }

    private static async Task<JsonElement> SignInAsync(HttpClient client, Uri node)
    {
        using var response = await client.PostAsJsonAsync(new Uri(node, "api/auth/token"), new { email = AdminEmail, password = AdminPassword });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Task<HttpResponseMessage> GetMeAsync(HttpClient client, Uri node, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(node, "api/auth/me"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }
}
