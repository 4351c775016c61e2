using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using FoiTracker.Application.Statutes;
using FoiTracker.Domain.Calendars;
using FoiTracker.Domain.Statutes;

namespace FoiTracker.Infrastructure.Statutes;

/// <summary>
/// The statutes and calendars from a seeds folder (<c>calendars/*.json</c>, <c>statutes/*.json</c>),
/// validated as a whole when loaded: a broken file stops the start with a <see cref="SeedFileException"/>
/// naming the file, the entry and the field, rather than surfacing later as a wrong deadline.
/// </summary>
public sealed class StatuteCatalog : IStatuteCatalog
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    private readonly Dictionary<string, Statute> _statutes;
    private readonly Dictionary<string, HolidayCalendar> _calendars;
    private readonly Dictionary<(string Id, int Version), Statute> _archived = [];

    public StatuteCatalog(IEnumerable<HolidayCalendar> calendars, IEnumerable<Statute> statutes, IEnumerable<Statute>? archived = null)
    {
        ArgumentNullException.ThrowIfNull(calendars);
        ArgumentNullException.ThrowIfNull(statutes);
        _calendars = calendars.ToDictionary(c => c.Id.Value, StringComparer.Ordinal);
        _statutes = statutes.ToDictionary(s => s.Id.Value, StringComparer.Ordinal);
        foreach (var statute in _statutes.Values)
        {
            if (!_calendars.ContainsKey(statute.CalendarId.Value))
                throw new ArgumentException($"Statute '{statute.Id}' counts on calendar '{statute.CalendarId}', which is not in the catalog.", nameof(statutes));
        }

        foreach (var statute in archived ?? [])
        {
            if (_statutes.TryGetValue(statute.Id.Value, out var current) && statute.Version >= current.Version)
                throw new ArgumentException($"Archived statute '{statute.Id}' v{statute.Version} is not older than the current v{current.Version}.", nameof(archived));
            if (!_archived.TryAdd((statute.Id.Value, statute.Version), statute))
                throw new ArgumentException($"Statute '{statute.Id}' v{statute.Version} is archived twice.", nameof(archived));
        }

        StatuteIds = [.. _statutes.Values.Select(s => s.Id).OrderBy(id => id.Value, StringComparer.Ordinal)];
        CalendarIds = [.. _calendars.Values.Select(c => c.Id).OrderBy(id => id.Value, StringComparer.Ordinal)];
    }

    public IReadOnlyList<StatuteId> StatuteIds { get; }

    public IReadOnlyList<CalendarId> CalendarIds { get; }

    /// <summary>Loads and validates every calendar and statute under <paramref name="seedsDirectory"/>.</summary>
    public static StatuteCatalog Load(string seedsDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(seedsDirectory);
        if (!Directory.Exists(seedsDirectory))
            throw new DirectoryNotFoundException($"Seeds folder '{seedsDirectory}' does not exist.");

        var calendars = new Dictionary<string, HolidayCalendar>(StringComparer.Ordinal);
        foreach (var path in FilesIn(seedsDirectory, "calendars"))
        {
            var (root, id) = Open(seedsDirectory, path);
            calendars.Add(id, CalendarSeedReader.Read(root, id));
        }

        var statutes = new List<Statute>();
        foreach (var path in FilesIn(seedsDirectory, "statutes"))
        {
            var (root, id) = Open(seedsDirectory, path);
            statutes.Add(StatuteSeedReader.Read(root, id, calendars));
        }

        // Earlier versions stay loadable (statutes/archive/<id>.v<N>.json), so requests pinned to
        // them keep running under the rules they started with after the current file changes.
        var archived = new List<Statute>();
        foreach (var path in FilesIn(seedsDirectory, Path.Combine("statutes", "archive")))
        {
            var (root, name) = Open(seedsDirectory, path);
            var marker = name.LastIndexOf(".v", StringComparison.Ordinal);
            if (marker <= 0 || !int.TryParse(name[(marker + 2)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version))
                throw new SeedFileException(Path.GetRelativePath(seedsDirectory, path), "(file)", "(name)", "an archived statute is named <id>.v<version>.json");
            var statute = StatuteSeedReader.Read(root, name[..marker], calendars);
            if (statute.Version != version)
                throw new SeedFileException(Path.GetRelativePath(seedsDirectory, path), statute.Id.Value, "version", $"{statute.Version} differs from the file name's v{version}");
            archived.Add(statute);
        }

        return new StatuteCatalog(calendars.Values, statutes, archived);
    }

    public bool TryGetStatute(string id, int version, [NotNullWhen(true)] out Statute? statute)
    {
        if (TryGetStatute(id, out statute) && statute.Version == version)
            return true;
        return _archived.TryGetValue((id ?? string.Empty, version), out statute);
    }

    public bool TryGetStatute(string id, [NotNullWhen(true)] out Statute? statute) =>
        _statutes.TryGetValue(id ?? string.Empty, out statute);

    public bool TryGetCalendar(string id, [NotNullWhen(true)] out HolidayCalendar? calendar) =>
        _calendars.TryGetValue(id ?? string.Empty, out calendar);

    public Statute GetStatute(string id) =>
        TryGetStatute(id, out var statute)
            ? statute
            : throw new KeyNotFoundException($"No statute '{id}'. Known statutes: {string.Join(", ", StatuteIds)}.");

    public HolidayCalendar GetCalendar(string id) =>
        TryGetCalendar(id, out var calendar)
            ? calendar
            : throw new KeyNotFoundException($"No calendar '{id}'. Known calendars: {string.Join(", ", CalendarIds)}.");

    public HolidayCalendar CalendarOf(Statute statute)
    {
        ArgumentNullException.ThrowIfNull(statute);
        return GetCalendar(statute.CalendarId.Value);
    }

    private static IEnumerable<string> FilesIn(string seedsDirectory, string folder)
    {
        var directory = Path.Combine(seedsDirectory, folder);
        return Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal)
            : [];
    }

    private static (SeedObject Root, string Id) Open(string seedsDirectory, string path)
    {
        var relative = Path.GetRelativePath(seedsDirectory, path).Replace('\\', '/');
        var id = Path.GetFileNameWithoutExtension(path);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path), DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new SeedFileException(relative, "(root)", "(json)", $"not valid JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}: {ex.Message}", ex);
        }

        // Clone the root so it stays valid after the document returns its pooled buffers.
        using (document)
            return (SeedObject.Root(document.RootElement.Clone(), relative), id);
    }
}
