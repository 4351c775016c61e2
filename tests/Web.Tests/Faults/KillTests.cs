using System.Data.Common;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using FoiTracker.Infrastructure.Persistence;
using FoiTracker.Infrastructure.Scheduling;
using FoiTracker.Tests.Support;
using Microsoft.Data.Sqlite;
using Npgsql;
using Xunit.Abstractions;

namespace FoiTracker.Web.Tests.Faults;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultTestGroup
{
    public const string Name = "Faults";
}

/// <summary>
/// The service as real processes, killed with SIGKILL in the middle of its work: 2,000 requests
/// recorded as sent 60 days ago (every one has timers long due), then the nodes are killed while
/// the sweep fires them, while the outbox hands over their effects and while mail is being sent —
/// each time at a moment read from the database — and restarted. Once all is quiet the database and
/// the SMTP server must show every due timer fired once, every effect and mail once, and a message
/// received twice only where the sender counted a re-send of a mail caught in flight, with the same
/// Message-ID.
/// </summary>
[Collection(FaultTestGroup.Name)]
public abstract class KillTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Requests = 2_000;
    private const int Filers = 8;
    private const string AdminEmail = "admin@faults.example.ge";
    private const string AdminPassword = "Fault-test-first-password-1";
    private static readonly TimeSpan Quiet = TimeSpan.FromMinutes(8);

    private readonly List<ServiceNode> _nodes = [];
    private readonly HashSet<string> _killed = [];
    private TestDatabase? _database;
    private TestSmtpServer _smtp = null!;
    private string _directory = null!;

    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    protected abstract DatabaseProvider Provider { get; }

    private string Elapsed => _clock.Elapsed.ToString(@"m\:ss", CultureInfo.InvariantCulture);

    /// <summary>How many nodes share the database.</summary>
    protected virtual int Nodes => 1;

    public async Task InitializeAsync()
    {
        // The service's own forms of ids and instants in SQLite, so that the checks compare like with like.
        TypeHandlers.Register();
        _smtp = await TestSmtpServer.StartAsync();
        _directory = Directory.CreateTempSubdirectory("foitracker-faults-").FullName;
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
            await node.DisposeAsync();
        await _smtp.DisposeAsync();
        if (_database is not null)
            await _database.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
    }

    [SkippableFact]
    public async Task Killed_during_the_sweep_the_outbox_and_sending_every_timer_fires_once_and_every_mail_exists_once()
    {
        if (Provider == DatabaseProvider.Postgres)
            TestDatabase.SkipUnlessPostgresConfigured();
        _database = await TestDatabase.CreateAsync(Provider);
        var started = DateTimeOffset.UtcNow;

        // Filing, with no scheduler running, so that all the work is waiting when the nodes start.
        var filer = await StartAsync("filer", scheduler: false);
        await FileAsync(filer, started.AddDays(-60));
        await filer.KillAsync();
        _nodes.Remove(filer);
        await filer.DisposeAsync();
        output.WriteLine($"{Elapsed}: {Requests} requests filed");

        // Together, so that the second node is up before the first has swept everything.
        await Task.WhenAll(Enumerable.Range(0, Nodes).Select(i => StartAsync($"node-{i}", scheduler: true)));
        _nodes.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));

        // The sweep: some requests' timers fired, others still due; the node running it is killed.
        await KillDuringAsync("the sweep", async () =>
        {
            var swept = await ScalarAsync("SELECT COUNT(DISTINCT request_id) FROM request_timers WHERE fired_at IS NOT NULL");
            return swept is >= Requests / 10 and < Requests ? await RunningAsync(SweepTimersJob.Name) : null;
        });

        // The outbox: some effects handed over, others waiting.
        await KillDuringAsync("the outbox", async () =>
            await ScalarAsync("SELECT COUNT(*) FROM outbox WHERE dispatched_at IS NOT NULL") > 0
            && await ScalarAsync("SELECT COUNT(*) FROM outbox WHERE dispatched_at IS NULL") > 0
                ? await RunningAsync(DispatchOutboxJob.Name)
                : null);

        // Sending: a message the server has kept but not yet answered 250 to, so its sender cannot know.
        _smtp.AnswerDelay = TimeSpan.FromMilliseconds(400);
        var inFlight = new List<string>();
        await KillDuringAsync("sending", async () =>
        {
            var received = _smtp.Received.Select(mail => mail.Message.MessageId ?? "").ToHashSet(StringComparer.Ordinal);
            var sending = await ListAsync<ClaimRow>("SELECT message_id AS MessageId, claimed_by AS ClaimedBy FROM mail_outgoing WHERE status = 'sending'");
            var caught = sending.Where(row => received.Contains(row.MessageId)).ToList();
            inFlight = caught.Select(row => row.MessageId).ToList();
            return caught.Count == 0 ? null : _nodes.FirstOrDefault(node => caught[0].ClaimedBy.EndsWith($":{node.ProcessId}", StringComparison.Ordinal));
        });
        _smtp.AnswerDelay = TimeSpan.Zero;

        // Every node is killed once at least: one the work never picked is killed now, while mail is still going out.
        foreach (var spared in _nodes.Where(node => !_killed.Contains(node.Name)).ToList())
            await KillDuringAsync("the rest of the sending", () => Task.FromResult<ServiceNode?>(spared));

        await WaitUntilQuietAsync();
        foreach (var node in _nodes)
            await node.KillAsync();
        output.WriteLine($"{Elapsed}: all quiet; {_smtp.Received.Count} messages received");

        await CheckTimersAsync();
        await CheckOutboxAsync();
        await CheckMailAsync(inFlight);
    }

    /// <summary>The end of what each node printed, for a failure message.</summary>
    private string NodeOutput => string.Join("\n", _nodes.Select(node => $"{node.Name}: {node.Output[Math.Max(0, node.Output.Length - 4000)..]}"));

    private async Task CheckTimersAsync()
    {
        (await ScalarAsync("SELECT COUNT(*) FROM requests")).Should().Be(Requests);
        // No timer fired twice: one history row per request, timer kind and due instant.
        (await ScalarAsync(
                "SELECT COUNT(*) FROM (SELECT 1 FROM request_timers WHERE fired_at IS NOT NULL GROUP BY request_id, kind, due_at HAVING COUNT(*) > 1) twice"))
            .Should().Be(0, "no timer fires twice");
        // None lost: every request was filed alike, so each fired the same timers and wrote the same timeline.
        var fired = await ListAsync<long>("SELECT COUNT(*) FROM request_timers WHERE fired_at IS NOT NULL GROUP BY request_id");
        fired.Should().HaveCount(Requests, "every request had due timers");
        fired.Distinct().Should().ContainSingle("every request fired the same timers").Which.Should().BePositive();
        var timelines = await ListAsync<long>("SELECT COUNT(*) FROM timeline GROUP BY request_id");
        timelines.Distinct().Should().ContainSingle("every request's timeline has the same entries, none twice, none missing");
        var timerEntries = await ListAsync<long>("SELECT COUNT(*) FROM timeline WHERE kind LIKE 'timer:%' GROUP BY request_id, kind HAVING COUNT(*) > 1");
        timerEntries.Should().BeEmpty("each timer's timeline entry is written once");
        (await ScalarAsync("SELECT COUNT(*) FROM requests WHERE next_due_at IS NOT NULL AND next_due_at <= @Now", new { Now = DateTimeOffset.UtcNow.AddMinutes(-1) }))
            .Should().Be(0, "nothing due is left unfired");
    }

    private async Task CheckOutboxAsync()
    {
        (await ScalarAsync("SELECT COUNT(*) FROM outbox WHERE dispatched_at IS NULL")).Should().Be(0);
        var effects = await ListAsync<long>("SELECT COUNT(*) FROM outbox WHERE request_id IS NOT NULL GROUP BY request_id");
        effects.Should().HaveCount(Requests);
        effects.Distinct().Should().ContainSingle("every request's effects are handed over once");
    }

    private async Task CheckMailAsync(IReadOnlyList<string> inFlight)
    {
        var mails = await ListAsync<MailRow>(
            "SELECT message_id AS MessageId, request_id AS RequestId, status AS Status, resends AS Resends, recorded_at AS RecordedAt FROM mail_outgoing");
        mails.Should().OnlyContain(mail => mail.Status == "sent" && mail.RecordedAt != null, "every mail is sent and recorded");
        var perRequest = mails.Where(mail => mail.RequestId != null).GroupBy(mail => mail.RequestId).Select(group => group.Count()).ToList();
        perRequest.Should().HaveCount(Requests, "every request was mailed about");
        perRequest.Distinct().Should().ContainSingle("every request's mails exist once");

        var received = _smtp.Received.GroupBy(mail => mail.Message.MessageId ?? "", StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
        received.Keys.Should().BeEquivalentTo(mails.Select(mail => mail.MessageId), "every mail arrived, and nothing else");
        var resends = mails.ToDictionary(mail => mail.MessageId, mail => mail.Resends, StringComparer.Ordinal);
        var twice = received.Where(pair => pair.Value > 1).ToList();
        twice.Should().OnlyContain(pair => pair.Value - 1 <= resends[pair.Key], "a message arrives again only when its sender counted a re-send");
        inFlight.Should().OnlyContain(id => resends[id] >= 1 && received[id] >= 2,
            "a message the server kept while its sender was killed is sent again, with the same Message-ID, and counted");
        output.WriteLine($"{mails.Count} mails; {twice.Count} received twice, all counted re-sends ({mails.Sum(mail => mail.Resends)} counted)");
    }

    private async Task<ServiceNode> StartAsync(string name, bool scheduler)
    {
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = Provider == DatabaseProvider.Postgres ? "postgres" : "sqlite",
            ["Seeds:Directory"] = TestSeeds.Directory,
            ["FOI_ADMIN_EMAIL"] = AdminEmail,
            ["FOI_ADMIN_PASSWORD"] = AdminPassword,
            ["Mail:Transport"] = "smtp",
            ["Mail:Smtp:Host"] = "127.0.0.1",
            ["Mail:Smtp:Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Mail:Smtp:Security"] = "None",
            ["Mail:Smtp:Timeout"] = "00:00:01",
            ["Mail:SendingLease"] = "00:00:02",
            ["Mail:SendInterval"] = "00:00:00.200",
            ["Workflow:Scheduler:Enabled"] = scheduler ? "true" : "false",
            ["Workflow:SweepInterval"] = "00:00:00.500",
            // Small batches, one at a time per node: the sweep lasts long enough to be killed in the middle.
            ["Workflow:SweepBatchSize"] = "20",
            ["Workflow:SweepWorkers"] = "1",
            ["Workflow:OutboxInterval"] = "00:00:00.500",
            ["Workflow:OutboxBatchSize"] = "50",
        };
        if (Provider == DatabaseProvider.Postgres)
            settings["ConnectionStrings:Default"] = _database!.Options.ConnectionString;
        // Nodes share the data folder (the mail address secret, the keys behind tokens), as nodes share a volume.
        // Rate limits are for the public, not for a test that files thousands of requests as staff.
        var node = await ServiceNode.StartAsync(name, _directory, settings, "--Limits:Enabled=false");
        lock (_nodes)
            _nodes.Add(node);
        return node;
    }

    /// <summary>
    /// Waits until <paramref name="doing"/> names the node doing the work while it is half done, kills
    /// that node there and starts it again.
    /// </summary>
    private async Task KillDuringAsync(string phase, Func<Task<ServiceNode?>> doing)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        ServiceNode? node;
        while ((node = await doing()) is null)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The nodes never reached {phase}:\n{NodeOutput}");
            await Task.Delay(10);
        }

        await node.KillAsync();
        var index = _nodes.IndexOf(node);
        _nodes.Remove(node);
        await node.DisposeAsync();
        output.WriteLine($"{Elapsed}: killed {node.Name} during {phase}");
        _killed.Add(node.Name);
        var restarted = await StartAsync(node.Name, scheduler: true);
        _nodes.Remove(restarted);
        _nodes.Insert(index, restarted);
        output.WriteLine($"{Elapsed}: {node.Name} started again");
    }

    /// <summary>The node running a job now, by the scheduler instance the job's firing names (each node prints its own).</summary>
    private async Task<ServiceNode?> RunningAsync(string job)
    {
        if (_nodes.Count == 1)
            return _nodes[0];
        var instances = await ListAsync<string>($"SELECT instance_name FROM qrtz_fired_triggers WHERE job_name = '{job}' AND state = 'EXECUTING'");
        return instances.Count == 0 ? null : _nodes.FirstOrDefault(node => node.Output.Contains(instances[0], StringComparison.Ordinal));
    }

    private async Task WaitUntilQuietAsync()
    {
        var deadline = DateTime.UtcNow + Quiet;
        var quietRounds = 0;
        while (quietRounds < 3)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The nodes did not finish their work:\n{NodeOutput}");
            var busy = await ScalarAsync("SELECT COUNT(*) FROM outbox WHERE dispatched_at IS NULL")
                       + await ScalarAsync("SELECT COUNT(*) FROM mail_outgoing WHERE status <> 'sent' OR recorded_at IS NULL")
                       + await ScalarAsync("SELECT COUNT(*) FROM requests WHERE next_due_at IS NOT NULL AND next_due_at <= @Now", new { Now = DateTimeOffset.UtcNow });
            quietRounds = busy == 0 ? quietRounds + 1 : 0;
            await Task.Delay(500);
        }
    }

    private static async Task FileAsync(ServiceNode node, DateTimeOffset submittedAt)
    {
        using var client = new HttpClient { BaseAddress = node.Address, Timeout = TimeSpan.FromSeconds(60) };
        using (var token = await client.PostAsJsonAsync("api/auth/token", new { email = AdminEmail, password = AdminPassword }))
        {
            token.EnsureSuccessStatusCode();
            var body = await token.Content.ReadFromJsonAsync<JsonElement>();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("accessToken").GetString());
        }

        await Parallel.ForAsync(0, Requests, new ParallelOptions { MaxDegreeOfParallelism = Filers }, async (i, cancellationToken) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/requests")
            {
                Content = JsonContent.Create(new
                {
                    bodyKey = TestSeeds.VerifiedCityHall,
                    subject = $"Road repair contracts, part {i}",
                    text = "Please send copies of all road repair contracts the city hall signed in 2025, with their annexes.",
                    requester = new { name = "Nino Beridze", email = $"nino{i}@example.org" },
                    submittedAt,
                }),
            };
            request.Headers.Add("Idempotency-Key", $"fault-{i}");
            using var response = await client.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"Filing request {i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        });
    }

    private async Task<DbConnection> OpenAsync()
    {
        DbConnection connection = Provider == DatabaseProvider.Postgres
            ? new NpgsqlConnection(_database!.Options.ConnectionString)
            : new SqliteConnection($"Data Source={Path.Combine(_directory, "data", "foitracker.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        return connection;
    }

    private async Task<long> ScalarAsync(string sql, object? parameters = null)
    {
        await using var connection = await OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql, parameters);
    }

    private async Task<IReadOnlyList<T>> ListAsync<T>(string sql)
    {
        await using var connection = await OpenAsync();
        return (await connection.QueryAsync<T>(sql)).ToList();
    }

    private sealed class ClaimRow
    {
        public string MessageId { get; init; } = "";
        public string ClaimedBy { get; init; } = "";
    }

    private sealed class MailRow
    {
        public string MessageId { get; init; } = "";
        public Guid? RequestId { get; init; }
        public string Status { get; init; } = "";
        public int Resends { get; init; }
        public DateTimeOffset? RecordedAt { get; init; }
    }
}

public sealed class SqliteKillTests(ITestOutputHelper output) : KillTests(output)
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresKillTests(ITestOutputHelper output) : KillTests(output)
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

/// <summary>Two nodes on one PostgreSQL database, killed one at a time.</summary>
public sealed class TwoNodePostgresKillTests(ITestOutputHelper output) : KillTests(output)
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override int Nodes => 2;
}
