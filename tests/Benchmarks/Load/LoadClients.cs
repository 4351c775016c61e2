using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace FoiTracker.Benchmarks.Load;

/// <summary>What one phase of clients did: the time each successful call took, and the calls that failed.</summary>
public sealed class PhaseSamples
{
    private readonly List<double> _milliseconds = [];

    public long Failures { get; private set; }

    public string? FirstFailure { get; private set; }

    public IReadOnlyList<double> Milliseconds => _milliseconds;

    public void Add(double milliseconds)
    {
        lock (_milliseconds)
            _milliseconds.Add(milliseconds);
    }

    public void Fail(string what)
    {
        lock (_milliseconds)
        {
            Failures++;
            FirstFailure ??= what;
        }
    }
}

/// <summary>
/// The clients: accounts registered through the API, each with its bearer token, filing requests with
/// POST /api/requests and reading public bodies with GET /api/bodies?q=…, over keep-alive connections.
/// </summary>
public sealed class LoadClients : IDisposable
{
    public const string Password = "Load-client-password-1";

    private static readonly string[] Searches = ["გორი", "gori city hall", "სამინისტრო", "ministry of justice", "კასპი", "school"];

    private readonly HttpClient _http;
    private readonly List<string> _tokens = [];
    private readonly List<string> _bodies = [];

    public LoadClients(Uri address, int connections)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        };
        _http = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public IReadOnlyList<string> Bodies => _bodies;

    /// <summary>Registers <paramref name="accounts"/> citizens and takes a token for each; picks the bodies requests go to.</summary>
    public async Task PrepareAsync(int accounts, CancellationToken cancellationToken)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < accounts; i++)
        {
            var email = $"citizen{i}-{run}@load.foitracker.example.ge";
            using (var register = await _http.PostAsJsonAsync("api/auth/register", new { email, displayName = $"მოქალაქე {i}", password = Password }, cancellationToken))
                await EnsureAsync(register, "register", cancellationToken);
            using var token = await _http.PostAsJsonAsync("api/auth/token", new { email, password = Password }, cancellationToken);
            await EnsureAsync(token, "token", cancellationToken);
            using var json = JsonDocument.Parse(await token.Content.ReadAsStringAsync(cancellationToken));
            _tokens.Add(json.RootElement.GetProperty("accessToken").GetString()!);
        }

        // Bodies in Gori and the national ones: some take e-mail, some get a printed letter.
        foreach (var query in new[] { "გორი", "სამინისტრო" })
        {
            using var response = await _http.GetAsync(new Uri($"api/bodies?q={Uri.EscapeDataString(query)}&pageSize=20", UriKind.Relative), cancellationToken);
            await EnsureAsync(response, "bodies", cancellationToken);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            _bodies.AddRange(json.RootElement.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("key").GetString()!));
        }

        if (_bodies.Count == 0)
            throw new InvalidOperationException("The service found no public bodies for 'გორი' or 'სამინისტრო': are the seeds loaded?");
    }

    /// <summary><paramref name="clients"/> clients filing back to back until <paramref name="until"/> is cancelled.</summary>
    public Task FileAsync(int clients, PhaseSamples samples, CancellationToken until) =>
        Clients(clients, client => FileLoopAsync(client, samples, complete: true, until));

    /// <summary>
    /// The floor: the same clients posting the same filing without its subject, answered 400 by
    /// validation before the database is asked anything: what HTTP, the token, JSON and the pipeline
    /// cost on this machine with these clients, and so the most filings it could ever take.
    /// </summary>
    public Task FileIncompleteAsync(int clients, PhaseSamples samples, CancellationToken until) =>
        Clients(clients, client => FileLoopAsync(client, samples, complete: false, until));

    /// <summary><paramref name="clients"/> clients searching bodies back to back until <paramref name="until"/> is cancelled.</summary>
    public Task ReadAsync(int clients, PhaseSamples samples, CancellationToken until) =>
        Clients(clients, client => ReadLoopAsync(client, samples, until));

    public void Dispose() => _http.Dispose();

    /// <summary>One loop per client, each on the thread pool, all awaited together.</summary>
    private static Task Clients(int clients, Func<int, Task> loop) =>
        Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(() => loop(client), CancellationToken.None)));

    private async Task FileLoopAsync(int client, PhaseSamples samples, bool complete, CancellationToken until)
    {
        var token = _tokens[client % _tokens.Count];
        var random = new Random(client);
        for (var i = 0; !until.IsCancellationRequested; i++)
        {
            var body = _bodies[random.Next(_bodies.Count)];
            using var message = new HttpRequestMessage(HttpMethod.Post, new Uri("api/requests", UriKind.Relative))
            {
                Content = JsonContent.Create(new
                {
                    bodyKey = body,
                    subject = complete ? $"ინფორმაცია 2025 წლის ბიუჯეტის შესრულების შესახებ ({client}-{i})" : "",
                    text = RequestText,
                    requester = new { name = $"მოქალაქე {client}", email = $"citizen{client}@load.foitracker.example.ge", address = "გორი, სტალინის გამზირი 12" },
                }),
            };
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            await TimeAsync(message, complete ? HttpStatusCode.Created : HttpStatusCode.BadRequest, samples);
        }
    }

    private async Task ReadLoopAsync(int client, PhaseSamples samples, CancellationToken until)
    {
        for (var i = client; !until.IsCancellationRequested; i++)
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, new Uri($"api/bodies?q={Uri.EscapeDataString(Searches[i % Searches.Length])}", UriKind.Relative));
            await TimeAsync(message, HttpStatusCode.OK, samples);
        }
    }

    private async Task TimeAsync(HttpRequestMessage message, HttpStatusCode expected, PhaseSamples samples)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            // The call in flight when the phase ends is finished, not abandoned: its time counts.
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, CancellationToken.None);
            var elapsed = clock.Elapsed.TotalMilliseconds;
            if (response.StatusCode == expected)
                samples.Add(elapsed);
            else
                samples.Fail($"{message.Method} {message.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
        }
        catch (HttpRequestException ex)
        {
            samples.Fail($"{message.Method} {message.RequestUri}: {ex.Message}");
            await Task.Delay(10, CancellationToken.None);
        }
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }

    private const string RequestText =
        "საქართველოს ზოგადი ადმინისტრაციული კოდექსის III თავის შესაბამისად, გთხოვთ მომაწოდოთ შემდეგი საჯარო ინფორმაცია: " +
        "1. 2025 წლის ბიუჯეტის შესრულების ანგარიში პროგრამების მიხედვით; " +
        "2. 2025 წელს გაფორმებული სახელმწიფო შესყიდვის ხელშეკრულებების ნუსხა, მიმწოდებლის, თანხისა და თარიღის მითითებით; " +
        "3. 2025 წელს გაცემული პრემიებისა და დანამატების ჯამური ოდენობა თანამდებობების მიხედვით. " +
        "ინფორმაცია გთხოვთ მომაწოდოთ ელექტრონული ფორმით, კანონით დადგენილ ვადაში.";
}
