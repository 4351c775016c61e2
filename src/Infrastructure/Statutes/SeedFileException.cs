namespace FoiTracker.Infrastructure.Statutes;

/// <summary>A seed file that cannot be loaded: which file, which entry in it, which field, and what is wrong.</summary>
public sealed class SeedFileException : Exception
{
    public SeedFileException(string file, string entry, string field, string problem, Exception? innerException = null)
        : base($"{file}: {entry}: field '{field}': {problem}", innerException)
    {
        File = file;
        Entry = entry;
        Field = field;
        Problem = problem;
    }

    public SeedFileException()
        : this("(unknown file)", "(root)", "(none)", "the seed file could not be loaded")
    {
    }

    public SeedFileException(string message)
        : this("(unknown file)", "(root)", "(none)", message)
    {
    }

    public SeedFileException(string message, Exception innerException)
        : this("(unknown file)", "(root)", "(none)", message, innerException)
    {
    }

    /// <summary>Path of the file relative to the seeds folder ("statutes/ge-gac.json").</summary>
    public string File { get; }

    /// <summary>The entry in the file: "(root)", "holidays[3] 'good-friday'", "deadlines.response".</summary>
    public string Entry { get; }

    /// <summary>The field in the entry: "unit", "rule.month", "name.ka".</summary>
    public string Field { get; }

    public string Problem { get; }
}
