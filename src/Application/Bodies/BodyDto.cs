namespace FoiTracker.Application.Bodies;

public sealed record LocalizedDto(string Ka, string En);

/// <summary>A public body as the API shows it.</summary>
public sealed record BodyDto(
    string Key,
    string Jurisdiction,
    string Kind,
    LocalizedDto Name,
    LocalizedDto? Address,
    string? Website,
    string? FoiEmail,
    bool FoiEmailVerified,
    string? Parent,
    string? ComplaintsTo,
    string? Court,
    string? ComplaintBasis,
    string? Municipality = null);
