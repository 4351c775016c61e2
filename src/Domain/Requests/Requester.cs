using FoiTracker.Domain.Common;

namespace FoiTracker.Domain.Requests;

/// <summary>
/// Who asks. GAC 37 gives the right to everyone and asks no reason; a postal or e-mail address is
/// needed so that the answer can reach the requester.
/// </summary>
public sealed record Requester
{
    public Requester(string name, EmailAddress? email, string? address)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (email is null && string.IsNullOrWhiteSpace(address))
            throw new ArgumentException("A requester needs an e-mail or a postal address to receive the answer.", nameof(address));
        Name = name.Trim();
        Email = email;
        Address = string.IsNullOrWhiteSpace(address) ? null : address.Trim();
    }

    public string Name { get; }

    public EmailAddress? Email { get; }

    public string? Address { get; }

    /// <summary>
    /// The text with this requester's e-mail and postal address taken out, for what others may read
    /// (the public timeline). The whole address goes, and each of its lines that carries a number (a
    /// street and house, a post code); a bare town name stays, as it also names public bodies.
    /// </summary>
    public string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return text;
        if (Email is { } email)
            text = text.Replace(email.Value, "[the requester's e-mail]", StringComparison.OrdinalIgnoreCase);
        if (Address is { } address)
        {
            text = text.Replace(address, "[the requester's address]", StringComparison.OrdinalIgnoreCase);
            foreach (var line in address.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (line.Length >= 6 && line.Any(char.IsDigit))
                    text = text.Replace(line, "[the requester's address]", StringComparison.OrdinalIgnoreCase);
            }
        }

        return text;
    }
}
