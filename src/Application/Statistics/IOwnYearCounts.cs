namespace FoiTracker.Application.Statistics;

/// <summary>
/// What the service's own records show for one body's requests sent in a calendar year, as known on
/// an as-of date, in the terms a GAC Art 49 annual report uses.
/// </summary>
/// <param name="Sent">Requests sent to the body in the year.</param>
/// <param name="NoReply">Due on or before the as-of date with no substantive answer (not withdrawn).</param>
/// <param name="Pending">Not yet due and not answered.</param>
/// <param name="Complaints">Administrative complaints filed against the body's answer or silence.</param>
public sealed record OwnYearCounts(
    int Sent, int Complete, int Partial, int Refused, int NotHeld, int Forwarded, int NoReply, int Pending, int Withdrawn,
    int Complaints, int CourtClaims);

public interface IOwnYearCounts
{
    /// <summary>The version of the definitions behind the counts.</summary>
    string MethodologyVersion { get; }

    Task<OwnYearCounts> ForBodyAsync(string bodyKey, int year, DateOnly asOf, CancellationToken cancellationToken);
}
