using System.Net.Mail;

namespace FoiTracker.Domain.Common;

/// <summary>A syntactically valid e-mail address, kept as typed but compared without case.</summary>
public readonly record struct EmailAddress
{
    private EmailAddress(string value) => Value = value;

    public string Value { get; }

    public static bool TryCreate(string? candidate, out EmailAddress address)
    {
        address = default;
        if (string.IsNullOrWhiteSpace(candidate) || candidate.Length > 254)
            return false;
        var trimmed = candidate.Trim();
        if (!MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed || !trimmed.Contains('@', StringComparison.Ordinal))
            return false;
        address = new EmailAddress(trimmed);
        return true;
    }

    public static EmailAddress Create(string candidate) =>
        TryCreate(candidate, out var address)
            ? address
            : throw new ArgumentException($"'{candidate}' is not a valid e-mail address.", nameof(candidate));

    /// <summary>The form used for lookups: domain and local part lower-cased.</summary>
    public string Normalized => Value.ToLowerInvariant();

    public override string ToString() => Value;
}
