using FoiTracker.Domain.Bodies;
using FoiTracker.Domain.Jurisdictions;

namespace FoiTracker.Application.Seeds;

/// <summary>The reference data shipped in <c>seeds/</c>, read and checked as a whole.</summary>
public sealed record SeedSet(IReadOnlyList<Jurisdiction> Jurisdictions, IReadOnlyList<PublicBody> Bodies);

public interface ISeedSource
{
    /// <summary>
    /// Reads every seed file. A file that cannot be used throws <see cref="SeedException"/> naming
    /// the file, the entry and the field, so nothing half-read is ever written.
    /// </summary>
    Task<SeedSet> ReadAsync(CancellationToken cancellationToken);
}

public sealed class SeedException : Exception
{
    public SeedException(string file, string? entry, string? field, string problem)
        : base(Describe(file, entry, field, problem))
    {
        File = file;
        Entry = entry;
        Field = field;
    }

    public SeedException()
        : base("A seed file is broken.")
    {
        File = string.Empty;
    }

    public SeedException(string message)
        : base(message)
    {
        File = string.Empty;
    }

    public SeedException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = string.Empty;
    }

    public string File { get; }

    public string? Entry { get; }

    public string? Field { get; }

    private static string Describe(string file, string? entry, string? field, string problem)
    {
        var where = file;
        if (entry is not null)
            where += $", entry '{entry}'";
        if (field is not null)
            where += $", field '{field}'";
        return $"Seed {where}: {problem}";
    }
}
