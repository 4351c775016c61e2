using FoiTracker.Domain.Calendars;
using FoiTracker.Domain.Jurisdictions;

namespace FoiTracker.Domain.Statutes;

/// <summary>
/// A freedom-of-information law as versioned data: its names and citation, the calendar its working
/// days are counted on, the time zone that turns instants into legal dates, and its named deadlines.
/// </summary>
public sealed class Statute
{
    private readonly Dictionary<string, DeadlineRule> _deadlines;

    public Statute(
        StatuteId id,
        int version,
        MultilingualName name,
        string citation,
        JurisdictionCode jurisdiction,
        CalendarId calendarId,
        string timeZone,
        IEnumerable<DeadlineRule> deadlines,
        string? localLanguage = null,
        string? note = null,
        Workflows.WorkflowDefinition? workflow = null)
    {
        if (id.Value is null)
            throw new ArgumentException("A statute needs an id.", nameof(id));
        if (jurisdiction.Value is null)
            throw new ArgumentException("A statute needs a jurisdiction.", nameof(jurisdiction));
        if (calendarId.Value is null)
            throw new ArgumentException("A statute needs a calendar.", nameof(calendarId));
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(citation);
        ArgumentException.ThrowIfNullOrWhiteSpace(timeZone);
        ArgumentNullException.ThrowIfNull(deadlines);
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
            throw new ArgumentException($"'{timeZone}' is not a known IANA time zone.", nameof(timeZone));

        _deadlines = new Dictionary<string, DeadlineRule>(StringComparer.Ordinal);
        foreach (var deadline in deadlines)
        {
            if (!_deadlines.TryAdd(deadline.Key, deadline))
                throw new ArgumentException($"Statute '{id}' has two deadlines with the key '{deadline.Key}'.", nameof(deadlines));
        }

        if (_deadlines.Count == 0)
            throw new ArgumentException($"Statute '{id}' has no deadline.", nameof(deadlines));

        Id = id;
        Version = version;
        Name = name;
        Citation = citation.Trim();
        Jurisdiction = jurisdiction;
        Workflow = workflow;
        CalendarId = calendarId;
        TimeZone = timeZone;
        LocalLanguage = string.IsNullOrWhiteSpace(localLanguage) ? null : localLanguage.Trim();
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        DeadlineKeys = [.. _deadlines.Keys.Order(StringComparer.Ordinal)];
    }

    public StatuteId Id { get; }

    public int Version { get; }

    public MultilingualName Name { get; }

    public string Citation { get; }

    public JurisdictionCode Jurisdiction { get; }

    /// <summary>The request lifecycle this statute prescribes; null for a statute known only for its deadlines.</summary>
    public Workflows.WorkflowDefinition? Workflow { get; }

    public CalendarId CalendarId { get; }

    /// <summary>IANA time zone of the legal dates ("Asia/Tbilisi").</summary>
    public string TimeZone { get; }

    public string? LocalLanguage { get; }

    public string? Note { get; }

    /// <summary>The deadline keys, in ordinal order.</summary>
    public IReadOnlyList<string> DeadlineKeys { get; }

    public IReadOnlyCollection<DeadlineRule> Deadlines => _deadlines.Values;

    public bool TryGetDeadline(string key, out DeadlineRule deadline) =>
        _deadlines.TryGetValue(key, out deadline!);

    /// <summary>The deadline with this key. An unknown key is a lookup miss (404 at the API), not a broken rule.</summary>
    public DeadlineRule Deadline(string key) =>
        TryGetDeadline(key, out var deadline)
            ? deadline
            : throw new KeyNotFoundException(
                $"Statute '{Id}' has no deadline '{key}'. Known deadlines: {string.Join(", ", DeadlineKeys)}.");

    /// <summary>The legal date of an instant in the statute's time zone (a request e-mailed at 23:30 UTC is dated the next day in Tbilisi).</summary>
    public DateOnly LegalDateOf(DateTimeOffset instant)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
    }

    public override string ToString() => $"{Id} v{Version}";
}
