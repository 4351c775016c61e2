using FoiTracker.Domain.Common;

namespace FoiTracker.Domain.Jurisdictions;

/// <summary>
/// A legal order whose freedom-of-information law applies to a set of public bodies.
/// Its statute (e.g. "ge-gac") fixes deadlines; its time zone turns instants into legal dates.
/// </summary>
public sealed class Jurisdiction
{
    public Jurisdiction(JurisdictionCode code, LocalizedText name, string statuteId, string timeZone)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(statuteId);
        ArgumentException.ThrowIfNullOrWhiteSpace(timeZone);
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
            throw new ArgumentException($"'{timeZone}' is not a known IANA time zone.", nameof(timeZone));
        Code = code;
        Name = name;
        StatuteId = statuteId;
        TimeZone = timeZone;
    }

    public JurisdictionCode Code { get; }

    public LocalizedText Name { get; }

    /// <summary>Identifier of the statute requests to this jurisdiction's bodies run under.</summary>
    public string StatuteId { get; }

    /// <summary>IANA time zone in which legal dates are counted (Asia/Tbilisi for Georgia).</summary>
    public string TimeZone { get; }

    /// <summary>The legal (local) date of an instant in this jurisdiction.</summary>
    public DateOnly LegalDateOf(DateTimeOffset instant)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
    }
}
