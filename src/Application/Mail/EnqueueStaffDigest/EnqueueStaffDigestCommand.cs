using System.Globalization;
using System.Text;
using Mediator;
using Microsoft.Extensions.Logging;

namespace FoiTracker.Application.Mail.EnqueueStaffDigest;

/// <summary>
/// Writes the day's digest for staff: the requests that became overdue, and the other staff notices
/// (a complaint or court window closing), handed over since the previous digest. One per day: the
/// day is its dedup key, so two nodes or a restart never write two. Nothing to report, no mail.
/// </summary>
/// <param name="Day">The local date the digest is for.</param>
/// <param name="To">The recipients; empty for the e-mail addresses of staff and admin accounts.</param>
public sealed record EnqueueStaffDigestCommand(DateOnly Day, IReadOnlyList<string> To) : ICommand<DigestResult>;

public sealed record DigestResult(bool Written, int Notices);

public sealed class EnqueueStaffDigestHandler(IOutgoingMailStore mails, TimeProvider clock, ILogger<EnqueueStaffDigestHandler> logger)
    : ICommandHandler<EnqueueStaffDigestCommand, DigestResult>
{
    public static string DedupKeyFor(DateOnly day) => string.Create(CultureInfo.InvariantCulture, $"digest:{day:yyyy-MM-dd}");

    public async ValueTask<DigestResult> Handle(EnqueueStaffDigestCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var since = await mails.LastDigestAtAsync(cancellationToken) ?? now.AddDays(-1);
        var notices = await mails.StaffNoticesAsync(since, now, cancellationToken);
        if (notices.Count == 0)
            return new DigestResult(false, 0);

        var to = command.To.Count > 0 ? command.To : await mails.StaffAddressesAsync(cancellationToken);
        if (to.Count == 0)
        {
            logger.LogWarning("The staff digest for {Day} has {Count} notice(s) but nobody to go to: set Mail:Digest:To or create a staff account", command.Day, notices.Count);
            return new DigestResult(false, notices.Count);
        }

        var written = await mails.EnqueueAsync(
            new NewOutgoingMail(
                DedupKeyFor(command.Day), null, MailKinds.Digest, string.Join(", ", to),
                null, string.Create(CultureInfo.InvariantCulture, $"FoiTracker daily digest {command.Day:yyyy-MM-dd}: {notices.Count} notice(s)"),
                Text(command.Day, notices), "en", [], now),
            cancellationToken);
        return new DigestResult(written, notices.Count);
    }

    /// <summary>The digest's text: the requests that became overdue first, then the other notices, each under its kind.</summary>
    public static string Text(DateOnly day, IReadOnlyList<StaffNotice> notices)
    {
        ArgumentNullException.ThrowIfNull(notices);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"ყოველდღიური მიმოხილვა / Daily digest, {day:yyyy-MM-dd}\n");
        var groups = notices
            .GroupBy(notice => notice.Name, StringComparer.Ordinal)
            .OrderBy(group => group.Key == "became_overdue" ? 0 : 1)
            .ThenBy(group => group.Key, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n{Describe(group.Key)} ({group.Count()}):\n");
            foreach (var notice in group.OrderBy(notice => notice.Number, StringComparer.Ordinal))
                text.Append(CultureInfo.InvariantCulture, $"- {notice.Number} {notice.BodyKey}: {notice.Subject} (/api/requests/{notice.RequestId})\n");
        }

        text.Append("\nThe staff queue: /api/requests?overdue=true\n");
        return text.ToString();
    }

    private static string Describe(string name) => name switch
    {
        "became_overdue" => "Became overdue",
        _ => char.ToUpperInvariant(name[0]) + name[1..].Replace('_', ' '),
    };
}
