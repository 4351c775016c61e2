using FoiTracker.Domain.Common;
using FoiTracker.Domain.Jurisdictions;

namespace FoiTracker.Domain.Bodies;

/// <summary>
/// A public body that information requests are addressed to, with the route a complaint about its
/// answers takes: the body that hears the administrative complaint (GAC 178; LSG 62 for
/// municipalities) and the first-instance court.
/// </summary>
public sealed class PublicBody
{
    public PublicBody(
        PublicBodyKey key,
        JurisdictionCode jurisdiction,
        BodyKind kind,
        LocalizedText name,
        LocalizedText? address = null,
        Uri? website = null,
        FoiEmail? foiEmail = null,
        PublicBodyKey? parent = null,
        PublicBodyKey? complaintsTo = null,
        PublicBodyKey? court = null,
        string? complaintBasis = null,
        string? municipality = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (parent == key)
            throw new BusinessRuleViolationException("BodyCannotBeItsOwnParent", $"Body '{key}' cannot be its own parent.");
        if (court == key)
            throw new BusinessRuleViolationException("BodyCannotBeItsOwnCourt", $"Body '{key}' cannot be the court that hears claims against itself.");
        if (municipality is not null && !PublicBodyKey.TryCreate(municipality, out _))
            throw new ArgumentException("A municipality is written as a lower-case key, like 'gori'.", nameof(municipality));
        if (website is not null && !website.IsAbsoluteUri)
            throw new ArgumentException("A website must be an absolute address.", nameof(website));

        Key = key;
        Jurisdiction = jurisdiction;
        Kind = kind;
        Name = name;
        Address = address;
        Website = website;
        FoiEmail = foiEmail;
        Parent = parent;
        ComplaintsTo = complaintsTo;
        Court = court;
        ComplaintBasis = string.IsNullOrWhiteSpace(complaintBasis) ? null : complaintBasis.Trim();
        Municipality = municipality;
    }

    public PublicBodyKey Key { get; }

    public JurisdictionCode Jurisdiction { get; }

    public BodyKind Kind { get; }

    public LocalizedText Name { get; }

    public LocalizedText? Address { get; }

    public Uri? Website { get; }

    public FoiEmail? FoiEmail { get; }

    public PublicBodyKey? Parent { get; }

    /// <summary>The body that hears an administrative complaint; null where the law sends it straight to court (LSG 62(2)).</summary>
    public PublicBodyKey? ComplaintsTo { get; }

    /// <summary>The first-instance court for a claim against this body.</summary>
    public PublicBodyKey? Court { get; }

    /// <summary>Short citation for the complaint route, e.g. "LSG 62(1)".</summary>
    public string? ComplaintBasis { get; }

    /// <summary>The municipality a municipal body belongs to ("gori"); null for a national body. Statistics group by it.</summary>
    public string? Municipality { get; }

    /// <summary>Whether requests can be e-mailed to this body without a person checking the address first.</summary>
    public bool CanReceiveMail => FoiEmail is { Verified: true };

    /// <summary>Names in both languages, lower-cased, for substring search.</summary>
    public string SearchText =>
        string.Join(' ', Key.Value, Name.Ka, Name.En, Address?.Ka, Address?.En).ToLowerInvariant();
}
