using System.Diagnostics;
using System.Globalization;
using Dapper;
using FoiTracker.Application.Bodies;
using FoiTracker.Application.Jurisdictions;
using FoiTracker.Application.Requests;
using FoiTracker.Application.Requests.FileRequest;
using FoiTracker.Application.Workflows;
using FoiTracker.Benchmarks.BulkLoad;
using FoiTracker.Benchmarks.Harness;
using FoiTracker.Benchmarks.Sweep;
using FoiTracker.Domain.Bodies;
using FoiTracker.Domain.Requests;
using FoiTracker.Domain.Users;
using FoiTracker.Domain.Workflows;
using FoiTracker.Infrastructure.Persistence;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Benchmarks.Load;

/// <summary>
/// What a filing costs below HTTP, so the <c>load</c> benchmark's figures can be set against what this machine
/// allows at all. Concurrent workers in this process, on a fresh database, for a fixed time each:
/// <list type="bullet">
/// <item>"command": the service's own <see cref="FileRequestCommand"/> through its mediator, as the endpoint sends
/// it (validation, the letter check, the body and its jurisdiction, the number, the request with its timeline,
/// deadlines, facts and outbox, the commit) — everything a filing does but HTTP, sign-in and JSON;</item>
/// <item>"storage": only what is written: a number, then the request through the repository, in one transaction.</item>
/// </list>
/// For each: filings/s, and the CPU per filing of this process, of the database server (PostgreSQL's processes)
/// and of the whole machine; the machine's ceiling is its cores divided by the last. No background work runs
/// (no outbox, no letters drawn, no scheduler), so the service as a process can only do less.
/// </summary>
public sealed class FilingFloorBenchmark : IBenchmark
{
    private static readonly string[] AllProviders = ["sqlite", "postgres"];

    private const string PostgresProcessName = "postgres";

    private const string RequestText =
        "საქართველოს ზოგადი ადმინისტრაციული კოდექსის III თავის შესაბამისად, გთხოვთ მომაწოდოთ შემდეგი საჯარო ინფორმაცია: " +
        "1. 2025 წლის ბიუჯეტის შესრულების ანგარიში პროგრამების მიხედვით; " +
        "2. 2025 წელს გაფორმებული სახელმწიფო შესყიდვის ხელშეკრულებების ნუსხა, მიმწოდებლის, თანხისა და თარიღის მითითებით.";

    public string Name => "filing-floor";

    public string Description =>
        "A filing below HTTP, from concurrent workers in this process on a fresh database: the service's FileRequestCommand through its mediator, " +
        "and the storage alone (number, request, commit); filings/s and CPU per filing of this process, the database server and the machine";

    public IReadOnlyList<BenchmarkOption> Options =>
    [
        new("providers", "sqlite,postgres (default both); PostgreSQL from $" + BulkLoadBenchmark.PostgresVariable + " or $" + BulkLoadBenchmark.PostgresFallbackVariable),
        new("seconds", "how long each measured phase runs (default 10)"),
        new("warmup", "seconds of unmeasured filing before each phase (default 10)"),
        new("workers", "concurrent workers (default 16, the load benchmark's clients)"),
    ];

