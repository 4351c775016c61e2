using System.Text.RegularExpressions;
using FoiTracker.Domain.Mail;

namespace FoiTracker.Application.Mail;

/// <summary>A request an incoming message belongs to, and the evidence.</summary>
public sealed record RequestMatch(Guid RequestId, string Method, string? Evidence);

/// <summary>
/// Finds the requests a message belongs to, most certain evidence first: our reply addresses among
/// its recipients (each one counts, so a message to two requests is filed under both), then the
/// Message-ID a bounce returns, then In-Reply-To and References naming a mail we sent, then a
/// request number in the subject. The first kind of evidence that finds anything decides.
/// </summary>
public sealed partial class InboundMatcher(ReplyAddressCodec codec, IInboundMailStore store)
{
    public async Task<IReadOnlyList<RequestMatch>> MatchAsync(ParsedMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var byAddress = await MatchAddressesAsync(mail.Recipients, cancellationToken);
        if (byAddress.Count > 0)
            return byAddress;

        if (mail.Report?.OriginalMessageId is { } returned && await store.FindRequestOfSentMailAsync(returned, cancellationToken) is { } bounced)
            return [new RequestMatch(bounced, MatchMethod.BouncedMessageId, returned)];

        if (mail.InReplyTo is { } inReplyTo && await store.FindRequestOfSentMailAsync(inReplyTo, cancellationToken) is { } replied)
            return [new RequestMatch(replied, MatchMethod.InReplyTo, inReplyTo)];

        // The newest reference is the last one; the first that is ours decides.
        foreach (var reference in mail.References.Reverse())
        {
            if (await store.FindRequestOfSentMailAsync(reference, cancellationToken) is { } referenced)
                return [new RequestMatch(referenced, MatchMethod.References, reference)];
        }

        var found = new List<RequestMatch>();
        foreach (var number in NumbersIn(mail.Subject))
        {
            if (await store.FindRequestIdAsync(number, cancellationToken) is { } id && found.TrueForAll(match => match.RequestId != id))
                found.Add(new RequestMatch(id, MatchMethod.SubjectNumber, number));
        }

        return found;
    }

    /// <summary>Request numbers written in a subject, e.g. "Re: your request 2026-000042".</summary>
    public static IReadOnlyList<string> NumbersIn(string? subject) =>
        subject is null ? [] : NumberPattern().Matches(subject).Select(match => match.Value).Distinct(StringComparer.Ordinal).ToList();

    private async Task<IReadOnlyList<RequestMatch>> MatchAddressesAsync(IReadOnlyList<string> recipients, CancellationToken cancellationToken)
    {
        // One entry per request number; an exact address beats a retyped one for the same request.
        var numbers = new Dictionary<string, (ReplyAddressMatchKind Kind, string Address)>(StringComparer.Ordinal);
        foreach (var address in recipients)
        {
            if (codec.Match(address) is not { } match)
                continue;
            if (!numbers.TryGetValue(match.Number.Value, out var seen) || (seen.Kind == ReplyAddressMatchKind.Retyped && match.Kind == ReplyAddressMatchKind.Exact))
                numbers[match.Number.Value] = (match.Kind, address.Trim());
        }

        var found = new List<RequestMatch>();
        foreach (var (number, (kind, address)) in numbers.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (await store.FindRequestIdAsync(number, cancellationToken) is { } id)
                found.Add(new RequestMatch(id, kind == ReplyAddressMatchKind.Exact ? MatchMethod.AddressExact : MatchMethod.AddressRetyped, address));
        }

        return found;
    }

    [GeneratedRegex(@"(?<![0-9])[0-9]{4}-[0-9]{6,9}(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
