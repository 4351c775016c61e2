namespace FoiTracker.Tests.Support;

/// <summary>
/// The repository's seeds plus one body that only tests know: a city hall with a verified FOI
/// address and the source it was checked at. The shipped seeds mark no address verified until a
/// source is recorded for it, so tests that follow a letter into the mail use this body instead of
/// pretending a real one was checked.
/// </summary>
public static class TestSeeds
{
    /// <summary>A Georgian city hall whose address is verified; complaints go to the Mayor of Gori (LSG 62(1)), claims to the Gori court.</summary>
    public const string VerifiedCityHall = "test-verified-city-hall";

    public const string VerifiedCityHallAddress = "foi@city-hall.example.ge";

    public const string VerifiedCityHallName = "Test City Hall";

    private const string BodyFile = $$"""
        {
          "version": 1,
          "bodies": [
            {
              "key": "{{VerifiedCityHall}}",
              "jurisdiction": "ge",
              "kind": "city_hall",
              "name": { "ka": "სატესტო მერია", "en": "{{VerifiedCityHallName}}" },
              "address": { "ka": "სატესტო ქუჩა 1", "en": "1 Test Street" },
              "website": "https://city-hall.example.ge",
              "foiEmail": "{{VerifiedCityHallAddress}}",
              "foiEmailVerified": true,
              "source": { "url": "https://city-hall.example.ge/contact", "date": "2026-01-15" },
              "complaintsTo": "ge-gori-mayor",
              "court": "ge-gori-district-court",
              "complaintBasis": "LSG 62(1)"
            }
          ]
        }
        """;

    private static readonly Lazy<string> Folder = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The folder, made once per test run beside the test binaries.</summary>
    public static string Directory => Folder.Value;

    /// <summary>The repository's own seeds folder, found by walking up from the test binaries.</summary>
    public static string RepositorySeeds
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "FoiTracker.sln")))
                    return Path.Combine(directory.FullName, "seeds");
            }

            throw new DirectoryNotFoundException("Cannot find the repository root (FoiTracker.sln) above the test binaries.");
        }
    }

    private static string Create()
    {
        var target = Path.Combine(AppContext.BaseDirectory, "test-seeds");
        if (System.IO.Directory.Exists(target))
            System.IO.Directory.Delete(target, recursive: true);
        var source = RepositorySeeds;
        foreach (var file in System.IO.Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        File.WriteAllText(Path.Combine(target, "bodies", "test-bodies.json"), BodyFile);
        return target;
    }
}