    public async Task<BenchmarkResult> RunAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var providers = options.GetList("providers", AllProviders, AllProviders);
        var seconds = (int)options.GetInt64("seconds", 10, 1, 3600);
        var warmup = (int)options.GetInt64("warmup", 10, 0, 3600);
        var workers = (int)options.GetInt64("workers", 16, 1, 256);
        var postgres = providers.Contains("postgres") ? SweepBenchmark.PostgresConnectionString() : null;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["providers"] = string.Join(",", providers),
            ["seconds"] = seconds.ToString(CultureInfo.InvariantCulture),
            ["warmup_seconds"] = warmup.ToString(CultureInfo.InvariantCulture),
            ["workers"] = workers.ToString(CultureInfo.InvariantCulture),
            ["cores"] = MachineCpu.Cores.ToString(CultureInfo.InvariantCulture),
            ["runs"] = "in this process, no HTTP; no outbox, letters or scheduler running",
        };

        var figures = new List<Figure>();
        foreach (var provider in providers)
        {
            Console.WriteLine($"{provider}: a fresh database with the seeds...");
            await using var database = await ScratchDatabase.CreateAsync(provider, postgres, keep: false, cancellationToken);
            await using var services = await database.StartServiceAsync(options.SeedsDirectory, cancellationToken);
            var filings = await FilingsAsync(services, cancellationToken);
            parameters[$"{provider}.bodies"] = filings.BodyCount.ToString(CultureInfo.InvariantCulture);
            foreach (var (phase, file) in new (string, Func<IServiceProvider, int, Task>)[] { ("command", filings.CommandAsync), ("storage", filings.StorageAsync) })
            {
                await MeasureAsync(services, workers, TimeSpan.FromSeconds(warmup), file, cancellationToken);
                var run = await MeasureAsync(services, workers, TimeSpan.FromSeconds(seconds), file, cancellationToken);
                Console.WriteLine(run.Describe($"{provider} {phase}"));
                figures.AddRange(run.Figures($"{provider}.{phase}"));
            }
        }

        return new BenchmarkResult(figures, parameters, FileTag: string.Join("-", providers));
    }

    private static async Task<Filings> FilingsAsync(ServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var connection = await scope.ServiceProvider.GetRequiredService<DbSession>().ConnectionAsync(cancellationToken);
        // The bodies the load benchmark's clients find: Georgian ones, with and without a verified address.
        var keys = (await connection.QueryAsync<string>("SELECT key FROM public_bodies WHERE jurisdiction = 'ge' ORDER BY key")).ToList();
        var bodies = new List<(PublicBody Body, string Statute, IWorkflowContext Context)>();
        foreach (var key in keys)
        {
            var body = await scope.ServiceProvider.GetRequiredService<IPublicBodyRepository>().GetAsync(PublicBodyKey.Create(key), cancellationToken)
                ?? throw new InvalidOperationException($"Body '{key}' vanished.");
            var jurisdiction = await scope.ServiceProvider.GetRequiredService<IJurisdictionRepository>().GetAsync(body.Jurisdiction, cancellationToken)
                ?? throw new InvalidOperationException($"Jurisdiction '{body.Jurisdiction}' is not loaded.");
            bodies.Add((body, jurisdiction.StatuteId, services.GetRequiredService<WorkflowContexts>().For(jurisdiction.StatuteId, contextVersion: null)));
        }

        if (bodies.Count == 0)
            throw new InvalidOperationException("The seeds have no Georgian public bodies.");
        return new Filings(bodies);
    }

    private static async Task<PhaseRun> MeasureAsync(
        ServiceProvider services, int workers, TimeSpan length, Func<IServiceProvider, int, Task> file, CancellationToken cancellationToken)
    {
        using var until = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var counts = new int[workers];
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var machine = MachineCpu.Busy();
        var server = MachineCpu.OfProcessesNamed(PostgresProcessName);
        var clock = Stopwatch.StartNew();
        until.CancelAfter(length);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; !until.IsCancellationRequested; i++)
            {
                await using var scope = services.CreateAsyncScope();
                await file(scope.ServiceProvider, worker * 1_000_000 + i);
                counts[worker]++;
            }
        }, CancellationToken.None)));
        clock.Stop();
        process.Refresh();
        return new PhaseRun(
            counts.Sum(), clock.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpu).TotalMilliseconds,
            (MachineCpu.OfProcessesNamed(PostgresProcessName) - server).TotalMilliseconds, (MachineCpu.Busy() - machine).TotalMilliseconds);
    }

    /// <summary>The bodies filed to, each with its statute's workflow, and the two ways of filing one request.</summary>
    private sealed class Filings(List<(PublicBody Body, string Statute, IWorkflowContext Context)> bodies)
    {
        private static readonly RequestActor Staff = new(Guid.Parse("0193a000-0000-7000-8000-00000000f00d"), "Load worker", Role.Staff);

        public int BodyCount => bodies.Count;

        /// <summary>What the filing endpoint sends, by a staff member (no account's daily limit, no mail to verify an address).</summary>
        public async Task CommandAsync(IServiceProvider services, int n)
        {
            var (body, _, _) = bodies[n % bodies.Count];
            var filed = await services.GetRequiredService<IMediator>().Send(new FileRequestCommand(
                body.Key.Value, Subject(n), RequestText, $"მოქალაქე {n % 97}", $"citizen{n % 97}@load.foitracker.example.ge",
                "გორი, სტალინის გამზირი 12", SubmittedAt: null, Draft: false, Staff));
            if (filed.Replayed)
                throw new InvalidOperationException("A filing was answered as a replay.");
        }

        /// <summary>The number and the request with everything its filing step wrote, in one transaction, as the command's.</summary>
        public async Task StorageAsync(IServiceProvider services, int n)
        {
            var (body, statute, context) = bodies[n % bodies.Count];
            var session = services.GetRequiredService<DbSession>();
            var now = DateTimeOffset.UtcNow;
            await session.BeginAsync(CancellationToken.None);
            try
            {
                var number = await services.GetRequiredService<IRequestNumberAllocator>().NextAsync(now.Year, CancellationToken.None);
                var request = FoiRequest.File(
                    RequestId.New(), number, body.Key, statute, Subject(n), RequestText,
                    new Requester($"მოქალაქე {n % 97}", null, "გორი, სტალინის გამზირი 12"), owner: null,
                    Staff.AsWorkflowActor(), now, now, context, bodyKind: body.Kind);
                await services.GetRequiredService<IFoiRequestRepository>().AddAsync(request, CancellationToken.None);
                await session.CommitAsync(CancellationToken.None);
            }
            catch
            {
                await session.RollbackAsync(CancellationToken.None);
                throw;
            }
        }

        private static string Subject(int n) => string.Create(CultureInfo.InvariantCulture, $"ინფორმაცია 2025 წლის ბიუჯეტის შესრულების შესახებ ({n})");
    }

    /// <summary>One measured phase: <paramref name="Filed"/> filings in <paramref name="Seconds"/>, with the CPU milliseconds they cost.</summary>
    private sealed record PhaseRun(int Filed, double Seconds, double ProcessMs, double ServerMs, double MachineMs)
    {
        private double PerFiling(double milliseconds) => milliseconds / Filed;

        private double Ceiling => MachineCpu.Cores * 1_000 / PerFiling(MachineMs);

        public string Describe(string phase) => string.Create(CultureInfo.InvariantCulture,
            $"{phase}: {Filed:N0} filed in {Seconds:N1} s = {Filed / Seconds:N0}/s; CPU per filing: this process {PerFiling(ProcessMs):N2} ms, " +
            $"database server {PerFiling(ServerMs):N2} ms, machine {PerFiling(MachineMs):N2} ms (at most {Ceiling:N0} filings/s on {MachineCpu.Cores} cores)");

        public IEnumerable<Figure> Figures(string prefix) =>
        [
            new($"{prefix}.filed_per_second", Math.Round(Filed / Seconds, 1), "1/s"),
            new($"{prefix}.process_cpu_ms_per_filing", Math.Round(PerFiling(ProcessMs), 2), "ms"),
            new($"{prefix}.database_server_cpu_ms_per_filing", Math.Round(PerFiling(ServerMs), 2), "ms"),
            new($"{prefix}.machine_cpu_ms_per_filing", Math.Round(PerFiling(MachineMs), 2), "ms"),
            new($"{prefix}.machine_ceiling_filings_per_second", Math.Round(Ceiling, 0), "1/s"),
        ];
    }
}
