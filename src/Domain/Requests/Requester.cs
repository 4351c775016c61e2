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
}
