using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dapper;
using FoiTracker.Application.Requests;
using FoiTracker.Application.Requests.FileRequest;
using FoiTracker.Benchmarks.BulkLoad;
using FoiTracker.Benchmarks.Harness;
using FoiTracker.Domain.Mail;
using FoiTracker.Domain.Requests;
using FoiTracker.Domain.Users;
using FoiTracker.Infrastructure.Mail.Intake;
using FoiTracker.Infrastructure.Persistence;
using MailKit.Net.Imap;
using MailKit.Security;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace FoiTracker.Benchmarks.Mail;

/// <summary>
/// Benchmark of the mail intake: with 10,000 messages waiting in a Dovecot folder, how many the
/// real intake (IMAP fetch, parse, classify, match, timeline, one transaction each) records per
/// second, on SQLite and, when a server is named, on PostgreSQL. The messages are replies to 100
/// requests (some with retyped addresses, some to two requests), written straight into the
/// folder's maildir so that loading them takes seconds, not the time being measured.
/// Reads the server from FOI_BENCH_IMAP (or FOI_TEST_IMAP), the settings line .ci/start-dovecot.sh prints.
/// </summary>
public static class MailIntakeBenchmark
{
    public const string ImapVariable = "FOI_BENCH_IMAP";
    private const int Messages = 10_000;
    private const int Requests = 100;

