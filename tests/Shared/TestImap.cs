using System.Diagnostics;
using FoiTracker.Infrastructure.Mail.Intake;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;

namespace FoiTracker.Tests.Support;

/// <summary>
/// The Dovecot server named by <c>FOI_TEST_IMAP</c> (from .ci/start-dovecot.sh). Each test uses a
/// folder of its own; mail arrives as in production, through dovecot-lda.
/// </summary>
public sealed class TestImap
{
    public const string Variable = "FOI_TEST_IMAP";

    private TestImap(IReadOnlyDictionary<string, string> settings)
    {
        Host = settings["Host"];
        Port = int.Parse(settings["Port"], System.Globalization.CultureInfo.InvariantCulture);
        User = settings["User"];
        Password = settings["Password"];
        Lda = settings["Lda"];
        Config = settings["Config"];
    }

    public string Host { get; }

    public int Port { get; }

    public string User { get; }

    public string Password { get; }

    public string Lda { get; }

    public string Config { get; }

    public static TestImap? Configured
    {
        get
        {
            if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } value)
                return null;
            var settings = value.Split(';', StringSplitOptions.RemoveEmptyEntries)
                .Select(pair => pair.Split('=', 2))
                .ToDictionary(pair => pair[0].Trim(), pair => pair.Length > 1 ? pair[1].Trim() : "", StringComparer.OrdinalIgnoreCase);
            return new TestImap(settings);
        }
    }

    /// <summary>Skips on a developer machine without the variable; in CI (CI=true) the test runs and fails instead.</summary>
    public static void SkipUnlessConfigured() =>
        Skip.If(
            Configured is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase),
            $"Set {Variable} (the last line of .ci/start-dovecot.sh) to run the mail-intake tests against Dovecot.");

    public static TestImap Require() =>
        Configured ?? throw new InvalidOperationException($"{Variable} is not set: the mail-intake tests must run here (CI sets it via .ci/start-dovecot.sh).");

    public static string NewFolder() => $"t{Guid.NewGuid():N}";

    public MailIntakeSettings SettingsFor(string folder, long maxMessageBytes = Application.Mail.MailIntakeLimits.DefaultMaxMessageBytes, long maxAttachmentBytes = Application.Mail.MailIntakeLimits.DefaultMaxAttachmentBytes) => new()
    {
        Host = Host,
        Port = Port,
        Security = SecureSocketOptions.None,
        Username = User,
        Password = Password,
        Folder = folder,
        Limits = new Application.Mail.MailIntakeLimits(maxMessageBytes, maxAttachmentBytes),
    };

    /// <summary>Delivers a message into the folder as the mail server would (dovecot-lda), creating the folder first time.</summary>
    public async Task DeliverAsync(string folder, string message) =>
        await DeliverAsync(folder, System.Text.Encoding.UTF8.GetBytes(message.ReplaceLineEndings("\r\n")));

    public async Task DeliverAsync(string folder, byte[] message)
    {
        var start = new ProcessStartInfo(Lda)
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-c", Config, "-d", User, "-m", folder })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Lda}.");
        await process.StandardInput.BaseStream.WriteAsync(message);
        process.StandardInput.Close();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"dovecot-lda exited with {process.ExitCode}: {errors}");
    }

    /// <summary>Deletes the folder, so the next delivery makes it anew under a new UIDVALIDITY.</summary>
    public async Task DeleteFolderAsync(string folder)
    {
        using var client = new ImapClient();
        await client.ConnectAsync(Host, Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(User, Password);
        var target = await client.GetFolderAsync(folder);
        await target.DeleteAsync();
        await client.DisconnectAsync(true);
    }

    /// <summary>The UIDs in the folder that carry the \Seen flag.</summary>
    public async Task<IReadOnlyList<uint>> SeenAsync(string folder)
    {
        using var client = new ImapClient();
        await client.ConnectAsync(Host, Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(User, Password);
        var target = await client.GetFolderAsync(folder);
        await target.OpenAsync(FolderAccess.ReadOnly);
        var seen = await target.SearchAsync(MailKit.Search.SearchQuery.Seen);
        await client.DisconnectAsync(true);
        return seen.Select(uid => uid.Id).ToList();
    }
}
