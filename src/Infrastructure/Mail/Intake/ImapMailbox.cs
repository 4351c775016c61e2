using MailKit;
using MailKit.Net.Imap;

namespace FoiTracker.Infrastructure.Mail.Intake;

/// <summary>A message waiting in the mailbox: its UID and the size the server reports.</summary>
public readonly record struct WaitingMessage(long Uid, long Size);

/// <summary>One IMAP folder, opened for one intake run (MailKit).</summary>
public sealed class ImapMailbox : IAsyncDisposable
{
    private readonly MailIntakeSettings _settings;
    private readonly ImapClient _client = new();
    private IMailFolder? _folder;

    private ImapMailbox(MailIntakeSettings settings) => _settings = settings;

    public long UidValidity => Folder.UidValidity;

    private IMailFolder Folder => _folder ?? throw new InvalidOperationException("The mailbox is not open.");

    public static async Task<ImapMailbox> OpenAsync(MailIntakeSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.Enabled)
            throw new InvalidOperationException($"Mail intake is off: set {MailIntakeSettings.Section}:Host.");
        var mailbox = new ImapMailbox(settings);
        try
        {
            await mailbox._client.ConnectAsync(settings.Host!, settings.Port, settings.Security, cancellationToken);
            await mailbox._client.AuthenticateAsync(settings.Username, settings.Password, cancellationToken);
            var folder = string.Equals(settings.Folder, "INBOX", StringComparison.OrdinalIgnoreCase)
                ? mailbox._client.Inbox
                : await mailbox._client.GetFolderAsync(settings.Folder, cancellationToken);
            await folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
            mailbox._folder = folder;
            return mailbox;
        }
        catch
        {
            await mailbox.DisposeAsync();
            throw;
        }
    }

    /// <summary>The messages with a UID above <paramref name="lastUid"/>, in UID order.</summary>
    public async Task<IReadOnlyList<WaitingMessage>> ListAfterAsync(long lastUid, CancellationToken cancellationToken)
    {
        if (Folder.Count == 0)
            return [];
        // "n:*" always names the newest message, even when its UID is below n: filtered below.
        var range = new UniqueIdRange(new UniqueId((uint)Math.Min(lastUid + 1, uint.MaxValue)), UniqueId.MaxValue);
        var summaries = await Folder.FetchAsync(range, new FetchRequest(MessageSummaryItems.UniqueId | MessageSummaryItems.Size), cancellationToken);
        return summaries
            .Where(summary => summary.UniqueId.Id > lastUid)
            .Select(summary => new WaitingMessage(summary.UniqueId.Id, summary.Size ?? 0))
            .OrderBy(message => message.Uid)
            .ToList();
    }

    /// <summary>The whole message, byte for byte.</summary>
    public Task<byte[]> GetRawAsync(long uid, CancellationToken cancellationToken) => ReadAsync(uid, null, cancellationToken);

    /// <summary>
    /// Several whole messages in one FETCH, which saves a round trip per message. A message the
    /// server did not return (expunged meanwhile) is missing from the answer.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, byte[]>> GetRawManyAsync(IReadOnlyList<long> uids, CancellationToken cancellationToken)
    {
        var found = new Dictionary<long, byte[]>();
        if (uids.Count == 0)
            return found;
        if (Folder is not ImapFolder folder)
        {
            foreach (var uid in uids)
                found[uid] = await GetRawAsync(uid, cancellationToken);
            return found;
        }

        await folder.GetStreamsAsync(
            uids.Select(uid => new UniqueId((uint)uid)).ToList(),
            async (_, _, uid, stream, token) =>
            {
                using var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer, token);
                found[uid.Id] = buffer.ToArray();
            },
            cancellationToken);
        return found;
    }

    /// <summary>Only the header block, for a message too large to download.</summary>
    public Task<byte[]> GetHeaderBlockAsync(long uid, CancellationToken cancellationToken) => ReadAsync(uid, "HEADER", cancellationToken);

    public Task MarkSeenAsync(IReadOnlyList<long> uids, CancellationToken cancellationToken) =>
        Folder.StoreAsync(uids.Select(uid => new UniqueId((uint)uid)).ToList(), new StoreFlagsRequest(StoreAction.Add, MessageFlags.Seen) { Silent = true }, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            try
            {
                await _client.DisconnectAsync(quit: true);
            }
            catch (Exception ex) when (ex is IOException or ImapProtocolException or ImapCommandException or OperationCanceledException)
            {
                // The server went away first; there is nothing left to close.
            }
        }

        _client.Dispose();
    }

    private async Task<byte[]> ReadAsync(long uid, string? section, CancellationToken cancellationToken)
    {
        var id = new UniqueId((uint)uid);
        await using var stream = section is null
            ? await Folder.GetStreamAsync(id, cancellationToken)
            : await Folder.GetStreamAsync(id, section, cancellationToken);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