    public static async Task<IReadOnlyDictionary<string, double>> RunAsync(string seedsDirectory, CancellationToken cancellationToken = default)
    {
        var imap = ImapServer.FromEnvironment();
        var figures = new Dictionary<string, double>(StringComparer.Ordinal);
        await MeasureAsync("sqlite", ScratchDatabase.CreateSqlite(keep: false), imap, seedsDirectory, figures, cancellationToken);
        var postgres = Environment.GetEnvironmentVariable("FOI_BENCH_POSTGRES") is { Length: > 0 } bench ? bench : Environment.GetEnvironmentVariable("FOI_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(postgres))
            await MeasureAsync("postgres", await ScratchDatabase.CreatePostgresAsync(postgres, keep: false, cancellationToken), imap, seedsDirectory, figures, cancellationToken);
        return figures;
    }

    private static async Task MeasureAsync(string label, ScratchDatabase database, ImapServer imap, string seedsDirectory, Dictionary<string, double> figures, CancellationToken cancellationToken)
    {
        await using var _ = database;
        await using var services = await database.StartServiceAsync(seedsDirectory, cancellationToken);
        var numbers = await FileRequestsAsync(services, cancellationToken);
        var codec = services.GetRequiredService<ReplyAddressCodec>();

        var folder = $"bench{Guid.NewGuid():N}";
        var delivery = Stopwatch.StartNew();
        await imap.FillAsync(folder, Enumerable.Range(0, Messages).Select(i => Reply(i, numbers, codec)), cancellationToken);
        delivery.Stop();

        var runner = new MailIntakeRunner(imap.SettingsFor(folder), services.GetRequiredService<IServiceScopeFactory>(), NullLogger<MailIntakeRunner>.Instance);
        var clock = Stopwatch.StartNew();
        var result = await runner.RunOnceAsync(cancellationToken);
        clock.Stop();

        await using var connection = await services.GetRequiredService<IDbConnectionFactory>().OpenAsync(cancellationToken);
        var matched = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM mail_inbound WHERE status = 'matched'");
        var links = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM mail_inbound_match");
        if (result.Recorded != Messages || matched != Messages)
            throw new InvalidOperationException($"Intake recorded {result.Recorded} and matched {matched} of {Messages} messages; the benchmark measures nothing unless all match.");

        figures[$"{label}.messages_matched_per_second"] = Math.Round(Messages / clock.Elapsed.TotalSeconds, 1);
        figures[$"{label}.intake_seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 2);
        figures[$"{label}.matches_written"] = links;
        figures[$"{label}.delivery_seconds"] = Math.Round(delivery.Elapsed.TotalSeconds, 2);
        await imap.DeleteFolderAsync(folder, cancellationToken);
    }

    private static async Task<IReadOnlyList<RequestNumber>> FileRequestsAsync(ServiceProvider services, CancellationToken cancellationToken)
    {
        var citizen = new RequestActor(Guid.CreateVersion7(), "Nino", Role.Citizen);
        await using (var connection = await services.GetRequiredService<IDbConnectionFactory>().OpenAsync(cancellationToken))
        {
            await connection.ExecuteAsync(
                "INSERT INTO users (id, email, email_normalized, display_name, role, password_hash, created_at) VALUES (@Id, 'bench@example.ge', 'bench@example.ge', 'Nino', 'citizen', 'x', @At)",
                new { Id = citizen.UserId, At = DateTimeOffset.UtcNow });
        }

        var numbers = new List<RequestNumber>();
        for (var i = 0; i < Requests; i++)
        {
            await using var scope = services.CreateAsyncScope();
            var filed = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
                new FileRequestCommand("ge-gori-city-hall", $"Budget {2000 + i}", "Please send the budget execution report.", "Nino Beridze",
                    "nino@example.ge", null, DateTimeOffset.UtcNow.AddMinutes(-5), false, citizen),
                cancellationToken);
            numbers.Add(RequestNumber.Parse(filed.Number));
        }

        return numbers;
    }

    // Every tenth reply retypes the address (capitals, o for 0); every twentieth goes to two requests.
    private static byte[] Reply(int i, IReadOnlyList<RequestNumber> numbers, ReplyAddressCodec codec)
    {
        var address = codec.AddressFor(numbers[i % numbers.Count]);
        if (i % 10 == 5)
            address = address.ToUpperInvariant().Replace('0', 'O');
        if (i % 20 == 7)
            address += ", " + codec.AddressFor(numbers[(i + 1) % numbers.Count]);
        var text = string.Create(CultureInfo.InvariantCulture, $"""
            From: Gori City Hall <info@gori.gov.ge>
            To: {address}
            Subject: Re: Budget, answer {i}
            Date: Thu, 26 Nov 2026 09:00:00 +0400
            Message-ID: <bench-{i}-{Guid.NewGuid():N}@gori.gov.ge>
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8

            გამარჯობა, please find the answer to your request below. Answer number {i}.

            """);
        return Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\r\n"));
    }

    /// <summary>The Dovecot of .ci/start-dovecot.sh, whose maildir is filled directly.</summary>
    private sealed class ImapServer(IReadOnlyDictionary<string, string> settings)
    {
        public static ImapServer FromEnvironment()
        {
            var text = Environment.GetEnvironmentVariable(ImapVariable) is { Length: > 0 } bench ? bench : Environment.GetEnvironmentVariable("FOI_TEST_IMAP");
            if (string.IsNullOrWhiteSpace(text))
                throw new UsageException($"Set {ImapVariable} to the last line of .ci/start-dovecot.sh (Host=…;Port=…;User=…;Password=…;Config=…) to run the mail benchmark against Dovecot.");
            var values = text.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(pair => pair.Split('=', 2))
                .ToDictionary(pair => pair[0].Trim(), pair => pair.Length > 1 ? pair[1].Trim() : "", StringComparer.OrdinalIgnoreCase);
            foreach (var key in new[] { "Host", "Port", "User", "Password", "Config" })
            {
                if (!values.ContainsKey(key))
                    throw new UsageException($"{ImapVariable} has no {key}=…: use the last line of .ci/start-dovecot.sh.");
            }

            return new ImapServer(values);
        }

        public MailIntakeSettings SettingsFor(string folder) => new()
        {
            Host = settings["Host"],
            Port = int.Parse(settings["Port"], CultureInfo.InvariantCulture),
            Security = SecureSocketOptions.None,
            Username = settings["User"],
            Password = settings["Password"],
            Folder = folder,
        };

        /// <summary>Creates the folder over IMAP, then writes the messages into its maildir's new/ as a delivery agent would.</summary>
        public async Task FillAsync(string folder, IEnumerable<byte[]> messages, CancellationToken cancellationToken)
        {
            using (var client = await ConnectAsync(cancellationToken))
            {
                await client.GetFolder(client.PersonalNamespaces[0]).CreateAsync(folder, isMessageFolder: true, cancellationToken);
                await client.DisconnectAsync(true, cancellationToken);
            }

            var root = Path.GetDirectoryName(settings["Config"])!;
            var directory = Path.Combine(root, "mail", settings["User"], "." + folder);
            if (!Directory.Exists(Path.Combine(directory, "new")))
                throw new InvalidOperationException($"Expected the folder's maildir at {directory} (the layout .ci/start-dovecot.sh configures).");
            var staging = Path.Combine(directory, "tmp");
            var count = 0;
            foreach (var message in messages)
            {
                // Written in tmp/, then moved into new/: the maildir way, so the server never sees half a file.
                var name = string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}.M{count++}P{Environment.ProcessId}.bench,S={message.Length}");
                await File.WriteAllBytesAsync(Path.Combine(staging, name), message, cancellationToken);
                File.Move(Path.Combine(staging, name), Path.Combine(directory, "new", name));
            }
        }

        public async Task DeleteFolderAsync(string folder, CancellationToken cancellationToken)
        {
            using var client = await ConnectAsync(cancellationToken);
            await (await client.GetFolderAsync(folder, cancellationToken)).DeleteAsync(cancellationToken);
            await client.DisconnectAsync(true, cancellationToken);
        }

        private async Task<ImapClient> ConnectAsync(CancellationToken cancellationToken)
        {
            var client = new ImapClient();
            await client.ConnectAsync(settings["Host"], int.Parse(settings["Port"], CultureInfo.InvariantCulture), SecureSocketOptions.None, cancellationToken);
            await client.AuthenticateAsync(settings["User"], settings["Password"], cancellationToken);
            return client;
        }
    }
}
