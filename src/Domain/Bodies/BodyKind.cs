namespace FoiTracker.Domain.Bodies;

/// <summary>What kind of institution a body is; the complaint route depends on it (LSG 62 for municipalities).</summary>
public enum BodyKind
{
    CityHall,
    Mayor,
    MunicipalCouncil,
    StateRepresentative,
    Court,
    Parliament,
    Government,
    Ministry,
    Agency,
    Other,
}

public static class BodyKindNames
{
    private static readonly Dictionary<BodyKind, string> Names = new()
    {
        [BodyKind.CityHall] = "city_hall",
        [BodyKind.Mayor] = "mayor",
        [BodyKind.MunicipalCouncil] = "municipal_council",
        [BodyKind.StateRepresentative] = "state_representative",
        [BodyKind.Court] = "court",
        [BodyKind.Parliament] = "parliament",
        [BodyKind.Government] = "government",
        [BodyKind.Ministry] = "ministry",
        [BodyKind.Agency] = "agency",
        [BodyKind.Other] = "other",
    };

    private static readonly Dictionary<string, BodyKind> ByName =
        Names.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> All => ByName.Keys;

    /// <summary>The snake_case name used in seeds, storage and the API.</summary>
    public static string ToName(this BodyKind kind) => Names[kind];

    public static bool TryParse(string? name, out BodyKind kind) =>
        ByName.TryGetValue(name ?? string.Empty, out kind);
}
