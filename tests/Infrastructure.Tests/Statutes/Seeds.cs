using System.Globalization;
using FoiTracker.Infrastructure.Statutes;

namespace FoiTracker.Infrastructure.Tests.Statutes;

/// <summary>The repository's seeds folder as copied next to the test assembly, loaded once.</summary>
internal static class Seeds
{
    private static readonly Lazy<StatuteCatalog> LazyCatalog = new(() => StatuteCatalog.Load(Directory));

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "seeds");

    public static StatuteCatalog Catalog => LazyCatalog.Value;

    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A fresh copy of the seeds folder that a test may break.</summary>
    public static string CopyToTemp()
    {
        var target = Path.Combine(Path.GetTempPath(), "foitracker-seeds-" + Guid.NewGuid().ToString("N"));
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*.json", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(Directory, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }
}
