using FoiTracker.Domain.Bodies;
using FoiTracker.Domain.Calendars;

namespace FoiTracker.Domain.Statutes;

/// <summary>
/// Where a deadline counts from the body's registration of the request instead of from its sending,
/// and for which requests: Georgian Government Resolution 219/2013, Art 4(3) starts the clock of an
/// electronic request to a central body on the next working day after its registration number is issued.
/// </summary>
public sealed record RegistrationStart
{
    private readonly HashSet<BodyKind> _bodyKinds;

    public RegistrationStart(DeadlineStart start, IEnumerable<BodyKind> bodyKinds, bool electronicOnly, string citation, MultilingualName? explanation = null)
    {
        ArgumentNullException.ThrowIfNull(bodyKinds);
        ArgumentException.ThrowIfNullOrWhiteSpace(citation);
        if (!Enum.IsDefined(start))
            throw new ArgumentOutOfRangeException(nameof(start), start, "Unknown deadline start rule.");
        _bodyKinds = [.. bodyKinds];
        if (_bodyKinds.Count == 0)
            throw new ArgumentException("A registration start names the kinds of body it applies to.", nameof(bodyKinds));
        Start = start;
        ElectronicOnly = electronicOnly;
        Citation = citation.Trim();
        Explanation = explanation;
    }

    /// <summary>The first day of the period, counted from the registration date.</summary>
    public DeadlineStart Start { get; }

    /// <summary>The kinds of body the rule binds (the central ones, for Resolution 219/2013).</summary>
    public IReadOnlyCollection<BodyKind> BodyKinds => _bodyKinds;

    /// <summary>Whether only a request sent electronically counts from its registration.</summary>
    public bool ElectronicOnly { get; }

    public string Citation { get; }

    public MultilingualName? Explanation { get; }

    /// <summary>Whether a request to a body of <paramref name="bodyKind"/>, sent electronically or not, counts from its registration.</summary>
    public bool AppliesTo(BodyKind bodyKind, bool sentElectronically) =>
        _bodyKinds.Contains(bodyKind) && (sentElectronically || !ElectronicOnly);
}
