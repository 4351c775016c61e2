using System.Text.RegularExpressions;

namespace FoiTracker.Domain.Bodies;

/// <summary>
/// A public body's stable key ("ge-gori-city-hall"): lower-case ASCII letters, digits and hyphens.
/// Keys never change once published, because letters, statistics and links cite them.
/// </summary>
public readonly partial record struct PublicBodyKey
{
    public const int MaxLength = 80;

    private PublicBodyKey(string value) => Value = value;

    public string Value { get; }

    public static bool TryCreate(string? candidate, out PublicBodyKey key)
    {
        key = default;
        if (candidate is null || candidate.Length > MaxLength || !Pattern().IsMatch(candidate))
            return false;
        key = new PublicBodyKey(candidate);
        return true;
    }

    public static PublicBodyKey Create(string candidate) =>
        TryCreate(candidate, out var key)
            ? key
            : throw new ArgumentException(
                $"'{candidate}' is not a body key: use lower-case letters, digits and single hyphens, at most {MaxLength} characters.",
                nameof(candidate));

    public override string ToString() => Value;

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Pattern();
}
